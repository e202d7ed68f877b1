import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { fetchPolicy } from '../services.js';
import { EventDelivery } from './delivery.js';
import { QuoteEventRelay, type DeliveryJob } from './relay.js';
import { SubscriptionRepository } from './repository.js';

// In a process that works the queues: the relay from new quotes to delivery jobs,
// and the workers that post them. Both write, so both use the primary.

export interface AlertOptions {
  databaseUrl: string;
  alerts: Config['alerts'];
  fetch: Config['fetch'];
}

export default fp(
  async function alerts(app: FastifyInstance, options: AlertOptions) {
    const policy = fetchPolicy(options.fetch);
    const delivery = new EventDelivery(
      new SubscriptionRepository(app.db.primary.pool),
      {
        allowAddress: policy.allowAddress,
        connectTimeoutMs: Math.min(policy.connectTimeoutMs, options.alerts.timeoutMs),
        timeoutMs: options.alerts.timeoutMs,
        userAgent: policy.userAgent,
      },
      app.metrics.deliveries,
    );
    const relay = new QuoteEventRelay(
      app.db.primary.pool,
      app.jobs,
      {
        databaseUrl: options.databaseUrl,
        retryDelaySeconds: options.alerts.retryDelaySeconds,
        attemptSeconds: Math.ceil(options.alerts.timeoutMs / 1000),
        queued: () => app.nudgeQueue('deliverEvents'),
      },
      app.log.child({ component: 'alerts' }),
    );
    app.workQueue(
      'deliverEvents',
      options.alerts.workers,
      (data) => delivery.deliver(data as DeliveryJob),
      async () => relay.start(),
    );
    app.addHook('preClose', () => relay.stop());
    app.addHook('onClose', () => delivery.close());
  },
  { name: 'alerts', dependencies: ['database', 'metrics', 'job-queue', 'services'] },
);
