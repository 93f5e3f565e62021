import { AsyncLocalStorage } from 'node:async_hooks';
import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/configuration';

/** The request a log line belongs to: set for the whole handling of one request. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  silent: [],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Nest's start-up narration: a line per module, per controller and per route ("Mapped {…}"),
 * plus "Starting…" / "successfully started". Shown only from LOG_LEVEL=debug; the app prints its
 * own few lines (address, database, jobs scheduled).
 */
const STARTUP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

let activeFormat: AppConfig['logFormat'] = 'text';

/**
 * The application's logger. `text`: Nest's usual coloured lines. `json`: one object per line —
 * `time`, `level`, `context`, `message`, and `requestId` when the line was written while a
 * request was being handled (the same id as the `x-request-id` response header).
 */
export class AppLogger extends ConsoleLogger {
  private readonly chatty: boolean;

  constructor(readonly format: AppConfig['logFormat'], level: AppConfig['logLevel']) {
    super({ logLevels: LEVELS[level], json: format === 'json', flattenParams: true });
    this.chatty = level === 'debug' || level === 'verbose';
    activeFormat = format;
  }

  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    if (!this.chatty && logLevel === 'log' && STARTUP_CHATTER.has(context)) return;
    super.printMessages(messages, context, logLevel, writeStreamType, errorStack, params);
  }

  protected override getJsonLogObject(...args: Parameters<ConsoleLogger['getJsonLogObject']>): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const { timestamp, pid, ...rest } = super.getJsonLogObject(...args);
    const requestId = requestContext.getStore()?.requestId;
    return {
      time: new Date(timestamp).toISOString(),
      ...rest,
      ...(requestId && rest.requestId === undefined ? { requestId } : {}),
      pid,
    } as unknown as ReturnType<ConsoleLogger['getJsonLogObject']>;
  }
}

/**
 * Text meant for the operator's eyes once (the generated admin password): as it is on a
 * terminal, as one JSON line when the logs are JSON.
 */
export function printNotice(context: string, text: string): void {
  if (activeFormat === 'json') {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'log', context, message: text.trim() })}\n`);
  } else {
    process.stdout.write(text);
  }
}

/** What the request log records of a path: no query string (it may carry search terms), bounded. */
function loggedPath(url: string): string {
  const path = url.split('?')[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * Gives every request its id in the log context, and writes one line per finished request (not
 * for health probes that pass) —
 * at `log` level in JSON format (what a log collector wants), at `debug` in text format (so a
 * terminal stays readable).
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: AppLogger): void {
  fastify.addHook('onRequest', (req, _reply, done) => requestContext.run({ requestId: String(req.id) }, done));
  const level: LogLevel = logger.format === 'json' ? 'log' : 'debug';
  if (!logger.isLevelEnabled(level)) return;
  fastify.addHook('onResponse', (req, reply, done) => {
    const path = loggedPath(req.raw.url ?? req.url);
    // a passing health probe (every few seconds from Docker or the proxy) is not news
    if (reply.statusCode < 400 && (path === '/health' || path.startsWith('/health/'))) return done();
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const fields = { requestId: String(req.id), method: req.method, path, status: reply.statusCode, durationMs };
    const line = `${req.method} ${path} ${reply.statusCode} ${durationMs}ms`;
    if (level === 'log') logger.log(line, fields, 'HTTP');
    else logger.debug(line, fields, 'HTTP');
    done();
  });
}
