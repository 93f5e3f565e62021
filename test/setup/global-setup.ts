import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../config/data-source';
import { runMigrationsLocked } from '../../src/database/migrate';
import { adminQuery, TEMPLATE_ENV, testServerUrl, withDatabase } from './test-database';

/**
 * Against Postgres: migrate once into a template database; each test file then gets a fresh copy
 * (CREATE DATABASE … TEMPLATE …) and drops it. Without a server the tests run on embedded PGlite.
 */
export default async function globalSetup(): Promise<void> {
  const server = testServerUrl();
  if (!server) {
    process.stdout.write(
      '\n[test] 未设置 TEST_DATABASE_URL / DATABASE_URL：在嵌入式 PGlite 上运行；需要真实并发的测试会跳过并注明。\n',
    );
    return;
  }
  const template = `zhize_tpl_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${template}`);
  const ds = new DataSource(dataSourceOptions(withDatabase(server, template), false));
  await ds.initialize();
  try {
    await runMigrationsLocked(ds);
  } finally {
    await ds.destroy();
  }
  process.env[TEMPLATE_ENV] = template;
  process.stdout.write(`\n[test] PostgreSQL ${new URL(server).host}，模板库 ${template}\n`);
}
