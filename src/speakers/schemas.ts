import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { SpeakerKindSchema, storableText } from '../http/schemas.js';

const name = storableText(300).trim().min(1, 'must not be empty');
const optionalText = storableText(300).trim().min(1).nullable().optional();
const aliases = z.array(storableText(300).trim().min(1)).max(50);
const wikidataId = z
  .string()
  .regex(/^Q[1-9][0-9]{0,11}$/, 'must be a Wikidata item id such as Q7747')
  .nullable()
  .optional();

export const SpeakerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: SpeakerKindSchema,
    role: z.string().nullable(),
    affiliation: z.string().nullable(),
    aliases: z.array(z.string()),
    wikidataId: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Speaker' });

export const SpeakerDetailSchema = SpeakerSchema.extend({
  quoteCount: z.number().int().describe('Quotes attributed to this speaker.'),
}).meta({ id: 'SpeakerDetail' });

export const CreateSpeakerBody = z.strictObject({
  name,
  kind: SpeakerKindSchema.default('person'),
  role: optionalText,
  affiliation: optionalText,
  aliases: aliases.default([]),
  wikidataId,
});

export const UpdateSpeakerBody = z
  .strictObject({
    name: name.optional(),
    kind: SpeakerKindSchema.optional(),
    role: optionalText,
    affiliation: optionalText,
    aliases: aliases.optional(),
    wikidataId,
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

export const ListSpeakersQuery = z.strictObject({
  q: storableText(200)
    .trim()
    .min(1)
    .optional()
    .describe('Part of a name, alias or role, or its words with one typo in each word of five letters or more.'),
  kind: SpeakerKindSchema.optional(),
  ...PageQuery,
});

export const SpeakerPage = pageOf(SpeakerDetailSchema).meta({ id: 'SpeakerPage' });

export const CreatedSpeakerSchema = SpeakerSchema.extend({
  possibleDuplicates: z
    .array(
      z
        .object({
          id: z.uuid(),
          name: z.string(),
          kind: SpeakerKindSchema,
          aliases: z.array(z.string()),
          quoteCount: z.number().int(),
        })
        .meta({ id: 'PossibleDuplicate' }),
    )
    .describe(
      'Speakers already stored whose name or an alias is the name or an alias of this one (ignoring case, accents ' +
        'and a leading article), most quoted first: if one is the same person, merge this speaker into it ' +
        '(POST /v1/speakers/{id}/merge) rather than keep one person as two.',
    ),
}).meta({ id: 'CreatedSpeaker' });

export type CreateSpeaker = z.output<typeof CreateSpeakerBody>;
export type UpdateSpeaker = z.output<typeof UpdateSpeakerBody>;
export type ListSpeakers = z.output<typeof ListSpeakersQuery>;

export const MergeSpeakerBody = z.strictObject({
  into: z.uuid().describe('The speaker that remains; it takes over the quotes, names and aliases.'),
  by: storableText(200).trim().min(1).describe('Who merges (a name or handle).'),
  reason: storableText(2000).trim().min(1).optional(),
  force: z
    .boolean()
    .default(false)
    .describe(
      'Needed to merge speakers of different kinds, e.g. an anonymous source into the person it turned out to be.',
    ),
});

export const AddAliasesBody = z.strictObject({
  aliases: z.array(storableText(300).trim().min(1)).min(1).max(50),
});

export type MergeSpeaker = z.output<typeof MergeSpeakerBody>;
