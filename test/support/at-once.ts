// Races from one test: many requests built first, then sent together, and their
// answers awaited together.

/** A request not sent yet: supertest sends when it is awaited. */
type Pending<T> = PromiseLike<T>;

/**
 * Sends every request at once and answers their responses in the order given.
 * `requests` are built before any is sent, so that none has a head start.
 */
export async function atOnce<T>(requests: (() => Pending<T>)[]): Promise<T[]> {
  const built = requests.map((make) => make());
  return Promise.all(built);
}

/** N requests made by `make(i)`, sent at once (see atOnce). */
export function fireAtOnce<T>(n: number, make: (i: number) => Pending<T>): Promise<T[]> {
  return atOnce(Array.from({ length: n }, (_, i) => () => make(i)));
}

/** The statuses of responses that are server errors, for an assertion that there are none. */
export function serverErrors(responses: { status: number; body: unknown }[]): { status: number; body: unknown }[] {
  return responses.filter((r) => r.status >= 500).map((r) => ({ status: r.status, body: r.body }));
}
