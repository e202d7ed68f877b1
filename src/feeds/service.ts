import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';
import { ingestLines } from '../articles/batch.js';
import type { ArticleIngestion } from '../articles/ingest.js';
import type { ArticleSources } from '../articles/sources.js';
import { timeOrderedId } from '../db/ids.js';
import { ConflictError, FetchError, NotFoundError } from '../errors.js';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { problemType, type Problem } from '../http/problem.js';
import { QUEUES } from '../ingest-jobs/queue.js';
import type { PageFetcher, WantedContent } from '../web/fetch.js';
import { z } from 'zod';
import { readFeed, type FeedEntry, type ReadFeed } from './read-feed.js';
import { jobInserter, type FeedRepository } from './repository.js';
import type { CreateFeed, Feed, UpdateFeed } from './schemas.js';

// Feeds are polled by jobs on pg-boss. Each feed has one poll queued at a time (the
// queue's stately policy, keyed by the feed): a poll queues the next one, at the
// feed's interval, or sooner after a failure. A poll records the items it reads;
// those no poll had recorded get a job that fetches and ingests their page, queued
// in the same transaction, so that an item is fetched once however many pollers
// read it. A page that fails is tried again with backoff by pg-boss, and fails for
// good after its last attempt; it holds up no other item.

const FEED_CONTENT: WantedContent = {
  accept:
    'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,' +
    'application/json;q=0.8,*/*;q=0.1',
  // Feeds are served under many types (text/plain, text/html, application/octet-stream): the parser decides.
  types: null,
};

export interface FeedPollJob {
  feedId: string;
}

export interface FeedItemJob {
  feedId: string;
  key: string;
}

/** Attempts at an item's page: the first, and pg-boss's retries. */
const ITEM_ATTEMPTS = QUEUES.feedItem.retryLimit + 1;

const FeedCursor = z.tuple([CursorPart.time, CursorPart.id]);

/** A page failure that may pass: the page could not be reached, or the service could not store it. */
function passing(error: Problem): boolean {
  return error.type === problemType('fetch-failed') || error.status >= 500;
}

export class FeedService {
  constructor(
    private readonly feeds: FeedRepository,
    private readonly queue: () => Promise<PgBoss>,
    private readonly fetcher: PageFetcher,
    private readonly services: { ingestion: ArticleIngestion; sources: ArticleSources },
    /** Seconds before a failed poll is tried again, doubled with each failure in a row. */
    private readonly retrySeconds: number,
  ) {}

  /**
   * Registers a feed: it is fetched and read first (FetchError says why not), its
   * items are recorded and queued, and its next poll is queued at its interval. A
   * feed registered already is answered as it is.
   */
  async register(input: CreateFeed): Promise<{ feed: Feed; created: boolean }> {
    const stored = await this.feeds.idByUrl(input.url);
    if (stored) return { feed: await this.get(stored), created: false };
    const read = await this.read(input.url);
    const id = timeOrderedId();
    const boss = await this.queue();
    const created = await this.feeds.transaction(async (db) => {
      const feed = { id, url: input.url, outlet: input.outlet ?? null, intervalSeconds: input.intervalSeconds };
      if (!(await this.feeds.create(db, feed))) return false;
      await this.queueItems(boss, id, await this.feeds.recordPoll(db, id, read), db);
      await this.schedulePoll(boss, id, input.intervalSeconds, db);
      return true;
    });
    if (created) return { feed: await this.get(id), created: true };
    // Registered meanwhile by another request.
    return { feed: await this.get((await this.feeds.idByUrl(input.url))!), created: false };
  }

  async get(id: string): Promise<Feed> {
    const feed = await this.feeds.get(id);
    if (!feed) throw new NotFoundError('feed', id);
    return feed;
  }

  async list(query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, FeedCursor);
    const rows = await this.feeds.list(query.limit, after && { createdAt: new Date(after[0]), id: after[1] });
    return paginate(rows, query.limit, (f) => [f.createdAt.toISOString(), f.id]);
  }

  /**
   * Changes a feed's outlet, interval or pause. A paused feed's queued poll is left
   * to find it paused and end; a feed not paused has its next poll queued (or moved)
   * to its interval after its last poll.
   */
  async update(id: string, change: UpdateFeed): Promise<Feed> {
    const updated = await this.feeds.update(id, change);
    if (!updated) throw new NotFoundError('feed', id);
    if (!updated.paused && (change.intervalSeconds !== undefined || change.paused === false)) {
      const boss = await this.queue();
      if (!(await this.feeds.moveQueuedPoll(QUEUES.feedPoll.name, id, updated.dueInSeconds)))
        await this.schedulePoll(boss, id, updated.dueInSeconds);
    }
    return this.get(id);
  }

  /** Deletes a feed and what it recorded of its items; its queued jobs find it gone and end. Articles stay. */
  async delete(id: string): Promise<void> {
    if (!(await this.feeds.delete(id))) throw new NotFoundError('feed', id);
  }

  /** Polls a feed as soon as a worker is free: its queued poll is brought forward, or one is queued. */
  async pollNow(id: string): Promise<Feed> {
    const feed = await this.get(id);
    if (feed.paused) throw new ConflictError('The feed is paused: unpause it (PATCH paused: false) to poll it.');
    const boss = await this.queue();
    const queued = await boss.send(QUEUES.feedPoll.name, { feedId: id }, { singletonKey: id });
    if (!queued) await this.feeds.pollQueuedNow(QUEUES.feedPoll.name, id);
    return feed;
  }

  /** A poll job: reads the feed, records its items and queues the new ones, and queues the next poll. */
  async poll(job: FeedPollJob): Promise<void> {
    const feed = await this.feeds.toPoll(job.feedId);
    if (!feed) return;
    const boss = await this.queue();
    let read: ReadFeed;
    try {
      read = await this.read(feed.url);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      const failures = await this.feeds.recordPollFailure(job.feedId, error.message);
      if (failures === null) return;
      const backoff = this.retrySeconds * 2 ** Math.min(failures - 1, 20);
      await this.schedulePoll(boss, job.feedId, Math.min(feed.intervalSeconds, backoff));
      return;
    }
    await this.feeds.transaction(async (db) =>
      this.queueItems(boss, job.feedId, await this.feeds.recordPoll(db, job.feedId, read), db),
    );
    await this.schedulePoll(boss, job.feedId, feed.intervalSeconds);
  }

  /** An item job: fetches and ingests the item's page, unless it is done. Throws to be retried. */
  async ingestItem(job: FeedItemJob, log: FastifyBaseLogger): Promise<void> {
    const item = await this.feeds.startItem(job.feedId, job.key);
    if (!item) return;
    const input = { url: item.url, ...(item.outlet ? { outlet: item.outlet } : {}) };
    const [result] = await ingestLines([{ index: 0, input }], this.services, log);
    if (result!.id) {
      await this.feeds.finishItem(job.feedId, job.key, { status: 'ingested', articleId: result!.id });
      return;
    }
    const error = result!.error!;
    const again = passing(error) && item.attempts < ITEM_ATTEMPTS;
    await this.feeds.finishItem(job.feedId, job.key, { status: again ? 'pending' : 'failed', error });
    if (again) throw new Error(`The page of feed item ${job.key} failed (${error.detail}); it is tried again later.`);
  }

  /**
   * Queues what a stopped or crashed process left without a job: a poll for each
   * feed that has none (due at its interval after its last poll), and the pages
   * of pending items. Run when a process starts working the queues.
   */
  async recover(): Promise<void> {
    const boss = await this.queue();
    for (const feed of await this.feeds.unscheduledFeeds(QUEUES.feedPoll.name)) {
      await this.schedulePoll(boss, feed.id, feed.dueInSeconds);
    }
    const orphans = await this.feeds.orphanItems(QUEUES.feedItem.name);
    if (orphans.length > 0) await boss.insert(orphans.map((data) => ({ name: QUEUES.feedItem.name, data })));
  }

  private async read(url: string): Promise<ReadFeed> {
    const document = await this.fetcher.fetch(url, FEED_CONTENT);
    return readFeed(document.html, document.url);
  }

  /** Queues the feed's next poll, unless one is queued already. */
  private schedulePoll(boss: PgBoss, feedId: string, inSeconds: number, db?: Parameters<typeof jobInserter>[0]) {
    return boss.send(
      QUEUES.feedPoll.name,
      { feedId },
      { singletonKey: feedId, startAfter: inSeconds, ...(db ? { db: jobInserter(db) } : {}) },
    );
  }

  private async queueItems(boss: PgBoss, feedId: string, items: FeedEntry[], db: Parameters<typeof jobInserter>[0]) {
    if (items.length === 0) return;
    await boss.insert(
      items.map((item) => ({ name: QUEUES.feedItem.name, data: { feedId, key: item.key } })),
      { db: jobInserter(db) },
    );
  }
}
