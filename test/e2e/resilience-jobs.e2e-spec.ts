import { jobLockKey } from '../../src/jobs/jobs.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, TestUser } from '../setup/users';
import { call, embeddedNotice, Org, pgClient, Processes, Spawned, until } from './resilience-support';

/**
 * Scheduled jobs across instances (SPEC §7, §9): two server processes on one database fire every
 * job for the same slots at the same moment — each slot runs exactly once, nothing is created
 * twice; a session or a whole process that dies in the middle of a run leaves no lock behind, and
 * the next run of that slot succeeds.
 */
const SPEC_JOBS = [
  'complaints.sla-escalation',
  'key-accounts.tier-review',
  'key-accounts.visit-reminders',
  'prospects.stale-check',
  'receivables.overdue-scan',
  'reports.weekly-digest',
];
const SLOTS = ['2027-01-05', '2027-02-15'];

describe('resilience: jobs on two processes', () => {
  let t: TestApp;
  let org: Org;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const procs = new Processes();
  let a: Spawned;
  let b: Spawned;

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    org = new Org(t);
    admin = await adminToken(t);
    u.clerk = await org.user('sales.clerk', { admin });
    u.sm = await org.user('sales.manager', { admin });
    u.rep = await org.user('sales.rep', { admin });
    u.km = await org.user('key_account.manager', { admin });
    u.kas = await org.user('key_account.specialist', { admin });
    u.msup = await org.user('market.supervisor', { admin });
    u.mspec = await org.user('market.specialist', { admin, supervisorId: u.msup.id });
    const ok = (res: { status: number; body: unknown }, status: number) => {
      if (res.status !== status) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };

    // work for every job: a tier, signed contracts falling due, a key account, complaints, prospects
    ok(await org.post(u.km, '/key-accounts/tiers', { code: 'A', name: 'A 级', rank: 1, minAnnualAmount: '5000.00', visitIntervalDays: 30, complaintResponseHours: 24 }), 201);
    const customers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await org.customer(u.clerk, u.sm, u.rep, '任务韧性');
      customers.push(id);
      await org.signedContract(u.rep, u.sm, id, [
        ['2026-12-31', '6000.00'],
        ['2027-01-10', '4000.00'],
      ]);
    }
    ok(await org.post(admin, '/jobs/key-accounts.tier-review/run', { asOf: '2026-06-15' }), 200);
    const [assessment] = await t.ds.query(`SELECT id FROM tier_assessments WHERE customer_id = $1 AND status = 'pending'`, [customers[0]]);
    ok(await org.post(u.km, `/key-accounts/assessments/${assessment.id}/approve`, { assigneeId: u.kas.id }), 200);
    for (const customerId of customers.slice(1)) {
      ok(await org.post(u.clerk, '/complaints', { customerId, channel: 'phone', category: 'delivery', severity: 'low', description: '到货延迟三天' }), 201);
    }
    for (let i = 0; i < 3; i++) {
      ok(await org.post(u.mspec, '/prospects', { companyName: `任务韧性潜客${i}号科技有限公司`, contactName: '钱经理', contactPhone: `1360000${String(i).padStart(4, '0')}` }), 201);
    }
    [a, b] = await Promise.all([procs.start(t.config.databaseUrl!), procs.start(t.config.databaseUrl!)]);
  }, 120_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  const run = async (s: Spawned, name: string, asOf: string) => {
    const o = await call(s.base, 'POST', `/api/v1/jobs/${name}/run`, { token: admin, body: { asOf } });
    if (!o.ok) throw new Error(`${name} on ${s.base}: ${o.error}`);
    expect(o.status).toBe(200);
    return o.body as { job: string; slot: string; status: string; reason?: string; summary?: Record<string, number> };
  };
  const advisoryLocksOf = async (name: string) =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = $1::bigint AND objsubid = 2
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [jobLockKey(name)],
      )
    )[0].n as number;

  it('every job, fired for the same slots on both processes at once, runs exactly once per slot and creates nothing twice', async () => {
    if (embeddedNotice(t, 'jobs on two processes')) return;
    const list = await call(a.base, 'GET', '/api/v1/jobs', { token: admin });
    expect(list.ok && list.status).toBe(200);
    const names: string[] = list.ok ? list.body.items.map((j: { name: string }) => j.name) : [];
    expect(names).toEqual(expect.arrayContaining(SPEC_JOBS));

    const countByKind = async () =>
      new Map<string, number>((await t.ds.query('SELECT kind, count(*)::int AS n FROM tasks GROUP BY kind')).map((r: { kind: string; n: number }) => [r.kind, r.n]));
    const before = await countByKind();
    const assessmentsBefore = (await t.ds.query('SELECT count(*)::int AS n FROM tier_assessments'))[0].n;

    const won = new Map<string, { slot: string; summary: Record<string, number> }>();
    for (let round = 0; round < 2; round++) {
      for (const name of names) {
        for (const asOf of SLOTS) {
          // round 1: A, B, A, B at the same moment; round 2: the same slot again on both
          const outcomes = await Promise.all((round === 0 ? [a, b, a, b] : [a, b]).map((s) => run(s, name, asOf)));
          const slot = outcomes[0].slot;
          expect(outcomes.every((o) => o.slot === slot && o.job === name)).toBe(true);
          const succeeded = outcomes.filter((o) => o.status === 'succeeded');
          const skipped = outcomes.filter((o) => o.status === 'skipped');
          expect({ name, asOf, succeeded: succeeded.length, skipped: skipped.length }).toEqual({
            name,
            asOf,
            succeeded: round === 0 ? 1 : 0,
            skipped: outcomes.length - (round === 0 ? 1 : 0),
          });
          // skipped because the other run holds the slot right now, or because it already ran
          for (const s of skipped) expect(['locked', 'already_ran']).toContain(s.reason);
          if (round === 1) expect(skipped.filter((s) => s.reason === 'already_ran').length).toBeGreaterThanOrEqual(1);
          if (round === 0) won.set(`${name} ${slot}`, { slot, summary: succeeded[0].summary! });
        }
      }
    }

    // one job_runs row per (job, slot), succeeded, with the summary of the run that answered 'succeeded'
    const runs: { job: string; slot: string; status: string; summary: Record<string, number> }[] = await t.ds.query(
      `SELECT job, slot, status, summary FROM job_runs WHERE job = ANY($1) AND slot = ANY($2) ORDER BY job, slot`,
      [names, [...won.values()].map((w) => w.slot)],
    );
    expect(runs.map((r) => `${r.job} ${r.slot}`).sort()).toEqual([...won.keys()].sort());
    for (const r of runs) {
      expect(r.status).toBe('succeeded');
      expect(r.summary).toEqual(won.get(`${r.job} ${r.slot}`)!.summary);
    }

    // no cause twice, and no (assignee, kind, record) twice
    expect(await t.ds.query('SELECT cause_key FROM tasks GROUP BY cause_key HAVING count(*) > 1')).toEqual([]);
    expect(
      await t.ds.query('SELECT assignee_id, kind, entity_id, count(*)::int AS n FROM tasks WHERE entity_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1'),
    ).toEqual([]);
    expect(await t.ds.query(`SELECT customer_id FROM tier_assessments WHERE status = 'pending' GROUP BY 1 HAVING count(*) > 1`)).toEqual([]);

    // the tasks that appeared are exactly those the winning runs reported
    const after = await countByKind();
    const delta = (kind: string) => (after.get(kind) ?? 0) - (before.get(kind) ?? 0);
    const sum = (job: string, f: (s: Record<string, number>) => number) =>
      [...won.entries()].filter(([k]) => k.startsWith(`${job} `)).reduce((n, [, w]) => n + f(w.summary), 0);
    const expected = {
      'receivable.*': sum('receivables.overdue-scan', (s) => s.reminders + s.collectionTasks + s.escalations),
      'complaint.escalated': sum('complaints.sla-escalation', (s) => s.tasks),
      'prospect.stale': sum('prospects.stale-check', (s) => s.supervisorTasks),
      'key-account.visit': sum('key-accounts.visit-reminders', (s) => s.reminders),
      'report.digest': sum('reports.weekly-digest', (s) => s.stored),
      'tier.assessment': sum('key-accounts.tier-review', (s) => s.upgrades + s.downgrades),
    };
    const actual = {
      'receivable.*': ['receivable.reminder', 'receivable.collect', 'receivable.escalation'].reduce((n, k) => n + delta(k), 0),
      'complaint.escalated': delta('complaint.escalated'),
      'prospect.stale': delta('prospect.stale'),
      'key-account.visit': delta('key-account.visit'),
      'report.digest': delta('report.digest'),
      'tier.assessment': delta('tier.assessment'),
    };
    expect(actual).toEqual(expected);
    // every kind of job had work to do, so "nothing twice" means something
    for (const [kind, n] of Object.entries(actual)) expect({ kind, n: n > 0 }).toEqual({ kind, n: true });
    const assessmentsAfter = (await t.ds.query('SELECT count(*)::int AS n FROM tier_assessments'))[0].n;
    expect(assessmentsAfter - assessmentsBefore).toBe(expected['tier.assessment']);
    // no job lock is left behind by any of it
    for (const name of names) expect({ name, locks: await advisoryLocksOf(name) }).toEqual({ name, locks: 0 });
  });

  it('a killed session holding a job lock leaves no lock: the next run of that slot succeeds', async () => {
    if (embeddedNotice(t, 'a killed session holding a job lock')) return;
    const name = 'receivables.overdue-scan';
    const slot = '2027-03-20';
    const holder = await pgClient(t.config.databaseUrl!);
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [jobLockKey(name), slot]);
    const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    // it is the lock the runner takes: while held, the slot is refused as locked
    expect(await run(a, name, slot)).toMatchObject({ slot, status: 'skipped', reason: 'locked' });
    expect(await advisoryLocksOf(name)).toBe(1);

    expect(await t.ds.query('SELECT pg_terminate_backend($1) AS ok', [pid])).toEqual([{ ok: true }]);
    await until('the killed session to release its lock', async () => (await advisoryLocksOf(name)) === 0);
    await holder.end().catch(() => undefined);

    expect(await run(b, name, slot)).toMatchObject({ slot, status: 'succeeded' });
    expect(await t.ds.query('SELECT status FROM job_runs WHERE job = $1 AND slot = $2', [name, slot])).toEqual([{ status: 'succeeded' }]);
  });

  it('a process SIGKILLed in the middle of a run leaves no lock and no run record: the next run of that slot succeeds', async () => {
    if (embeddedNotice(t, 'a process killed mid-job')) return;
    const name = 'receivables.overdue-scan';
    const slot = '2027-04-20';
    const victim = await procs.start(t.config.databaseUrl!);
    // hold the run up where it writes its tasks, so the process is certainly mid-job when it dies
    const holder = await pgClient(t.config.databaseUrl!);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE tasks IN SHARE MODE');
    const holderPid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const pending = call(victim.base, 'POST', `/api/v1/jobs/${name}/run`, { token: admin, body: { asOf: slot } });
    await until('the run to be waiting mid-job', async () => (await t.ds.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [holderPid]))[0].n > 0);
    expect(await advisoryLocksOf(name)).toBe(1);

    await victim.kill();
    const outcome = await pending;
    expect(outcome.ok).toBe(false); // the process died under the request
    // its session lingers only until it notices; meanwhile the slot is still held, not run twice
    expect(await run(b, name, slot)).toMatchObject({ status: 'skipped', reason: 'locked' });
    await holder.query('ROLLBACK');
    await holder.end();
    await until('the dead process to leave no lock', async () => (await advisoryLocksOf(name)) === 0);
    expect(await t.ds.query('SELECT status FROM job_runs WHERE job = $1 AND slot = $2', [name, slot])).toEqual([]);

    expect(await run(b, name, slot)).toMatchObject({ slot, status: 'succeeded' });
    expect(await t.ds.query('SELECT status FROM job_runs WHERE job = $1 AND slot = $2', [name, slot])).toEqual([{ status: 'succeeded' }]);
  });
});
