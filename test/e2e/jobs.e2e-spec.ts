import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../src/jobs/jobs.service';
import { createTestApp, ADMIN_PASSWORD, TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/** A job that fails on its first run and succeeds after, to show a failed slot can be run again. */
@Injectable()
class FlakyJob implements OnModuleInit {
  calls = 0;
  constructor(private readonly jobs: JobsService) {}
  onModuleInit() {
    this.jobs.register({
      name: 'probe.flaky',
      description: 'test probe',
      cron: '0 0 1 1 *',
      run: async ({ manager }) => {
        this.calls++;
        await manager.query(`INSERT INTO tasks (assignee_id, kind, title, cause_key) SELECT id, 'probe', 'probe', 'probe:' || $1 FROM users WHERE username = 'admin'`, [this.calls]);
        if (this.calls === 1) throw new Error('first run fails on purpose');
        return { calls: this.calls };
      },
    });
  }
}
@Module({ providers: [FlakyJob] })
class FlakyModule {}

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the job runner and receivables.overdue-scan', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const asOf = '2026-06-15';

  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const tasksOf = async (user: TestUser) =>
    (await t.ds.query(`SELECT kind, entity_id, cause_key FROM tasks WHERE assignee_id = $1 AND kind LIKE 'receivable.%' ORDER BY cause_key`, [user.id])) as {
      kind: string;
      entity_id: string;
      cause_key: string;
    }[];

  /** A signed contract of `rep` whose plan lines fall due on the given dates (1000.00 each). */
  const signedContract = async (rep: TestUser, dueDates: string[], n: number) => {
    const c = await post(u.clerk, '/customers', { name: `定时任务测试客户${n}`, contactName: '联系人', contactPhone: `1370000${String(n).padStart(4, '0')}` });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: rep.id })).status).toBe(200);
    const plan = dueDates.map((dueDate) => ({ dueDate, amount: '1000.00' }));
    const k = await post(rep, '/contracts', {
      customerId: c.body.id,
      title: `合同${n}`,
      amount: `${dueDates.length * 1000}.00`,
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      paymentPlan: plan,
    });
    expect(k.status).toBe(201);
    expect((await post(rep, `/contracts/${k.body.id}/submit`)).status).toBe(200);
    expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
    expect((await post(rep, `/contracts/${k.body.id}/sign`, { signedAt: '2025-01-05' })).status).toBe(200);
    const receivables = await t.ds.query(`SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due FROM receivables WHERE contract_id = $1 ORDER BY seq`, [k.body.id]);
    return { contractId: k.body.id as string, receivables: receivables as { id: string; due: string }[] };
  };

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [FlakyModule], env: { RECEIVABLE_REMIND_DAYS: '7' } });
    admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.sm2 = await createUser(t, 'sales.manager', { admin });
    u.rep = await createUser(t, 'sales.rep', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.km = await createUser(t, 'key_account.manager', { admin });
  });
  afterAll(() => t?.close());

  it('GET /jobs lists every job with its schedule (admin only)', async () => {
    const res = await t.http().get('/api/v1/jobs').set('authorization', bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('Asia/Shanghai');
    const scan = res.body.items.find((j: { name: string }) => j.name === 'receivables.overdue-scan');
    expect(scan).toMatchObject({ schedule: '0 1 * * *', lastRun: null });
    for (const who of [u.sm, u.clerk]) expect((await t.http().get('/api/v1/jobs').set('authorization', bearer(who))).status).toBe(403);
    expect((await post(u.sm, '/jobs/receivables.overdue-scan/run', { asOf })).status).toBe(403);
  });

  it('unknown job 404, a malformed name or date 400', async () => {
    expect((await post(admin, '/jobs/nothing.here/run', { asOf })).status).toBe(404);
    expect((await post(admin, '/jobs/NOT A NAME/run', { asOf })).status).toBe(400);
    expect((await post(admin, '/jobs/receivables.overdue-scan/run', { asOf: '2026-02-30' })).status).toBe(400);
    expect((await post(admin, '/jobs/receivables.overdue-scan/run', { asOf, force: true })).status).toBe(400);
  });

  describe('receivables.overdue-scan', () => {
    let k: Awaited<ReturnType<typeof signedContract>>;
    beforeAll(async () => {
      // due: 31 days ago (escalate), 30 days ago (overdue, not escalated), yesterday (overdue),
      // today (not overdue), in 7 days (reminder), in 8 days (nothing yet)
      k = await signedContract(u.rep, [addDays(asOf, -31), addDays(asOf, -30), addDays(asOf, -1), asOf, addDays(asOf, 7), addDays(asOf, 8)], 1);
    });

    it('reminds, marks overdue, makes collection tasks and escalates past 30 days — once', async () => {
      const res = await post(admin, '/jobs/receivables.overdue-scan/run', { asOf });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job: 'receivables.overdue-scan', slot: asOf, asOf, status: 'succeeded' });
      expect(res.body.summary).toEqual({ reminders: 2, markedOverdue: 3, collectionTasks: 3, escalations: 2 });

      const [d31, d30, d1, d0, p7, p8] = k.receivables;
      const statuses = await t.ds.query(`SELECT id, status FROM receivables WHERE contract_id = $1`, [k.contractId]);
      const status = (id: string) => statuses.find((s: { id: string }) => s.id === id).status;
      expect([d31, d30, d1].map((r) => status(r.id))).toEqual(['overdue', 'overdue', 'overdue']);
      expect([d0, p7, p8].map((r) => status(r.id))).toEqual(['open', 'open', 'open']);

      const rep = await tasksOf(u.rep);
      expect(rep.filter((x) => x.kind === 'receivable.collect').map((x) => x.entity_id).sort()).toEqual([d31.id, d30.id, d1.id].sort());
      expect(rep.filter((x) => x.kind === 'receivable.reminder').map((x) => x.entity_id).sort()).toEqual([d0.id, p7.id].sort());
      // both sales managers are told of the one receivable past 30 days; the key-account manager is not
      for (const m of [u.sm, u.sm2]) expect((await tasksOf(m)).map((x) => x.entity_id)).toEqual([d31.id]);
      expect(await tasksOf(u.km)).toEqual([]);
    });

    it('a second run for the same day is skipped and adds nothing', async () => {
      const before = await t.ds.query('SELECT count(*)::int AS n FROM tasks');
      const res = await post(admin, '/jobs/receivables.overdue-scan/run', { asOf });
      expect(res.body).toMatchObject({ status: 'skipped', reason: 'already_ran' });
      expect(await t.ds.query('SELECT count(*)::int AS n FROM tasks')).toEqual(before);
      const runs = await t.ds.query(`SELECT status FROM job_runs WHERE job = 'receivables.overdue-scan' AND slot = $1`, [asOf]);
      expect(runs).toEqual([{ status: 'succeeded' }]);
    });

    it('the next day adds only what is new (no duplicate tasks for the same cause)', async () => {
      const next = addDays(asOf, 1);
      const res = await post(admin, '/jobs/receivables.overdue-scan/run', { asOf: next });
      // the line due on asOf is now 1 day overdue; the line due in 8 days is now within 7 days
      expect(res.body.summary).toEqual({ reminders: 1, markedOverdue: 1, collectionTasks: 1, escalations: 2 });
      const rep = await tasksOf(u.rep);
      expect(new Set(rep.map((x) => x.cause_key)).size).toBe(rep.length);
      expect(rep.filter((x) => x.kind === 'receivable.collect')).toHaveLength(4);
      // the line 30 days overdue yesterday is 31 today: escalated now, once per manager
      expect((await tasksOf(u.sm)).map((x) => x.entity_id).sort()).toEqual([k.receivables[0].id, k.receivables[1].id].sort());
    });

    it('GET /jobs shows the last run and its outcome', async () => {
      const res = await t.http().get('/api/v1/jobs').set('authorization', bearer(admin));
      const scan = res.body.items.find((j: { name: string }) => j.name === 'receivables.overdue-scan');
      expect(scan.lastRun).toMatchObject({ slot: addDays(asOf, 1), status: 'succeeded', trigger: 'manual' });
      const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'job.run' AND entity_id = 'receivables.overdue-scan'`);
      expect(audit[0].n).toBeGreaterThanOrEqual(3);
    });

    it('without asOf it runs for today in Beijing time', async () => {
      const res = await post(admin, '/jobs/receivables.overdue-scan/run', {});
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe(shanghaiToday());
    });
  });

  it('a failed run rolls its work back, is recorded as failed, and the slot can run again', async () => {
    const first = await post(admin, '/jobs/probe.flaky/run', { asOf });
    expect(first.body).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(first.body)).not.toContain('on purpose'); // no internals in the response
    expect(await t.ds.query(`SELECT status, error FROM job_runs WHERE job = 'probe.flaky'`)).toEqual([{ status: 'failed', error: 'first run fails on purpose' }]);
    expect(await t.ds.query(`SELECT cause_key FROM tasks WHERE cause_key LIKE 'probe:%'`)).toEqual([]);
    const second = await post(admin, '/jobs/probe.flaky/run', { asOf });
    expect(second.body).toMatchObject({ status: 'succeeded', summary: { calls: 2 } });
    expect(await t.ds.query(`SELECT status FROM job_runs WHERE job = 'probe.flaky'`)).toEqual([{ status: 'succeeded' }]);
    expect(await t.ds.query(`SELECT cause_key FROM tasks WHERE cause_key LIKE 'probe:%'`)).toEqual([{ cause_key: 'probe:2' }]);
  });

  describe('two app processes on one database', () => {
    const procs: ChildProcess[] = [];
    afterAll(() => procs.forEach((p) => p.kill('SIGKILL')));

    const freePort = () =>
      new Promise<number>((res) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => {
          const port = (s.address() as { port: number }).port;
          s.close(() => res(port));
        });
      });

    const startInstance = async (databaseUrl: string) => {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SCHEDULER: 'off' };
      delete env.NODE_OPTIONS;
      const p = spawn(process.execPath, [resolve(__dirname, '../../dist/src/main.js')], { env, stdio: 'ignore' });
      procs.push(p);
      for (let i = 0; i < 150; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return `http://127.0.0.1:${port}`;
        } catch {
          /* starting */
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('instance did not start');
    };

    it('fire the same slot at once: one run, no duplicate tasks', async () => {
      if (t.embedded) {
        console.warn('[test] two processes on one database need a real Postgres server: skipped on embedded PGlite');
        return;
      }
      const k = await signedContract(u.rep, [addDays('2026-09-01', -40), addDays('2026-09-01', 3)], 2);
      const [a, b] = await Promise.all([startInstance(t.config.databaseUrl!), startInstance(t.config.databaseUrl!)]);
      const token = async (base: string) =>
        ((await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).json()) as { accessToken: string }).accessToken;
      const [ta, tb] = await Promise.all([token(a), token(b)]);
      const fire = (base: string, tok: string) =>
        fetch(`${base}/api/v1/jobs/receivables.overdue-scan/run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
          body: JSON.stringify({ asOf: '2026-09-01' }),
        }).then((r) => r.json() as Promise<{ status: string; reason?: string }>);
      const outcomes = await Promise.all([fire(a, ta), fire(b, tb), fire(a, ta), fire(b, tb)]);
      expect(outcomes.filter((o) => o.status === 'succeeded')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'skipped')).toHaveLength(3);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM job_runs WHERE job = 'receivables.overdue-scan' AND slot = '2026-09-01'`)).toEqual([{ n: 1 }]);
      const tasks = await t.ds.query(`SELECT cause_key, count(*)::int AS n FROM tasks WHERE entity_id = ANY($1) GROUP BY cause_key`, [k.receivables.map((r) => r.id)]);
      expect(tasks.every((r: { n: number }) => r.n === 1)).toBe(true);
      // one collection task for the rep, one reminder, one escalation per sales manager
      expect(tasks).toHaveLength(4);
    });
  });
});
