import { afterAll, beforeAll } from 'vitest';

/**
 * A resource made before the tests of the enclosing file (or describe block) and
 * released after them. The returned function gives it to tests and to hooks
 * registered after this call; anywhere else it throws, since nothing exists yet.
 */
export function forAllTests<T>(
  what: string,
  make: () => Promise<T>,
  release: (resource: T) => Promise<unknown>,
): () => T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await make();
  });
  afterAll(async () => {
    if (resource !== undefined) await release(resource);
  });
  return () => {
    if (resource === undefined) throw new Error(`${what} is made in beforeAll: use it inside tests and hooks`);
    return resource;
  };
}
