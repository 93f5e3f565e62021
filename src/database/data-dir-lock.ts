import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process at a time on an embedded data directory (DATA_DIR): PGlite is a single-user
 * Postgres, and two processes on the same files — a server and a backup, a restore or a second
 * server — would corrupt them. The holder is written to `DATA_DIR/zhize.lock`; a lock whose
 * process is gone (a crash, a kill -9) is taken over.
 */
export const LOCK_FILE = 'zhize.lock';

interface Holder {
  pid: number;
  host: string;
  what: string;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(readonly dir: string, readonly holder: Holder | null) {
    const who = holder ? `${holder.what}（进程 ${holder.pid}，主机 ${holder.host}，自 ${holder.since} 起）` : '另一个进程';
    super(
      `数据目录 ${dir} 正被${who}使用。请先停止它再重试；` +
        `如确认没有进程在使用该目录，可删除 ${join(dir, LOCK_FILE)} 后重试。`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  /** Writes the lock again (after something replaced the directory's files, e.g. a restore). */
  refresh(): void;
  release(): void;
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Alive on this machine. The lock's own pid is a leftover (a restarted container is pid 1 again). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** Takes the directory for this process (`what` says for what: 服务、备份、恢复), or throws DataDirBusyError. */
export function lockDataDir(dir: string, what: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), what, since: new Date().toISOString() } satisfies Holder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return {
        refresh: () => writeFileSync(file, mine),
        release: () => {
          try {
            if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid)) throw new DataDirBusyError(dir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirBusyError(dir, readHolder(file));
}
