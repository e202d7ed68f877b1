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

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; name?: unknown; message?: unknown; kind?: unknown; cause?: unknown };
    if (
      typeof e.code === 'string' &&
      (NETWORK_CODES.has(e.code) || SQLSTATE_UNAVAILABLE.test(e.code) || PRISMA_UNAVAILABLE.has(e.code))
    ) {
      return true;
    }
    if (e.name === 'PrismaClientInitializationError') return true;
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    if (Array.isArray((e as { errors?: unknown[] }).errors)) {
      if ((e as { errors: unknown[] }).errors.some(isDatabaseUnavailable)) return true;
    }
    current = e.cause;
  }
  return false;
}
