import { z } from 'zod';
import { PageQuery, pageOf } from '../http/pagination.js';
import { storableText } from '../http/schemas.js';
import { SCOPES } from './key-material.js';

export const ScopeSchema = z.enum(SCOPES);

export const CreateApiKeyBody = z.strictObject({
  name: storableText(200).trim().min(1).optional().describe('What the key is for, e.g. the client that uses it.'),
  scopes: z
    .array(ScopeSchema)
    .min(1)
    .max(3)
    .describe('read: GET routes; write: POST, PATCH and DELETE; admin: /v1/keys.'),
});

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
    scopes: z.array(ScopeSchema),
    createdAt: z.date(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The key itself. It is shown this once and cannot be read back.'),
}).meta({ id: 'CreatedApiKey' });

export const ListApiKeysQuery = z.strictObject({ ...PageQuery });

export const ApiKeyPage = pageOf(ApiKeySchema).meta({ id: 'ApiKeyPage' });
