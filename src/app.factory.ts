import { randomUUID } from 'node:crypto';
import { LogLevel, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/configuration';
import { API_PREFIX } from './access/route-table';
import { AppModule } from './app.module';
import { SESSION_COOKIE } from './auth/session-cookies';
import { createValidationPipe } from './common/validation';
import { registerConsole } from './console/console-host';
import { applySecurityHeaders } from './console/security-headers';
import { openDatabase } from './database/database-handle';
import { registerXlsxBodyParser } from './common/xlsx-body';
import { registerMultipart } from './attachments/multipart';

export const BODY_LIMIT = 1024 * 1024;

const LEVELS: Record<AppConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export interface BuiltApp {
  app: NestFastifyApplication;
  /** Closes the HTTP server, the pool and (embedded mode) PGlite, in that order. */
  close(): Promise<void>;
}

/**
 * Builds the whole application — database (embedded or external), migrations, HTTP, docs — the
 * same way for `npm start` and for the tests. `extraModules` lets a test mount probe routes.
 */
export async function buildApp(config: AppConfig, extraModules: Type[] = []): Promise<BuiltApp> {
  const db = await openDatabase(config);
  let app: NestFastifyApplication;
  try {
    const adapter = new FastifyAdapter({
      bodyLimit: BODY_LIMIT,
      onProtoPoisoning: 'error',
      onConstructorPoisoning: 'error',
      genReqId: () => randomUUID(),
      requestIdHeader: false,
      logger: false,
    });
    app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, db, extraModules), adapter, {
      logger: LEVELS[config.logLevel],
      abortOnError: false,
      // JSON only: Fastify's own JSON parser (with the limits above) stays; Nest's default parsers
      // would also accept HTML-form bodies (application/x-www-form-urlencoded), e.g. on login.
      bodyParser: false,
    });
  } catch (err) {
    await db.close();
    throw err;
  }

  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Errors Fastify raises before a handler runs (body too large, bad JSON, __proto__ keys) reach
  // the ProblemFilter through Nest's own Fastify error handler.
  const fastify = app.getHttpAdapter().getInstance();
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
        await app.close();
      } finally {
        await db.close();
      }
    },
  };
}
