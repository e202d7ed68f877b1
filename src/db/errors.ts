// Recognizes failures that mean "the database cannot serve now" (down, restarting,
// out of connections, too slow), as opposed to a bug or a bad request.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
// SQLSTATE: 08 connection exceptions, 57P0x shutdown and recovery, 53300 too many
// connections, 57014 statement timeout.
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[1-4]|53300|57014)$/;
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionWriteConflict',
]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Connection refused|the database system is (starting up|shutting down)|terminating connection/i;

/** Whether `test` holds for the error or anything it wraps (causes, aggregated errors, a driver adapter's error). */
function anyInChain(error: unknown, test: (e: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as Record<string, unknown>;
    if (test(e)) return true;
    stack.push(e.cause, (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
    if (Array.isArray(e.errors)) stack.push(...(e.errors as unknown[]));
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return anyInChain(
    error,
    (e) =>
      (typeof e.code === 'string' &&
        (NETWORK_CODES.has(e.code) || SQLSTATE_UNAVAILABLE.test(e.code) || PRISMA_UNAVAILABLE.has(e.code))) ||
      e.name === 'PrismaClientInitializationError' ||
      (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) ||
      (typeof e.message === 'string' && MESSAGES.test(e.message)),
  );
}

// SQLSTATE class 22, data exception: a value Postgres refuses (out of range,
// invalid text or bytes, a bad date). Values come from clients, so the fault is theirs.
const SQLSTATE_DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

/** A data exception from Postgres: the request carried a value that cannot be stored or compared. */
export function isDataException(error: unknown): boolean {
  return hasSqlState(error, SQLSTATE_DATA_EXCEPTION);
}

/** Whether the error, or anything it wraps, carries a SQLSTATE matching `pattern` (the driver's code, or Prisma's copy of it). */
function hasSqlState(error: unknown, pattern: RegExp): boolean {
  return anyInChain(
    error,
    (e) =>
      (typeof e.code === 'string' && pattern.test(e.code)) ||
      (typeof e.originalCode === 'string' && pattern.test(e.originalCode)),
  );
}

// SQLSTATE class 54, program limit exceeded: a value too large for Postgres to
// hold or index (a text whose search vector passes 1 MB of words, say). The
// value came from a client.
const SQLSTATE_PROGRAM_LIMIT = /^54[0-9A-Z]{3}$/;

/** A program limit from Postgres: the request carried a value too large to store or index. */
export function isProgramLimitExceeded(error: unknown): boolean {
  return hasSqlState(error, SQLSTATE_PROGRAM_LIMIT);
}

// SQLSTATE 23503, foreign key violation: a row points at one that is gone (a
// speaker merged away while an article naming it was being written, say).
const SQLSTATE_FOREIGN_KEY = /^23503$/;

/** A foreign key violation from Postgres. */
export function isForeignKeyViolation(error: unknown): boolean {
  return hasSqlState(error, SQLSTATE_FOREIGN_KEY);
}
