import { z } from 'zod';
import { AttributionStatusSchema, storableText, Uuid } from '../http/schemas.js';

export const CorrectQuoteBody = z
  .strictObject({
    speaker: Uuid.optional().describe('Id of the speaker who really said it.'),
    status: z.enum(['confirmed', 'rejected']).optional().describe('Confirm the attribution, or reject it.'),
    by: storableText(200).trim().min(1).describe('Who makes the change (a name or handle).'),
    reason: storableText(2000).trim().min(1).describe('Why: the evidence for the change.'),
  })
  .refine((b) => b.speaker !== undefined || b.status !== undefined, {
    message: 'give a speaker, a status, or both',
    path: ['speaker'],
  })
  .refine((b) => !(b.speaker !== undefined && b.status === 'rejected'), {
    message: 'a new speaker confirms the attribution; it cannot also be rejected',
    path: ['status'],
  })
  .meta({
    description: 'A speaker, a status, or both; a new speaker cannot come with status rejected.',
    anyOf: [{ required: ['speaker'] }, { required: ['status'] }],
    not: { required: ['speaker', 'status'], properties: { speaker: true, status: { const: 'rejected' } } },
  });

export type CorrectQuote = z.output<typeof CorrectQuoteBody>;

const RevisionSide = z.object({
  speaker: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  status: AttributionStatusSchema,
});

export const RevisionSchema = z
  .object({
    id: z.uuid(),
    action: z.enum(['reattribute', 'confirm', 'reject', 'merge']),
    by: z.string(),
    reason: z.string().nullable(),
    from: RevisionSide,
    to: RevisionSide,
    at: z.date(),
  })
  .meta({ id: 'QuoteRevision' });

export const RevisionListSchema = z.object({ items: z.array(RevisionSchema) }).meta({ id: 'QuoteRevisionList' });
