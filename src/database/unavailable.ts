/**
 * Whether an error means the database cannot be reached right now (refused, cut off, shutting
 * down, out of connections) rather than that a statement failed. Such errors answer 503 with
 * Retry-After: the request may be repeated once the database is back; anything else stays a 500.
 */

/** Node socket errors on the way to the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that will not serve: shutting down, cannot connect now, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Messages node-postgres raises without a code when a connection ends or cannot be had in time. */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/i, /Client has encountered a connection error and is not queryable/i];

interface Candidate {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  driverError?: unknown;
  errors?: unknown;
  cause?: unknown;
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as Candidate;
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
  // FATAL from the server ends the session: refused at connect (e.g. database not accepting connections) or cut off
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  if (typeof e.message === 'string' && PG_MESSAGES.some((re) => re.test(e.message as string))) return true;
  // TypeORM wraps the driver's error; Node wraps happy-eyeballs attempts in an AggregateError
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
