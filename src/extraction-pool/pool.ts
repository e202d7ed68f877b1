import { Piscina } from 'piscina';
import { extractQuotes } from '../extraction/index.js';
import { presentExtraction } from '../extraction/present.js';
import type { ExtractionResult, KnownSpeaker } from '../extraction/types.js';
import { readPage, type PageArticle } from '../web/page.js';
import type { WorkerTask } from './worker.js';

// Extraction is CPU work: a 1 MB text takes a few hundred milliseconds. Texts
// longer than a small article run in a pool of worker threads, so that the event
// loop keeps answering other requests meanwhile; small ones run inline, where a
// thread hop would cost more than it saves. The pool's queue is bounded (a full
// queue refuses with 503), and each key may hold only so many extractions at
// once, so that one key cannot take the whole pool.

export interface ExtractionPoolOptions {
  workers: number;
  /** Extractions that may wait for a worker; more are refused. */
  queue: number;
  /** Extractions in the pool one key may have at once. */
  perKey: number;
  /** Texts up to this many characters are extracted inline. */
  inlineChars: number;
  /**
   * How long a refusal for want of room is held before it is answered (1 s, the
   * Retry-After it gives, by default), so that a client retrying in a loop
   * regardless sends one request a hold instead of spinning.
   */
  refusalHoldMs?: number;
}

/** Every worker is busy and the queue is full. */
export class ExtractionBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Every extraction worker is busy and the queue is full; retry after Retry-After.');
    this.name = 'ExtractionBusyError';
  }
}

/** A key already has as many extractions running as a key may. */
export class ExtractionKeyLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `This API key already has ${limit} extraction${limit === 1 ? '' : 's'} of long texts running, as many as a key may; retry after Retry-After.`,
    );
    this.name = 'ExtractionKeyLimitError';
  }
}

/**
 * Pages larger than this (in characters) are read in the pool: reading a page takes
 * about half a millisecond per 10 KB, a thread hop less than that, and a page of a
 * megabyte would otherwise hold the event loop for tens of milliseconds.
 */
export const POOL_PAGE_CHARS = 64 * 1024;

const WORKER_FILE = new URL('./worker-entry.mjs', import.meta.url);

/** Seconds a refused client is told to wait: about what a long extraction takes. */
const RETRY_AFTER_SECONDS = 1;
/**
 * Refusals held at once; beyond this they are answered at once, so that holding
 * never keeps more sockets and timers than this open.
 */
const MAX_HELD_REFUSALS = 1024;

export class ExtractionPool {
  private readonly piscina: Piscina;
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;
  private held = 0;

  constructor(readonly options: ExtractionPoolOptions) {
    this.piscina = new Piscina({
      filename: WORKER_FILE.href,
      // Threads start on first use: most texts are short and never need one.
      minThreads: 0,
      maxThreads: options.workers,
      maxQueue: options.queue,
      idleTimeout: 60_000,
    });
  }

  /** Whether a text of this length is extracted inline. */
  inline(text: string): boolean {
    return text.length <= this.options.inlineChars;
  }

  /**
   * Extracts a text: inline when it is short, in the pool otherwise. Refuses with
   * ExtractionBusyError when the pool's queue is full.
   */
  async extract(text: string, authors: string[] = [], registry: KnownSpeaker[] = []): Promise<ExtractionResult> {
    // A request that arrived before the service began to close is still answered.
    if (this.inline(text) || this.closing) return extractQuotes(text, { authors, registry });
    return this.run<ExtractionResult>({ text, authors, ...(registry.length > 0 ? { registry } : {}) });
  }

  /**
   * The answer of POST /v1/extract for a text: presented, serialized and encoded in
   * the worker when the text is long (UTF-8 JSON), so that the main thread only sends it.
   */
  async extractAnswer(text: string, authors: string[] = []): Promise<ReturnType<typeof presentExtraction> | Buffer> {
    if (this.inline(text) || this.closing) return presentExtraction(extractQuotes(text, { authors }));
    const json = await this.run<Uint8Array>({ text, authors, answer: 'json' });
    return Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  }

  /**
   * The value of a long JSON body, read in a worker so that the event loop neither
   * decodes nor parses it; undefined when the body is not one the service takes, or
   * when the pool is closing, busy or failing: the event loop then reads it itself. The body
   * of a long extraction (`refuseWhenBusy`) is refused instead when the queue is
   * full (ExtractionBusyError, held like any refusal), as its extraction would be.
   */
  async readJson(body: Uint8Array, { refuseWhenBusy = false } = {}): Promise<unknown> {
    if (this.closing) return undefined;
    try {
      return await this.run<unknown>({ json: body });
    } catch (error) {
      if (error instanceof ExtractionBusyError && refuseWhenBusy) return this.refuse(error);
      // Any other failure of the pool: the event loop reads the body, as ever.
      return undefined;
    }
  }

  /**
   * A page's main text and metadata (see readPage): read in a worker when the page
   * is large, inline when it is small, or when the pool is busy or closing.
   */
  async readPage(html: string, url?: string): Promise<PageArticle> {
    if (html.length <= POOL_PAGE_CHARS || this.closing) return readPage(html, url);
    try {
      return await this.run<PageArticle>({ page: html, ...(url === undefined ? {} : { url }) });
    } catch (error) {
      if (error instanceof ExtractionBusyError) return readPage(html, url);
      throw error;
    }
  }

  private async run<T>(task: WorkerTask): Promise<T> {
    const run = this.piscina.run(task) as Promise<T>;
    this.inFlight.add(run);
    try {
      return await run;
    } catch (error) {
      if (error instanceof Error && /queue is at limit/i.test(error.message)) {
        throw new ExtractionBusyError(RETRY_AFTER_SECONDS);
      }
      throw error;
    } finally {
      this.inFlight.delete(run);
    }
  }

  /**
   * Refuses, before a request's body is read, an extraction that the pool would
   * refuse once it is: the key holds all of its slots (ExtractionKeyLimitError), or
   * the queue is full (ExtractionBusyError). A refused body is never parsed, and the
   * refusal is held (refusalHoldMs), so that a client retrying in a loop costs the
   * event loop next to nothing.
   */
  async admit(key: string): Promise<void> {
    if ((this.running.get(key) ?? 0) >= this.options.perKey)
      await this.refuse(new ExtractionKeyLimitError(this.options.perKey, RETRY_AFTER_SECONDS));
    if (!this.closing && this.piscina.queueSize >= this.options.queue)
      await this.refuse(new ExtractionBusyError(RETRY_AFTER_SECONDS));
  }

  /** Throws `error` after holding it for `refusalHoldMs`, unless too many are held already or the pool is closing. */
  private async refuse(error: Error): Promise<never> {
    const holdMs = this.options.refusalHoldMs ?? RETRY_AFTER_SECONDS * 1000;
    if (holdMs > 0 && !this.closing && this.held < MAX_HELD_REFUSALS) {
      this.held++;
      try {
        await new Promise((resolve) => setTimeout(resolve, holdMs).unref());
      } finally {
        this.held--;
      }
    }
    throw error;
  }

  /**
   * Runs `work` holding one of `key`'s extraction slots, when `texts` hold one that
   * goes to the pool; refuses with ExtractionKeyLimitError when the key holds all
   * of its slots already.
   */
  async forKey<T>(key: string, texts: string[], work: () => Promise<T>): Promise<T> {
    if (texts.every((t) => this.inline(t))) return work();
    const held = this.running.get(key) ?? 0;
    if (held >= this.options.perKey)
      return this.refuse(new ExtractionKeyLimitError(this.options.perKey, RETRY_AFTER_SECONDS));
    this.running.set(key, held + 1);
    try {
      return await work();
    } finally {
      const left = (this.running.get(key) ?? 1) - 1;
      if (left === 0) this.running.delete(key);
      else this.running.set(key, left);
    }
  }

  /** Waits for the extractions under way, then ends the workers; later extractions run inline. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    await this.piscina.destroy();
  }
}
