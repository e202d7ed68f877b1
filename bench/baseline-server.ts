import Fastify from 'fastify';
import pg from 'pg';
import { prepared } from '../src/db/prepared.js';
import { quotePageStatement } from '../src/quotes/repository.js';
import { searchIndexOf, searchRanking } from '../src/quotes/ranking.js';
import { runSpeakerLookup, speakerLookupStatement } from '../src/speakers/repository.js';
import { normalizeQuoteText } from '../src/text/normalize.js';
import { verifyCandidatesStatement } from '../src/verify/repository.js';

// The floor for the read endpoints: a bare Fastify with a pg pool of the same
// size, running the queries each endpoint needs and sending the rows as they
// come, with no validation, no Prisma, no response schema and no request log.
// Each benchmark figure of the service is divided by this server's. Its statements
// are prepared once per connection where the service's are (all but the fuzzy
// speaker look-up).
//   DATABASE_URL=… PORT=… DB_POOL_SIZE=10 npx tsx bench/baseline-server.ts

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });
// The service's ranking on the index the data set has.
const ranking = searchRanking(await searchIndexOf(pool));

const QUOTE_COLUMNS = `q.id, q.text, q.kind, q.start, q."end", q.mention_text, q.mention_start, q.mention_end,
  q.cue_text, q.cue_start, q.cue_end, q.confidence, q.status,
  s.id AS speaker_id, s.name AS speaker_name, s.kind AS speaker_kind,
  r.id AS relayed_id, r.name AS relayed_name, r.kind AS relayed_kind,
  a.id AS article_id, a.title, a.url, a.outlet, a.published_at`;
const PAGE_COLUMNS = `id, article_id, speaker_id, relayed_by_id, text, kind, start, "end", mention_text, mention_start, mention_end,
  cue_text, cue_start, cue_end, confidence, status, published_at`;
const QUOTE_JOINS = `JOIN articles a ON a.id = q.article_id
  LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN speakers r ON r.id = q.relayed_by_id`;

app.get<{ Params: { id: string } }>('/v1/speakers/:id/quotes', async (request) => {
  const { rows } = await pool.query(
    prepared({
      text: `SELECT ${QUOTE_COLUMNS}, (SELECT 1 FROM speakers x WHERE x.id = $1) AS speaker_exists
     FROM (SELECT ${PAGE_COLUMNS} FROM quotes WHERE speaker_id = $1::uuid ORDER BY published_at DESC, id DESC LIMIT 21) q ${QUOTE_JOINS}
     ORDER BY q.published_at DESC, q.id DESC`,
      values: [request.params.id],
    }),
  );
  return { items: rows.slice(0, 20), nextCursor: null };
});

app.get<{ Querystring: { q: string } }>('/v1/quotes', async (request) => {
  // The service's own statement for a page of search results (default order and page size).
  const statement = quotePageStatement({ q: request.query.q }, 'relevance', 20, undefined, true, ranking);
  const { rows } = await pool.query(prepared(statement));
  return { items: rows.slice(0, 20), nextCursor: null };
});

app.get<{ Params: { id: string } }>('/v1/quotes/:id', async (request, reply) => {
  const { rows } = await pool.query(
    prepared({
      text: `SELECT ${QUOTE_COLUMNS} FROM quotes q ${QUOTE_JOINS} WHERE q.id = $1`,
      values: [request.params.id],
    }),
  );
  return rows[0] ?? reply.code(404).send({ status: 404 });
});

app.post<{ Body: { quote: string; speaker?: string } }>('/v1/verify', async (request) => {
  const claim = request.body.quote;
  // The service's own statement, with none of its checks or serialization around it.
  const statement = verifyCandidatesStatement(claim, normalizeQuoteText(claim));
  const { rows } = await pool.query<{ article_id: string }>(prepared(statement));
  const ids = [...new Set(rows.map((r) => r.article_id))].slice(0, 20);
  const articles = ids.length
    ? (
        await pool.query(
          prepared({
            text: 'SELECT id, title, url, outlet, published_at, body FROM articles WHERE id = ANY($1::uuid[])',
            values: [ids],
          }),
        )
      ).rows
    : [];
  return { matches: rows.slice(0, 20), articles: articles.length };
});

app.get<{ Querystring: { q: string } }>('/v1/speakers', async (request) => {
  // The service's own statement and transaction-local settings (default page size).
  const rows = await runSpeakerLookup(pool, speakerLookupStatement(request.query.q, { limit: 20 }));
  return { items: rows.slice(0, 20), nextCursor: null };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3001) });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
