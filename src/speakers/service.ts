import { isRecordNotFound, isUniqueViolation } from '../db/prisma-errors.js';
import { CursorPart, decodeCursor, paginate } from '../http/pagination.js';
import { ConflictError, InvalidCursorError, NotFoundError } from '../errors.js';
import { z } from 'zod';
import type { SpeakerRepository } from './repository.js';
import { mergeSpeakers } from './merge.js';
import type { CreateSpeaker, ListSpeakers, MergeSpeaker, UpdateSpeaker } from './schemas.js';

const SpeakerCursor = z.union([
  z.tuple([z.literal('n'), CursorPart.text, CursorPart.id]),
  z.tuple([z.literal('s'), CursorPart.score, CursorPart.id]),
]);

function wikidataConflict(error: unknown, wikidataId: string | null | undefined): never {
  if (isUniqueViolation(error)) {
    throw new ConflictError(`Another speaker already has Wikidata id ${wikidataId}.`);
  }
  throw error;
}

export class SpeakerService {
  constructor(private readonly speakers: SpeakerRepository) {}

  async merge(id: string, body: MergeSpeaker) {
    await mergeSpeakers(this.speakers, id, body);
    return this.get(body.into);
  }

  /** Adds aliases; to a speaker merged into another, they go to that one, which the answer shows. */
  async addAliases(id: string, aliases: string[]) {
    const took = await this.speakers.addAliases(id, aliases);
    if (!took) throw new NotFoundError('speaker', id);
    // A merge may fold the speaker in as soon as its aliases land: the answer is the speaker they are on now.
    const speaker = await this.speakers.getLiving(took);
    if (!speaker) throw new NotFoundError('speaker', id);
    return speaker;
  }

  async list(query: ListSpeakers) {
    const after = decodeCursor(query.cursor, SpeakerCursor);
    if (after && (after[0] === 's') !== (query.q !== undefined)) {
      throw new InvalidCursorError(
        'The cursor belongs to another listing; start again without it.',
        'belongs to another listing',
      );
    }
    if (query.q !== undefined) {
      const rows = await this.speakers.search(
        query.q,
        query,
        after?.[0] === 's' ? { score: after[1], id: after[2] } : undefined,
      );
      const page = paginate(rows, query.limit, (s) => ['s', s.score, s.id]);
      return { items: page.items.map(({ score: _score, ...s }) => s), nextCursor: page.nextCursor };
    }
    const rows = await this.speakers.listByName(
      query,
      after?.[0] === 'n' ? { name: after[1], id: after[2] } : undefined,
    );
    return paginate(rows, query.limit, (s) => ['n', s.name, s.id]);
  }

  async get(id: string) {
    const speaker = await this.speakers.get(id);
    if (!speaker) throw new NotFoundError('speaker', id);
    return speaker;
  }

  async create(body: CreateSpeaker) {
    try {
      const speaker = await this.speakers.create(body);
      const possibleDuplicates = await this.speakers.namedLike([speaker.name, ...speaker.aliases], speaker.id);
      return { ...speaker, possibleDuplicates };
    } catch (error) {
      wikidataConflict(error, body.wikidataId);
    }
  }

  async update(id: string, body: UpdateSpeaker) {
    try {
      await this.speakers.update(id, body);
    } catch (error) {
      if (isRecordNotFound(error)) throw new NotFoundError('speaker', id);
      wikidataConflict(error, body.wikidataId);
    }
    return this.get(id);
  }
}
