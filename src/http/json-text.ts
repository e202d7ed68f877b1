import secureJson from 'secure-json-parse';

// JSON bodies as the service reads them: valid UTF-8, nested no deeper than any
// body the API takes, and without __proto__ or constructor keys. Nothing here
// needs the app, so that a worker thread reads a long body as the event loop would.

export const MAX_JSON_DEPTH = 32;

/**
 * True when arrays and objects in `text` nest deeper than `limit`. A linear scan
 * that needs no parse, so that a body of 100 000 `[` never reaches a recursive parser.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Most bodies open fewer arrays and objects than the limit in all: counting the
  // brackets (a native search) settles those without the character-by-character pass.
  if (countOf(text, '[', limit + 1) + countOf(text, '{', limit + 1) <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Occurrences of `char` in `text`, counted up to `max`. */
function countOf(text: string, char: string, max: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count < max; i = text.indexOf(char, i + 1)) count++;
  return count;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The value of a JSON body the service takes; undefined for any other body (not
 * UTF-8, too deep, not JSON, a poisoned key), whose problem the request's own
 * parser then states.
 */
export function readJsonBody(bytes: Uint8Array): unknown {
  try {
    const text = utf8.decode(bytes);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined;
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    return undefined;
  }
}
