import { hash, randomBytes } from 'node:crypto';

// An API key is `qak_` and 43 base64url characters (256 random bits). Only its
// SHA-256 is stored: with that much entropy a fast hash is enough, and lookups
// by hash need no per-key salt.

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const KEY_PREFIX = 'qak_';
/** Characters of a key kept in clear to tell keys apart: the marker and 8 more. */
const SHOWN_CHARS = KEY_PREFIX.length + 8;

export interface KeyMaterial {
  key: string;
  prefix: string;
  hash: string;
}

/** The SHA-256 of a key. */
export function keyDigest(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

/** The SHA-256 of a key in hex, as it is stored. */
export function hashKey(key: string): string {
  return keyDigest(key).toString('hex');
}

export function generateKey(): KeyMaterial {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, SHOWN_CHARS), hash: hashKey(key) };
}

/** The key of an `Authorization: Bearer <key>` header; null when the header is another scheme or malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i.exec(header);
  return match ? match[1]! : null;
}
