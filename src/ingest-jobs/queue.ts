import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';

// Work that outlives a request runs as jobs on pg-boss, a queue kept in the
// service's own Postgres: jobs are inserted in the transaction that records them,
// survive restarts, are retried with backoff, and are each taken by one worker of
// one replica at a time.

declare module 'fastify' {
  interface FastifyInstance {
    /** The queue, started on first use (or when the app is ready, in a process that works the queues). */
    jobs: () => Promise<PgBoss>;
  }
}

export interface JobQueueOptions {
  databaseUrl: string;
  /** Whether this process works the queues, or only adds jobs to them. */
  worker: boolean;
}

/** The queues and how their jobs are retried. */
export const QUEUES = {
  /** A few lines of an ingest job (src/ingest-jobs/service.ts). */
  ingestLines: { name: 'ingest-lines', retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 },
  /**
   * A feed's poll (src/feeds/service.ts). Stately: per feed (the singleton key), at
   * most one poll queued and one running. A failed poll is recorded and polled
   * again by the service's own schedule; these retries cover a crash or the database.
   */
  feedPoll: {
    name: 'feed-poll',
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  },
  /** The page of a feed's item: fetched and ingested, tried again with backoff (30 s, 1, 2, 4 min). */
  feedItem: { name: 'feed-item', retryLimit: 4, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 },
  /**
   * One event posted to one subscription's callback (src/subscriptions/delivery.ts);
   * each job is queued with the retries of the configuration.
   */
  deliverEvents: {
    name: 'deliver-events',
    retryLimit: 10,
    retryDelay: 40,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  },
} as const;

/** What works a queue: takes its jobs' data, one job at a time. */
export type QueueWorker = (data: unknown) => Promise<void>;

/** Run when a process starts working the queues, before its workers take jobs. */
export type QueueRecovery = () => Promise<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a worker for a queue, started once the queue is (when this process works the queues). */
    workQueue(queue: keyof typeof QUEUES, concurrency: number, work: QueueWorker, recover?: QueueRecovery): void;
    /** Wakes this process's workers of a queue now, rather than at their next poll, for jobs just queued. */
    nudgeQueue(queue: keyof typeof QUEUES): void;
  }
}

export default fp(
  async function jobQueue(app: FastifyInstance, options: JobQueueOptions) {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      max: 4,
      application_name: 'quote-attribution-jobs',
      schedule: false,
    });
    boss.on('error', (error) => app.log.error({ err: error }, 'job queue failed'));
    const workers: { queue: keyof typeof QUEUES; concurrency: number; work: QueueWorker; recover?: QueueRecovery }[] =
      [];
    let starting: Promise<PgBoss> | undefined;
    const started = () =>
      (starting ??= (async () => {
        await boss.start();
        for (const queue of Object.values(QUEUES)) await boss.createQueue(queue.name, { ...queue });
        return boss;
      })().catch((error: unknown) => {
        // The next use tries again (the database may be back by then).
        starting = undefined;
        throw error;
      }));
    app.decorate('jobs', started);
    app.decorate(
      'workQueue',
      (queue: keyof typeof QUEUES, concurrency: number, work: QueueWorker, recover?: QueueRecovery) => {
        workers.push({ queue, concurrency, work, recover });
      },
    );
    const workerIds = new Map<keyof typeof QUEUES, string[]>();
    app.decorate('nudgeQueue', (queue: keyof typeof QUEUES) => {
      for (const id of workerIds.get(queue) ?? []) boss.notifyWorker(id);
    });
    const inFlight = new Set<Promise<void>>();
    const startWorkers = async () => {
      await started();
      for (const { queue, concurrency, work, recover } of workers) {
        await recover?.();
        for (let i = 0; i < concurrency; i++) {
          const id = await boss.work(
            QUEUES[queue].name,
            { batchSize: 1, pollingIntervalSeconds: 0.5 },
            async ([job]) => {
              const running = work(job!.data);
              inFlight.add(running);
              try {
                await running;
              } finally {
                inFlight.delete(running);
              }
            },
          );
          workerIds.set(queue, [...(workerIds.get(queue) ?? []), id]);
        }
      }
    };
    // In the background: the service answers requests while its database is away, and works the queues once it is back.
    app.addHook('onReady', async () => {
      if (!options.worker) return;
      const attempt = (): Promise<void> =>
        startWorkers().catch(async (error: unknown) => {
          app.log.error({ err: error }, 'job queue could not start; retrying in 5 s');
          await new Promise((resolve) => setTimeout(resolve, 5000).unref());
          if (!closing) return attempt();
        });
      void attempt();
    });
    let closing = false;
    // Workers take no more jobs and finish those in hand before the process stops,
    // while the database and the fetcher are still open (onClose closes them); the
    // other jobs wait in the queue. (pg-boss's own graceful stop does not wait for
    // handlers once their workers are taken off.)
    app.addHook('preClose', async () => {
      closing = true;
      if (!starting) return;
      await starting.then(
        async () => {
          for (const queue of Object.values(QUEUES)) await boss.offWork(queue.name);
          await Promise.allSettled([...inFlight]);
          await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
        },
        () => undefined,
      );
    });
  },
  { name: 'job-queue', dependencies: ['database'] },
);
