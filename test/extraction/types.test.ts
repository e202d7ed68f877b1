import { describe, expect, expectTypeOf, it } from 'vitest';
import { QUOTE_KINDS, SPEAKER_KINDS, type QuoteKind, type SpeakerKind } from '../../src/extraction/types.js';
import * as enums from '../../src/generated/prisma/enums.js';
import { QuoteKindSchema, SpeakerKindSchema } from '../../src/http/schemas.js';

// The kinds are defined once, in the engine's types; the database's enums and the
// HTTP schemas must say the same.

describe('quote and speaker kinds', () => {
  it('are the database enums, value for value', () => {
    expect([...SPEAKER_KINDS].sort()).toEqual(Object.values(enums.SpeakerKind).sort());
    expect([...QUOTE_KINDS].sort()).toEqual(Object.values(enums.QuoteKind).sort());
    expectTypeOf<SpeakerKind>().toEqualTypeOf<enums.SpeakerKind>();
    expectTypeOf<QuoteKind>().toEqualTypeOf<enums.QuoteKind>();
  });

  it('are what the HTTP schemas accept', () => {
    expect(SpeakerKindSchema.options).toEqual([...SPEAKER_KINDS]);
    expect(QuoteKindSchema.options).toEqual([...QUOTE_KINDS]);
    expect(SpeakerKindSchema.safeParse('robot').success).toBe(false);
  });
});
