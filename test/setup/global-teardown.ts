import { adminQuery, TEMPLATE_ENV, testServerUrl } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const server = testServerUrl();
  const template = process.env[TEMPLATE_ENV];
  if (server && template) await adminQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
