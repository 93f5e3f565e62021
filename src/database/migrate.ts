import { DataSource, MigrationExecutor } from 'typeorm';
import { AdvisoryLock } from './advisory-locks';

/**
 * Runs pending migrations under a session advisory lock, on one connection, so that two app
 * instances starting together never apply the same migration twice (and PGlite's single
 * connection is enough). Each migration runs in its own transaction.
 */
export async function runMigrationsLocked(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [AdvisoryLock.Migrations]);
    try {
      const executor = new MigrationExecutor(ds, runner);
      executor.transaction = 'each';
      const done = await executor.executePendingMigrations();
      return done.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [AdvisoryLock.Migrations]);
    }
  } finally {
    await runner.release();
  }
}
