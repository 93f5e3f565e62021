import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../../config/configuration';
import { buildApp, type BuiltApp } from '../../src/app.factory';
import { READ_DATA_SOURCE, READ_APPLICATION_NAME } from '../../src/database/read-data-source';
import { ADMIN_PASSWORD, createTestApp, TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import { xlsxRows } from '../setup/http';
import { adminQuery, testServerUrl } from '../setup/test-database';
import { adminToken, bearer, TestUser } from '../setup/users';
import { embeddedNotice, Org } from './resilience-support';

/**
 * DATABASE_READ_URL (SPEC §13): reports, exports and dashboards read over a pool of their own —
 * here the same server under a role that may only SELECT, every session read-only — while
 * everything else, and every write, stays on the main pool. A second app on the test database runs
 * with the setting; each read route answers there exactly what the app without it answers, and
 * pg_stat_activity shows the reader's sessions busy during that route and idle during the rest.
 */
describe('DATABASE_READ_URL: configuration', () => {
  const base = { JWT_SECRET: TEST_JWT_SECRET };

  it('is optional, must be a postgres:// URL, and is ignored on the embedded database', () => {
    const pg = { ...base, DATABASE_URL: 'postgres://app@db/zhize' };
    expect(loadConfig(pg).databaseReadUrl).toBeNull();
    expect(loadConfig({ ...pg, DATABASE_READ_URL: 'postgres://reader@replica/zhize' }).databaseReadUrl).toBe('postgres://reader@replica/zhize');
    expect(() => loadConfig({ ...pg, DATABASE_READ_URL: 'mysql://replica/zhize' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...pg, DATABASE_READ_URL: 'mysql://replica/zhize' })).toThrow(/DATABASE_READ_URL 必须以 postgres:\/\//);
    expect(loadConfig({ ...base, DATABASE_READ_URL: 'postgres://reader@replica/zhize' }).databaseReadUrl).toBeNull();
  });
});

describe('DATABASE_READ_URL: reports, exports and dashboards over a read-only connection (SPEC §13)', () => {
  let t: TestApp;
  let reading: BuiltApp | undefined;
  let reader: DataSource;
  const role = `zhize_reader_${randomBytes(4).toString('hex')}`;
  const u: Record<string, TestUser> = {};
  let contractId: string;

  /** The main-pool app (t) and the app with the read pool, both on the test database. */
  const plain = () => request(t.app.getHttpServer());
  const withReader = () => request(reading!.app.getHttpServer());
  const readerSessions = (): Promise<{ pid: number; application_name: string; state_change: Date | null; query: string }[]> =>
    t.ds.query(`SELECT pid, application_name, state_change, query FROM pg_stat_activity WHERE datname = current_database() AND usename = $1`, [role]);
  /** The latest moment any reader session changed state (ran something). */
  const lastReaderActivity = async () => Math.max(0, ...(await readerSessions()).map((s) => (s.state_change ? new Date(s.state_change).getTime() : 0)));

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    const org = new Org(t);
    const admin = await adminToken(t);
    u.sm = await org.user('sales.manager', { admin });
    u.clerk = await org.user('sales.clerk', { admin, supervisorId: u.sm.id });
    u.rep = await org.user('sales.rep', { admin, supervisorId: u.sm.id });
    u.gm = await org.user('gm', { admin });
    const customerId = await org.customer(u.clerk, u.sm, u.rep, '只读库');
    contractId = (await org.signedContract(u.rep, u.sm, customerId, [['2026-12-31', '3000.00'], ['2027-02-28', '2000.00']])).id;
    const post = (who: TestUser | string, path: string, body: object, headers: Record<string, string> = {}) =>
      plain().post(`/api/v1${path}`).set('authorization', bearer(who)).set(headers).send(body);
    const paid = await post(u.clerk, '/payments', { contractId, amount: '1200.00', receivedAt: '2026-11-20', method: 'bank_transfer' }, { 'idempotency-key': randomUUID() });
    expect(paid.status).toBe(201);
    const visit = await post(u.rep, '/visits', { customerId, visitedAt: '2026-11-20T10:30:00+08:00', method: 'in_person', purpose: '回款沟通', summary: '客户确认下期付款安排' });
    expect(visit.status).toBe(201);
    const complaint = await post(u.rep, '/complaints', { customerId, channel: 'phone', category: 'product', severity: 'low', description: '到货包装破损' });
    expect(complaint.status).toBe(201);
    const digest = await post(admin, '/jobs/reports.weekly-digest/run', { asOf: '2026-11-23' });
    expect(digest.body.status).toBe('succeeded');

    // a role that may log in and read, nothing more
    const server = testServerUrl()!;
    const db = new URL(t.config.databaseUrl!).pathname.slice(1);
    await adminQuery(server, `CREATE ROLE ${role} LOGIN PASSWORD 'reader-${role}'`);
    await t.ds.query(`GRANT CONNECT ON DATABASE ${db} TO ${role}; GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    const readUrl = new URL(t.config.databaseUrl!);
    readUrl.username = role;
    readUrl.password = `reader-${role}`;
    reading = await buildApp(
      loadConfig({
        DATABASE_URL: t.config.databaseUrl!,
        DATABASE_READ_URL: readUrl.toString(),
        JWT_SECRET: TEST_JWT_SECRET,
        ADMIN_PASSWORD,
        LOG_LEVEL: 'error',
        SCHEDULER: 'off',
        LOGIN_THROTTLE_LIMIT: '1000',
      }),
    );
    reader = reading.app.get(READ_DATA_SOURCE);
  }, 120_000);

  afterAll(async () => {
    await reading?.close();
    await t?.close();
    const server = testServerUrl();
    if (server) await adminQuery(server, `DROP ROLE IF EXISTS ${role}`);
  });

  it('without the setting the reads use the main pool; with it, a pool of its own whose sessions are read-only', async () => {
    if (embeddedNotice(t, 'a second connection string')) return;
    expect(t.app.get(READ_DATA_SOURCE)).toBe(t.ds);
    expect(reader).not.toBe(reading!.app.get(DataSource));
    const sessions = await readerSessions();
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    for (const s of sessions) expect(s.application_name).toBe(READ_APPLICATION_NAME);
    expect(await reader.query('SHOW default_transaction_read_only')).toEqual([{ default_transaction_read_only: 'on' }]);
    await expect(reader.query(`INSERT INTO tasks (assignee_id, kind, title, cause_key) VALUES ($1, 'x', 'x', 'x')`, [u.rep.id])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '25006' }),
    });
  });

  const ROUTES: Array<{ name: string; who: string; path: string; as?: 'text' | 'xlsx' }> = [
    { name: '销售统计报表', who: 'sm', path: '/reports/sales?period=year&date=2026-11-20&groupBy=owner' },
    { name: '销售统计报表 CSV', who: 'sm', path: '/reports/sales?period=year&date=2026-11-20&groupBy=department&format=csv', as: 'text' },
    { name: '销售统计报表 Excel', who: 'gm', path: '/reports/sales?period=month&date=2026-11-20&groupBy=owner&format=xlsx', as: 'xlsx' },
    { name: '销售周报', who: 'sm', path: '/reports/digests' },
    { name: '账龄', who: 'sm', path: '/receivables/aging?asOf=2027-04-15' },
    { name: '回款率', who: 'gm', path: '/receivables/collection-rate?from=2026-01-01&to=2027-03-31&groupBy=department' },
    { name: '逾期客户', who: 'sm', path: '/receivables/overdue-customers?asOf=2027-04-15' },
    { name: '投诉统计', who: 'sm', path: '/complaints/stats?from=2026-01-01' },
    { name: '销售台账 CSV', who: 'clerk', path: '/ledger?format=csv&contractId={contract}', as: 'text' },
    { name: '销售台账 Excel', who: 'clerk', path: '/ledger?format=xlsx', as: 'xlsx' },
    { name: '拜访记录 CSV', who: 'sm', path: '/visits?format=csv', as: 'text' },
  ];

  it.each(ROUTES)('$name: read over the read connection, the same answer as over the main pool', async ({ who, path, as }) => {
    if (t.embedded) return; // said once, by the first test of this block
    const url = `/api/v1${path.replace('{contract}', contractId)}`;
    const fetchFrom = (http: () => ReturnType<typeof request>) => {
      const req = http().get(url).set('authorization', bearer(u[who]));
      return as === 'xlsx' ? req.buffer(true).parse(xlsxRows) : req;
    };
    const body = (res: request.Response) => (as === 'text' ? res.text : res.body);

    const idle = await lastReaderActivity();
    const main = await fetchFrom(plain);
    expect(main.status).toBe(200);
    expect(await lastReaderActivity()).toBe(idle); // the app without the setting never touches it

    const read = await fetchFrom(withReader);
    expect(read.status).toBe(200);
    expect(await lastReaderActivity()).toBeGreaterThan(idle);
    expect(read.headers['content-type']).toBe(main.headers['content-type']);
    expect(body(read)).toEqual(body(main));
    expect(JSON.stringify(body(read)).length).toBeGreaterThan(20);
  });

  it('writes and the ordinary lists stay on the main pool: a payment through the app with the setting is recorded, the reader idle', async () => {
    if (embeddedNotice(t, 'a second connection string')) return;
    const idle = await lastReaderActivity();
    const paid = await withReader()
      .post('/api/v1/payments')
      .set('authorization', bearer(u.clerk))
      .set('idempotency-key', randomUUID())
      .send({ contractId, amount: '300.00', receivedAt: '2026-11-21', method: 'bank_transfer' });
    expect(paid.status).toBe(201);
    const ledger = await withReader().get(`/api/v1/ledger?contractId=${contractId}`).set('authorization', bearer(u.clerk));
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.map((l: { paymentId: string | null }) => l.paymentId)).toContain(paid.body.id);
    expect(await lastReaderActivity()).toBe(idle);
    expect(await t.ds.query(`SELECT amount FROM payments WHERE id = $1`, [paid.body.id])).toEqual([{ amount: '300.00' }]);
    // and the export, read over the reader, has it too (this server's reader is never behind)
    const csv = await withReader().get(`/api/v1/ledger?format=csv&contractId=${contractId}`).set('authorization', bearer(u.clerk));
    expect(csv.text).toContain('300.00');
    expect(await lastReaderActivity()).toBeGreaterThan(idle);
  });
});
