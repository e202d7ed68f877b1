import { describe, expect, it } from 'vitest';
import { extractQuotes, type KnownSpeaker } from '../../src/extraction/index.js';
import { quoteStartingWith } from '../support/extraction.js';

// Linking an article's speakers to registry candidates.

const person = (id: string, name: string, aliases: string[] = []): KnownSpeaker => ({
  id,
  name,
  kind: 'person',
  aliases,
  role: null,
  affiliation: null,
});

describe('registry linking', () => {
  const text = '"The port stays open," said Lucia Nakagawa. "We have the money," Nakagawa added.';

  it('does not take a person named in full for another with the same surname', () => {
    const result = extractQuotes(text, { registry: [person('ken', 'Ken Nakagawa', ['Nakagawa'])] });
    expect(quoteStartingWith(result, 'The port').speaker).toMatchObject({ name: 'Lucia Nakagawa', registryId: null });
    expect(quoteStartingWith(result, 'We have').speaker?.registryId).toBeNull();
  });

  it('links a person named in full to the registered full name, before any namesake', () => {
    const result = extractQuotes(text, {
      registry: [person('ken', 'Ken Nakagawa', ['Nakagawa']), person('lucia', 'Lucia Nakagawa')],
    });
    expect(quoteStartingWith(result, 'The port').speaker?.registryId).toBe('lucia');
    expect(quoteStartingWith(result, 'We have').speaker?.registryId).toBe('lucia');
  });

  it('links a longer form of a registered first name by surname', () => {
    const result = extractQuotes(text, { registry: [person('lu', 'Lu Nakagawa')] });
    expect(quoteStartingWith(result, 'The port').speaker).toMatchObject({ name: 'Lu Nakagawa', registryId: 'lu' });
  });

  it('links a person named by surname alone to the registered alias', () => {
    const result = extractQuotes('"We have the money," Nakagawa said.', {
      registry: [person('ken', 'Ken Nakagawa', ['Nakagawa'])],
    });
    expect(quoteStartingWith(result, 'We have').speaker?.registryId).toBe('ken');
  });
});
