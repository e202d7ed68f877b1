import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request, type Dispatcher } from 'undici';
import { FetchError } from '../errors.js';

// Fetching a page named by a client is fetching on the client's behalf from inside
// the service's network: only http(s), only public addresses (checked on the
// address actually connected to, after DNS resolution, on every redirect), a few
// redirects, bounded time and size, and HTML only.

export interface FetchPolicy {
  /** Whether an address may be connected to; by default only public unicast addresses. */
  allowAddress: (address: string) => boolean;
  connectTimeoutMs: number;
  /** From the first connection to the last byte, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface FetchedPage {
  /** The URL the page was read from, after redirects. */
  url: string;
  /** The document as text: the page, or whatever `wanted` asked for. */
  html: string;
  fetchedAt: Date;
}

export const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/** What a fetch asks for: the Accept header it sends, and the media types it reads (null: any). */
export interface WantedContent {
  accept: string;
  types: readonly string[] | null;
}

const HTML_PAGE: WantedContent = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', types: HTML_TYPES };

/** True for an address on the public internet: not private, loopback, link-local, multicast, reserved or a metadata address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

const REFUSED = Symbol('refused address');

class RefusedAddressError extends Error {
  readonly [REFUSED] = true;
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address`);
  }
}

/** The first error of a chain (error, its cause, ...) that says an address was refused. */
export function refusal(error: unknown): RefusedAddressError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof RefusedAddressError) return e;
  }
  return undefined;
}

/** Why a connection failed, in words, from the error codes of its chain. */
export const describeFailure = (error: unknown): string => {
  const codes: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code) codes.push(code);
  }
  const code = codes[0];
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name does not resolve';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'the server stopped answering';
  return code ? `the connection failed (${code})` : 'the connection failed';
};

/** The charset a Content-Type header or the page's first bytes name, when the decoder knows it. */
function charsetOf(contentType: string, head: Buffer): string {
  const named =
    /charset=["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w.:-]+)|^\s*<\?xml[^>]+encoding=["']?([\w.:-]+)/i
      .exec(head.subarray(0, 2048).toString('latin1'))
      ?.slice(1)
      .find(Boolean);
  if (named) {
    try {
      new TextDecoder(named);
      return named;
    } catch {
      // An unknown charset: read the page as UTF-8.
    }
  }
  return 'utf-8';
}

/** Drops a response body unread; its stream's abort error is expected, not a fault. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A DNS look-up that fails with a refusal when a name resolves to an address the policy refuses. */
function guardedLookup(allowAddress: FetchPolicy['allowAddress']): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((a) => !allowAddress(a.address));
      if (refused) return callback(new RefusedAddressError(hostname, refused.address), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** An HTTP agent that connects only to addresses the policy allows, within its time limits. */
export function guardedAgent(policy: Pick<FetchPolicy, 'allowAddress' | 'connectTimeoutMs' | 'timeoutMs'>): Agent {
  return new Agent({
    connect: { timeout: policy.connectTimeoutMs, lookup: guardedLookup(policy.allowAddress) },
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
  });
}

/**
 * The URL, when its scheme is http(s) and its host is not an address the policy
 * refuses (a host given as an address is connected to without a look-up, so it is
 * checked here); a FetchError otherwise.
 */
export function allowedTarget(url: URL, allowAddress: FetchPolicy['allowAddress']): URL {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('refused', `${url.href} is not an http or https URL.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !allowAddress(host)) {
    throw new FetchError('refused', `${url.href} is at ${host}, which is not a public address.`);
  }
  return url;
}

/**
 * Checks a URL the service will connect to later (a callback): http(s), and a host
 * that resolves, to addresses the policy allows. FetchError says why not.
 */
export async function checkReachable(url: string, allowAddress: FetchPolicy['allowAddress']): Promise<void> {
  const target = allowedTarget(new URL(url), allowAddress);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch (error) {
    throw new FetchError('failed', `${url} cannot be reached: ${describeFailure(error)}.`);
  }
  const refused = addresses.find((a) => !allowAddress(a.address));
  if (refused) {
    throw new FetchError('refused', `${url} is refused: ${new RefusedAddressError(host, refused.address).message}.`);
  }
}

export class PageFetcher {
  private readonly agent: Agent;

  constructor(readonly policy: FetchPolicy) {
    this.agent = guardedAgent(policy);
  }

  /**
   * Fetches an HTML page (or, with `wanted`, a document of other media types),
   * following up to `maxRedirects` redirects; FetchError says why not.
   */
  async fetch(url: string, wanted: WantedContent = HTML_PAGE): Promise<FetchedPage> {
    const signal = AbortSignal.timeout(this.policy.timeoutMs);
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = this.checkTarget(current, url);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(target, {
          dispatcher: this.agent,
          method: 'GET',
          signal,
          headers: {
            'user-agent': this.policy.userAgent,
            accept: wanted.accept,
          },
        });
      } catch (error) {
        throw this.failure(error, signal, current);
      }
      const { statusCode, headers, body } = response;
      if ([301, 302, 303, 307, 308].includes(statusCode) && headers.location) {
        discard(body);
        if (hop >= this.policy.maxRedirects) {
          throw new FetchError('failed', `${url} redirects more than ${this.policy.maxRedirects} times.`);
        }
        current = new URL(String(headers.location), target).toString();
        continue;
      }
      if (statusCode < 200 || statusCode > 299) {
        discard(body);
        throw new FetchError('failed', `${current} answered HTTP ${statusCode}.`);
      }
      const contentType = String(headers['content-type'] ?? '');
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
      if (wanted.types && !wanted.types.includes(mediaType)) {
        discard(body);
        throw new FetchError(
          'not-html',
          `${current} is ${mediaType ? `of type ${mediaType}` : 'of no stated type'}; only HTML and XHTML pages are read.`,
        );
      }
      const declared = Number(headers['content-length']);
      if (declared > this.policy.maxBytes) {
        discard(body);
        throw this.tooLarge(current);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of body) {
          size += (chunk as Buffer).length;
          if (size > this.policy.maxBytes) {
            discard(body);
            throw this.tooLarge(current);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw this.failure(error, signal, current);
      }
      const bytes = Buffer.concat(chunks);
      const html = new TextDecoder(charsetOf(contentType, bytes)).decode(bytes);
      return { url: current, html, fetchedAt: new Date() };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The URL to ask, when its scheme is http(s) and its host is not an address the policy refuses. */
  private checkTarget(current: string, asked: string): URL {
    let target: URL;
    try {
      target = new URL(current);
    } catch {
      throw new FetchError('failed', `${asked} redirects to ${current}, which is not a URL.`);
    }
    return allowedTarget(target, this.policy.allowAddress);
  }

  private tooLarge(url: string) {
    return new FetchError('too-large', `${url} is larger than the ${this.policy.maxBytes} bytes this service reads.`);
  }

  private failure(error: unknown, signal: AbortSignal, url: string): FetchError {
    const refused = refusal(error);
    if (refused) return new FetchError('refused', `${url} was not fetched: ${refused.message}.`);
    if (signal.aborted) {
      return new FetchError('failed', `${url} took longer than ${this.policy.timeoutMs} ms to fetch.`);
    }
    return new FetchError('failed', `${url} could not be fetched: ${describeFailure(error)}.`);
  }
}
