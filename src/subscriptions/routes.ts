import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../http/problem.js';
import { IdParams } from '../http/schemas.js';
import {
  CreateSubscriptionBody,
  DeliveryPage,
  ListDeliveriesQuery,
  ListSubscriptionsQuery,
  SubscriptionPage,
  SubscriptionSchema,
} from './schemas.js';

const tags = ['subscriptions'];
// Subscriptions name callback URLs of their owners: reading them needs the write scope too.
const config = { scope: 'write' as const };
const authErrors = { 401: ProblemSchema, 403: ProblemSchema };

const subscriptionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/subscriptions', {
    config,
    schema: {
      operationId: 'createSubscription',
      tags,
      summary: 'Subscribe to new quotes of a speaker or with some words',
      description:
        'Each quote stored from now on (by ingestion, or added to an article by hand) that is by the speaker, or matches ' +
        'the words, or both when both are given, is posted to `callbackUrl` as a JSON event ' +
        '`{id, type: "quote.created", createdAt, quote, speaker, article}`, signed in the header ' +
        '`Quotes-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>`. ' +
        'Delivery is at least once: an answer other than 2xx, a timeout or a network failure is retried with ' +
        'exponential backoff for up to 24 hours, and the event keeps its id, so receivers drop repeats by it. ' +
        'A callback at a private, loopback or link-local address is refused (422 fetch-refused) unless the service ' +
        'runs with FETCH_ALLOW_PRIVATE=true; one whose host does not resolve is refused with 422 fetch-failed.',
      body: CreateSubscriptionBody,
      response: {
        201: SubscriptionSchema.describe('The subscription; its secret is never shown.'),
        400: ProblemSchema,
        ...authErrors,
        422: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      const created = await app.services.subscriptions.create(request.body);
      return reply.code(201).header('location', `${app.prefix}/subscriptions/${created.id}`).send(created);
    },
  });

  app.get('/subscriptions', {
    config,
    schema: {
      operationId: 'listSubscriptions',
      tags,
      summary: 'List subscriptions',
      description: 'Newest first.',
      querystring: ListSubscriptionsQuery,
      response: {
        200: SubscriptionPage.describe('A page of subscriptions, newest first.'),
        400: ProblemSchema,
        ...authErrors,
      },
    },
    handler: (request) => app.services.subscriptions.list(request.query),
  });

  app.get('/subscriptions/:id', {
    config,
    schema: {
      operationId: 'getSubscription',
      tags,
      summary: 'Get a subscription',
      params: IdParams,
      response: {
        200: SubscriptionSchema.describe('The subscription; its secret is never shown.'),
        400: ProblemSchema,
        ...authErrors,
        404: ProblemSchema,
      },
    },
    handler: (request) => app.services.subscriptions.get(request.params.id),
  });

  app.delete('/subscriptions/:id', {
    config,
    schema: {
      operationId: 'deleteSubscription',
      tags,
      summary: 'Delete a subscription',
      description: 'No event is sent to it any more, retries included; its deliveries are deleted with it.',
      params: IdParams,
      response: {
        204: z.undefined().describe('The subscription is deleted.'),
        400: ProblemSchema,
        ...authErrors,
        404: ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      await app.services.subscriptions.delete(request.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/subscriptions/:id/deliveries', {
    config,
    schema: {
      operationId: 'listSubscriptionDeliveries',
      tags,
      summary: "List a subscription's delivery attempts",
      description:
        'Every attempt to post an event to the callback, newest first: the status it answered (null when none came), ' +
        'the error when it failed, and the event it carried.',
      params: IdParams,
      querystring: ListDeliveriesQuery,
      response: {
        200: DeliveryPage.describe('A page of attempts, newest first.'),
        400: ProblemSchema,
        ...authErrors,
        404: ProblemSchema,
      },
    },
    handler: (request) => app.services.subscriptions.deliveries(request.params.id, request.query),
  });
};

export default subscriptionRoutes;
