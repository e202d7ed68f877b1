import autocannon from 'autocannon';

// One autocannon run; latency percentiles come from every response's own time
// (autocannon's summary has no p95).

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
}

export interface LoadResult {
  rps: number;
  ok: number;
  failed: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Response times of the successful requests, in ms, sorted. */
  latencies: number[];
  seconds: number;
}

/** Several runs of one load as if they were one: requests per second over their total time, percentiles over all responses. */
export function combine(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const ok = runs.reduce((sum, r) => sum + r.ok, 0);
  return summarize(
    latencies,
    ok,
    runs.reduce((sum, r) => sum + r.failed, 0),
    seconds,
  );
}

function summarize(latencies: number[], ok: number, failed: number, seconds: number): LoadResult {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    rps: Math.round(ok / seconds),
    ok,
    failed,
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    latencies,
    seconds,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => RequestSpec;
  timeoutSeconds?: number;
  /** Sent with every request (the service's bearer key; the baseline ignores it). */
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      timeout: options.timeoutSeconds ?? 30,
      headers: options.headers ?? {},
      requests: [
        {
          setupRequest: (request) => {
            const spec = options.next();
            request.method = spec.method;
            request.path = spec.path;
            if (spec.body !== undefined) {
              request.body = spec.body;
              request.headers = { ...request.headers, 'content-type': spec.contentType ?? 'application/json' };
            }
            return request;
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok++;
      latencies.push(responseTime);
    } else {
      failed++;
    }
  });
  const result = await done;
  failed += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  return summarize(latencies, ok, failed, options.seconds);
}
