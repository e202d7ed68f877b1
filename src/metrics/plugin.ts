import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type pg from 'pg';
import type { ReadRouting } from '../db/replicas.js';
import { z } from 'zod';
import type { IngestionObserver } from '../articles/ingest.js';
import type { DeliveryObserver } from '../subscriptions/delivery.js';
import apiGuard from '../http/guard.js';

// GET /metrics in the Prometheus text format: requests by route and status, the
// database pool, ingestion, and the process. Each app has a registry of its own,
// so that several apps in one process (the tests) count apart.

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { ingestion: IngestionObserver; deliveries: DeliveryObserver };
  }
}

export interface MetricsOptions {
  /** GET /metrics answers without an API key. */
  public: boolean;
}

/** The route label of requests that matched no route: their URLs are not labels. */
const UNMATCHED = 'unmatched';

function poolGauges(registry: Registry, pools: { target: string; pool: pg.Pool }[]): void {
  const gauge = (name: string, help: string, read: (pool: pg.Pool) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['target'],
      registers: [registry],
      collect() {
        for (const { target, pool } of pools) this.set({ target }, read(pool));
      },
    });
  gauge('quotes_db_pool_connections', 'Open connections of the database pool.', (p) => p.totalCount);
  gauge('quotes_db_pool_idle_connections', 'Open connections of the pool that no query holds.', (p) => p.idleCount);
  gauge('quotes_db_pool_waiting_clients', 'Queries waiting for a connection of the pool.', (p) => p.waitingCount);
}

function replicaGauges(registry: Registry, routing: ReadRouting): void {
  new Gauge({
    name: 'quotes_db_replica_lag_seconds',
    help: 'How far each replica is behind the primary, as of its last check (absent while unknown).',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of routing.states()) if (r.lagMs !== null) this.set({ target: r.name }, r.lagMs / 1000);
    },
  });
  new Gauge({
    name: 'quotes_db_replica_healthy',
    help: 'Whether each replica answered its last check as a standby (1) or not (0).',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      for (const r of routing.states()) this.set({ target: r.name }, r.healthy ? 1 : 0);
    },
  });
}

function ingestionMetrics(registry: Registry): IngestionObserver {
  const articles = new Counter({
    name: 'quotes_ingested_articles_total',
    help: 'Articles stored anew (not those already stored).',
    registers: [registry],
  });
  const quotes = new Counter({
    name: 'quotes_ingested_quotes_total',
    help: 'Quotes extracted from the articles stored anew.',
    registers: [registry],
  });
  const extraction = new Histogram({
    name: 'quotes_extraction_seconds',
    help: "Time to extract one ingested article's quotes from its text.",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  return {
    extracted: (seconds) => extraction.observe(seconds),
    stored: (a, q) => {
      articles.inc(a);
      quotes.inc(q);
    },
  };
}

function deliveryMetrics(registry: Registry): DeliveryObserver {
  const attempts = new Counter({
    name: 'quotes_alert_deliveries_total',
    help: "Attempts to post an alert event to a subscription's callback, by outcome (delivered: a 2xx answer).",
    labelNames: ['outcome'],
    registers: [registry],
  });
  const delivered = attempts.labels({ outcome: 'delivered' });
  const failed = attempts.labels({ outcome: 'failed' });
  return { attempted: (ok) => (ok ? delivered : failed).inc() };
}

export default fp(
  async function metrics(app: FastifyInstance, options: MetricsOptions) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames,
      registers: [registry],
    });
    const durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to the end of its answer, by method, route pattern and status.',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    // The labelled series of each method, route and status, found once: hashing
    // the labels of every request would cost more than counting it.
    const series = new Map<
      string,
      { count: Counter.Internal; time: Histogram.Internal<(typeof labelNames)[number]> }
    >();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED;
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let found = series.get(key);
      if (!found) {
        const labels = { method: request.method, route, status_code: reply.statusCode };
        found = { count: requests.labels(labels), time: durations.labels(labels) };
        series.set(key, found);
      }
      found.count.inc();
      found.time.observe(reply.elapsedTime / 1000);
      done();
    });

    const routing = app.db.routing;
    poolGauges(
      registry,
      (routing?.targets ?? [app.db.primary]).map(({ name, pool }) => ({ target: name, pool })),
    );
    if (routing) replicaGauges(registry, routing);
    app.decorate('metrics', { ingestion: ingestionMetrics(registry), deliveries: deliveryMetrics(registry) });

    await app.register(async (scope) => {
      if (!options.public) await scope.register(apiGuard);
      scope.get('/metrics', {
        logLevel: 'warn',
        schema: {
          tags: ['operations'],
          operationId: 'getMetrics',
          summary: 'Metrics in the Prometheus text format',
          description:
            'Requests by route pattern and status, database pool use, ingestion counts and extraction time, ' +
            'and the process. Needs an API key with the read scope unless the service runs with METRICS_PUBLIC=true.',
          ...(options.public ? { security: [] } : {}),
          response: {
            200: {
              description: 'The metrics, one sample a line (text/plain; version=0.0.4).',
              content: { 'text/plain': { schema: z.string() } },
            },
          },
        },
        handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
      });
    });
  },
  { name: 'metrics', dependencies: ['database', 'authentication', 'rate-limiting'] },
);
