import { Client } from 'pg';
import type { AppConfig } from '../../config/configuration';
import { startEmbeddedPostgres } from './embedded-postgres';

/** Where the app's data lives: an external Postgres, or the embedded PGlite it started itself. */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

export async function openDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, close: async () => {} };
  }
  const pg = await startEmbeddedPostgres(config.dataDir);
  return { url: pg.url, embedded: true, close: () => pg.stop() };
}

export class DatabaseUnreachableError extends Error {
  constructor(readonly code: string, detail: string) {
    super(`无法连接数据库 (${code}): ${detail}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Connects once before anything else starts, with a few short retries, so an unreachable database
 * gives one clear message instead of a stack trace from deep inside the ORM.
 */
async function checkReachable(url: string, attempts = 3): Promise<void> {
  let last: { code?: string; message?: string } = {};
  for (let i = 0; i < attempts; i++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      last = err as { code?: string; message?: string };
    } finally {
      await client.end().catch(() => undefined);
    }
    if (i < attempts - 1) await new Promise((res) => setTimeout(res, 1000));
  }
  const safeHost = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return '(无法解析的地址)';
    }
  })();
  throw new DatabaseUnreachableError(last.code ?? 'UNKNOWN', `${safeHost} — ${last.message ?? '连接失败'}`);
}
