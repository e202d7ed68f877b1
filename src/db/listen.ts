import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

// A connection that LISTENs on one channel and reconnects when it is lost. Its
// owner hears of each notification, and of each time the connection is made or
// lost: a notification sent while nobody listened is not delivered later.

export interface ChannelListenerOptions {
  databaseUrl: string;
  channel: string;
  /** Shown in pg_stat_activity and in the log lines. */
  name: string;
  log: FastifyBaseLogger;
  onNotification: () => void;
  /** Listening (again): whatever was announced meanwhile was missed. */
  onListening?: () => void;
  /** The connection was lost or could not be made; listening resumes by itself. */
  onLost?: () => void;
  retryMs?: number;
}

export class ChannelListener {
  private client: pg.Client | undefined;
  private stopped = true;

  constructor(private readonly options: ChannelListenerOptions) {}

  /** Starts listening; a failure to connect is retried in the background. */
  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { databaseUrl, channel, name, log } = this.options;
    const client = new pg.Client({ connectionString: databaseUrl, application_name: name });
    let lost = false;
    const retry = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      this.options.onLost?.();
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.connect(), this.options.retryMs ?? 1000).unref();
    };
    client.on('error', (error) => {
      log.warn({ err: error }, `the ${name} listener lost its connection; reconnecting`);
      retry();
    });
    client.on('notification', () => this.options.onNotification());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.options.onListening?.();
    } catch (error) {
      log.warn({ err: error }, `the ${name} listener could not connect; retrying`);
      retry();
    }
  }
}
