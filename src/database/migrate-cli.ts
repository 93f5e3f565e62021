import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/configuration';
import { dataSourceOptions } from '../../config/data-source';
import { openDatabase } from './database-handle';
import { runMigrationsLocked } from './migrate';

/** `npm run migration:run`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config);
  const ds = new DataSource(dataSourceOptions(db.url, db.embedded));
  try {
    await ds.initialize();
    const applied = await runMigrationsLocked(ds);
    console.log(applied.length ? `已应用迁移: ${applied.join(', ')}` : '数据库已是最新，没有待应用的迁移');
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `迁移失败: ${(err as Error).message}`);
  process.exit(1);
});
