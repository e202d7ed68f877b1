import { performance } from 'node:perf_hooks';
import { request, type Agent } from 'undici';
import { timeOrderedId } from '../db/ids.js';
import { FetchError } from '../errors.js';
import { allowedTarget, describeFailure, guardedAgent, refusal, type FetchPolicy } from '../web/fetch.js';
import type { DeliveryJob } from './relay.js';
import type { SubscriptionRepository } from './repository.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

// One attempt to post an event to a subscription's callback, with the same SSRF
// rules as page fetching (checked on the address connected to, so a callback host
// that comes to resolve to a private address is refused then). Redirects are not
// followed. Every attempt is recorded; a failed one throws, and pg-boss retries the
// job with backoff.

export interface DeliveryOptions {
  allowAddress: FetchPolicy['allowAddress'];
  connectTimeoutMs: number;
  /** The whole attempt, from connecting to the end of the answer. */
  timeoutMs: number;
  userAgent: string;
}

/** What delivery reports as it goes, for the service's metrics. */
export interface DeliveryObserver {
  /** An attempt was made; ok when the callback answered 2xx. */
  attempted(ok: boolean): void;
}

export class EventDelivery {
  private readonly agent: Agent;

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly options: DeliveryOptions,
    private readonly observer?: DeliveryObserver,
  ) {
    this.agent = guardedAgent(options);
  }

  /** Posts the event; throws when the callback did not take it (non-2xx, timeout, network, refused address). */
  async deliver(job: DeliveryJob): Promise<void> {
    const target = await this.subscriptions.target(job.subscriptionId);
    // Deleted since the event was queued: nobody to tell.
    if (!target) return;
    const started = performance.now();
    const { statusCode, error } = await this.post(target.callbackUrl, target.secret, job.body);
    await this.subscriptions.recordAttempt({
      id: timeOrderedId(),
      subscriptionId: job.subscriptionId,
      eventId: job.eventId,
      quoteId: job.quoteId,
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    this.observer?.attempted(error === null);
    if (error !== null) throw new Error(`event ${job.eventId} was not delivered: ${error}`);
  }

  private async post(
    url: string,
    secret: string,
    body: string,
  ): Promise<{ statusCode: number | null; error: string | null }> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const target = allowedTarget(new URL(url), this.options.allowAddress);
      const response = await request(target, {
        dispatcher: this.agent,
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': this.options.userAgent,
          [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode <= 299;
      return {
        statusCode: response.statusCode,
        error: ok ? null : `the callback answered HTTP ${response.statusCode}`,
      };
    } catch (error) {
      const refused = refusal(error);
      if (refused) return { statusCode: null, error: `refused: ${refused.message}` };
      if (error instanceof FetchError) return { statusCode: null, error: error.message };
      if (signal.aborted) return { statusCode: null, error: `no answer within ${this.options.timeoutMs} ms` };
      return { statusCode: null, error: describeFailure(error) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
