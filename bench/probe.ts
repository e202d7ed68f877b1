import { createServer } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import YAML from 'yaml';
import { withDatabase } from '../src/db/database-url.js';
import { AUTH, BENCH_KEY, SERVICE_ENV, freePort, start, waitFor } from './processes.js';

// A hostile probe of the running service (run by hand: `npx tsx bench/probe.ts`).
// It starts the service as `npm start` does on a fresh database, then sends, as an
// attacker would, malformed and hostile requests to every operation of openapi.yaml
// (every field of every body given every JSON type, NUL, lone surrogates, invalid
// UTF-8, huge numbers, deep nesting, long strings; odd ids and query strings,
// tampered cursors, wrong media types, other methods, over-long URLs, bytes no
// client library sends), while well-behaved clients keep working beside it; then
// races of concurrent edits. It reports every 5xx, every answer slower than
// HANG_MS, every valid request that failed while hostile ones were in flight
// (harm), and every write answered 2xx that is not there afterwards (lost).
// Exit status 1 when it found any.

const { values } = parseArgs({
  options: {
    'admin-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    concurrency: { type: 'string', default: '6' },
    controls: { type: 'string', default: '3' },
    only: { type: 'string' },
    'races-only': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');
const HANG_MS = 10_000;
const CONCURRENCY = Number(values.concurrency);
const DATABASE = 'quotes_probe';
const only = values.only?.split(',');

type Body = string | Uint8Array | undefined;
interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Body;
  /** What the probe is, for the report. */
  label: string;
}
interface Answer {
  status: number;
  text: string;
  ms: number;
}

const findings = { serverErrors: [] as string[], hangs: [] as string[], harm: [] as string[], lost: [] as string[] };
let sent = 0;
const statusCounts = new Map<number, number>();
let base = '';

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length})` : s);
const show = (body: Body) =>
  body === undefined
    ? ''
    : typeof body === 'string'
      ? clip(body)
      : `<${body.length} bytes> ${clip(Buffer.from(body).toString('latin1'))}`;

async function send(probe: Probe, auth: Record<string, string> = AUTH): Promise<Answer> {
  const t0 = performance.now();
  sent++;
  try {
    const res = await fetch(`${base}${probe.path}`, {
      method: probe.method,
      headers: { ...auth, ...probe.headers },
      body: probe.method === 'GET' || probe.method === 'HEAD' ? undefined : (probe.body as BodyInit | undefined),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    const answer = { status: res.status, text, ms: performance.now() - t0 };
    statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
    noteLines(probe, text);
    if (res.status >= 500 && !isRefusalForLoad(res.status, text))
      findings.serverErrors.push(
        `${res.status} ${probe.method} ${clip(probe.path)} [${probe.label}] ${show(probe.body)} → ${clip(text, 300)}`,
      );
    return answer;
  } catch (error) {
    const ms = performance.now() - t0;
    const what = error instanceof Error && error.name === 'TimeoutError' ? 'no answer' : String(error);
    findings.hangs.push(
      `${probe.method} ${clip(probe.path)} [${probe.label}] ${show(probe.body)}: ${what} after ${Math.round(ms)} ms`,
    );
    return { status: 0, text: what, ms };
  }
}

/** Jobs the probe queued, to look at their lines' results once the workers are done. */
const jobs = new Map<string, string>();

/** A batch's lines answered 5xx inside a 200 are 5xx all the same; queued jobs are looked at later. */
function noteLines(probe: Probe, text: string): void {
  if (!text.startsWith('{')) return;
  let body: { id?: string; items?: { status: number }[]; status?: string; errors?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return;
  }
  for (const item of body.items ?? [])
    if (item.status >= 500)
      findings.serverErrors.push(
        `line ${item.status} ${probe.method} ${probe.path} [${probe.label}] → ${clip(JSON.stringify(item), 300)}`,
      );
  if (probe.path.startsWith('/v1/ingest-jobs') && probe.method === 'POST' && body.id && body.status)
    jobs.set(body.id, probe.label);
}

/** The results of the queued jobs' lines, once they are done (waiting up to a minute): a line's 5xx is a 5xx. */
async function checkJobs(): Promise<void> {
  const deadline = performance.now() + 60_000;
  for (const [id, label] of jobs) {
    for (;;) {
      const res = await call('GET', `/v1/ingest-jobs/${id}`);
      if (res.status !== 200) {
        findings.lost.push(`job ${id} [${label}] reads ${res.status}`);
        break;
      }
      const errors = (res.body.errors ?? []) as { line: number; status: number; error: { detail: string } }[];
      if (res.body.status === 'done' || performance.now() > deadline) {
        for (const e of errors.filter((e) => e.status >= 500))
          findings.serverErrors.push(`job line ${e.status} [${label}] line ${e.line}: ${clip(e.error.detail, 200)}`);
        if (res.body.status !== 'done') findings.hangs.push(`job ${id} [${label}] not done after a minute`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** A 503 the service gives by design when its extraction pool is full: a refusal for load, not an error. */
function isRefusalForLoad(status: number, text: string): boolean {
  return status === 503 && /extraction worker/i.test(text);
}

/** One HTTP/1.1 request written byte for byte, for what fetch will not send; answers the status line's code. */
function sendRaw(bytes: Buffer, label: string): Promise<number> {
  sent++;
  return new Promise((resolve) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    const timer = setTimeout(() => {
      findings.hangs.push(`raw [${label}]: no answer after ${HANG_MS} ms`);
      socket.destroy();
      resolve(0);
    }, HANG_MS);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (/\r\n\r\n/.test(data)) socket.end();
    });
    const done = () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      if (status >= 500)
        findings.serverErrors.push(`${status} raw [${label}] ${clip(bytes.toString('latin1'))} → ${clip(data, 300)}`);
      resolve(status);
    };
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

/** Runs `tasks` with at most `n` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

const JSON_TYPE: Record<string, string> = { 'content-type': 'application/json' };
/** An answer's JSON, read loosely: the probe looks into answers of every shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
async function call(
  method: string,
  p: string,
  body?: unknown,
  auth: Record<string, string> = AUTH,
): Promise<{ status: number; body: Loose }> {
  const answer = await send(
    {
      method,
      path: p,
      label: 'setup',
      ...(body === undefined ? {} : { headers: JSON_TYPE, body: JSON.stringify(body) }),
    },
    auth,
  );
  let parsed: unknown = answer.text;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    // not JSON
  }
  return { status: answer.status, body: parsed };
}
async function must(method: string, p: string, body?: unknown, auth: Record<string, string> = AUTH): Promise<Loose> {
  const res = await call(method, p, body, auth);
  if (res.status >= 300)
    throw new Error(`${method} ${p} answered ${res.status}: ${clip(JSON.stringify(res.body), 400)}`);
  return res.body;
}

let serial = 0;
const unique = () => `${Date.now().toString(36)}-${(serial++).toString(36)}`;
/** A short article with two quotes by `speaker`, at a URL of its own. */
function article(speaker = 'Mara Lindqvist', extra: Record<string, unknown> = {}) {
  const n = unique();
  return {
    title: `Council vote ${n}`,
    url: `https://probe.example.org/${n}`,
    outlet: 'Probe Gazette',
    body:
      `"We will build the bridge by spring," ${speaker} said on Monday. ` +
      `Residents asked about cost ${n}.\n\n"Nobody pays twice," ${speaker.split(' ').at(-1)} added.`,
    ...extra,
  };
}

// ---------------------------------------------------------------------------
// The hostile values.

/** JSON texts of values of every type and of edge cases, to put where any field goes. */
function hostileJsonValues(knownId: string): string[] {
  const long = (n: number, c = 'x') => JSON.stringify(c.repeat(n));
  return [
    'null',
    'true',
    'false',
    '0',
    '-1',
    '1.5',
    '-0.5',
    '1e308',
    '-1e308',
    '1e309',
    '123456789012345678901234567890',
    '2147483648',
    '-2147483649',
    '9007199254740993',
    '""',
    '" "',
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',
    '"x\\udfffy"',
    '"\\ud83d"',
    '"😀 ünïcödé ‮ rtl"',
    '"\\u200b"',
    long(70_000),
    long(1001, 'é'),
    '"0000-01-01T00:00:00Z"',
    '"9999-12-31T23:59:59Z"',
    '"-infinity"',
    '"2026-02-30"',
    '"NaN"',
    JSON.stringify(knownId.toUpperCase()),
    '"00000000-0000-0000-0000-000000000000"',
    '"ffffffff-ffff-ffff-ffff-ffffffffffff"',
    '"\' OR 1=1 --"',
    '"http://127.0.0.1:1/x"',
    '"javascript:alert(1)"',
    '[]',
    '[null]',
    '["\\u0000"]',
    '["\\ud800"]',
    '[1e308]',
    `[${JSON.stringify(knownId)},${JSON.stringify(knownId)}]`,
    '{}',
    '{"$gt":""}',
    '{"__proto__":{"x":1}}',
    '['.repeat(200) + ']'.repeat(200),
    '{"a":'.repeat(40) + '1' + '}'.repeat(40),
  ];
}

/** Strings for query parameters and path segments, percent-encoded or raw where the raw bytes are the point. */
function hostileQueryValues(knownId: string): string[] {
  return [
    '',
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%FF%FE',
    '%C0%AF',
    '%',
    '%E0%A4%A',
    '1e308',
    '-1e308',
    '1e309',
    '-1',
    '0',
    '0.5',
    '-0',
    'NaN',
    'Infinity',
    '99999999999999999999',
    '2147483648',
    'true',
    'null',
    '[]',
    '%7B%7D',
    encodeURIComponent('😀 ünï'),
    'x'.repeat(3000),
    encodeURIComponent('0000-01-01T00:00:00Z'),
    encodeURIComponent('9999-12-31'),
    '2026-02-30',
    encodeURIComponent("' OR 1=1 --"),
    encodeURIComponent('"unbalanced'),
    encodeURIComponent('a & b | !c <-> (d'),
    encodeURIComponent('***'),
    knownId.toUpperCase(),
    knownId,
  ];
}

function hostileIds(knownId: string): string[] {
  return [
    knownId.toUpperCase(),
    `{${knownId}}`,
    `${knownId}%20`,
    `%20${knownId}`,
    knownId.replace(/-/g, ''),
    `urn:uuid:${knownId}`,
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    'not-an-id',
    '%00',
    '%ED%A0%80',
    '%FF',
    encodeURIComponent('ü😀'),
    '..%2F..%2Fetc%2Fpasswd',
    'null',
    '-1',
    '1e308',
    'x'.repeat(3000),
    '%20',
  ];
}

/** Cursors: tampered forms of a real one, each field given hostile values, and garbage. */
function tamperedCursors(real: string | null): string[] {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const out = [
    '',
    '!!!',
    'x'.repeat(600),
    b64(null),
    b64([]),
    b64('x'),
    b64(1e308),
    b64({}),
    Buffer.from('\xff\xfe').toString('base64url'),
  ];
  if (!real) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
  } catch {
    return out;
  }
  const values: unknown[] = [
    null,
    true,
    1e308,
    -1e308,
    2 ** 53 + 1,
    -1,
    1.5,
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '0000-01-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    'not-a-date',
    '00000000-0000-0000-0000-000000000000',
    'X'.repeat(300),
    [],
    {},
    [1, 2],
  ];
  if (Array.isArray(parsed)) {
    parsed.forEach((_, i) =>
      values.forEach((v) => out.push(b64(parsed.map((x: unknown, j: number) => (i === j ? v : x))))),
    );
    out.push(b64([...parsed, 1]), b64(parsed.slice(1)));
  } else if (parsed && typeof parsed === 'object') {
    for (const key of Object.keys(parsed)) for (const v of values) out.push(b64({ ...parsed, [key]: v }));
    out.push(b64({ ...parsed, extra: 1 }));
  }
  return out;
}

// ---------------------------------------------------------------------------
// The operations of openapi.yaml.

interface Operation {
  method: string;
  template: string;
  id: string;
  query: string[];
  bodies: { type: string; example: string; fields: string[] }[];
}

function operations(): Operation[] {
  const doc = YAML.parse(readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, Loose>>;
  };
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op?.operationId) continue;
      const content = (op.requestBody?.content ?? {}) as Record<string, { example?: unknown; schema?: Loose }>;
      ops.push({
        method: method.toUpperCase(),
        template,
        id: op.operationId,
        query: (op.parameters ?? []).filter((p: Loose) => p.in === 'query').map((p: Loose) => p.name),
        bodies: Object.entries(content).map(([type, c]) => ({
          type,
          example: typeof c.example === 'string' ? c.example : JSON.stringify(c.example ?? {}),
          fields: Object.keys(c.schema?.properties ?? {}),
        })),
      });
    }
  }
  return ops;
}

interface Known {
  article: string;
  quote: string;
  speaker: string;
  otherSpeaker: string;
  feed: string;
  subscription: string;
  key: string;
  job: string;
  cursors: Record<string, string | null>;
}

function fill(template: string, known: Known, id?: string): string {
  return template.replace('{slug}', id ?? 'not-found').replace('{id}', () => {
    if (id !== undefined) return id;
    if (template.startsWith('/v1/articles')) return known.article;
    if (template.startsWith('/v1/quotes')) return known.quote;
    if (template.startsWith('/v1/speakers')) return known.speaker;
    if (template.startsWith('/v1/feeds')) return known.feed;
    if (template.startsWith('/v1/subscriptions')) return known.subscription;
    if (template.startsWith('/v1/keys')) return known.key;
    if (template.startsWith('/v1/ingest-jobs')) return known.job;
    return known.article;
  });
}

/** The operation's example body with the ids of this database in it. */
function validBody(op: Operation, example: string, known: Known): string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(example) as Record<string, unknown>;
  } catch {
    return example; // NDJSON, HTML, text
  }
  if (!value || typeof value !== 'object') return example;
  if ('into' in value) value.into = known.otherSpeaker;
  if (op.id === 'addArticleQuote') Object.assign(value, { start: 1, end: 20, speaker: known.speaker });
  if (op.id === 'correctQuote' && 'speaker' in value) value.speaker = known.speaker;
  if (op.id === 'ingestArticle' && 'url' in value) value.url = `https://probe.example.org/${unique()}`;
  if (op.id === 'createSubscription') value.callbackUrl = `${feedServer}/hook`;
  return JSON.stringify(value);
}

/** Every hostile request of one operation. */
function hostileProbes(op: Operation, known: Known): Probe[] {
  const probes: Probe[] = [];
  const add = (p: Omit<Probe, 'label'>, label: string) => probes.push({ ...p, label: `${op.id}: ${label}` });
  const pathOf = (id?: string) => fill(op.template, known, id);
  const valid = pathOf();

  // Ids in the path.
  if (op.template.includes('{'))
    for (const id of hostileIds(fill('{id}', known).length ? idOf(op, known) : 'x'))
      add({ method: op.method, path: pathOf(id) }, `id ${clip(id, 30)}`);

  // Query parameters: each hostile value, duplicates, array forms, unknown ones.
  const queryValues = hostileQueryValues(idOf(op, known));
  for (const name of op.query) {
    for (const v of queryValues)
      add({ method: op.method, path: `${valid}?${name}=${v}` }, `query ${name}=${clip(v, 30)}`);
    add({ method: op.method, path: `${valid}?${name}=1&${name}=2` }, `duplicate ${name}`);
    add({ method: op.method, path: `${valid}?${name}[]=1&${name}[]=2` }, `${name}[]`);
    add({ method: op.method, path: `${valid}?${name}[a]=1` }, `${name}[a]`);
    if (name === 'cursor')
      for (const c of tamperedCursors(known.cursors[op.id] ?? null))
        add({ method: op.method, path: `${valid}?cursor=${c}` }, `cursor ${clip(c, 30)}`);
  }
  add({ method: op.method, path: `${valid}?api_key=probe-secret-in-query` }, 'key in query');
  add({ method: op.method, path: `${valid}?${'a=1&'.repeat(1000)}` }, 'a thousand parameters');
  add({ method: op.method, path: `${valid}?x=${'y'.repeat(5000)}` }, 'over-long URL');
  add({ method: op.method, path: `${valid}?x=${'y'.repeat(70_000)}` }, 'very long URL');
  add({ method: op.method, path: `${valid}/` }, 'trailing slash');
  add({ method: op.method, path: `${valid}//` }, 'double slash');
  add({ method: op.method, path: valid.toUpperCase() }, 'path in upper case');

  // Other methods.
  for (const method of ['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE', 'POST', 'GET']) {
    if (method !== op.method) add({ method, path: valid, headers: JSON_TYPE, body: '{}' }, `method ${method}`);
  }

  // Headers.
  add(
    { method: op.method, path: valid, headers: { 'quotes-consistency': 'x'.repeat(5000) } },
    'long consistency header',
  );
  add(
    { method: op.method, path: valid, headers: { 'quotes-consistency': 'strong, eventual' } },
    'two consistency values',
  );
  for (const authorization of [
    '',
    'Bearer',
    'Bearer ',
    `Bearer ${'k'.repeat(5000)}`,
    'Basic Zm9vOmJhcg==',
    `bearer ${BENCH_KEY}`,
    `Bearer  ${BENCH_KEY}`,
    `Bearer ${BENCH_KEY}x`,
    'Bearer ÿþ',
  ])
    add({ method: op.method, path: valid, headers: { authorization } }, `authorization ${clip(authorization, 20)}`);
  for (const [name, value] of <[string, string][]>[
    ['if-none-match', '"x", W/"y", *, garbage'],
    ['if-modified-since', 'not a date'],
    ['range', 'bytes=-1-2'],
    ['origin', 'null'],
    ['x-forwarded-for', '::::, 999.1.1.1, ' + 'x'.repeat(2000)],
    ['x-request-id', 'x'.repeat(3000)],
    ['accept-language', '*;q=abc'],
  ])
    add({ method: op.method, path: valid, headers: { [name]: value } }, `header ${name}`);
  add({ method: op.method, path: valid, headers: { accept: 'application/xml' } }, 'accept xml');
  add({ method: op.method, path: valid, headers: { accept: 'text/csv;q=x, */*;q=-1' } }, 'accept garbage');
  add(
    { method: op.method, path: valid, headers: { 'accept-encoding': 'gzip;q=2, br, zstd, x' } },
    'accept-encoding garbage',
  );

  // Bodies.
  for (const { type, example, fields } of op.bodies) {
    const body = validBody(op, example, known);
    const ct = { 'content-type': type };
    add({ method: op.method, path: valid, headers: ct, body }, `valid ${type}`);
    add({ method: op.method, path: valid, headers: ct, body: '' }, `empty ${type}`);
    add(
      { method: op.method, path: valid, headers: ct, body: body.slice(0, Math.floor(body.length / 2)) },
      `truncated ${type}`,
    );
    add(
      {
        method: op.method,
        path: valid,
        headers: ct,
        body: Buffer.concat([
          Buffer.from(body.slice(0, 10)),
          Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc0, 0xaf]),
          Buffer.from(body.slice(10)),
        ]),
      },
      `invalid UTF-8 ${type}`,
    );
    add({ method: op.method, path: valid, headers: ct, body: `\ufeff${body}` }, `BOM ${type}`);
    add(
      { method: op.method, path: valid, headers: { 'content-type': `${type}; charset=utf-16` }, body },
      `charset utf-16 ${type}`,
    );
    add(
      {
        method: op.method,
        path: valid,
        headers: { 'content-type': `${type}; charset=latin1` },
        body: Buffer.from(body, 'latin1'),
      },
      `charset latin1 ${type}`,
    );
    add(
      { method: op.method, path: valid, headers: { 'content-encoding': 'gzip', ...ct }, body },
      `gzip claimed ${type}`,
    );
    add(
      { method: op.method, path: valid, headers: { 'content-encoding': 'br', ...ct }, body: Buffer.from([1, 2, 3]) },
      `br garbage ${type}`,
    );
    add(
      { method: op.method, path: valid, headers: { 'idempotency-key': 'x'.repeat(2000), ...ct }, body },
      `long idempotency key ${type}`,
    );
    add(
      { method: op.method, path: valid, headers: { 'idempotency-key': '', ...ct }, body },
      `empty idempotency key ${type}`,
    );
    for (const wrong of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json',
      'application/x-ndjson',
      'application/jsonx',
      'image/png',
      ';;;',
      'application/json; charset=utf-8; charset=latin1',
    ]) {
      if (wrong !== type)
        add({ method: op.method, path: valid, headers: { 'content-type': wrong }, body }, `as ${wrong}`);
    }
    add({ method: op.method, path: valid, body }, `no content type ${type}`);
    if (type === 'application/x-ndjson') {
      probes.push(...ndjsonProbes(op, valid, body));
      continue;
    }
    if (type !== 'application/json') {
      for (const raw of [
        '\u0000',
        'a\u0000b',
        '\ud800',
        ' ',
        '\n\n',
        'x'.repeat(1_200_000),
        '<html><body><p>"Hi," she said.</p>'.repeat(3),
      ])
        add({ method: op.method, path: valid, headers: ct, body: raw }, `raw ${type} ${clip(JSON.stringify(raw), 30)}`);
      continue;
    }
    // The body as any JSON value, then each field as any JSON value, missing, or doubled.
    for (const v of hostileJsonValues(known.speaker))
      add({ method: op.method, path: valid, headers: ct, body: v }, `body ${clip(v, 30)}`);
    const object = JSON.parse(body) as Record<string, unknown>;
    const keys = [...new Set([...fields, ...Object.keys(object)])];
    for (const field of keys) {
      for (const v of hostileJsonValues(known.speaker)) {
        const rest = JSON.stringify({ ...object, [field]: 0 }).replace(`"${field}":0`, `"${field}":${v}`);
        add({ method: op.method, path: valid, headers: ct, body: rest }, `${field}=${clip(v, 30)}`);
        if (Array.isArray(object[field]) && (object[field] as unknown[]).length > 0) {
          const arr = JSON.stringify({ ...object, [field]: 0 }).replace(
            `"${field}":0`,
            `"${field}":[${JSON.stringify((object[field] as unknown[])[0])},${v}]`,
          );
          add({ method: op.method, path: valid, headers: ct, body: arr }, `${field}[1]=${clip(v, 30)}`);
        }
      }
      const { [field]: _, ...without } = object;
      add({ method: op.method, path: valid, headers: ct, body: JSON.stringify(without) }, `without ${field}`);
      add(
        { method: op.method, path: valid, headers: ct, body: `${body.slice(0, -1)},"${field}":null}` },
        `${field} twice`,
      );
    }
    add({ method: op.method, path: valid, headers: ct, body: `${body.slice(0, -1)},"unknown":1}` }, 'unknown field');
    add(
      { method: op.method, path: valid, headers: ct, body: `${body.slice(0, -1)},"__proto__":{"admin":true}}` },
      '__proto__ field',
    );
    add(
      { method: op.method, path: valid, headers: ct, body: `${body.slice(0, -1)},"constructor":{"prototype":{}}}` },
      'constructor field',
    );
    add({ method: op.method, path: valid, headers: ct, body: `[${body},${body}]` }, 'two bodies in an array');
    add({ method: op.method, path: valid, headers: ct, body: `${body}${body}` }, 'two bodies');
    add({ method: op.method, path: valid, headers: ct, body: `${body}\u0000` }, 'trailing NUL');
  }
  return probes;
}

function idOf(op: Operation, known: Known): string {
  return fill('{id}', known).length
    ? (fill(op.template, known).match(/[0-9a-f-]{36}/)?.[0] ?? known.article)
    : known.article;
}

function ndjsonProbes(op: Operation, valid: string, body: string): Probe[] {
  const ct = { 'content-type': 'application/x-ndjson' };
  const line = body.split('\n').find((l) => l.trim()) ?? '{}';
  const fresh = () => {
    const value = JSON.parse(line) as Record<string, unknown>;
    value.url = `https://probe.example.org/${unique()}`;
    return JSON.stringify(value);
  };
  const bad = [
    '{"title":"a\\u0000b","body":"\\"Hi,\\" she said."}',
    '{"title":"\\ud800","body":"\\"Hi,\\" she said."}',
    `{"title":"t","body":"x","url":"https://a.example/\\u0000"}`,
    '{"title":"t","body":"x","outlet":"\\udfff"}',
    'null',
    '[]',
    '"x"',
    '1e308',
    '{',
    '{"title":1e308,"body":[]}',
    '['.repeat(500) + ']'.repeat(500),
    JSON.stringify({ title: 't', body: 'x'.repeat(1_100_000) }),
  ];
  const probes: Probe[] = [];
  for (const b of bad)
    probes.push({
      method: op.method,
      path: valid,
      headers: ct,
      body: `${fresh()}\n${b}\n${fresh()}\n`,
      label: `${op.id}: line ${clip(b, 30)}`,
    });
  probes.push({
    method: op.method,
    path: valid,
    headers: ct,
    body: Buffer.concat([
      Buffer.from(`${fresh()}\n{"title":"t","body":"`),
      Buffer.from([0xff, 0xc0, 0xed, 0xa0, 0x80]),
      Buffer.from(`"}\n${fresh()}\n`),
    ]),
    label: `${op.id}: invalid UTF-8 in a line`,
  });
  probes.push({
    method: op.method,
    path: valid,
    headers: ct,
    body: `${fresh()}\r\n${fresh()}\r\n`,
    label: `${op.id}: CRLF lines`,
  });
  probes.push({ method: op.method, path: valid, headers: ct, body: '\n\n\n', label: `${op.id}: blank lines only` });
  probes.push({
    method: op.method,
    path: valid,
    headers: ct,
    body: `${fresh()}\n`.repeat(2).concat('{"title":"t","body":"b"}\n'.repeat(1001)),
    label: `${op.id}: 1003 lines`,
  });
  return probes;
}

/** Requests fetch will not send: raw bytes in the path, framing that contradicts itself. */
function rawProbes(known: Known): { bytes: Buffer; label: string }[] {
  const host = `Host: 127.0.0.1\r\nAuthorization: Bearer ${BENCH_KEY}\r\n`;
  const r = (s: string | Buffer, label: string) => ({
    bytes: typeof s === 'string' ? Buffer.from(s, 'latin1') : s,
    label,
  });
  return [
    r(
      Buffer.concat([
        Buffer.from('GET /v1/speakers/'),
        Buffer.from('ü😀', 'utf8'),
        Buffer.from(` HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      ]),
      'UTF-8 bytes in the path',
    ),
    r(`GET /v1/quotes?q=\xff\xfe HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 'latin1 bytes in the query'),
    r(
      `GET /v1/quotes/${known.quote} HTTP/1.1\r\n${host}Quotes-Consistency: \xff\xfe\r\nConnection: close\r\n\r\n`,
      'latin1 header value',
    ),
    r(
      `POST /v1/extract HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{"a":1}`,
      'two Content-Lengths',
    ),
    r(
      `POST /v1/extract HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      'bad chunk size',
    ),
    r(
      `POST /v1/extract HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"text":`,
      'body shorter than its length',
    ),
    r(
      `POST /v1/speakers HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{}`,
      'negative Content-Length',
    ),
    r(
      `POST /v1/speakers HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      'Content-Length and chunked',
    ),
    r(
      `GET /v1/quotes HTTP/1.1\r\n${host}Authorization: Bearer x\r\nConnection: close\r\n\r\n`,
      'two Authorization headers',
    ),
    r(
      `GET /v1/quotes HTTP/1.1\r\n${host}X-Big: ${'x'.repeat(70_000)}\r\nConnection: close\r\n\r\n`,
      'headers over 64 KB',
    ),
    r(`GET /v1/quotes/${known.quote}?q=%00 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 'NUL in a query string'),
    r(`GET http://evil.example/v1/quotes HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 'absolute-form URL'),
    r(`GET * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 'asterisk-form'),
    r(`GET /v1/quotes HTTP/1.0\r\nAuthorization: Bearer ${BENCH_KEY}\r\n\r\n`, 'HTTP/1.0 without Host'),
    r(
      `POST /v1/speakers HTTP/1.1\r\n${host}Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{"name":"Expect"}`,
      'Expect: 100-continue',
    ),
    r(
      `POST /v1/articles:batch HTTP/1.1\r\n${host}Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{"ti\r\n`,
      'batch cut off mid-chunk',
    ),
  ];
}

// ---------------------------------------------------------------------------
// Well-behaved clients beside the attack: what they send must succeed, and what
// they wrote must stay written.

interface Control {
  key: Record<string, string>;
  speaker: string;
  articles: { id: string; quotes: number }[];
  quotes: string[];
  aliases: string[];
  batchArticles: string[];
}

async function newControl(i: number): Promise<Control> {
  const { key } = await must('POST', '/v1/keys', { name: `control-${i}`, scopes: ['read', 'write'] });
  const auth = { authorization: `Bearer ${key}` };
  const speaker = await must(
    'POST',
    '/v1/speakers',
    { name: `Control Speaker ${i} ${unique()}`, kind: 'person' },
    auth,
  );
  return { key: auth, speaker: speaker.id, articles: [], quotes: [], aliases: [], batchArticles: [] };
}

async function controlLoop(control: Control, knownQuote: string, stop: () => boolean): Promise<number> {
  let n = 0;
  const expect = (what: string, status: number, ok: number[], text: string) => {
    if (!ok.includes(status)) findings.harm.push(`${what} answered ${status}: ${clip(text, 300)}`);
  };
  while (!stop()) {
    const step = n++ % 6;
    if (step === 0) {
      const a = article('Mara Lindqvist');
      const res = await call('POST', '/v1/articles', a, control.key);
      expect('a valid upload', res.status, [201], JSON.stringify(res.body));
      if (res.status === 201) {
        control.articles.push({ id: res.body.id, quotes: res.body.quotes.length });
        control.quotes.push(...res.body.quotes.map((q: { id: string }) => q.id));
      }
    } else if (step === 1) {
      // A quote of its own: the attack may delete the quotes it knows of.
      const own = control.quotes.at(-1) ?? knownQuote;
      const res = await call('GET', `/v1/quotes/${own}`, undefined, control.key);
      expect('a read of a quote', res.status, [200], JSON.stringify(res.body));
    } else if (step === 2) {
      const alias = `Alias ${unique()}`;
      const res = await call('POST', `/v1/speakers/${control.speaker}/aliases`, { aliases: [alias] }, control.key);
      expect('an alias addition', res.status, [200], JSON.stringify(res.body));
      if (res.status === 200) control.aliases.push(alias);
    } else if (step === 3) {
      const lines = [article('Jon Okafor'), article('Jon Okafor')];
      const answer = await send(
        {
          method: 'POST',
          path: '/v1/articles:batch',
          headers: { 'content-type': 'application/x-ndjson' },
          body: lines.map((l) => JSON.stringify(l)).join('\n'),
          label: 'control batch',
        },
        control.key,
      );
      expect('a valid batch', answer.status, [200], answer.text);
      if (answer.status === 200) {
        const parsed = JSON.parse(answer.text) as {
          results: { status: number; article?: { id: string }; id?: string }[];
        };
        for (const r of parsed.results ?? []) {
          if (r.status !== 201)
            findings.harm.push(`a valid batch line answered ${r.status}: ${clip(JSON.stringify(r), 300)}`);
          const id = r.article?.id ?? r.id;
          if (id) control.batchArticles.push(id);
        }
      }
    } else if (step === 4) {
      const res = await call('GET', '/v1/quotes?q=bridge&limit=5', undefined, control.key);
      expect('a search', res.status, [200], JSON.stringify(res.body));
    } else {
      const res = await call('POST', '/v1/extract', { text: '"Fine," Ana Ruiz said.' }, control.key);
      expect('a short extraction', res.status, [200], JSON.stringify(res.body));
    }
  }
  return n;
}

async function checkControl(control: Control): Promise<void> {
  for (const a of control.articles) {
    const res = await call('GET', `/v1/articles/${a.id}`);
    if (res.status !== 200) findings.lost.push(`article ${a.id} (answered 201) reads ${res.status}`);
    else if (res.body.quotes.length !== a.quotes)
      findings.lost.push(`article ${a.id} had ${a.quotes} quotes, now ${res.body.quotes.length}`);
  }
  for (const id of control.batchArticles) {
    const res = await call('GET', `/v1/articles/${id}`);
    if (res.status !== 200) findings.lost.push(`batch article ${id} reads ${res.status}`);
  }
  const speaker = await call('GET', `/v1/speakers/${control.speaker}`);
  const names = new Set([speaker.body.name, ...(speaker.body.aliases ?? [])]);
  const missing = control.aliases.filter((a) => !names.has(a));
  if (missing.length)
    findings.lost.push(
      `speaker ${control.speaker} lost ${missing.length} of ${control.aliases.length} aliases: ${missing.slice(0, 3).join(', ')}`,
    );
}

// ---------------------------------------------------------------------------
// Races: requests built first, then sent together.

const at = <T>(fs: (() => Promise<T>)[]) => Promise.all(fs.map((f) => f()));

async function races(): Promise<void> {
  // Twenty alias additions at once: all kept.
  {
    const s = await must('POST', '/v1/speakers', { name: `Race Aliases ${unique()}` });
    const names = Array.from({ length: 20 }, (_, i) => `Race Alias ${i} ${unique()}`);
    const res = await at(names.map((n) => () => call('POST', `/v1/speakers/${s.id}/aliases`, { aliases: [n] })));
    const kept = res.filter((r) => r.status === 200).length;
    const after = await must('GET', `/v1/speakers/${s.id}`);
    const missing = names.filter((n) => !after.aliases.includes(n));
    if (kept !== 20)
      findings.harm.push(
        `concurrent alias additions: ${20 - kept} of 20 refused: ${res.filter((r) => r.status !== 200).map((r) => r.status)}`,
      );
    if (missing.length) findings.lost.push(`concurrent alias additions lost ${missing.length} of 20`);
  }
  // Renames racing alias additions: every name kept (the last name, and every alias added).
  {
    const s = await must('POST', '/v1/speakers', { name: `Race Rename ${unique()}` });
    const aliases = Array.from({ length: 10 }, (_, i) => `Rename Alias ${i} ${unique()}`);
    const renames = Array.from({ length: 5 }, (_, i) => `Renamed ${i} ${unique()}`);
    const res = await at([
      ...aliases.map((a) => () => call('POST', `/v1/speakers/${s.id}/aliases`, { aliases: [a] })),
      ...renames.map((n) => () => call('PATCH', `/v1/speakers/${s.id}`, { name: n })),
      ...renames.map((_, i) => () => call('PATCH', `/v1/speakers/${s.id}`, { role: `Role ${i}` })),
    ]);
    const refused = res.filter((r) => r.status !== 200);
    if (refused.length)
      findings.harm.push(
        `renames racing alias additions: ${refused.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 120)}`).join('; ')}`,
      );
    const after = await must('GET', `/v1/speakers/${s.id}`);
    const missing = aliases.filter((a, i) => res[i]!.status === 200 && !after.aliases.includes(a));
    if (missing.length)
      findings.lost.push(`renames racing alias additions lost ${missing.length} of ${aliases.length} aliases`);
    if (!renames.includes(after.name)) findings.lost.push(`renames racing alias additions: name is ${after.name}`);
  }
  // A merge racing alias additions, corrections of the merged speaker's quotes, and uploads naming it.
  for (let round = 0; round < 3; round++) {
    const n = unique();
    const sourceName = `Petra Vasquez${n.replace(/[^a-z]/g, '')}`;
    const target = await must('POST', '/v1/speakers', { name: `Target Speaker ${n}` });
    const seeded = await must('POST', '/v1/articles', article(sourceName));
    const source = seeded.quotes.find((q: Loose) => q.speaker?.name === sourceName)?.speaker;
    if (!source) {
      findings.harm.push(`merge race: the seed article found no quote by ${sourceName}`);
      continue;
    }
    const extra = await must('POST', '/v1/articles', article(sourceName));
    const quotes = [...seeded.quotes, ...extra.quotes]
      .filter((q: Loose) => q.speaker?.id === source.id)
      .map((q: Loose) => q.id);
    const sourceAliases = Array.from({ length: 6 }, (_, i) => `Source Alias ${i} ${n}`);
    const targetAliases = Array.from({ length: 6 }, (_, i) => `Target Alias ${i} ${n}`);
    const uploads = Array.from({ length: 4 }, () => article(sourceName));
    const res = await at([
      () => call('POST', `/v1/speakers/${source.id}/merge`, { into: target.id, by: 'probe', reason: 'same person' }),
      ...sourceAliases.map((a) => () => call('POST', `/v1/speakers/${source.id}/aliases`, { aliases: [a] })),
      ...targetAliases.map((a) => () => call('POST', `/v1/speakers/${target.id}/aliases`, { aliases: [a] })),
      ...quotes.map(
        (q: string) => () =>
          call('PATCH', `/v1/quotes/${q}`, { speaker: source.id, status: 'confirmed', by: 'probe', reason: 'checked' }),
      ),
      ...uploads.map((u) => () => call('POST', '/v1/articles', u)),
      () => call('PATCH', `/v1/speakers/${source.id}`, { role: 'Minister' }),
    ]);
    const bad = res.filter((r) => r.status >= 500 || (r.status >= 400 && r.status !== 404));
    if (bad.length)
      findings.harm.push(
        `merge race ${round}: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
    if (res[0]!.status !== 200) continue;
    const survivor = await must('GET', `/v1/speakers/${target.id}`);
    const names = new Set([survivor.name, ...survivor.aliases]);
    if (!names.has(sourceName))
      findings.lost.push(`merge race ${round}: the merged speaker's name is not among the survivor's`);
    const lostAliases = [...sourceAliases, ...targetAliases].filter(
      (a, i) => res[1 + i]!.status === 200 && !names.has(a),
    );
    if (lostAliases.length)
      findings.lost.push(
        `merge race ${round}: lost ${lostAliases.length} aliases answered 200: ${lostAliases.join(', ')}`,
      );
    for (const q of quotes) {
      const quote = await call('GET', `/v1/quotes/${q}`);
      if (quote.status === 200 && quote.body.speaker?.id !== target.id)
        findings.lost.push(`merge race ${round}: quote ${q} is on ${quote.body.speaker?.id}, not the survivor`);
    }
    const base = 1 + sourceAliases.length + targetAliases.length + quotes.length;
    for (let i = 0; i < uploads.length; i++) {
      const up = res[base + i]!;
      if (up.status !== 201) continue;
      for (const q of up.body.quotes as Loose[]) {
        if (q.speaker?.name !== sourceName && q.speaker?.id !== target.id) continue;
        const now = await call('GET', `/v1/quotes/${q.id}`);
        if (now.body.speaker?.id !== target.id && now.body.speaker?.name === sourceName)
          findings.lost.push(
            `merge race ${round}: an upload's quote is on a speaker named ${sourceName} (${now.body.speaker?.id}) beside the survivor`,
          );
      }
    }
  }
  // Merges that cross (A into B while B into A), chain (A into B, B into C) or repeat, at once.
  for (let round = 0; round < 3; round++) {
    const n = unique();
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C'].map((x) => must('POST', '/v1/speakers', { name: `Cross ${x} ${n}` })),
    );
    const merge = (from: string, into: string) => () =>
      call('POST', `/v1/speakers/${from}/merge`, { into, by: 'probe', reason: 'same' });
    const res = await at([
      merge(a.id, b.id),
      merge(b.id, a.id),
      merge(b.id, c.id),
      merge(a.id, b.id),
      merge(c.id, c.id),
      merge(a.id, c.id),
    ]);
    const bad = res.filter((r) => r.status >= 500 || ![200, 400, 404, 409, 422].includes(r.status));
    if (bad.length)
      findings.harm.push(
        `crossing merges ${round}: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
    // Whatever won, every name is still on a speaker.
    const names = new Set<string>();
    for (const s of [a, b, c]) {
      const now = await call('GET', `/v1/speakers/${s.id}`);
      if (now.status === 200) for (const name of [now.body.name, ...now.body.aliases]) names.add(name);
    }
    const missing = [a, b, c].filter((s) => !names.has(s.name));
    if (missing.length)
      findings.lost.push(`crossing merges ${round}: ${missing.map((s) => s.name).join(', ')} on no speaker`);
  }
  // The same article (same URL, or same text at other URLs) uploaded at once, alone and in batches: one article.
  {
    const a = article('Ines Moreau');
    const lines = `${JSON.stringify(a)}\n${JSON.stringify(a)}\n`;
    const res = await at([
      ...Array.from({ length: 6 }, () => () => call('POST', '/v1/articles', a)),
      ...Array.from(
        { length: 3 },
        () => () =>
          send({
            method: 'POST',
            path: '/v1/articles:batch',
            headers: { 'content-type': 'application/x-ndjson' },
            body: lines,
            label: 'same batch',
          }).then((r) => ({ status: r.status, body: JSON.parse(r.text) })),
      ),
      ...Array.from({ length: 4 }, (_, i) => () => call('POST', '/v1/articles', { ...a, url: `${a.url}-copy-${i}` })),
    ]);
    const bad = res.filter((r) => r.status >= 300 && r.status !== 409);
    const lineBad = res.flatMap((r) =>
      ((r.body?.items ?? []) as { status: number }[]).filter((i) => i.status >= 300 && i.status !== 409),
    );
    if (bad.length || lineBad.length)
      findings.harm.push(
        `the same article at once: ${[...bad, ...lineBad].map((r) => `${r.status} ${clip(JSON.stringify((r as { body?: unknown }).body ?? r), 160)}`).join('; ')}`,
      );
    const ids = new Set(
      res
        .flatMap((r) => [r.body?.id, ...((r.body?.items ?? []) as { id?: string }[]).map((i) => i.id)])
        .filter(Boolean),
    );
    if (ids.size > 1) findings.lost.push(`the same article uploaded at once is stored as ${ids.size} articles`);
  }
  // Speakers made at once with one name, and one alias given to two speakers at once; corrections of one quote at once.
  {
    const name = `Same Name ${unique()}`;
    const made = await at(
      Array.from({ length: 6 }, () => () => call('POST', '/v1/speakers', { name, kind: 'person' })),
    );
    const bad = made.filter((r) => r.status >= 500 || ![201, 409].includes(r.status));
    if (bad.length)
      findings.harm.push(
        `speakers of one name at once: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
    const [s1, s2] = await Promise.all([
      must('POST', '/v1/speakers', { name: `Alias Owner 1 ${unique()}` }),
      must('POST', '/v1/speakers', { name: `Alias Owner 2 ${unique()}` }),
    ]);
    const alias = `Shared Alias ${unique()}`;
    const wikidata = `Q${Date.now() % 1_000_000_000}`;
    const res = await at([
      () => call('POST', `/v1/speakers/${s1.id}/aliases`, { aliases: [alias] }),
      () => call('POST', `/v1/speakers/${s2.id}/aliases`, { aliases: [alias] }),
      () => call('PATCH', `/v1/speakers/${s1.id}`, { wikidataId: wikidata }),
      () => call('PATCH', `/v1/speakers/${s2.id}`, { wikidataId: wikidata }),
      () => call('PATCH', `/v1/speakers/${s1.id}`, { name: s2.name }),
      () => call('PATCH', `/v1/speakers/${s2.id}`, { aliases: [alias, 'Other'] }),
    ]);
    const odd = res.filter((r) => r.status >= 500 || ![200, 400, 409].includes(r.status));
    if (odd.length)
      findings.harm.push(
        `alias and wikidata races: ${odd.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
    const a = await must('POST', '/v1/articles', article('Rosa Delgado'));
    const q = a.quotes[0].id as string;
    const edits = await at([
      ...Array.from(
        { length: 4 },
        (_, i) => () =>
          call('PATCH', `/v1/quotes/${q}`, {
            status: i % 2 ? 'confirmed' : 'rejected',
            by: `editor-${i}`,
            reason: 'checked',
          }),
      ),
      ...Array.from(
        { length: 3 },
        (_, i) => () =>
          call('PATCH', `/v1/quotes/${q}`, { speaker: s1.id, by: `editor-s${i}`, reason: 'the recording' }),
      ),
      () => call('POST', `/v1/speakers/${s1.id}/merge`, { into: s2.id, by: 'probe', reason: 'same' }),
    ]);
    const oddEdits = edits.filter((r) => r.status >= 500 || ![200, 404, 409].includes(r.status));
    if (oddEdits.length)
      findings.harm.push(
        `corrections of one quote at once: ${oddEdits.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
    const history = await call('GET', `/v1/quotes/${q}/history`);
    const okEdits = edits.slice(0, 7).filter((r) => r.status === 200).length;
    const entries = (history.body?.items ?? history.body?.history ?? history.body) as unknown[];
    if (Array.isArray(entries) && entries.length < okEdits)
      findings.lost.push(`corrections of one quote at once: ${okEdits} answered 200, history holds ${entries.length}`);
  }
  // Many valid uploads at once, beyond the database pool: slower, never 5xx.
  {
    const res = await at(Array.from({ length: 40 }, () => () => call('POST', '/v1/articles', article('Dara Quinn'))));
    const bad = res.filter((r) => r.status !== 201);
    if (bad.length)
      findings.harm.push(
        `40 uploads at once: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
  }
  // Uploads at once, one with a NUL in its url: only that one fails.
  {
    const uploads = Array.from({ length: 8 }, () => article());
    const res = await at([
      ...uploads.map((u) => () => call('POST', '/v1/articles', u)),
      () => call('POST', '/v1/articles', { ...article(), url: 'https://probe.example.org/a\u0000b' }),
      () => call('POST', '/v1/articles', { ...article(), outlet: 'Bad \ud800 outlet' }),
    ]);
    const hurt = res.slice(0, 8).filter((r) => r.status !== 201);
    if (hurt.length) findings.harm.push(`uploads beside bad ones: ${hurt.map((r) => r.status).join(',')}`);
  }
  // Idempotency-Key races: the same key and body at once give one article; another body with the key is refused.
  {
    const key = `probe-${unique()}`;
    const a = article();
    const res = await at([
      ...Array.from(
        { length: 8 },
        () => () =>
          send({
            method: 'POST',
            path: '/v1/articles',
            headers: { ...JSON_TYPE, 'idempotency-key': key },
            body: JSON.stringify(a),
            label: 'idempotent twin',
          }),
      ),
      () =>
        send({
          method: 'POST',
          path: '/v1/articles',
          headers: { ...JSON_TYPE, 'idempotency-key': key },
          body: JSON.stringify(article()),
          label: 'idempotent other',
        }),
    ]);
    const ids = new Set(
      res
        .slice(0, 8)
        .filter((r) => r.status < 300)
        .map((r) => JSON.parse(r.text).id),
    );
    if (ids.size > 1) findings.lost.push(`one Idempotency-Key stored ${ids.size} articles`);
    const odd = res.slice(0, 8).filter((r) => ![200, 201, 409].includes(r.status));
    if (odd.length) findings.harm.push(`idempotent twins answered ${odd.map((r) => r.status).join(',')}`);
  }
  // DELETEs racing reads and edits of what they delete.
  {
    const a = await must('POST', '/v1/articles', article('Lena Hoffmann'));
    const q = a.quotes[0]?.id as string;
    const res = await at([
      () => call('DELETE', `/v1/articles/${a.id}`),
      ...Array.from({ length: 4 }, () => () => call('GET', `/v1/articles/${a.id}`)),
      ...Array.from({ length: 3 }, () => () => call('GET', `/v1/quotes/${q}`)),
      () => call('GET', `/v1/quotes/${q}/history`),
      () => call('PATCH', `/v1/quotes/${q}`, { status: 'confirmed', by: 'probe', reason: 'checked' }),
      () => call('DELETE', `/v1/quotes/${q}`, { by: 'probe', reason: 'not speech' }),
      () =>
        call('POST', `/v1/articles/${a.id}/quotes`, {
          start: 1,
          end: 20,
          kind: 'direct',
          speaker: null,
          by: 'probe',
          reason: 'missed',
        }),
      () => call('DELETE', `/v1/articles/${a.id}`),
    ]);
    const bad = res.filter((r) => r.status >= 500 || (r.status >= 400 && ![404, 409].includes(r.status)));
    if (bad.length)
      findings.harm.push(
        `deletes racing reads: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
  }
  // Feeds, subscriptions and keys made, read and removed at once.
  {
    const feedUrl = `${feedServer}/${unique()}.xml`;
    const feeds = await at(Array.from({ length: 6 }, () => () => call('POST', '/v1/feeds', { url: feedUrl })));
    const feedIds = new Set(feeds.filter((r) => r.status < 300).map((r) => r.body.id));
    if (feedIds.size > 1) findings.lost.push(`one feed URL made ${feedIds.size} feeds`);
    const feedId = [...feedIds][0];
    const subs = await at(
      Array.from(
        { length: 4 },
        (_, i) => () =>
          call('POST', '/v1/subscriptions', {
            q: `race ${i}`,
            callbackUrl: `${feedServer}/hook`,
            secret: 'probe-webhook-secret-0123456789',
          }),
      ),
    );
    const keys = await at(
      Array.from({ length: 4 }, (_, i) => () => call('POST', '/v1/keys', { name: `race-${i}`, scopes: ['read'] })),
    );
    const res = await at([
      ...(feedId
        ? [
            () => call('DELETE', `/v1/feeds/${feedId}`),
            () => call('POST', `/v1/feeds/${feedId}/poll`),
            () => call('GET', `/v1/feeds/${feedId}`),
            () => call('DELETE', `/v1/feeds/${feedId}`),
          ]
        : []),
      ...subs.flatMap((s) =>
        s.status === 201
          ? [
              () => call('DELETE', `/v1/subscriptions/${s.body.id}`),
              () => call('GET', `/v1/subscriptions/${s.body.id}/deliveries`),
              () => call('DELETE', `/v1/subscriptions/${s.body.id}`),
            ]
          : [],
      ),
      ...keys.flatMap((k) =>
        k.status === 201
          ? [
              () => call('DELETE', `/v1/keys/${k.body.id}`),
              () => call('GET', '/v1/quotes?limit=1', undefined, { authorization: `Bearer ${k.body.key}` }),
              () => call('DELETE', `/v1/keys/${k.body.id}`),
            ]
          : [],
      ),
      () => call('GET', '/v1/feeds'),
      () => call('GET', '/v1/subscriptions'),
      () => call('GET', '/v1/keys'),
    ]);
    const all = [...feeds, ...subs, ...keys, ...res];
    const bad = all.filter((r) => r.status >= 500 || [400, 422].includes(r.status));
    if (bad.length)
      findings.harm.push(
        `feed/subscription/key races: ${bad.map((r) => `${r.status} ${clip(JSON.stringify(r.body), 160)}`).join('; ')}`,
      );
  }
}

// ---------------------------------------------------------------------------

async function freshDatabase(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, DATABASE);
}

/** Feeds of one item each, and the item's page, served to the service on 127.0.0.1. */
async function startFeeds(): Promise<string> {
  const server = createServer((req, res) => {
    const at = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url?.startsWith('/page/')) {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<html><head><title>Feed page ${req.url}</title></head><body><article><h1>Feed page</h1><p>"We will build the bridge by spring," Ana Ruiz said.</p></article></body></html>`,
        );
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Probe</title><link>${at}/</link><description>d</description>` +
          `<item><title>One</title><link>${at}/page${req.url}</link><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}
let feedServer = '';

async function seed(): Promise<Known> {
  const a = await must('POST', '/v1/articles', article('Ana Ruiz'));
  const b = await must('POST', '/v1/articles', article('Tomas Brandt'));
  await must('POST', '/v1/articles', article('Ana Ruiz'));
  const speaker = a.quotes[0].speaker.id as string;
  const other = await must('POST', '/v1/speakers', { name: `Other ${unique()}` });
  const feed = await must('POST', '/v1/feeds', { url: `${feedServer}/probe.xml` });
  const sub = await must('POST', '/v1/subscriptions', {
    q: 'bridge',
    callbackUrl: `${feedServer}/hook`,
    secret: 'probe-webhook-secret-0123456789',
  });
  const key = await must('POST', '/v1/keys', { name: 'probe-victim', scopes: ['read'] });
  const job = await send({
    method: 'POST',
    path: '/v1/ingest-jobs',
    headers: { 'content-type': 'application/x-ndjson' },
    body: JSON.stringify(article()),
    label: 'setup',
  });
  const cursors: Record<string, string | null> = {};
  for (const [id, p] of Object.entries({
    listArticles: '/v1/articles?limit=1',
    listQuotes: '/v1/quotes?limit=1',
    listSpeakerQuotes: `/v1/speakers/${speaker}/quotes?limit=1`,
    listSpeakers: '/v1/speakers?limit=1',
    listFeeds: '/v1/feeds?limit=1',
    listSubscriptions: '/v1/subscriptions?limit=1',
    listApiKeys: '/v1/keys?limit=1',
  })) {
    cursors[id] = ((await call('GET', p)).body?.nextCursor as string | null) ?? null;
  }
  const q2 = await call('GET', '/v1/quotes?limit=1&q=bridge&sort=relevance');
  if (q2.body?.nextCursor) cursors.listQuotes = q2.body.nextCursor;
  return {
    article: b.id,
    quote: b.quotes[0].id,
    speaker,
    otherSpeaker: other.id,
    feed: feed.id,
    subscription: sub.id,
    key: key.id,
    job: JSON.parse(job.text).id,
    cursors,
  };
}

const url = await freshDatabase(values['admin-url']);
feedServer = await startFeeds();
const port = await freePort();
base = `http://127.0.0.1:${port}`;
const service = start(
  'src/server.ts',
  {
    DATABASE_URL: url,
    PORT: String(port),
    ...SERVICE_ENV,
    FETCH_TIMEOUT_MS: '3000',
    FETCH_CONNECT_TIMEOUT_MS: '2000',
    JOB_WORKERS: '1',
    // A body that never arrives in full is answered (408) within the probe's patience.
    REQUEST_TIMEOUT_MS: '8000',
    // The feeds of the probe are served on 127.0.0.1.
    FETCH_ALLOW_PRIVATE: 'true',
  },
  [],
  'pipe',
);
let log = '';
for (const stream of [service.stdout, service.stderr])
  stream?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    if (values.verbose) process.stderr.write(chunk);
  });
let exitCode: number;
try {
  await waitFor(`${base}/health/ready`);
  const t0 = performance.now();
  const known = await seed();
  const controls = await Promise.all(Array.from({ length: Number(values.controls) }, (_, i) => newControl(i)));
  let stopped = false;
  const loops = controls.map((c) => controlLoop(c, known.quote, () => stopped));

  const ops = operations().filter((op) => !values['races-only'] && (!only || only.includes(op.id)));
  const probes = ops.flatMap((op) => hostileProbes(op, known));
  console.log(`${ops.length} operations, ${probes.length} hostile requests, ${controls.length} clients beside them`);
  let done = 0;
  await pool(
    probes.map((p) => async () => {
      await send(p);
      if (++done % 1000 === 0)
        console.log(`  ${done} sent, ${findings.serverErrors.length} 5xx, ${findings.harm.length} harmed`);
    }),
    CONCURRENCY,
  );
  if (!values['races-only']) for (const raw of rawProbes(known)) await sendRaw(raw.bytes, raw.label);
  stopped = true;
  const controlRequests = (await Promise.all(loops)).reduce((s, n) => s + n, 0);
  if (!only) await races();
  for (const c of controls) await checkControl(c);
  await checkJobs();

  const leaked = ['probe-secret-in-query', BENCH_KEY].filter((s) => log.includes(s));
  const errorLines = log.split('\n').filter((l) => /"level":(50|60)/.test(l));
  console.log(
    JSON.stringify(
      {
        seconds: Math.round((performance.now() - t0) / 1000),
        requests: sent,
        control_requests: controlRequests,
        statuses: Object.fromEntries([...statusCounts].sort((a, b) => a[0] - b[0])),
        server_errors: findings.serverErrors.length,
        hangs: findings.hangs.length,
        harmed: findings.harm.length,
        lost: findings.lost.length,
        keys_in_log: leaked.length,
        error_log_lines: errorLines.length,
      },
      null,
      1,
    ),
  );
  for (const [name, list] of Object.entries(findings)) {
    if (list.length === 0) continue;
    console.log(`\n${name} (${list.length}):`);
    const counts = new Map<string, number>();
    for (const line of list) counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const [line, n] of [...counts].slice(0, 60)) console.log(`  ${n > 1 ? `${n}× ` : ''}${line}`);
  }
  if (errorLines.length)
    console.log(
      `\nerror log lines:\n${errorLines
        .slice(0, 10)
        .map((l) => `  ${clip(l.replace(/"stack":"[^"]*"/, ''), 800)}`)
        .join('\n')}`,
    );
  exitCode = Object.values(findings).some((l) => l.length > 0) || leaked.length ? 1 : 0;
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  service.kill('SIGTERM');
}
process.exit(exitCode);
