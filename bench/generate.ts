import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { bodyHash } from '../src/articles/ingest.js';
import { migrate } from '../src/db/migrate.js';
import type { SpeakerKind } from '../src/extraction/types.js';
import { normalizeName, normalizeQuoteText } from '../src/text/normalize.js';
import { seededRandom } from './news-text.js';
import { vocabulary } from './vocabulary.js';

// A data set of articles, speakers and quotes of any size, written with COPY into
// a database migrated like the service's own. Every column is filled as ingestion
// fills it: normalized_text from normalizeQuoteText, the article's outlet and date
// on each quote, offsets that point into the article body, match keys; the
// speakers' search_text comes from the table's trigger.
//   npx tsx bench/generate.ts --quotes 100000 [--url postgresql://…/quotes_bench_100000]

const QUOTES_PER_ARTICLE = 8;
const OUTLETS = [
  'Harbour Ledger',
  'Eastbridge Courier',
  'Northern Wire',
  'Valley Examiner',
  'Coastal Times',
  'Capital Dispatch',
  'Morning Record',
  'Riverside Post',
];
const ROLES = [
  'transport minister',
  'county commissioner',
  'union leader',
  'port authority spokesperson',
  'mayor',
  'chief economist',
  'senator',
  'governor',
  'party chair',
  'health secretary',
];
const AFFILIATIONS = [
  'Harlow Bank',
  'Eastbridge council',
  'the ministry',
  'the opposition party',
  'the port authority',
  null,
  null,
];
const ANONYMOUS = [
  'a senior official',
  'one aide',
  'a person familiar with the talks',
  'two people briefed on the plan',
  'a government source',
];
const ORG_SUFFIX = ['Council', 'Union', 'Institute', 'Bank', 'Authority', 'Party', 'Ministry', 'Association'];
const CUES_DIRECT = ['said', 'said', 'said', 'told reporters', 'added', 'warned', 'insisted', 'wrote in a statement'];
const CUES_INDIRECT = ['said', 'argued', 'warned', 'told reporters', 'suggested'];
const FILLER = [
  'Traffic on the coastal road was diverted for most of the afternoon.',
  'The figures were published late on Thursday, after markets had closed.',
  'The council meets again next month to vote on the measure.',
  'Several hundred people gathered outside the town hall in the rain.',
  'Last year the same proposal was withdrawn after a public consultation.',
];

interface SpeakerRow {
  id: string;
  name: string;
  kind: SpeakerKind;
  mention: string;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
const row = (values: (string | number | null | undefined)[]) => `${values.map(field).join('\t')}\n`;
const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

async function copyRows(
  client: pg.PoolClient | pg.Client,
  sql: string,
  rows: AsyncIterable<string> | Iterable<string>,
) {
  const batched = async function* () {
    let chunk = '';
    for await (const r of rows) {
      chunk += r;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(batched()), client.query(copyFrom(sql)));
}

export interface GenerateOptions {
  url: string;
  quotes: number;
  seed?: number;
  log?: (message: string) => void;
}

export async function generateDataset(options: GenerateOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  await migrate(options.url);
  const rand = seededRandom(options.seed ?? 7);
  const vocab = vocabulary((options.seed ?? 7) + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const totalQuotes = options.quotes;
  const articleCount = Math.max(1, Math.ceil(totalQuotes / QUOTES_PER_ARTICLE));

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query('SET synchronous_commit = off');
    // Loading is faster without the quotes' secondary indexes and foreign keys;
    // they are put back exactly as the migrations made them.
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes
         WHERE schemaname = 'public' AND tablename = 'quotes' AND indexname <> 'quotes_pkey'`,
      )
    ).rows;
    const foreignKeys = (
      await client.query<{ name: string; def: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = 'quotes'::regclass AND contype = 'f'`,
      )
    ).rows;
    for (const fk of foreignKeys) await client.query(`ALTER TABLE quotes DROP CONSTRAINT "${fk.name}"`);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    // The word counts (quote_lexemes) are taken once at the end rather than by the triggers on every COPY.
    await client.query('ALTER TABLE quotes DISABLE TRIGGER USER');

    // Speakers: people and organisations shared across articles (a few registered
    // by hand, without a match key), anonymous sources belonging to one article.
    const persons: SpeakerRow[] = [];
    const organizations: SpeakerRow[] = [];
    const personCount = Math.max(20, Math.round(totalQuotes / 60));
    const orgCount = Math.max(5, Math.round(totalQuotes / 600));
    const usedKeys = new Set<string>();
    const speakerRows: string[] = [];
    const now = new Date().toISOString();
    let wikidata = 100_000;
    for (let i = 0; i < personCount; i++) {
      let name: string;
      do name = `${vocab.name()} ${vocab.name()}`;
      while (usedKeys.has(`person:${normalizeName(name)}`));
      const key = `person:${normalizeName(name)}`;
      usedKeys.add(key);
      const id = randomUUID();
      const surname = name.split(' ')[1]!;
      const role = pick(ROLES);
      const registered = rand() < 0.1;
      persons.push({
        id,
        name,
        kind: 'person',
        mention: rand() < 0.5 ? name : `${role.replace(/^./, (c) => c.toUpperCase())} ${name}`,
      });
      speakerRows.push(
        row([
          id,
          name,
          'person',
          role,
          pick(AFFILIATIONS),
          pgArray([surname]),
          registered ? `Q${wikidata++}` : null,
          registered ? null : key,
          now,
          now,
        ]),
      );
    }
    for (let i = 0; i < orgCount; i++) {
      let name: string;
      do name = `${vocab.name()} ${pick(ORG_SUFFIX)}`;
      while (usedKeys.has(`organization:${normalizeName(name)}`));
      const key = `organization:${normalizeName(name)}`;
      usedKeys.add(key);
      const id = randomUUID();
      organizations.push({ id, name, kind: 'organization', mention: `the ${name}` });
      speakerRows.push(row([id, name, 'organization', null, null, '{}', null, key, now, now]));
    }

    // Quote speakers follow a skewed distribution: a few people are quoted very often.
    const personFor = () => persons[Math.floor(persons.length * rand() ** 2)]!;
    const articleRows: string[] = [];
    const quoteRows: string[] = [];
    const anonymousRows: string[] = [];
    const flush = async () => {
      if (anonymousRows.length) await copyRows(client, COPY_SPEAKERS, anonymousRows.splice(0));
      await copyRows(client, COPY_ARTICLES, articleRows.splice(0));
      await copyRows(client, COPY_QUOTES, quoteRows.splice(0));
    };
    await copyRows(client, COPY_SPEAKERS, speakerRows);
    log(`${persons.length + organizations.length} speakers (${seconds()} s)`);

    const epoch = Date.UTC(2016, 0, 1);
    const span = Date.UTC(2026, 0, 1) - epoch;
    let written = 0;
    for (let a = 0; a < articleCount && written < totalQuotes; a++) {
      const articleId = randomUUID();
      const outlet = pick(OUTLETS);
      const publishedAt = rand() < 0.02 ? null : new Date(epoch + Math.floor(rand() * span));
      const createdAt = new Date(Math.max(publishedAt?.getTime() ?? 0, epoch + span) + a * 1000);
      const quoteCount = Math.min(
        totalQuotes - written,
        a === articleCount - 1 ? totalQuotes - written : 4 + Math.floor(rand() * 9),
      );
      let anonymous: SpeakerRow | null = null;
      if (rand() < 0.2) {
        const name = pick(ANONYMOUS);
        anonymous = { id: randomUUID(), name, kind: 'anonymous', mention: name };
        anonymousRows.push(
          row([
            anonymous.id,
            name,
            'anonymous',
            null,
            null,
            '{}',
            null,
            `anonymous:${articleId}:${normalizeName(name)}`,
            now,
            now,
          ]),
        );
      }
      const words = (n: number) => Array.from({ length: n }, () => vocab.word()).join(' ');
      const title = `${words(3 + Math.floor(rand() * 4)).replace(/^./, (c) => c.toUpperCase())} as ${pick(OUTLETS.slice(0, 3))} ${words(2)}`;
      let body = `${title}\n\nBy ${vocab.name()} ${vocab.name()}\n\n`;
      for (let position = 0; position < quoteCount; position++) {
        const speaker = anonymous && rand() < 0.25 ? anonymous : rand() < 0.1 ? pick(organizations) : personFor();
        const relayed = speaker.kind === 'person' && rand() < 0.03 ? personFor() : null;
        const sentenceCount = 1 + Math.floor(rand() * 3);
        const text = Array.from({ length: sentenceCount }, () => {
          const s = words(5 + Math.floor(rand() * 14));
          return s.charAt(0).toUpperCase() + s.slice(1);
        }).join('. ');
        const kind = rand() < 0.75 ? 'direct' : rand() < 0.5 ? 'partial' : 'indirect';
        const mentionText =
          position > 0 && speaker.kind === 'person' && rand() < 0.3 ? speaker.name.split(' ')[1]! : speaker.mention;
        let start: number, mentionStart: number, cueStart: number, cue: string;
        if (kind === 'indirect') {
          cue = pick(CUES_INDIRECT);
          mentionStart = body.length;
          cueStart = mentionStart + mentionText.length + 1;
          start = cueStart + cue.length + 6; // "<mention> <cue> that <text>."
          body += `${mentionText} ${cue} that ${text}.`;
        } else {
          cue = pick(CUES_DIRECT);
          start = body.length + 1;
          mentionStart = start + text.length + 3; // “<text>,” <mention> <cue>.
          cueStart = mentionStart + mentionText.length + 1;
          body += `“${text},” ${mentionText} ${cue}.`;
        }
        if (relayed) body += ` The words were passed on by ${relayed.name}.`;
        body += `\n\n${rand() < 0.5 ? `${pick(FILLER)}\n\n` : ''}`;
        quoteRows.push(
          row([
            randomUUID(),
            articleId,
            speaker.id,
            relayed?.id ?? null,
            text,
            normalizeQuoteText(text),
            kind,
            start,
            start + text.length,
            mentionText,
            mentionStart,
            mentionStart + mentionText.length,
            cue,
            cueStart,
            cueStart + cue.length,
            (0.55 + rand() * 0.44).toFixed(3),
            rand() < 0.01 ? 'confirmed' : 'machine',
            position,
            outlet.toLowerCase(),
            (publishedAt ?? createdAt).toISOString(),
            createdAt.toISOString(),
          ]),
        );
      }
      written += quoteCount;
      const slug = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 60);
      const url = rand() < 0.97 ? `https://${outlet.toLowerCase().replace(/ /g, '')}.example.com/${a}/${slug}` : null;
      articleRows.push(
        row([
          articleId,
          title,
          body,
          url,
          outlet,
          `${vocab.name()} ${vocab.name()}`,
          publishedAt?.toISOString() ?? null,
          'en',
          bodyHash(body),
          createdAt.toISOString(),
        ]),
      );
      if (quoteRows.length >= 50_000) {
        await flush();
        log(`${written} quotes (${seconds()} s)`);
      }
    }
    await flush();
    log(`${written} quotes in ${articleCount} articles (${seconds()} s); counting words`);

    await client.query('ALTER TABLE quotes ENABLE TRIGGER USER');
    await client.query('TRUNCATE quote_lexemes, quote_lexeme_changes');
    await client.query(
      `INSERT INTO quote_lexemes (lexeme, quotes) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM quotes')`,
    );
    log(`word counts taken (${seconds()} s); building indexes`);
    for (const index of indexes) await client.query(index.def);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE quotes ADD CONSTRAINT "${fk.name}" ${fk.def}`);
    log(`indexes and foreign keys back (${seconds()} s); analysing`);
    await client.query('VACUUM ANALYZE');
    log(`done (${seconds()} s)`);
  } finally {
    await client.end();
  }
}

const COPY_SPEAKERS =
  'COPY speakers (id, name, kind, role, affiliation, aliases, wikidata_id, match_key, created_at, updated_at) FROM STDIN';
const COPY_ARTICLES =
  'COPY articles (id, title, body, url, outlet, author, published_at, language, body_hash, created_at) FROM STDIN';
const COPY_QUOTES =
  'COPY quotes (id, article_id, speaker_id, relayed_by_id, text, normalized_text, kind, start, "end", mention_text, mention_start, mention_end, ' +
  'cue_text, cue_start, cue_end, confidence, status, position, outlet, published_at, created_at) FROM STDIN';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      quotes: { type: 'string', default: '100000' },
      url: { type: 'string' },
      seed: { type: 'string', default: '7' },
    },
  });
  const quotes = Number(values.quotes);
  const url = values.url ?? `postgresql://postgres@127.0.0.1:5432/quotes_bench_${quotes}`;
  await generateDataset({ url, quotes, seed: Number(values.seed), log: (m) => console.log(m) });
}
