import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type { AppConfig } from '../../config/configuration';
import { loadConfig } from '../../config/configuration';
import { buildApp } from '../../src/app.factory';
import { adminQuery, TEMPLATE_ENV, testServerUrl, withDatabase } from './test-database';

export const ADMIN_PASSWORD = 'Admin-Test-Pass-2026!';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  ds: DataSource;
  config: AppConfig;
  /** supertest bound to the app's HTTP server */
  http: () => ReturnType<typeof request>;
  embedded: boolean;
  close(): Promise<void>;
  /** Closes the app but leaves its Postgres database in place (to make a template of it). */
  closeKeepingDatabase(): Promise<void>;
}

/**
 * A whole application on a database of its own: a copy of the migrated template on Postgres, or a
 * new embedded PGlite directory. The same buildApp as `npm start`.
 */
export async function createTestApp(opts: { extraModules?: Type[]; env?: Record<string, string>; template?: string } = {}): Promise<TestApp> {
  const server = testServerUrl();
  let dbName: string | null = null;
  let dataDir: string | null = null;
  const env: Record<string, string> = {
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'error',
    LOGIN_THROTTLE_LIMIT: '1000',
    SCHEDULER: 'off',
    ...opts.env,
  };
  if (server) {
    const template = opts.template ?? process.env[TEMPLATE_ENV];
    if (!template) throw new Error('test template database missing: globalSetup did not run');
    dbName = `zhize_t_${randomBytes(5).toString('hex')}`;
    await adminQuery(server, `CREATE DATABASE ${dbName} TEMPLATE ${template}`);
    env.DATABASE_URL = withDatabase(server, dbName);
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'zhize-test-'));
    env.DATA_DIR = dataDir;
  }
  const config = loadConfig(env);
  const built = await buildApp(config, opts.extraModules ?? []);
  const ds = built.app.get(DataSource);
  const httpServer = built.app.getHttpServer();
  return {
    app: built.app,
    ds,
    config,
    embedded: !server,
    http: () => request(httpServer),
    async close() {
      await built.close();
      if (server && dbName) await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async closeKeepingDatabase() {
      await built.close();
    },
  };
}
