import { z } from 'zod';
import { AttributionStatusSchema, QuoteKindSchema, storableText, Uuid } from '../http/schemas.js';

const by = storableText(200).trim().min(1).describe('Who makes the change (a name or handle).');
const reason = storableText(2000).trim().min(1).describe('Why: the evidence for the change.');
const offset = z.number().int().min(0).max(2147483647);

export const CorrectQuoteBody = z
  .strictObject({
    speaker: Uuid.optional().describe('Id of the speaker who really said it.'),
    status: z.enum(['confirmed', 'rejected']).optional().describe('Confirm the attribution, or reject it.'),
    start: offset.optional().describe("New UTF-16 offset of the quote's first character in the article body."),
    end: offset.optional().describe('New UTF-16 offset just past its last character; given with `start`.'),
    by,
    reason,
  })
  .refine((b) => b.speaker !== undefined || b.status !== undefined || b.start !== undefined, {
    message: 'give a speaker, a status, a span (start and end), or several',
    path: ['speaker'],
  })
  .refine((b) => !(b.speaker !== undefined && b.status === 'rejected'), {
    message: 'a new speaker confirms the attribution; it cannot also be rejected',
    path: ['status'],
  })
  .refine((b) => (b.start === undefined) === (b.end === undefined), {
    message: 'a span needs both start and end',
    path: ['end'],
  })
  .refine((b) => b.start === undefined || b.end === undefined || b.start < b.end, {
    message: 'must be greater than start',
    path: ['end'],
  })
  .meta({
    description:
      'A speaker, a status, a span (start and end together), or several; a new speaker cannot come with status rejected.',
    anyOf: [{ required: ['speaker'] }, { required: ['status'] }, { required: ['start', 'end'] }],
    not: { required: ['speaker', 'status'], properties: { speaker: true, status: { const: 'rejected' } } },
    dependentRequired: { start: ['end'], end: ['start'] },
  });

export type CorrectQuote = z.output<typeof CorrectQuoteBody>;

export const AddQuoteBody = z
  .strictObject({
    start: offset.describe("UTF-16 offset of the quote's first character in the article body."),
    end: offset.describe('UTF-16 offset just past its last character.'),
    kind: QuoteKindSchema,
    speaker: Uuid.nullable().describe('Id of the speaker who said it; null when unknown.'),
    by,
    reason,
  })
  .refine((b) => b.start < b.end, { message: 'must be greater than start', path: ['end'] });

export type AddQuote = z.output<typeof AddQuoteBody>;

export const DeleteQuoteBody = z.strictObject({ by, reason });

export type DeleteQuote = z.output<typeof DeleteQuoteBody>;

const RevisionSide = z.object({
  speaker: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  status: AttributionStatusSchema.nullable().describe(
    'Null on the side where the quote does not exist: before it was added, after it was deleted.',
  ),
  start: z.number().int().nullable().describe('The span; null where the quote does not exist, or was not recorded.'),
  end: z.number().int().nullable(),
});

export const RevisionSchema = z
  .object({
    id: z.uuid(),
    action: z
      .enum(['reattribute', 'confirm', 'reject', 'merge', 'add', 'respan', 'delete'])
      .describe(
        'reattribute, confirm, reject: a change of attribution; merge: its speaker was merged into another; ' +
          'add: added by a person; respan: its span was moved; delete: deleted.',
      ),
    by: z.string(),
    reason: z.string().nullable(),
    from: RevisionSide,
    to: RevisionSide,
    at: z.date(),
  })
  .meta({ id: 'QuoteRevision' });

export const RevisionListSchema = z.object({ items: z.array(RevisionSchema) }).meta({ id: 'QuoteRevisionList' });
