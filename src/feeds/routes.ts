import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import { CreateFeedBody, FeedPage, FeedSchema, ListFeedsQuery, UpdateFeedBody } from './schemas.js';

const tags = ['feeds'];

const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.feeds;

  app.post('/feeds', {
    config: { idempotency: true },
    schema: {
      operationId: 'createFeed',
      tags,
      summary: 'Follow a feed',
      description:
        'Registers an RSS, Atom or JSON Feed: it is fetched and read at once (a URL that is refused, fails or is not a ' +
        'feed stores nothing), its items are recorded, and the page of each is fetched and ingested in the background, ' +
        'once, as POST /v1/articles would with its URL alone. The feed is then polled every `intervalSeconds`, and only ' +
        'items no earlier poll listed (by guid, id or link) are fetched; a page whose canonical URL is stored already ' +
        'is not stored again. A feed whose URL is registered already answers 200 as it is.',
      body: CreateFeedBody,
      response: {
        200: FeedSchema.describe('A feed with this URL was registered already.'),
        201: FeedSchema.describe('The feed is registered; its items are being fetched.'),
        400: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        422: ProblemSchema.describe(
          'The feed could not be fetched (fetch-failed), its address is refused (fetch-refused), or it is not a feed ' +
            '(fetch-not-feed).',
        ),
      },
    },
    handler: async (request, reply) => {
      const { feed, created } = await service.register(request.body);
      return reply
        .code(created ? 201 : 200)
        .header('location', `${app.prefix}/feeds/${feed.id}`)
        .send(feed);
    },
  });

  app.get('/feeds', {
    schema: {
      operationId: 'listFeeds',
      tags,
      summary: 'List feeds',
      description: 'Newest first, each with how its last poll went and the counts of its items.',
      querystring: ListFeedsQuery,
      response: { 200: FeedPage.describe('A page of feeds, newest first.'), 400: ProblemSchema },
    },
    handler: (request) => service.list(request.query),
  });

  app.get('/feeds/:id', {
    schema: {
      operationId: 'getFeed',
      tags,
      summary: 'Get a feed',
      description: 'How its last poll went (lastPolledAt, lastError) and the counts of its items.',
      params: IdParams,
      response: { 200: FeedSchema.describe('The feed.'), 400: ProblemSchema, 404: ProblemSchema },
    },
    handler: (request) => service.get(request.params.id),
  });

  app.patch('/feeds/:id', {
    schema: {
      operationId: 'updateFeed',
      tags,
      summary: 'Change a feed',
      description:
        'Changes its outlet, its interval, or pauses it: a paused feed is not polled (nor polled now) until it is ' +
        'unpaused; the pages of items already seen are still fetched. A new interval, or unpausing, queues the next ' +
        'poll at the interval after the last one (at once when that has passed). Fields not given stay as they are.',
      params: IdParams,
      body: UpdateFeedBody,
      response: {
        200: FeedSchema.describe('The feed as changed.'),
        400: ProblemSchema,
        404: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
      },
    },
    handler: (request) => service.update(request.params.id, request.body),
  });

  app.post('/feeds/:id/poll', {
    schema: {
      operationId: 'pollFeed',
      tags,
      summary: 'Poll a feed now',
      description:
        'Queues a poll of the feed for the next free worker, ahead of its interval; the answer is the feed as it ' +
        'stands before that poll. Asking again while the poll waits changes nothing.',
      params: IdParams,
      response: {
        202: FeedSchema.describe('The poll is queued.'),
        400: ProblemSchema,
        404: ProblemSchema,
        409: ProblemSchema.describe('The feed is paused.'),
        413: ProblemSchema,
        415: ProblemSchema.describe('A body was sent in a media type other than JSON; none is needed.'),
      },
    },
    handler: async (request, reply) => reply.code(202).send(await service.pollNow(request.params.id)),
  });

  app.delete('/feeds/:id', {
    schema: {
      operationId: 'deleteFeed',
      tags,
      summary: 'Stop following a feed',
      description: 'The feed is no longer polled and its pages not yet fetched are not; the articles stored stay.',
      params: IdParams,
      response: {
        204: z.undefined().describe('The feed is deleted.'),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      await service.delete(request.params.id);
      return reply.code(204).send();
    },
  });
};

export default feedRoutes;
