import { createHash, createHmac } from 'node:crypto';

// Events are signed as Stripe-style webhooks are: the receiver recomputes the HMAC
// of "<t>.<raw body>" with the shared secret, compares in constant time, and
// refuses a t too far from its clock, so that a captured request cannot be replayed.

export const SIGNATURE_HEADER = 'quotes-signature';

/** The Quotes-Signature header of a body sent at `unixSeconds`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

/**
 * The id of the event telling a subscription of a quote: the same however many
 * times the quote is matched or the event sent, so that receivers can drop repeats.
 * A UUID (version 8, RFC 9562) made of a hash of both ids.
 */
export function eventIdOf(subscriptionId: string, quoteId: string): string {
  const hex = createHash('sha256').update(`quote.created:${subscriptionId}:${quoteId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
