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
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, close: async () => {} };
  const pg = await startEmbeddedPostgres(config.dataDir);
  return { url: pg.url, embedded: true, close: () => pg.stop() };
}
