import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataDirBusyError, LOCK_FILE, lockDataDir } from './data-dir-lock';

/**
 * `npm run backup [-- <file>]` and `npm run restore -- <file> [--force]` for the embedded database
 * (DATA_DIR, PGlite). A backup is PGlite's own dump of the data directory (`dumpDataDir`, a
 * gzipped tar of the Postgres files), taken with the directory locked and the database opened
 * by this process alone — so it is consistent — and it includes the generated JWT secret, so
 * tokens survive a restore. Against an external Postgres (DATABASE_URL) use pg_dump / pg_restore.
 */

const USAGE = `用法:
  npm run backup [-- <备份文件>]              备份 DATA_DIR（默认 ./data）中的嵌入式数据库；默认写到 ./backups/zhize-<时间>.tar.gz
  npm run restore -- <备份文件> [--force]     恢复到 DATA_DIR；目录中已有数据库时需加 --force（原有文件移到 <DATA_DIR>.replaced-<时间>，不删除）`;

class UsageError extends Error {}

type PGliteInstance = Pick<import('@electric-sql/pglite').PGlite, 'query' | 'dumpDataDir' | 'close'>;

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<PGliteInstance> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
  return PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm, pgcrypto } });
}

/** What the database holds, to print (and to prove it opens): migrations applied and users. */
async function describe(db: PGliteInstance): Promise<string> {
  const count = async (table: string) => {
    const exists = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
    if (!exists.rows[0]?.t) return 0;
    return Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0].n);
  };
  return `已应用迁移 ${await count('schema_migrations')} 个，用户 ${await count('users')} 个`;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
const sizeOf = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

export async function backup(dataDir: string, file: string): Promise<string> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new UsageError(`数据目录 ${dataDir} 中没有嵌入式数据库（找不到 PG_VERSION），没有可备份的内容`);
  if (existsSync(file)) throw new UsageError(`备份文件 ${file} 已存在，不会覆盖；请换一个文件名`);
  const lock = lockDataDir(dataDir, '备份');
  try {
    const db = await openPGlite(dataDir);
    try {
      const summary = await describe(db);
      const dump = await db.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      mkdirSync(dirname(file), { recursive: true });
      // written beside the target, then renamed: a half-written file never carries the final name
      const partial = `${file}.partial`;
      writeFileSync(partial, bytes, { mode: 0o600 });
      renameSync(partial, file);
      return `已备份 ${dataDir} 到 ${file}（${sizeOf(bytes.length)}；${summary}）`;
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

export async function restore(file: string, dataDir: string, force: boolean): Promise<string> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`找不到备份文件 ${file}`);
  const bytes = readFileSync(file);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new UsageError(`${file} 不是 npm run backup 生成的备份文件（不是 gzip 格式）`);

  const lock = lockDataDir(dataDir, '恢复');
  let replacedDir: string | null = null;
  const present = () => readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
  try {
    if (present().length > 0) {
      const what = existsSync(join(dataDir, 'PG_VERSION')) ? '已有一个数据库' : '不是空目录';
      if (!force) {
        throw new UsageError(`数据目录 ${dataDir} ${what}。恢复会替换其中的全部数据：确认请加 --force（原有文件会移到 ${dataDir}.replaced-<时间>，不会删除）`);
      }
      replacedDir = `${dataDir}.replaced-${stamp()}`;
      mkdirSync(replacedDir);
      for (const name of present()) renameSync(join(dataDir, name), join(replacedDir, name));
    }
    try {
      const db = await openPGlite(dataDir, new Blob([bytes]));
      let summary: string;
      try {
        summary = await describe(db);
      } finally {
        await db.close();
      }
      lock.refresh(); // the archive carried the lock file of the process that made it
      const kept = replacedDir ? `；原有文件已移到 ${replacedDir}` : '';
      return `已从 ${file} 恢复到 ${dataDir}（${summary}）${kept}`;
    } catch (err) {
      // leave the directory as it was: nothing half-restored
      for (const name of present()) rmSync(join(dataDir, name), { recursive: true, force: true });
      if (replacedDir) {
        for (const name of readdirSync(replacedDir)) renameSync(join(replacedDir, name), join(dataDir, name));
        rmSync(replacedDir, { recursive: true, force: true });
      }
      lock.refresh();
      throw new UsageError(`无法从 ${file} 恢复：${(err as Error).message}。数据目录保持原样`);
    }
  } finally {
    lock.release();
  }
}

async function main(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const force = rest.includes('--force');
  const args = rest.filter((a) => a !== '--force');
  if (process.env.DATABASE_URL?.trim()) {
    throw new UsageError(
      '设置了 DATABASE_URL：数据在外部 PostgreSQL 中，请用 pg_dump / pg_restore 备份与恢复，例如\n' +
        '  pg_dump --format=custom --file=zhize.dump "$DATABASE_URL"\n' +
        '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" zhize.dump',
    );
  }
  const dataDir = resolve(process.env.DATA_DIR?.trim() || './data');
  if (command === 'backup' && args.length <= 1 && !force) {
    return backup(dataDir, resolve(args[0] ?? join('backups', `zhize-${stamp()}.tar.gz`)));
  }
  if (command === 'restore' && args.length === 1) return restore(resolve(args[0]), dataDir, force);
  throw new UsageError(USAGE);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (message) => console.log(message),
    (err: unknown) => {
      const known = err instanceof UsageError || err instanceof DataDirBusyError;
      console.error(known ? (err as Error).message : `${basename(process.argv[1] ?? 'backup')} 失败: ${(err as Error).message}`);
      process.exit(known ? 2 : 1);
    },
  );
}
