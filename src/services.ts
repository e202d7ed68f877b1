import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ArticleIngestion, type IngestionObserver } from './articles/ingest.js';
import { ArticleRepository } from './articles/repository.js';
import { ArticleService } from './articles/service.js';
import type { ExtractionPool } from './extraction-pool/pool.js';
import { ArticleSources } from './articles/sources.js';
import { AttributionRepository } from './quotes/attribution-repository.js';
import { CorrectionService } from './quotes/corrections.js';
import { QuoteRepository } from './quotes/repository.js';
import { QuoteService } from './quotes/service.js';
import { SearchRankingSource } from './quotes/ranking.js';
import { LexemeCountFolder } from './verify/lexeme-counts.js';
import { FrequentWordKeeper } from './quotes/frequent-words.js';
import { SpeakerRepository } from './speakers/repository.js';
import { SpeakerService } from './speakers/service.js';
import { StatsRepository } from './stats/repository.js';
import { StatsService } from './stats/service.js';
import { VerifyRepository } from './verify/repository.js';
import { VerifyService } from './verify/service.js';
import { isPublicAddress, PageFetcher, type FetchPolicy } from './web/fetch.js';
import type { Config } from './config.js';
import { IngestJobRepository } from './ingest-jobs/repository.js';
import { IngestJobService, type IngestChunk } from './ingest-jobs/service.js';
import type PgBoss from 'pg-boss';
import { FeedRepository } from './feeds/repository.js';
import { FeedService, type FeedItemJob, type FeedPollJob } from './feeds/service.js';
import { SubscriptionRepository } from './subscriptions/repository.js';
import { SubscriptionService } from './subscriptions/service.js';

// The repositories and services, built once over the app's database; routes take
// them from `app.services`.

export interface Services {
  articles: ArticleService;
  /** Single-article and batch ingestion share it. */
  ingestion: ArticleIngestion;
  /** Turns a request (text, HTML page or URL) into the text article ingestion stores. */
  sources: ArticleSources;
  /** Fetches pages named by clients, within the configured limits. */
  fetcher: PageFetcher;
  /** Bulk ingestion in the background (POST /v1/ingest-jobs). */
  ingestJobs: IngestJobService;
  /** Feeds polled in the background, their new items fetched and ingested (/v1/feeds). */
  feeds: FeedService;
  quotes: QuoteService;
  corrections: CorrectionService;
  speakers: SpeakerService;
  verification: VerifyService;
  stats: StatsService;
  /** Alerts: who is told of new quotes (POST /v1/subscriptions). */
  subscriptions: SubscriptionService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** The fetch policy of the configuration: public addresses only unless FETCH_ALLOW_PRIVATE, at most 5 redirects. */
export function fetchPolicy(fetch: Config['fetch']): FetchPolicy {
  return {
    allowAddress: fetch.allowPrivate ? () => true : isPublicAddress,
    connectTimeoutMs: fetch.connectTimeoutMs,
    timeoutMs: fetch.timeoutMs,
    maxBytes: fetch.maxBytes,
    maxRedirects: 5,
    userAgent: fetch.userAgent,
  };
}

export function buildServices(
  db: FastifyInstance['db'],
  fetcher: PageFetcher,
  queue: () => Promise<PgBoss>,
  ingestionObserver?: IngestionObserver,
  extraction?: ExtractionPool,
  feedRetrySeconds = 60,
  searchRanking?: SearchRankingSource,
): Services {
  const attributions = new AttributionRepository(db.prisma);
  const articleRepository = new ArticleRepository(db.prisma, db.pool, attributions);
  const speakerRepository = new SpeakerRepository(db.prisma, db.pool, attributions);
  const quoteRepository = new QuoteRepository(db.pool, searchRanking);
  const ingestion = new ArticleIngestion(articleRepository, speakerRepository, ingestionObserver, extraction);
  const sources = new ArticleSources(articleRepository, fetcher, extraction);
  return {
    articles: new ArticleService(articleRepository, ingestion, sources),
    ingestion,
    sources,
    fetcher,
    ingestJobs: new IngestJobService(new IngestJobRepository(db.pool), queue, { ingestion, sources }),
    feeds: new FeedService(new FeedRepository(db.pool), queue, fetcher, { ingestion, sources }, feedRetrySeconds),
    quotes: new QuoteService(quoteRepository, speakerRepository),
    corrections: new CorrectionService(attributions, quoteRepository),
    speakers: new SpeakerService(speakerRepository),
    verification: new VerifyService(new VerifyRepository(db.pool)),
    stats: new StatsService(new StatsRepository(db.pool)),
    subscriptions: new SubscriptionService(
      new SubscriptionRepository(db.pool),
      speakerRepository,
      fetcher.policy.allowAddress,
    ),
  };
}

export default fp(
  async function services(
    app: FastifyInstance,
    options: {
      fetch: Config['fetch'];
      jobWorkers: number;
      feedRetrySeconds: number;
      searchIndex: Config['searchIndex'];
    },
  ) {
    const fetcher = new PageFetcher(fetchPolicy(options.fetch));
    const ranking = new SearchRankingSource(app.db.pool, options.searchIndex, app.log);
    // Said at start; a database that cannot answer yet is asked again at the first search.
    app.addHook('onReady', async () => {
      await ranking.get().catch(() => undefined);
    });
    // It writes, so it uses the primary.
    const wordCounts = new LexemeCountFolder(app.db.primary.pool, app.log);
    app.addHook('onReady', async () => wordCounts.start());
    app.addHook('preClose', () => wordCounts.stop());
    const frequentWords = new FrequentWordKeeper(app.db.primary.pool, app.log);
    app.addHook('onReady', async () => frequentWords.start());
    app.addHook('preClose', () => frequentWords.stop());
    const built = buildServices(
      app.db,
      fetcher,
      app.jobs,
      app.metrics.ingestion,
      app.extraction,
      options.feedRetrySeconds,
      ranking,
    );
    app.decorate('services', built);
    app.workQueue(
      'ingestLines',
      options.jobWorkers,
      (data) => built.ingestJobs.runChunk(data as IngestChunk, app.log),
      () => built.ingestJobs.requeueOrphans(),
    );
    app.workQueue(
      'feedPoll',
      options.jobWorkers,
      (data) => built.feeds.poll(data as FeedPollJob),
      () => built.feeds.recover(),
    );
    app.workQueue('feedItem', options.jobWorkers, (data) => built.feeds.ingestItem(data as FeedItemJob, app.log));
    app.addHook('onClose', () => fetcher.close());
  },
  { name: 'services', dependencies: ['database', 'metrics', 'extraction-pool', 'job-queue'] },
);
