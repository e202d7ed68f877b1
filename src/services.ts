import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ArticleIngestion, type IngestionObserver } from './articles/ingest.js';
import { ArticleRepository } from './articles/repository.js';
import { ArticleService } from './articles/service.js';
import type { ExtractionPool } from './extraction-pool/pool.js';
import { AttributionRepository } from './quotes/attribution-repository.js';
import { CorrectionService } from './quotes/corrections.js';
import { QuoteRepository } from './quotes/repository.js';
import { QuoteService } from './quotes/service.js';
import { SpeakerRepository } from './speakers/repository.js';
import { SpeakerService } from './speakers/service.js';
import { VerifyRepository } from './verify/repository.js';
import { VerifyService } from './verify/service.js';

// The repositories and services, built once over the app's database; routes take
// them from `app.services`.

export interface Services {
  articles: ArticleService;
  /** Single-article and batch ingestion share it. */
  ingestion: ArticleIngestion;
  quotes: QuoteService;
  corrections: CorrectionService;
  speakers: SpeakerService;
  verification: VerifyService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export function buildServices(
  db: FastifyInstance['db'],
  ingestionObserver?: IngestionObserver,
  extraction?: ExtractionPool,
): Services {
  const articleRepository = new ArticleRepository(db.prisma, db.pool);
  const attributions = new AttributionRepository(db.prisma);
  const speakerRepository = new SpeakerRepository(db.prisma, db.pool, attributions);
  const quoteRepository = new QuoteRepository(db.pool);
  const ingestion = new ArticleIngestion(articleRepository, speakerRepository, ingestionObserver, extraction);
  return {
    articles: new ArticleService(articleRepository, ingestion),
    ingestion,
    quotes: new QuoteService(quoteRepository, speakerRepository),
    corrections: new CorrectionService(attributions, quoteRepository),
    speakers: new SpeakerService(speakerRepository),
    verification: new VerifyService(new VerifyRepository(db.pool)),
  };
}

export default fp(
  async function services(app: FastifyInstance) {
    app.decorate('services', buildServices(app.db, app.metrics.ingestion, app.extraction));
  },
  { name: 'services', dependencies: ['database', 'metrics', 'extraction-pool'] },
);
