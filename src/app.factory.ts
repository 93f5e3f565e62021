import { randomUUID } from 'node:crypto';
import { RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/configuration';
import { API_PREFIX, UNPREFIXED_ROUTES } from './access/route-table';
import { AppModule } from './app.module';
import { SESSION_COOKIE } from './auth/session-cookies';
import { createValidationPipe } from './common/validation';
import { registerConsole } from './console/console-host';
import { applySecurityHeaders } from './console/security-headers';
import { openDatabase } from './database/database-handle';
import { registerXlsxBodyParser } from './common/xlsx-body';
import { onClientError, onFrameworkError, registerFrameworkErrorHandlers } from './common/framework-errors';
import { HttpDrain } from './common/http-drain';
import { AppLogger, registerRequestLogging } from './common/logging';
import { registerMultipart } from './attachments/multipart';

export const BODY_LIMIT = 1024 * 1024;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export interface BuiltApp {
  app: NestFastifyApplication;
  /**
   * Stops gracefully: refuses new requests, lets those in flight finish (at most the configured
   * SHUTDOWN_TIMEOUT_SECONDS), stops the scheduler and waits for running jobs, then closes the
   * pool and (embedded mode) PGlite.
   */
  close(): Promise<void>;
}

/**
 * Builds the whole application — database (embedded or external), migrations, HTTP, docs — the
 * same way for `npm start` and for the tests. `extraModules` lets a test mount probe routes.
 */
export async function buildApp(config: AppConfig, extraModules: Type[] = []): Promise<BuiltApp> {
  const db = await openDatabase(config);
  const logger = new AppLogger(config.logFormat, config.logLevel);
  const drain = new HttpDrain();
  let app: NestFastifyApplication;
  try {
    const adapter = new FastifyAdapter({
      bodyLimit: BODY_LIMIT,
      onProtoPoisoning: 'error',
      onConstructorPoisoning: 'error',
      genReqId: () => randomUUID(),
      requestIdHeader: false,
      logger: false,
      // req.ip from X-Forwarded-For only when the operator says which proxy to believe (TRUST_PROXY)
      // (a hop count n: the n addresses nearest to us are proxies, the one before them the client)
      trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
      // errors before a route or a request exists: problem+json too (common/framework-errors.ts)
      frameworkErrors: onFrameworkError,
      clientErrorHandler: onClientError,
      // the drain (common/http-drain.ts) answers during shutdown, with a problem
      return503OnClosing: false,
    });
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, db, extraModules), adapter, {
      logger,
      abortOnError: false,
      // JSON only: Fastify's own JSON parser (with the limits above) stays; Nest's default parsers
      // would also accept HTML-form bodies (application/x-www-form-urlencoded), e.g. on login.
      bodyParser: false,
    });
  } catch (err) {
    await db.close();
    throw err;
  }

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [...UNPREFIXED_ROUTES].map((route) => {
      const [method, path] = route.split(' ');
      return { path: path.slice(1), method: RequestMethod[method as keyof typeof RequestMethod] };
    }),
  });
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts owns SIGTERM/SIGINT and calls close() below, which drains first.

  const fastify = app.getHttpAdapter().getInstance();
  // The request id in every log line of a request, and one line per request (common/logging.ts).
  registerRequestLogging(fastify, logger);
  // 503 while stopping, and the count of requests in flight that close() waits for.
  drain.attach(fastify);
  // Errors Fastify raises before a handler runs (body too large, bad JSON, __proto__ keys) reach
  // the ProblemFilter through Nest's own Fastify error handler; those before a route or a request
  // exists go through the adapter options above and this (an unmet Expect header).
  registerFrameworkErrorHandlers(fastify);
  // Excel uploads (imports): up to 5 MiB, only on the routes that take a file.
  registerXlsxBodyParser(fastify);
  // File uploads (attachments): multipart, streamed, only on the routes that take a file.
  await registerMultipart(fastify);
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    applySecurityHeaders(reply);
  });
  // The web console at / (SPEC §10): same origin as the API, so no CORS.
  registerConsole(fastify, config.consoleDir);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('职责 CRM API')
      .setDescription('市场开拓部、销售部、大客户部的客户关系管理。每一项权限都引用职责制度的条款（见 GET /api/v1/duties/matrix）。')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  await fastify.ready();

  let closed = false;
  return {
    app,
    async close() {
      if (closed) return;
      closed = true;
      try {
        // No new job starts from here on; runs in progress are awaited by JobsService on app.close().
        for (const job of app.get(SchedulerRegistry).getCronJobs().values()) void job.stop();
        const server = app.getHttpServer();
        const abandoned = await drain.drain(server, config.shutdownTimeoutMs);
        if (abandoned > 0) logger.warn(`停止等待超时，仍有 ${abandoned} 个请求未完成，已断开其连接`, 'Shutdown');
        await app.close();
      } finally {
        await db.close();
      }
    },
  };
}
