import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../config/data-source';
import { MIGRATIONS } from '../../migrations';
import { runMigrationsLocked } from '../../src/database/migrate';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminQuery, testServerUrl, withDatabase } from '../setup/test-database';
import { adminToken, TestUser } from '../setup/users';
import { call, embeddedNotice, internalsLeaked, Org, pgClient, Processes, sleep, Spawned, until } from './resilience-support';

/**
 * Reliability of the schema and of the connection to the database (SPEC §1, §8): migrations on an
 * empty database, a second run that changes nothing, two runners at once; and a running server
 * whose every database session is cut, or whose database stops accepting connections for a while,
 * and which recovers on its own.
 */

type Q = (sql: string, params?: unknown[]) => Promise<any[]>;

/** Everything the migrations define, in a comparable form. */
async function schemaOf(q: Q) {
  return {
    tables: (await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.tablename),
    indexes: (await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`)).map((r) => `${r.indexname}: ${r.indexdef}`),
    constraints: (
      await q(`SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
               JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 2`)
    ).map((r) => `${r.tbl}.${r.conname}: ${r.def}`),
    triggers: (
      await q(`SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY 1, 2`)
    ).map((r) => `${r.relname}.${r.tgname}`),
    functions: (await q(`SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1`)).map((r) => r.proname),
    migrations: (await q(`SELECT timestamp::text AS ts, name FROM schema_migrations ORDER BY id`)).map((r) => `${r.ts} ${r.name}`),
  };
}

const MIGRATION_NAMES = MIGRATIONS.map((M) => new M().name);

describe('resilience: migrations', () => {
  let t: TestApp;
  const scratch: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    const server = testServerUrl();
    if (server) for (const db of scratch) await adminQuery(server, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await t?.close();
  });

  /** A new, empty database on the test server, and a data source on it (dropped in afterAll). */
  const emptyDatabase = async () => {
    const server = testServerUrl()!;
    const name = `zhize_mig_${randomBytes(5).toString('hex')}`;
    await adminQuery(server, `CREATE DATABASE ${name}`);
    scratch.push(name);
    const open = async () => {
      const ds = new DataSource({ ...dataSourceOptions(withDatabase(server, name), false), logging: false });
      await ds.initialize();
      return ds;
    };
    return { name, open };
  };

  it('a second run on the migrated test database applies nothing and changes nothing', async () => {
    if (embeddedNotice(t, 'migrations on a second database')) return;
    const q: Q = (sql, p) => t.ds.query(sql, p);
    const before = await schemaOf(q);
    expect(before.migrations.map((m) => m.split(' ')[1])).toEqual(MIGRATION_NAMES);
    expect(await runMigrationsLocked(t.ds)).toEqual([]);
    expect(await schemaOf(q)).toEqual(before);
    // the migration lock is a session lock: it must not be left behind
    expect(await q(`SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).toEqual([]);
  });

  it('an empty database gets every migration, in order; a second run is a no-op; the schema is the one the app runs on', async () => {
    if (embeddedNotice(t, 'migrations on an empty database')) return;
    const db = await emptyDatabase();
    const ds = await db.open();
    try {
      const q: Q = (sql, p) => ds.query(sql, p);
      expect(await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
      expect(await runMigrationsLocked(ds)).toEqual(MIGRATION_NAMES);
      const first = await schemaOf(q);
      // recorded in the order of their timestamps, which is the order of MIGRATIONS
      expect(first.migrations).toEqual(MIGRATION_NAMES.map((n) => `${n.slice(-13)} ${n}`));
      expect([...first.migrations].sort()).toEqual(first.migrations);
      expect(first.tables).toEqual(expect.arrayContaining(['users', 'audit_log', 'contracts', 'receivables', 'payments', 'ledger_entries', 'job_runs', 'tasks', 'idempotency_keys']));

      expect(await runMigrationsLocked(ds)).toEqual([]);
      expect(await schemaOf(q)).toEqual(first);
      // the same schema as the test database the app itself migrated and runs on
      expect(first).toEqual(await schemaOf((sql, p) => t.ds.query(sql, p)));
    } finally {
      await ds.destroy();
    }
  });

  it('two runners starting together on an empty database: one applies everything, the other nothing', async () => {
    if (embeddedNotice(t, 'concurrent migration runners')) return;
    const db = await emptyDatabase();
    const [a, b] = await Promise.all([db.open(), db.open()]);
    try {
      const results = await Promise.all([runMigrationsLocked(a), runMigrationsLocked(b)]);
      const sorted = [...results].sort((x, y) => y.length - x.length);
      expect(sorted).toEqual([MIGRATION_NAMES, []]);
      expect(await a.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});

describe('resilience: the running server loses its database and recovers', () => {
  let t: TestApp;
  let org: Org;
  let admin: string;
  let clerk: TestUser;
  let app: Spawned;
  const procs = new Processes();

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    org = new Org(t);
    admin = await adminToken(t);
    clerk = await org.user('sales.clerk', { admin });
    const manager = await org.user('sales.manager', { admin });
    const rep = await org.user('sales.rep', { admin });
    await org.customer(clerk, manager, rep);
    app = await procs.start(t.config.databaseUrl!);
  }, 120_000);
  afterAll(async () => {
    await procs.killAll();
    if (t && !t.embedded) {
      // whatever happened, let the database accept connections again before it is dropped
      const server = testServerUrl()!;
      await adminQuery(server, `ALTER DATABASE ${new URL(t.config.databaseUrl!).pathname.slice(1)} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    }
    await t?.close();
  });

  const customers = (timeoutMs = 10_000) => call(app.base, 'GET', '/api/v1/customers?pageSize=5', { token: clerk.token, timeoutMs });
  const health = () => call(app.base, 'GET', '/health', { timeoutMs: 10_000 });

  /** A failed answer is a problem+json 5xx that says nothing about the cause. */
  const expectOpaque5xx = (o: Awaited<ReturnType<typeof call>>) => {
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.status).toBeGreaterThanOrEqual(500);
    expect(o.contentType).toContain('application/problem+json');
    expect(o.body).toMatchObject({ status: o.status, code: expect.any(String), title: expect.any(String) });
    expect(internalsLeaked(o.text)).toBeNull();
  };
  /** The database cannot be reached: 503 DATABASE_UNAVAILABLE with Retry-After, so clients repeat the request later. */
  const expectUnavailable = (o: Awaited<ReturnType<typeof call>>) => {
    expectOpaque5xx(o);
    if (!o.ok) return;
    expect(o.status).toBe(503);
    expect(o.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(Number(o.retryAfter)).toBeGreaterThan(0);
  };

  it('every session to the database is terminated: at most the first request fails (503, opaquely), then it answers again', async () => {
    if (embeddedNotice(t, 'terminating the server sessions')) return;
    // warm up: several pooled connections in the server
    const warm = await Promise.all(Array.from({ length: 8 }, () => customers()));
    expect(warm.map((o) => (o.ok ? o.status : o.error))).toEqual(Array(8).fill(200));

    const killer = await pgClient(t.config.databaseUrl!);
    let cutAt = 0;
    try {
      const victims: { pid: number; ok: boolean }[] = (
        await killer.query(
          'SELECT pid, pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
      ).rows;
      cutAt = Date.now();
      // the spawned server's pool and the in-process app's pool
      expect(victims.filter((v) => v.ok).length).toBeGreaterThanOrEqual(2);
      const pids = victims.map((v) => v.pid);
      await until('terminated sessions gone', async () => (await killer.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids])).rows[0].n === 0);
    } finally {
      await killer.end();
    }

    const first = await customers();
    if (!(first.ok && first.status === 200)) expectUnavailable(first);
    // from the second request on, everything answers
    const h = await health();
    expect(h.ok && h.status).toBe(200);
    expect(h.ok && h.body).toEqual({ status: 'ok', database: { status: 'up', kind: 'postgres' } });
    const again = await customers();
    expect(again.ok && again.status).toBe(200);
    const burst = await Promise.all(Array.from({ length: 12 }, () => customers()));
    expect(burst.map((o) => (o.ok ? o.status : o.error))).toEqual(Array(12).fill(200));
    expect(Date.now() - cutAt).toBeLessThan(5_000);
    expect(app.proc.exitCode).toBeNull();
  });

  it('the database refuses connections for a while: 503 DATABASE_UNAVAILABLE and /health 503 meanwhile, answers again once it is back', async () => {
    if (embeddedNotice(t, 'a database outage under a running server')) return;
    const server = testServerUrl()!;
    const dbName = new URL(t.config.databaseUrl!).pathname.slice(1);
    expect((await customers()).ok).toBe(true);

    // the maintenance connection is to the server's own database, not to the test database
    const ops = new Client({ connectionString: server });
    ops.on('error', () => undefined);
    await ops.connect();
    try {
      await ops.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
      await ops.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
      await until('sessions gone', async () => (await ops.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [dbName])).rows[0].n === 0);

      // during the outage: nothing hangs, nothing leaks, the process stays up
      for (let i = 0; i < 3; i++) {
        const o = await customers();
        expectUnavailable(o);
        const h = await health();
        expect(h.ok && h.status).toBe(503);
        expect(h.ok && h.body).toEqual({ status: 'error', database: { status: 'down', kind: 'postgres' } });
        await sleep(200);
      }
      expect(app.proc.exitCode).toBeNull();
    } finally {
      await ops.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
      await ops.end();
    }
    const backAt = Date.now();
    let answered: Awaited<ReturnType<typeof call>> | null = null;
    while (Date.now() - backAt < 5_000) {
      answered = await customers();
      if (answered.ok && answered.status === 200) break;
      await sleep(100);
    }
    expect(answered?.ok && answered.status).toBe(200);
    expect(Date.now() - backAt).toBeLessThan(5_000);
    const h = await health();
    expect(h.ok && h.status).toBe(200);
    const after = await Promise.all(Array.from({ length: 8 }, () => customers()));
    expect(after.map((o) => (o.ok ? o.status : o.error))).toEqual(Array(8).fill(200));
    // the in-process app recovers as well (its pool was cut too)
    await until('in-process pool recovers', async () => {
      try {
        await t.ds.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    });
  });
});
