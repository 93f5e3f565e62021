import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../../src/demo/seed-demo';
import { ADMIN_PASSWORD, createTestApp } from './create-test-app';
import globalSetup from './global-setup';
import { adminQuery, testServerUrl } from './test-database';

export const DEMO_TEMPLATE_ENV = 'ZHIZE_TEST_DEMO_TEMPLATE_DB';

/**
 * Browser suites run on the demo organisation. On Postgres it is seeded once, into a second
 * template database that every suite copies (seconds instead of a seeding per suite); on
 * embedded PGlite each suite seeds its own.
 */
export default async function webGlobalSetup(): Promise<void> {
  await globalSetup();
  const server = testServerUrl();
  if (!server) return;
  const started = Date.now();
  const t = await createTestApp();
  const name = `zhize_demo_tpl_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let dbName: string;
  try {
    await seedDemo(t.app, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, businessTz: t.config.businessTz });
    dbName = (await t.ds.query('SELECT current_database() AS db'))[0].db;
  } catch (err) {
    await t.close();
    throw err;
  }
  // Keep the seeded database: close the app without dropping it, then rename it as the template.
  await t.closeKeepingDatabase();
  await adminQuery(server, `ALTER DATABASE ${dbName} RENAME TO ${name}`);
  process.env[DEMO_TEMPLATE_ENV] = name;
  process.stdout.write(`[test] 演示组织模板库 ${name}（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
}
