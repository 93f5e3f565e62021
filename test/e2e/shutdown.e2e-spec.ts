import type { CronJob } from 'cron';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JobsService } from '../../src/jobs/jobs.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, createUser, TestUser } from '../setup/users';
import { call, embeddedNotice, pgClient, Processes, sleep, until } from './resilience-support';

/**
 * SIGTERM (docker stop, a rolling deploy) on the built server (SPEC §13): the requests in flight
 * get their answers, a running job commits, nothing new is taken on — new connections are refused,
 * or answered 503 — and the process exits 0. A table lock held by the test keeps the work in
 * flight for as long as the test wants.
 */
const JOB = 'prospects.stale-check'; // reads prospects, so the lock holds it too

describe('graceful shutdown on SIGTERM (SPEC §13)', () => {
  let t: TestApp;
  let specialist: TestUser;
  let admin: string;
  const procs = new Processes();

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    specialist = await createUser(t, 'market.specialist');
    admin = await adminToken(t);
  }, 60_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  /**
   * Backends waiting on a lock (our LOCK TABLE), read outside the locker's transaction: within a
   * transaction pg_stat_activity stays as it was at its first read.
   */
  const waiting = async (on: TestApp) =>
    (await on.ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n as number;

  it('in-flight requests and a running job finish, new work is refused, the process exits 0', async () => {
    if (embeddedNotice(t, 'SIGTERM while requests wait on a table lock')) return;
    const app = await procs.start(t.config.databaseUrl!, { env: { SCHEDULER: 'on', LOG_LEVEL: 'log' } });
    expect(app.output()).toMatch(/已调度 \d+ 个定时任务/);

    const locker = await pgClient(t.config.databaseUrl!);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE prospects IN ACCESS EXCLUSIVE MODE');
    const listing = call(app.base, 'GET', '/api/v1/prospects?pageSize=5', { token: specialist.token });
    const job = call(app.base, 'POST', `/api/v1/jobs/${JOB}/run`, { token: admin, body: {} });
    await until('both requests wait on the lock', async () => (await waiting(t)) >= 2);

    const signalledAt = Date.now();
    app.proc.kill('SIGTERM');
    await sleep(500);
    // the instance takes nothing new: the port is closed (or, on a kept-alive connection, 503)
    const late = await call(app.base, 'GET', '/health/ready', { timeoutMs: 3000 });
    if (late.ok) {
      expect(late.status).toBe(503);
      expect(late.body).toMatchObject({ code: 'SHUTTING_DOWN' });
    } else {
      expect(late.error).toMatch(/ECONNREFUSED|ECONNRESET|other side closed|UND_ERR_SOCKET/);
    }
    expect(app.proc.exitCode).toBeNull(); // still draining

    await sleep(500);
    await locker.query('ROLLBACK'); // the lock goes; the waiting work goes on
    await locker.end();

    const [listed, ran] = await Promise.all([listing, job]);
    expect(listed.ok && listed.status).toBe(200);
    expect(listed.ok && listed.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
    expect(ran.ok && ran.status).toBe(200);
    expect(ran.ok && ran.body).toMatchObject({ job: JOB, status: 'succeeded' });

    expect(await app.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(app.output()).toContain('收到 SIGTERM');
    expect(app.output()).toContain('服务已停止');
    const [run] = await t.ds.query('SELECT status, finished_at FROM job_runs WHERE job = $1', [JOB]);
    expect(run).toMatchObject({ status: 'succeeded', finished_at: expect.any(Date) });
  }, 60_000);

  it('an idle instance stops at once, with exit code 0', async () => {
    if (embeddedNotice(t, 'SIGTERM on the built server')) return;
    const app = await procs.start(t.config.databaseUrl!, { env: { SCHEDULER: 'on' } });
    const started = Date.now();
    app.proc.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);

  it('close(): the scheduler stops first, a late request is 503 SHUTTING_DOWN, and a scheduled run in progress commits before the database closes', async () => {
    if (embeddedNotice(t, 'a scheduled run held by a table lock')) return;
    const inner = await createTestApp({ env: { SCHEDULER: 'on', LOG_LEVEL: 'silent' } });
    let closed = false;
    const locker = await pgClient(inner.config.databaseUrl!);
    try {
      const crons = [...inner.app.get(SchedulerRegistry).getCronJobs().values()] as unknown as CronJob[];
      expect(crons.length).toBeGreaterThan(0);
      expect(crons.every((c) => c.isActive)).toBe(true);

      await locker.query('BEGIN');
      await locker.query('LOCK TABLE prospects IN ACCESS EXCLUSIVE MODE');
      const run = inner.app.get(JobsService).run(JOB, null, 'schedule');
      await until('the run waits on the lock', async () => (await waiting(inner)) >= 1);

      const closing = inner.close().then(() => (closed = true));
      await until('the crons stop', async () => crons.every((c) => !c.isActive), 3000);
      await sleep(700);
      expect(closed).toBe(false); // held by the running job, not cut short
      // a request that still reaches the instance now is told to go elsewhere, as a problem
      const late = await inner.http().get('/health/live');
      expect(late.status).toBe(503);
      expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(late.headers.connection).toBe('close');
      expect(late.body).toMatchObject({ code: 'SHUTTING_DOWN', status: 503, requestId: late.headers['x-request-id'] });

      await locker.query('ROLLBACK');
      expect(await run).toMatchObject({ job: JOB, status: 'succeeded' });
      await closing;
      expect(closed).toBe(true);
    } finally {
      await locker.end().catch(() => undefined);
      if (!closed) await inner.close();
    }
  }, 60_000);
});
