import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';

/**
 * The one TypeORM data-source description, shared by the app and `npm run migration:run`.
 * `url` is a real Postgres or the embedded PGlite served on loopback; with PGlite the pool is
 * exactly one connection (PGlite is single-session).
 */
export function dataSourceOptions(url: string, embedded: boolean, verbose = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // Failed queries reach the log through the problem filter (as 500s); SQL traces only when asked.
    logging: verbose ? ['error', 'warn', 'migration'] : ['migration'],
    extra: embedded
      ? { max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: 30_000 }
      : { max: 10, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 },
  };
}
