import { availableParallelism } from 'node:os';
import { z } from 'zod';

// The environment is read here and nowhere else.

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A list separated by commas, blanks around items and empty items dropped. */
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_READ_URLS: commaList
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'must list postgres:// URLs separated by commas')))
    .optional(),
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(1_000),
  REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  BATCH_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: flag.optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  PUBLIC_READ: flag.default(false),
  METRICS_PUBLIC: flag.default(false),
  QUOTES_ADMIN_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('quotes:'),
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 60 * 60),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  EXTRACTION_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  EXTRACTION_QUEUE: z.coerce.number().int().min(0).max(10_000).optional(),
  EXTRACTION_PER_KEY: z.coerce.number().int().min(1).max(1000).optional(),
  EXTRACTION_INLINE_CHARS: z.coerce.number().int().min(0).max(1_000_000).default(16_384),
  MAX_URL_LENGTH: z.coerce.number().int().min(256).default(4096),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  CLAIMREVIEW_AUTHOR_NAME: z.string().trim().min(1).max(200).default('Quote attribution service'),
  CLAIMREVIEW_AUTHOR_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  JOB_WORKERS: z.coerce.number().int().min(0).max(64).default(2),
  FEED_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  SEARCH_INDEX: z.enum(['auto', 'gin']).default('auto'),
  FETCH_ALLOW_PRIVATE: flag.default(false),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  FETCH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  FETCH_USER_AGENT: z.string().trim().min(1).max(300).default('quote-attribution-service/0.1 (+article ingestion)'),
  WEBHOOK_WORKERS: z.coerce.number().int().min(0).max(64).default(4),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(40),
  CORS_ORIGINS: commaList
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must list http(s) origins separated by commas' })))
    .optional(),
});

export type RawConfig = z.output<typeof ConfigSchema>;

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  embeddedPg: { dir: string; port: number };
  db: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number };
  /** Streaming replicas of the database that answer reads (src/db/replicas.ts). */
  replicas: { urls: string[]; maxLagMs: number; checkIntervalMs: number };
  bodyLimitBytes: number;
  /** Largest body of POST /v1/articles:batch (up to 1,000 articles). */
  batchBodyLimitBytes: number;
  log: { level: RawConfig['LOG_LEVEL']; pretty: boolean };
  /** The base URL clients reach the service at, when PUBLIC_URL says; without a trailing slash. */
  publicUrl: string | undefined;
  /**
   * PUBLIC_URL, or else http://localhost:PORT (the host it listens on when that is a
   * name): problem types are published under it.
   */
  baseUrl: string;
  auth: { publicRead: boolean; adminKey: string | undefined };
  /** GET /metrics answers without an API key. */
  metrics: { public: boolean };
  rateLimit: { max: number; windowMs: number };
  redis: { url: string | undefined; keyPrefix: string };
  idempotencyTtlSeconds: number;
  requestTimeoutMs: number;
  /**
   * Extraction of texts longer than `inlineChars` runs in a pool of `workers`
   * threads, with at most `queue` waiting; a key has at most `perKey` of them at once.
   */
  extraction: { workers: number; queue: number; perKey: number; inlineChars: number };
  maxUrlLength: number;
  corsOrigins: string[];
  /** Proxies in front of the service whose X-Forwarded-For is believed (0: none). */
  trustProxyHops: number;
  /** The organisation that publishes fact-checks, named as the author of ClaimReview answers. */
  claimReviewAuthor: { name: string; url: string | undefined };
  /** Jobs each process works at once (0: it only queues them, for replicas that serve requests alone). */
  jobs: { workers: number };
  /** Seconds before a feed whose poll failed is polled again; doubled with each failure in a row, up to its interval. */
  feedRetrySeconds: number;
  /** `gin`: rank search the way the GIN index allows even where a RUM index exists. */
  searchIndex: 'auto' | 'gin';
  /** Fetching pages named by clients (src/web/fetch.ts). */
  fetch: {
    /** Private, loopback and link-local addresses may be fetched (tests, intranets). */
    allowPrivate: boolean;
    timeoutMs: number;
    connectTimeoutMs: number;
    maxBytes: number;
    userAgent: string;
  };
  /**
   * Alerts posted to subscriptions' callbacks (src/subscriptions/): deliveries at
   * once per process, the time an attempt may take, and the first retry's delay,
   * doubled (with jitter) at each retry for up to 24 hours.
   */
  alerts: { workers: number; timeoutMs: number; retryDelaySeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as a shell `FOO=` usually means.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    host: c.HOST,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    embeddedPg: { dir: c.EMBEDDED_PG_DIR, port: c.EMBEDDED_PG_PORT },
    db: {
      poolSize: c.DB_POOL_SIZE,
      statementTimeoutMs: c.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: c.DB_CONNECT_TIMEOUT_MS,
    },
    replicas: {
      urls: c.DATABASE_READ_URLS ?? [],
      maxLagMs: c.REPLICA_MAX_LAG_MS,
      checkIntervalMs: c.REPLICA_CHECK_INTERVAL_MS,
    },
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    batchBodyLimitBytes: c.BATCH_BODY_LIMIT_BYTES,
    log: { level: c.LOG_LEVEL, pretty: c.LOG_PRETTY ?? Boolean(process.stdout.isTTY) },
    publicUrl: c.PUBLIC_URL,
    baseUrl: c.PUBLIC_URL ?? defaultBaseUrl(c.HOST, c.PORT),
    auth: { publicRead: c.PUBLIC_READ, adminKey: c.QUOTES_ADMIN_KEY },
    metrics: { public: c.METRICS_PUBLIC },
    rateLimit: { max: c.RATE_LIMIT_MAX, windowMs: c.RATE_LIMIT_WINDOW_MS },
    redis: { url: c.REDIS_URL, keyPrefix: c.REDIS_KEY_PREFIX },
    idempotencyTtlSeconds: c.IDEMPOTENCY_TTL_SECONDS,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    extraction: extractionConfig(c),
    maxUrlLength: c.MAX_URL_LENGTH,
    corsOrigins: c.CORS_ORIGINS ?? [],
    trustProxyHops: c.TRUST_PROXY_HOPS,
    claimReviewAuthor: { name: c.CLAIMREVIEW_AUTHOR_NAME, url: c.CLAIMREVIEW_AUTHOR_URL },
    jobs: { workers: c.JOB_WORKERS },
    feedRetrySeconds: c.FEED_RETRY_SECONDS,
    searchIndex: c.SEARCH_INDEX,
    fetch: {
      allowPrivate: c.FETCH_ALLOW_PRIVATE,
      timeoutMs: c.FETCH_TIMEOUT_MS,
      connectTimeoutMs: c.FETCH_CONNECT_TIMEOUT_MS,
      maxBytes: c.FETCH_MAX_BYTES,
      userAgent: c.FETCH_USER_AGENT,
    },
    alerts: {
      workers: c.WEBHOOK_WORKERS,
      timeoutMs: c.WEBHOOK_TIMEOUT_MS,
      retryDelaySeconds: c.WEBHOOK_RETRY_DELAY_SECONDS,
    },
  };
}

function extractionConfig(c: RawConfig): Config['extraction'] {
  // One core is left to the event loop and the database: two extractions on two
  // cores slow every read (threads of lower priority still share the cores' caches
  // and the process's garbage collector).
  const workers = c.EXTRACTION_WORKERS ?? Math.max(1, availableParallelism() - 1);
  return {
    workers,
    // Room for a long body's JSON to be read in the pool besides the extractions waiting.
    queue: c.EXTRACTION_QUEUE ?? Math.max(4, workers * 4),
    // One key never holds every worker when there are two or more.
    perKey: c.EXTRACTION_PER_KEY ?? Math.max(1, workers - 1),
    inlineChars: c.EXTRACTION_INLINE_CHARS,
  };
}

function defaultBaseUrl(host: string, port: number): string {
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
