import { randomUUID } from 'node:crypto';
import { ThrottlerStorage } from '@nestjs/throttler';
import { PostgresThrottlerStorage } from '../../src/auth/throttler-storage';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, TestUser, USER_PASSWORD } from '../setup/users';
import { call, embeddedNotice, Org, Processes, type Spawned } from './resilience-support';

/**
 * Stateless instances (SPEC §13): everything two instances must agree on lives in Postgres. Two
 * built servers (`dist/src/main.js`) run on one database; the login limit, an idempotent payment's
 * replay, a job slot and a console session each hold across them. The throttle's own rules (one
 * atomic upsert per attempt, windows, blocks, the sweep) are checked on the in-process app, which
 * also runs on embedded PGlite.
 */
const LIMIT = 4;
const API = '/api/v1';

describe('the login throttle kept in Postgres', () => {
  let t: TestApp;
  let storage: PostgresThrottlerStorage;
  const rows = (key: string) => t.ds.query(`SELECT hits, blocked_until IS NOT NULL AS blocked FROM login_throttle WHERE key = $1`, [key]);

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: String(LIMIT) } });
    storage = t.app.get(ThrottlerStorage);
  });
  afterAll(() => t?.close());

  it('is the storage the login guard uses', () => {
    expect(storage).toBeInstanceOf(PostgresThrottlerStorage);
  });

  it('counts concurrent attempts on one key exactly: only `limit` of 20 get through', async () => {
    const key = `k-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => storage.increment(key, 60_000, 5, 60_000, 'login')));
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(5);
    const blocked = results.filter((r) => r.isBlocked);
    expect(blocked).toHaveLength(15);
    for (const r of blocked) expect(r.timeToBlockExpire).toBeGreaterThanOrEqual(55);
    // refused attempts are not counted on top: the row stops at limit + 1
    expect(await rows(key)).toEqual([{ hits: 6, blocked: true }]);
  });

  it('starts again once the window or the block is over', async () => {
    const key = `k-${randomUUID()}`;
    for (let i = 1; i <= 3; i++) expect((await storage.increment(key, 60_000, 3, 60_000, 'login')).totalHits).toBe(i);
    await t.ds.query(`UPDATE login_throttle SET window_ends_at = now() - interval '1 second' WHERE key = $1`, [key]);
    expect(await storage.increment(key, 60_000, 3, 60_000, 'login')).toMatchObject({ totalHits: 1, isBlocked: false });

    for (let i = 2; i <= 3; i++) await storage.increment(key, 60_000, 3, 60_000, 'login');
    expect((await storage.increment(key, 60_000, 3, 60_000, 'login')).isBlocked).toBe(true);
    await t.ds.query(`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = $1`, [key]);
    expect(await storage.increment(key, 60_000, 3, 60_000, 'login')).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('sweeps the rows that no longer count and keeps the live ones and the blocked ones', async () => {
    const [old, live, blocked] = [`old-${randomUUID()}`, `live-${randomUUID()}`, `blocked-${randomUUID()}`];
    await t.ds.query(
      `INSERT INTO login_throttle (key, hits, window_ends_at, blocked_until) VALUES
         ($1, 2, now() - interval '1 minute', NULL),
         ($2, 1, now() + interval '1 minute', NULL),
         ($3, 9, now() - interval '1 minute', now() + interval '1 minute')`,
      [old, live, blocked],
    );
    expect(await storage.sweep()).toBeGreaterThanOrEqual(1);
    const left = await t.ds.query(`SELECT key FROM login_throttle WHERE key = ANY($1) ORDER BY key`, [[old, live, blocked]]);
    expect(left.map((r: { key: string }) => r.key)).toEqual([blocked, live].sort());
  });

  it('answers past the limit with the 429 problem and Retry-After', async () => {
    const body = { username: `nobody_${Date.now()}`, password: 'Not-the-password-1' };
    for (let i = 0; i < LIMIT; i++) expect((await t.http().post(`${API}/auth/login`).send(body)).status).toBe(401);
    const res = await t.http().post(`${API}/auth/session`).send(body);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('two app processes on one database (SPEC §13)', () => {
  let t: TestApp;
  let org: Org;
  let clerk: TestUser;
  let victim: TestUser;
  let admin: string;
  let contractId: string;
  const procs = new Processes();
  let a: Spawned;
  let b: Spawned;

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    org = new Org(t);
    admin = await adminToken(t);
    clerk = await org.user('sales.clerk', { admin });
    victim = await org.user('sales.rep', { admin });
    const manager = await org.user('sales.manager', { admin });
    const rep = await org.user('sales.rep', { admin });
    const customerId = await org.customer(clerk, manager, rep, '多实例');
    contractId = (await org.signedContract(rep, manager, customerId, [['2026-12-31', '3000.00'], ['2027-03-31', '2000.00']])).id;
    const env = { LOGIN_THROTTLE_LIMIT: String(LIMIT), LOGIN_THROTTLE_TTL_SECONDS: '60' };
    [a, b] = await Promise.all([procs.start(t.config.databaseUrl!, { env }), procs.start(t.config.databaseUrl!, { env })]);
  }, 120_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  it('the login limit holds across them: attempts alternating between the two are refused once the total passes it', async () => {
    if (embeddedNotice(t, 'two app processes')) return;
    const body = { username: `guess_${Date.now()}`, password: 'Not-the-password-1' };
    const statuses: number[] = [];
    // login on one, the console's sign-in on the other: one count
    for (let i = 0; i < LIMIT + 2; i++) {
      const o = await call(i % 2 ? b.base : a.base, 'POST', `${API}/auth/${i % 2 ? 'session' : 'login'}`, { body });
      if (!o.ok) throw new Error(o.error);
      statuses.push(o.status);
      if (o.status === 429) {
        expect(o.contentType).toMatch(/^application\/problem\+json/);
        expect(o.body.code).toBe('TOO_MANY_REQUESTS');
        expect(Number(o.retryAfter)).toBeGreaterThanOrEqual(1);
      }
    }
    // per-process counting would have let 2 × LIMIT through
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
    // past the limit the right password waits too, on either instance
    const wrong = { username: victim.username, password: 'Not-the-password-1' };
    for (let i = 0; i < LIMIT; i++) await call(i % 2 ? a.base : b.base, 'POST', `${API}/auth/login`, { body: wrong });
    const right = await call(a.base, 'POST', `${API}/auth/login`, { body: { username: victim.username, password: USER_PASSWORD } });
    expect(right.ok && right.status).toBe(429);
    // another username from the same address is not held back
    const other = await call(b.base, 'POST', `${API}/auth/login`, { body: { username: clerk.username, password: USER_PASSWORD } });
    expect(other.ok && other.status).toBe(200);
  });

  it('a payment sent to A with an Idempotency-Key and replayed to B gets the same answer, and there is one payment', async () => {
    if (embeddedNotice(t, 'two app processes')) return;
    const body = { contractId, amount: '1200.00', receivedAt: '2026-11-20', method: 'bank_transfer' };
    const pay = (s: Spawned, key: string, b2 = body) => call(s.base, 'POST', `${API}/payments`, { token: clerk.token, body: b2, headers: { 'idempotency-key': key } });
    const key = randomUUID();
    const first = await pay(a, key);
    const replay = await pay(b, key);
    if (!first.ok || !replay.ok) throw new Error('transport');
    expect(first.status).toBe(201);
    expect([replay.status, replay.body]).toEqual([201, first.body]);
    const other = await pay(b, key, { ...body, amount: '1300.00' });
    expect(other.ok && [other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);

    // the same key sent to both at once: one payment, one answer
    const key2 = randomUUID();
    const [x, y] = await Promise.all([pay(a, key2, { ...body, amount: '800.00' }), pay(b, key2, { ...body, amount: '800.00' })]);
    if (!x.ok || !y.ok) throw new Error('transport');
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(y.body.id).toBe(x.body.id);
    const payments = await t.ds.query(`SELECT id, amount FROM payments WHERE contract_id = $1 ORDER BY created_at`, [contractId]);
    expect(payments).toEqual([
      { id: first.body.id, amount: '1200.00' },
      { id: x.body.id, amount: '800.00' },
    ]);
  });

  it('one job slot runs once when both instances run the same job at the same time', async () => {
    if (embeddedNotice(t, 'two app processes')) return;
    const run = (s: Spawned) => call(s.base, 'POST', `${API}/jobs/receivables.overdue-scan/run`, { token: admin, body: { asOf: '2027-04-15' } });
    const outcomes = await Promise.all([run(a), run(b)]);
    const bodies = outcomes.map((o) => {
      if (!o.ok || o.status !== 200) throw new Error(JSON.stringify(o));
      return o.body;
    });
    expect(bodies.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    expect(['locked', 'already_ran']).toContain(bodies.find((r) => r.status === 'skipped').reason);
    const runs = await t.ds.query(`SELECT status FROM job_runs WHERE job = 'receivables.overdue-scan' AND slot = '2027-04-15'`);
    expect(runs).toEqual([{ status: 'succeeded' }]);
    // what the run did was done once: one overdue task per receivable, not two
    const dupes = await t.ds.query(`SELECT cause_key FROM tasks GROUP BY cause_key HAVING count(*) > 1`);
    expect(dupes).toEqual([]);
  });

  it('a console session started on A works on B, and signing out on A ends it on B', async () => {
    if (embeddedNotice(t, 'two app processes')) return;
    const start = await fetch(`${a.base}${API}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: clerk.username, password: USER_PASSWORD }),
    });
    expect(start.status).toBe(200);
    const cookies = start.headers.getSetCookie().map((c) => c.split(';')[0]);
    const cookie = cookies.join('; ');
    const csrf = cookies.find((c) => c.startsWith('zhize_csrf='))!.slice('zhize_csrf='.length);
    const me = (s: Spawned) => fetch(`${s.base}${API}/auth/me`, { headers: { cookie } });

    const onB = await me(b);
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { user: { id: string } }).user.id).toBe(clerk.id);

    const out = await fetch(`${a.base}${API}/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    const after = await me(b);
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
