import { isRecordNotFound, isUniqueViolation } from '../db/prisma-errors.js';
import { decodeCursor, paginate } from '../http/pagination.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { z } from 'zod';
import type { SpeakerRepository } from './repository.js';
import type { CreateSpeaker, ListSpeakers, UpdateSpeaker } from './schemas.js';

const SpeakerCursor = z.tuple([z.string(), z.uuid()]);

function wikidataConflict(error: unknown, wikidataId: string | null | undefined): never {
  if (isUniqueViolation(error)) {
    throw new HttpProblem('conflict', `Another speaker already has Wikidata id ${wikidataId}.`);
  }
  throw error;
}

export class SpeakerService {
  constructor(private readonly speakers: SpeakerRepository) {}

  async list(query: ListSpeakers) {
    const after = decodeCursor(query.cursor, SpeakerCursor);
    const rows = await this.speakers.list(query, after && { name: after[0], id: after[1] });
    return paginate(rows, query.limit, (s) => [s.name, s.id]);
  }

  async get(id: string) {
    const speaker = await this.speakers.get(id);
    if (!speaker) throw notFound('speaker', id);
    return speaker;
  }

  async create(body: CreateSpeaker) {
    try {
      return await this.speakers.create(body);
    } catch (error) {
      wikidataConflict(error, body.wikidataId);
    }
  }

  async update(id: string, body: UpdateSpeaker) {
    try {
      await this.speakers.update(id, body);
    } catch (error) {
      if (isRecordNotFound(error)) throw notFound('speaker', id);
      wikidataConflict(error, body.wikidataId);
    }
    return this.get(id);
  }
}
