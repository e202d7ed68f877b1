// What services answer when a request cannot be carried out. They know nothing of
// HTTP: src/http/errors.ts turns each of these into a problem response.

/** A field of the input that is wrong: where it was sent (in OpenAPI's words), its dotted path, and what is wrong. */
export interface InputError {
  in: 'query' | 'path' | 'header' | 'body';
  path: string;
  message: string;
}

/** A failure the caller can act on, as opposed to a bug or an outage. */
export abstract class DomainError extends Error {}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {
  constructor(
    readonly what: string,
    readonly id: string,
    message = `No ${what} has id ${JSON.stringify(id)}.`,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request is at odds with the state of the record; it may succeed later, or as another request. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    /** When a retry may succeed, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The input is wrong in ways that its schema cannot say. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly errors: InputError[],
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** A pagination cursor that is not one this service issued for this listing. */
export class InvalidCursorError extends InvalidInputError {
  constructor(message: string, reason: string) {
    super(message, [{ in: 'query', path: 'cursor', message: reason }]);
    this.name = 'InvalidCursorError';
  }
}

/** The input is valid, but cannot be carried out as it stands. */
export class UnprocessableError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableError';
  }
}

/** Why a page could not be fetched. */
export type FetchFailure =
  /** Unreachable, timed out, or answered with an error status. */
  | 'failed'
  /** Its address is private, loopback, link-local or otherwise not on the public internet, or its scheme is not http(s). */
  | 'refused'
  /** Larger than the service reads. */
  | 'too-large'
  /** Not HTML or XHTML. */
  | 'not-html'
  /** Not an RSS, Atom or JSON feed. */
  | 'not-feed';

/** A page (or a callback URL) that the service would not or could not fetch. */
export class FetchError extends DomainError {
  constructor(
    readonly reason: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}
