import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, TestUser } from '../setup/users';
import { call, embeddedNotice, moneyViolations, NO_VIOLATIONS, Org, Outcome, Processes, Spawned } from './resilience-support';

/**
 * A short load test on loopback (SPEC §8): LOAD_SECONDS (default 60) of mixed reads and writes
 * from several roles against the built server, with a fixed number of concurrent clients. No 5xx,
 * and every write the server acknowledged is in the database — no more, no fewer.
 */
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONCURRENCY = 16;

describe('resilience: mixed load from several roles', () => {
  let t: TestApp;
  let org: Org;
  const u: Record<string, TestUser> = {};
  const customersOf = new Map<string, string[]>();
  const allCustomers: string[] = [];
  const contracts: string[] = [];
  const procs = new Processes();
  let app: Spawned;

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    if (!Number.isFinite(LOAD_SECONDS) || LOAD_SECONDS <= 0 || LOAD_SECONDS > 600) throw new Error('LOAD_SECONDS must be a number of seconds between 1 and 600');
    org = new Org(t);
    const admin = await adminToken(t);
    u.gm = await org.user('gm', { admin });
    u.sm = await org.user('sales.manager', { admin });
    u.ssup = await org.user('sales.supervisor', { admin, supervisorId: u.sm.id });
    u.rep1 = await org.user('sales.rep', { admin, supervisorId: u.ssup.id });
    u.rep2 = await org.user('sales.rep', { admin, supervisorId: u.ssup.id });
    u.clerk = await org.user('sales.clerk', { admin });
    u.msup = await org.user('market.supervisor', { admin });
    u.ms1 = await org.user('market.specialist', { admin, supervisorId: u.msup.id });
    u.ms2 = await org.user('market.specialist', { admin, supervisorId: u.msup.id });
    for (const rep of [u.rep1, u.rep2]) {
      const mine: string[] = [];
      for (let i = 0; i < 4; i++) mine.push(await org.customer(u.clerk, u.sm, rep, '负载客户'));
      customersOf.set(rep.id, mine);
      allCustomers.push(...mine);
      for (const customerId of mine.slice(0, 2)) contracts.push((await org.signedContract(rep, u.sm, customerId, [['2027-06-30', '900000.00']])).id);
    }
    app = await procs.start(t.config.databaseUrl!);
  }, 120_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  it(`${LOAD_SECONDS} s of mixed traffic: zero 5xx, zero lost and zero phantom writes`, async () => {
    if (embeddedNotice(t, 'the load test')) return;
    const tag = `LT${randomBytes(4).toString('hex')}`;
    let seq = 0;
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

    type Op = { name: string; write?: 'prospect' | 'visit' | 'payment' | 'complaint'; send: () => Promise<Outcome> };
    const get = (who: TestUser, path: string): Op => ({ name: `GET ${path.split('?')[0]}`, send: () => call(app.base, 'GET', `/api/v1${path}`, { token: who.token }) });
    const READS: Array<[TestUser, string]> = [
      [u.ms1, '/prospects?pageSize=20'],
      [u.ms2, `/prospects?q=${encodeURIComponent('负载')}&sort=-createdAt`],
      [u.msup, '/prospects?pageSize=50'],
      [u.ms1, '/visits'],
      [u.rep1, '/customers'],
      [u.rep2, '/visits?pageSize=50'],
      [u.rep1, '/contracts'],
      [u.rep2, '/receivables'],
      [u.rep1, '/reports/sales?period=month&date=2026-11-20'],
      [u.ssup, '/visits'],
      [u.ssup, '/customers'],
      [u.clerk, '/customers?pageSize=100'],
      [u.clerk, '/contracts'],
      [u.clerk, '/receivables'],
      [u.clerk, '/receivables/aging'],
      [u.clerk, '/reports/sales?period=quarter&date=2026-11-20&groupBy=department'],
      [u.sm, '/visits'],
      [u.sm, '/receivables/aging?asOf=2027-01-31'],
      [u.sm, '/reports/sales?period=year&date=2026-11-20'],
      [u.gm, '/prospects'],
      [u.gm, '/customers'],
      [u.gm, '/contracts?sort=-amount'],
      [u.gm, '/receivables?overdue=false'],
      [u.gm, '/reports/sales?period=week&date=2026-11-20'],
    ];
    const writes: Array<() => Op> = [
      () => {
        const n = ++seq;
        const who = n % 2 ? u.ms1 : u.ms2;
        return {
          name: 'POST /prospects',
          write: 'prospect',
          send: () =>
            call(app.base, 'POST', '/api/v1/prospects', {
              token: who.token,
              body: { companyName: `${tag}负载${n}号科技有限公司`, contactName: '负载测试', contactPhone: `15${String(n).padStart(9, '0')}`, source: '展会' },
            }),
        };
      },
      () => {
        const n = ++seq;
        const rep = n % 2 ? u.rep1 : u.rep2;
        return {
          name: 'POST /visits',
          write: 'visit',
          send: () =>
            call(app.base, 'POST', '/api/v1/visits', {
              token: rep.token,
              body: { customerId: pick(customersOf.get(rep.id)!), visitedAt: '2026-11-20T10:00:00+08:00', method: 'phone', purpose: '回访', summary: `${tag}-${n} 电话回访，客户确认下季度订货` },
            }),
        };
      },
      () => {
        const n = ++seq;
        const marker = `${tag}-${n}`;
        return {
          name: 'POST /payments',
          write: 'payment',
          send: () =>
            call(app.base, 'POST', '/api/v1/payments', {
              token: u.clerk.token,
              headers: { 'idempotency-key': marker },
              body: { contractId: pick(contracts), amount: `${1 + (n % 9)}.${String(n % 100).padStart(2, '0')}`, receivedAt: '2026-11-20', method: 'bank_transfer', reference: marker },
            }),
        };
      },
      () => {
        const n = ++seq;
        return {
          name: 'POST /complaints',
          write: 'complaint',
          send: () =>
            call(app.base, 'POST', '/api/v1/complaints', {
              token: u.clerk.token,
              body: { customerId: pick(allCustomers), channel: 'phone', category: 'service', severity: 'low', description: `${tag}-${n} 客户反映送货延迟` },
            }),
        };
      },
    ];
    /** Six reads for every four writes. */
    const nextOp = (): Op => {
      const r = Math.random();
      if (r < 0.6) {
        const [who, path] = pick(READS);
        return get(who, path);
      }
      return writes[Math.floor(((r - 0.6) / 0.4) * writes.length)]();
    };

    const created: Record<NonNullable<Op['write']>, string[]> = { prospect: [], visit: [], payment: [], complaint: [] };
    const statuses = new Map<string, number>();
    const unexpected: Array<{ op: string; status: number | string; body?: string }> = [];
    const fiveHundreds: typeof unexpected = [];
    let requests = 0;
    const latencies: number[] = [];

    const started = Date.now();
    const end = started + LOAD_SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < end) {
        const op = nextOp();
        const t0 = performance.now();
        const o = await op.send();
        latencies.push(performance.now() - t0);
        requests++;
        const status = o.ok ? o.status : o.error;
        statuses.set(`${op.name} ${status}`, (statuses.get(`${op.name} ${status}`) ?? 0) + 1);
        if (o.ok && o.status >= 500) fiveHundreds.push({ op: op.name, status: o.status, body: o.text.slice(0, 300) });
        const want = op.write ? 201 : 200;
        if (!o.ok || o.status !== want) unexpected.push({ op: op.name, status, body: o.ok ? o.text.slice(0, 300) : undefined });
        else if (op.write) created[op.write].push(o.body.id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;

    latencies.sort((x, y) => x - y);
    const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
    const writesTotal = Object.values(created).reduce((n, ids) => n + ids.length, 0);
    console.log(
      `[resilience] load: ${requests} requests in ${seconds.toFixed(1)} s (${Math.round(requests / seconds)}/s, ${CONCURRENCY} clients), ` +
        `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; writes acknowledged: ${writesTotal} ` +
        `(prospects ${created.prospect.length}, visits ${created.visit.length}, payments ${created.payment.length}, complaints ${created.complaint.length}); ` +
        `5xx: ${fiveHundreds.length}; other unexpected: ${unexpected.length - fiveHundreds.length}\n` +
        [...statuses.entries()].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n'),
    );

    expect(fiveHundreds).toEqual([]);
    expect(unexpected.slice(0, 20)).toEqual([]);
    expect(requests).toBeGreaterThan(CONCURRENCY * LOAD_SECONDS); // more than one request a second per client
    for (const kind of Object.keys(created) as Array<keyof typeof created>) expect({ kind, some: created[kind].length > 0 }).toEqual({ kind, some: true });

    // counted back from the database: exactly the acknowledged rows carry this run's marker
    const q = (sql: string, params?: unknown[]) => t.ds.query(sql, params);
    const ids = async (sql: string) => ((await q(sql, [`%${tag}%`])) as { id: string }[]).map((r) => r.id).sort();
    const stored = {
      prospect: await ids('SELECT id FROM prospects WHERE company_name LIKE $1'),
      visit: await ids('SELECT id FROM visits WHERE summary LIKE $1'),
      payment: await ids('SELECT id FROM payments WHERE reference LIKE $1'),
      complaint: await ids('SELECT id FROM complaints WHERE description LIKE $1'),
    };
    const acknowledged = Object.fromEntries(Object.entries(created).map(([k, v]) => [k, [...v].sort()]));
    expect(stored).toEqual(acknowledged);
    // each acknowledged write audited exactly once
    for (const [entity, list] of Object.entries(acknowledged)) {
      const audited: { n: number }[] = await q(`SELECT count(*)::int AS n FROM audit_log WHERE entity = $1 AND entity_id = ANY($2::text[])`, [entity, list]);
      expect({ entity, audited: audited[0].n }).toEqual({ entity, audited: list.length });
    }
    // payments: one idempotency key each, and the books still balance
    const keyed: { n: number }[] = await q(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE $1 AND status_code = 201`, [`${tag}-%`]);
    expect(keyed[0].n).toBe(created.payment.length);
    expect(await moneyViolations(q)).toEqual(NO_VIOLATIONS);
    expect(app.proc.exitCode).toBeNull();
  }, LOAD_SECONDS * 1000 + 120_000);
});
