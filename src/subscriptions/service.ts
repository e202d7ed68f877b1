import { z } from 'zod';
import { timeOrderedId } from '../db/ids.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import type { SpeakerRepository } from '../speakers/repository.js';
import { checkReachable, type FetchPolicy } from '../web/fetch.js';
import type { SubscriptionRepository } from './repository.js';
import type { CreateSubscription } from './schemas.js';

const TimeCursor = z.tuple([CursorPart.time, CursorPart.id]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const speakerError = (message: string) =>
  new InvalidInputError(message, [{ in: 'body', path: 'speaker', message: 'must name one known speaker' }]);

export class SubscriptionService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly speakers: SpeakerRepository,
    /** Which addresses a callback may be at (the fetch policy's). */
    private readonly allowAddress: FetchPolicy['allowAddress'],
  ) {}

  async create(input: CreateSubscription) {
    const speakerId = input.speaker === undefined ? null : await this.speakerIdOf(input.speaker);
    if (input.q !== undefined && !(await this.subscriptions.searchable(input.q))) {
      throw new InvalidInputError('The words of `q` are all too common to search for.', [
        { in: 'body', path: 'q', message: 'has no word search can match' },
      ]);
    }
    await checkReachable(input.callbackUrl, this.allowAddress);
    const id = timeOrderedId();
    await this.subscriptions.create({
      id,
      speakerId,
      q: input.q ?? null,
      callbackUrl: input.callbackUrl,
      secret: input.secret,
    });
    return this.get(id);
  }

  /** The id of the speaker given by id (followed through merges) or by a name only one speaker has. */
  private async speakerIdOf(speaker: string): Promise<string> {
    if (UUID.test(speaker)) {
      const found = await this.speakers.getLiving(speaker.toLowerCase());
      if (!found) throw speakerError(`No speaker has id ${JSON.stringify(speaker)}.`);
      return found.id;
    }
    const ids = await this.speakers.idsNamed(speaker);
    if (ids.length === 0) throw speakerError(`No speaker is named ${JSON.stringify(speaker)}.`);
    if (ids.length > 1) {
      throw speakerError(`${ids.length} speakers are named ${JSON.stringify(speaker)}; give the id of one.`);
    }
    return ids[0]!;
  }

  async get(id: string) {
    const found = await this.subscriptions.get(id);
    if (!found) throw new NotFoundError('subscription', id);
    return found;
  }

  async list(query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, TimeCursor);
    const rows = await this.subscriptions.list(query.limit, after && { createdAt: new Date(after[0]), id: after[1] });
    return paginate(rows, query.limit, (s) => [s.createdAt.toISOString(), s.id]);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw new NotFoundError('subscription', id);
  }

  async deliveries(id: string, query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, TimeCursor);
    await this.get(id);
    const rows = await this.subscriptions.deliveries(
      id,
      query.limit,
      after && { attemptedAt: new Date(after[0]), id: after[1] },
    );
    return paginate(rows, query.limit, (d) => [d.attemptedAt.toISOString(), d.id]);
  }
}
