import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import {
  AddAliasesBody,
  CreatedSpeakerSchema,
  CreateSpeakerBody,
  MergeSpeakerBody,
  ListSpeakersQuery,
  SpeakerDetailSchema,
  SpeakerPage,
  UpdateSpeakerBody,
} from './schemas.js';

const tags = ['speakers'];

const speakerRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.speakers;

  app.get('/speakers', {
    schema: {
      operationId: 'listSpeakers',
      tags,
      summary: 'List or look up speakers',
      description:
        'Speakers ordered by name, each with its quote count; `q` matches part of a name, alias or role, ignoring case and accents.',
      querystring: ListSpeakersQuery,
      response: { 200: SpeakerPage.describe('A page of speakers.'), 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.post('/speakers', {
    schema: {
      operationId: 'createSpeaker',
      tags,
      summary: 'Register a speaker',
      description:
        'Registers the speaker, and answers with `possibleDuplicates`: stored speakers whose name or an alias matches ' +
        'a name or alias of the new one, so that an editor can merge instead of splitting a person in two.',
      body: CreateSpeakerBody,
      response: {
        201: CreatedSpeakerSchema.describe('The speaker was registered.'),
        400: ProblemSchema,
        409: ProblemSchema,
      },
    },
    handler: async (request, reply) => reply.code(201).send(await service.create(request.body)),
  });

  app.get('/speakers/:id', {
    schema: {
      operationId: 'getSpeaker',
      tags,
      summary: 'Get a speaker',
      params: IdParams,
      response: {
        200: SpeakerDetailSchema.describe('The speaker with its aliases and counts.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => service.get(request.params.id),
  });

  app.patch('/speakers/:id', {
    schema: {
      operationId: 'updateSpeaker',
      tags,
      summary: 'Change a speaker',
      description: 'Fields left out stay as they are; `aliases` replaces the list.',
      params: IdParams,
      body: UpdateSpeakerBody,
      response: {
        200: SpeakerDetailSchema.describe('The speaker as changed.'),
        400: ProblemSchema,
        404: ProblemSchema,
        409: ProblemSchema,
      },
    },
    handler: (request) => service.update(request.params.id, request.body),
  });

  app.post('/speakers/:id/aliases', {
    schema: {
      operationId: 'addSpeakerAliases',
      tags,
      summary: 'Add aliases to a speaker',
      description:
        'Aliases already there (ignoring case and accents) are not added twice; additions sent at once all land. ' +
        'To a speaker that was merged into another, the aliases go to that one, which the answer shows.',
      params: IdParams,
      body: AddAliasesBody,
      response: {
        200: SpeakerDetailSchema.describe('The speaker with the aliases added.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: (request) => service.addAliases(request.params.id, request.body.aliases),
  });

  app.post('/speakers/:id/merge', {
    schema: {
      operationId: 'mergeSpeaker',
      tags,
      summary: 'Merge a speaker into another',
      description:
        'Moves all quotes of this speaker (spoken and relayed) to `into`, adds its names to the aliases of `into`, ' +
        'and deletes it. Each moved attribution is recorded in its history. Speakers of different kinds need `force`.',
      params: IdParams,
      body: MergeSpeakerBody,
      response: {
        200: SpeakerDetailSchema.describe(
          'The speaker that remains, with the aliases and quotes of the one merged into it.',
        ),
        400: ProblemSchema,
        404: ProblemSchema,
        409: ProblemSchema,
      },
    },
    handler: (request) => service.merge(request.params.id, request.body),
  });
};

export default speakerRoutes;
