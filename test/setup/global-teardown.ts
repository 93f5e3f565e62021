import { adminQuery, TEMPLATE_ENV, testServerUrl } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const server = testServerUrl();
  const template = process.env[TEMPLATE_ENV];
  if (server && template) await adminQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  // The browser suites' seeded demo organisation (web-global-setup.ts), when there is one.
  const demo = process.env.ZHIZE_TEST_DEMO_TEMPLATE_DB;
  if (server && demo) await adminQuery(server, `DROP DATABASE IF EXISTS ${demo} WITH (FORCE)`);
}
