import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lexicon } from '../extraction/lexicon.js';
import { readTextFileLikePython } from '../text/text-file.js';
import { compatibleGivenNames, GIVEN_NAMES } from '../verify/given-names.js';
import { parseAttributions, type CodePointRange } from './brat.js';
import { listCorpus } from './corpus.js';

// A battery of claims for POST /v1/verify, made from the quotes a BRAT folder's
// annotators marked and the people they marked as saying them: the quotes as
// said, and the same quotes with one thing changed that a fact-checker must not
// see called "verified" (a negation, a number, a name, the speaker).

export type ClaimKind =
  | 'exact'
  | 'close_variant'
  | 'split_joined'
  | 'negation_added'
  | 'negation_dropped'
  | 'number_changed'
  | 'name_swapped'
  | 'stranger'
  | 'namesake'
  | 'paraphrase';

export const CLAIM_KINDS: readonly ClaimKind[] = [
  'exact',
  'close_variant',
  'split_joined',
  'negation_added',
  'negation_dropped',
  'number_changed',
  'name_swapped',
  'stranger',
  'namesake',
  'paraphrase',
];

export interface BatteryArticle {
  name: string;
  title: string;
  body: string;
  author?: string;
  publishedAt?: string;
}

export interface BatteryClaim {
  kind: ClaimKind;
  article: string;
  quote: string;
  speaker: string;
  /** Who said it, per the annotation. */
  saidBy: string;
}

export interface ClaimBattery {
  articles: BatteryArticle[];
  claims: BatteryClaim[];
  /** Texts whose annotation file could not be read: ingested, but without claims. */
  skipped: string[];
}

const QUOTED = /["“]([^"“”]+)["”]/g;
const MIN_WORDS = 6;
const MAX_WORDS = 60;

/** UTF-16 offsets of a code point range (BRAT counts code points; JavaScript strings count UTF-16 units). */
function utf16Slice(text: string, codePoints: number[] | null, [start, end]: CodePointRange): string {
  if (!codePoints) return text.slice(start, end);
  return text.slice(codePoints[start], codePoints[end]);
}

function codePointOffsets(text: string): number[] | null {
  if (!/[\uD800-\uDBFF]/.test(text)) return null;
  const offsets: number[] = [];
  let i = 0;
  for (const c of text) {
    offsets.push(i);
    i += c.length;
  }
  offsets.push(i);
  return offsets;
}

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** The words inside quotation marks, when they are all or nearly all of `content`. */
function quotedWording(content: string): string | null {
  const parts = [...content.matchAll(QUOTED)];
  if (parts.length !== 1) return null;
  const inner = parts[0]![1]!.trim();
  if (words(inner).length < words(content).length - 1) return null;
  return inner.replace(/[\s,;:–—-]+$/u, '');
}

const TITLE_WORDS = new Set(lexicon.titles);
const ORGANIZATION_WORDS = new Set([...lexicon.organizationHeads, ...lexicon.orgOnlyHeads]);
const NAME_TOKEN = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * The person an annotated source names ("White House press secretary Josh
 * Earnest", "Rep. Jim Clyburn (D-S.C.)", "Caddell"): the name after its titles,
 * completed from the article's own fuller mention when the source gives a
 * surname alone. Null for pronouns, unnamed sources and organizations.
 */
export function personNamed(source: string, body: string): string | null {
  if (/['’]s\b/.test(source)) return null;
  const head = source.split(/[,(]/)[0]!.trim();
  const tokens = head.split(/\s+/).filter(Boolean);
  let from = tokens.length;
  while (from > 0 && NAME_TOKEN.test(tokens[from - 1]!)) from--;
  let run = tokens.slice(from).filter((t) => !/^(jr|sr)\.?$/i.test(t));
  // Titles, spelled out or abbreviated ("Del.", "Lt."), and sentence words ("Then") come before the name.
  const beforeName = (w: string) =>
    TITLE_WORDS.has(w.toLowerCase()) ||
    lexicon.sentenceAdverbs.has(w.toLowerCase()) ||
    /^\p{Lu}\p{Ll}{1,4}\.$/u.test(w);
  while (run.length > 0 && beforeName(run[0]!)) {
    run = run.slice(1);
  }
  if (run.length === 0 || run.length > 3) return null;
  if (run.some((t) => ORGANIZATION_WORDS.has(t.toLowerCase().replace(/\.$/, '')) || t === 'The')) return null;
  if (run.length >= 2) return run.join(' ');
  const surname = run[0]!;
  if (surname.length < 3 || surname.endsWith('.') || !/\p{Ll}/u.test(surname)) return null;
  const fuller = new RegExp(`(?<![\\p{L}.])(\\p{Lu}[\\p{Ll}]+) (?:\\p{Lu}\\. )?${escape(surname)}(?![\\p{L}])`, 'u');
  for (const m of body.matchAll(new RegExp(fuller, 'gu'))) {
    const given = m[1]!;
    const folded = given.toLowerCase();
    if (!TITLE_WORDS.has(folded) && !ORGANIZATION_WORDS.has(folded) && !lexicon.determiners.has(folded))
      return `${given} ${surname}`;
  }
  return null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A small deterministic generator, so that a folder always gives the same battery. */
function seeded(seedText: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619);
  let state = h >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const AUXILIARIES =
  /\b(is|are|was|were|will|would|can|could|should|has|have|had|does|did|must|may|might)\b(?!\s+(?:not|never)\b)(?!n['’]t)/i;
const NEGATIONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /\b(won|can|ca|shan|ain)['’]t\b/i,
    (m) => keepCase(m[1]!, { won: 'will', can: 'can', ca: 'can', shan: 'shall', ain: 'is' }),
  ],
  [/\b(\w+)n['’]t\b/i, (m) => m[1]!],
  [/\bcannot\b/i, (m) => keepCase(m[0], { cannot: 'can' })],
  [/\b(?:not|never)\s+/i, () => ''],
  [/\bno\s+(?=\p{L})/iu, () => ''],
];

function keepCase(word: string, map: Record<string, string>): string {
  const replacement = map[word.toLowerCase()] ?? word;
  return /^\p{Lu}/u.test(word) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function addNegation(quote: string): string | null {
  const m = AUXILIARIES.exec(quote);
  if (!m) return null;
  const at = m.index + m[0].length;
  return `${quote.slice(0, at)} not${quote.slice(at)}`;
}

function dropNegation(quote: string): string | null {
  for (const [pattern, replace] of NEGATIONS) {
    const m = pattern.exec(quote);
    if (m) return quote.slice(0, m.index) + replace(m) + quote.slice(m.index + m[0].length);
  }
  return null;
}

const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'hundred',
  'thousand',
  'million',
  'billion',
  'trillion',
  'first',
  'second',
  'third',
  'half',
  'dozen',
];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'i');

function changeNumber(quote: string): string | null {
  const digits = /\d[\d,.]*\d|\d/.exec(quote);
  if (digits) {
    const d = digits[0];
    const last = d.length - 1;
    const changed = d.slice(0, last) + String((Number(d[last]) + 1) % 10);
    return quote.slice(0, digits.index) + changed + quote.slice(digits.index + d.length);
  }
  const word = NUMBER_WORD.exec(quote);
  if (!word) return null;
  const i = NUMBER_WORDS.indexOf(word[1]!.toLowerCase());
  const other = NUMBER_WORDS[i % 2 === 0 ? i + 1 : i - 1]!;
  return (
    quote.slice(0, word.index) +
    keepCase(word[1]!, { [word[1]!.toLowerCase()]: other }) +
    quote.slice(word.index + word[1]!.length)
  );
}

/** A capitalised word inside a sentence ("Obama", "Ohio"), not the first of one, nor "I". */
function nameInside(quote: string): RegExpExecArray | null {
  const pattern = /(?<=[\p{L}\p{N},;] )(\p{Lu}\p{Ll}{2,})(?![\p{L}'’])/gu;
  return pattern.exec(quote);
}

const FUNCTION_WORDS_TO_DROP = /\b(?:the|that|a|an|very|just|really)\s+/i;

function closeVariant(quote: string): string | null {
  const m = FUNCTION_WORDS_TO_DROP.exec(quote);
  if (!m) return null;
  // Drop a function word, then change case and punctuation as a retyped quote would.
  const dropped = quote.slice(0, m.index) + quote.slice(m.index + m[0].length);
  return dropped
    .replace(/[,;:!?"“”]/g, '')
    .replace(/’/g, "'")
    .toLowerCase();
}

function paraphrase(quote: string): string | null {
  const ws = quote.split(' ');
  const content = ws.map((w, i) => (/^\p{Ll}{5,}$/u.test(w) ? i : -1)).filter((i) => i >= 0);
  if (content.length < 3) return null;
  // Two content words in another order and a third left out: a retelling, not the quote.
  const [a, b, c] = [content[0]!, content[1]!, content[2]!];
  const out = [...ws];
  [out[a], out[b]] = [out[b]!, out[a]!];
  out.splice(c, 1);
  return out.join(' ');
}

interface Said {
  article: string;
  quote: string;
  parts: string[];
  speaker: string;
}

function readMetadata(dir: string): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const path of [join(dir, 'metadata.tsv'), join(dirname(dir), 'metadata.tsv')]) {
    if (!existsSync(path)) continue;
    const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    const columns = header!.split('\t');
    for (const row of rows) {
      const values = row.split('\t');
      const record = Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
      if (record.filename) found.set(record.filename, record);
    }
    break;
  }
  return found;
}

/** Builds the battery from DIR/text/*.txt and DIR/attributions/*.ann (the first annotator's file of each text). */
export async function buildClaimBattery(dir: string, options: { limit?: number } = {}): Promise<ClaimBattery> {
  const metadata = readMetadata(dir);
  const articles: BatteryArticle[] = [];
  const said: Said[] = [];
  const skipped: string[] = [];
  for (const doc of listCorpus(dir, options.limit ?? 0)) {
    if (!doc.annotationPath) continue;
    const body = await readTextFileLikePython(doc.textPath);
    const meta = metadata.get(doc.name);
    const author = meta?.author && meta.author !== 'None' ? meta.author : undefined;
    const date = meta?.publication_date;
    articles.push({
      name: doc.name,
      title: meta?.title || basename(doc.name),
      body,
      ...(author ? { author } : {}),
      ...(date && /^\d{4}-\d\d-\d\d$/.test(date) ? { publishedAt: `${date}T12:00:00Z` } : {}),
    });
    const codePoints = codePointOffsets(body);
    let attributions;
    try {
      attributions = parseAttributions(await readTextFileLikePython(doc.annotationPath));
    } catch {
      // An annotation file the scorer could not read either gives no claims.
      skipped.push(doc.name);
      continue;
    }
    for (const gold of attributions) {
      if (gold.source.length === 0) continue;
      const speaker = personNamed(utf16Slice(body, codePoints, gold.source[0]!), body);
      if (!speaker || (author && speaker.toLowerCase() === author.toLowerCase())) continue;
      const contents = gold.content.map((r) => utf16Slice(body, codePoints, r));
      const parts = contents.map(quotedWording);
      if (parts.some((p) => p === null)) continue;
      const wording = (parts as string[]).join(' ');
      const n = words(wording).length;
      if (n < MIN_WORDS || n > MAX_WORDS) continue;
      said.push({ article: doc.name, quote: wording, parts: parts as string[], speaker });
    }
  }
  return { articles, claims: claimsFrom(said), skipped };
}

function claimsFrom(said: Said[]): BatteryClaim[] {
  const claims: BatteryClaim[] = [];
  const people = [...new Set(said.map((s) => s.speaker))].sort();
  const surnames = [...new Set(people.map((p) => p.split(' ').pop()!))].sort();
  const canonicalGivenNames = GIVEN_NAMES.map((group) => group[0]!);
  const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  for (const s of said) {
    const random = seeded(`${s.article}\n${s.quote}`);
    const pick = <T>(items: T[], ok: (t: T) => boolean): T | undefined => {
      const start = Math.floor(random() * items.length);
      for (let k = 0; k < items.length; k++) {
        const item = items[(start + k) % items.length]!;
        if (ok(item)) return item;
      }
      return undefined;
    };
    const claim = (kind: ClaimKind, quote: string | null | undefined, speaker = s.speaker) => {
      if (quote) claims.push({ kind, article: s.article, quote, speaker, saidBy: s.speaker });
    };
    const [given, ...rest] = s.speaker.split(' ');
    const surname = rest[rest.length - 1]!;
    if (s.parts.length > 1) {
      if (s.parts.every((p) => words(p).length >= 2)) claim('split_joined', s.quote);
      continue;
    }
    claim('exact', s.quote);
    claim('close_variant', closeVariant(s.quote));
    claim('paraphrase', paraphrase(s.quote));
    claim('negation_added', addNegation(s.quote));
    claim('negation_dropped', dropNegation(s.quote));
    claim('number_changed', changeNumber(s.quote));
    const name = nameInside(s.quote);
    if (name) {
      const other = pick(surnames, (n) => n !== name[1] && !s.quote.includes(n) && n !== surname);
      if (other)
        claim('name_swapped', s.quote.slice(0, name.index) + other + s.quote.slice(name.index + name[1]!.length));
    }
    claim(
      'stranger',
      s.quote,
      pick(people, (p) => p.split(' ').pop() !== surname && !s.quote.includes(p.split(' ').pop()!)),
    );
    const namesake = pick(
      canonicalGivenNames,
      (g) => g[0] !== given!.toLowerCase()[0] && !compatibleGivenNames(g, given!.toLowerCase()),
    );
    if (namesake) claim('namesake', s.quote, `${capitalise(namesake)} ${rest.join(' ')}`);
  }
  return claims;
}
