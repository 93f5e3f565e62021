import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  /** A postgres:// URL on 127.0.0.1 that node-postgres (and so TypeORM) connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WASM) with its files in `dataDir` and serves it over the
 * Postgres wire protocol on a free loopback port. PGlite is a single session, so the server takes
 * one connection and the app's pool must be exactly one.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  // One process per data directory (a second server, a backup or a restore is refused meanwhile).
  const lock = lockDataDir(dataDir, '职责 CRM 服务');
  try {
    return await serve(dataDir, lock.release);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function serve(dataDir: string, releaseLock: () => void): Promise<EmbeddedPostgres> {
  // PGlite and its socket server are ES modules loaded with import(); the WASM loads the same way.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');

  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, pgcrypto } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  let stopped = false;
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close(); // flushes the data files to dataDir
      releaseLock();
    },
  };
}
