import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/quotes/export.js';
import { useTestApp } from '../support/app.js';
import { recordQuotes } from '../support/records.js';

const t = useTestApp();

/** CSV text to rows of fields (RFC 4180), enough for the export's own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('GET /v1/quotes/export', () => {
  it('streams CSV and NDJSON with the search filters, fields escaped and formulas kept as text', async () => {
    const { quotes } = await recordQuotes(t.app.db.prisma, [
      {
        text: 'Tolls rise, "slightly", in March\nsays the plan',
        speaker: { name: 'Nadia Ferro' },
        outlet: 'Delta Post',
      },
      { text: '=HYPERLINK("http://evil.example")', speaker: { name: 'Nadia Ferro' }, outlet: 'Delta Post' },
      { text: 'Tolls stay as they are', speaker: { name: 'Ivo Brandt' }, outlet: 'Hill Gazette' },
    ]);
    const csv = await t.api().get('/v1/quotes/export').query({ outlet: 'delta post' }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="quotes.csv"');
    const rows = parseCsv(csv.text);
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'text', 'kind']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil.example")`,
      'Tolls rise, "slightly", in March\nsays the plan',
    ]);
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('outlet')])).toEqual(['Delta Post', 'Delta Post']);
    expect(rows[0]).toContain('sieve');

    const nd = await t
      .api()
      .get('/v1/quotes/export')
      .query({ format: 'ndjson', q: 'tolls', speaker: 'Ivo Brandt' })
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(nd.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = (nd.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      { id: quotes[2]!.id, text: 'Tolls stay as they are', speaker: { name: 'Ivo Brandt' } },
    ]);

    const nobody = await t.api().get('/v1/quotes/export').query({ speaker: 'Nobody Known' }).expect(200);
    expect(parseCsv(nobody.text)).toHaveLength(1);
  });

  it('reads every quote, batch after batch, newest first', async () => {
    const [article] = await t.app.db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO articles (title, body, body_hash, outlet) VALUES ('Long list', 'x', md5(random()::text), 'Batch Wire') RETURNING id`;
    await t.app.db.prisma.$executeRaw`
      INSERT INTO quotes (article_id, text, normalized_text, kind, start, "end", confidence, position, outlet, published_at)
      SELECT ${article!.id}::uuid, 'quote ' || n, 'quote ' || n, 'direct', 0, 1, 0.5, n, 'batch wire',
             timestamptz '2020-01-01' + n * interval '1 minute'
      FROM generate_series(1, 1234) n`;
    const res = await t.api().get('/v1/quotes/export').query({ outlet: 'Batch Wire' }).expect(200);
    const texts = parseCsv(res.text)
      .slice(1)
      .map((r) => r[1]);
    expect(texts).toHaveLength(1234);
    expect(texts[0]).toBe('quote 1234');
    expect(texts.at(-1)).toBe('quote 1');
    expect(new Set(texts).size).toBe(1234);
  });

  it('refuses bad formats, unknown parameters and paging', async () => {
    for (const query of [
      { format: 'xml' },
      { limit: '5' },
      { cursor: 'abc' },
      { sort: 'date' },
      { publishedFrom: 'May' },
    ]) {
      const res = await t.api().get('/v1/quotes/export').query(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('escapes CSV fields as RFC 4180 says', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('-5 degrees')).toBe("'-5 degrees");
    expect(csvField('@handle')).toBe("'@handle");
  });
});
