import Fastify from 'fastify';
import pg from 'pg';
import { prepared } from '../src/db/prepared.js';
import { quotePageStatement, quoteStatement } from '../src/quotes/repository.js';
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

app.get<{ Params: { id: string } }>('/v1/speakers/:id/quotes', async (request) => {
  // The service's own statement for the first page of a speaker's quotes (a speaker
  // with none is not looked for: the samples are speakers with quotes).
  const statement = quotePageStatement({ speakerIds: [request.params.id] }, 'date', 20, undefined, true, ranking);
  const { rows } = await pool.query(prepared(statement));
  return { items: rows.slice(0, 20), nextCursor: null };
});

app.get<{ Querystring: { q: string } }>('/v1/quotes', async (request) => {
  // The service's own statement for a page of search results (default order and page size).
  const statement = quotePageStatement({ q: request.query.q }, 'relevance', 20, undefined, true, ranking);
  const { rows } = await pool.query(prepared(statement));
  return { items: rows.slice(0, 20), nextCursor: null };
});

app.get<{ Params: { id: string } }>('/v1/quotes/:id', async (request, reply) => {
  // The service's own statement for a quote.
  const { rows } = await pool.query(prepared(quoteStatement(request.params.id)));
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
