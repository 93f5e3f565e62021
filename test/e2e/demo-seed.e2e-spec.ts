import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/demo-data';
import { seedDemo } from '../../src/demo/seed-demo';
import { ADMIN_PASSWORD, createTestApp, TestApp } from '../setup/create-test-app';
import { bearer, loginToken } from '../setup/users';

/** `npm run seed:demo`: a living organisation, built through the API, that every role can log in to. */
describe('the demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('seeds every role, hundreds of prospects, contracts in every state, payments, overdue receivables, key accounts and complaints', async () => {
    const summary = await seedDemo(t.app, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, businessTz: 'Asia/Shanghai' });
    expect(summary.seeded).toBe(true);
    const count = async (sql: string) => (await t.ds.query(sql))[0].n as number;

    const roles = new Set((await t.ds.query(`SELECT DISTINCT role FROM users WHERE active`)).map((r: { role: string }) => r.role));
    expect([...roles].sort()).toEqual(
      ['admin', 'gm', 'key_account.manager', 'key_account.specialist', 'key_account.supervisor', 'market.manager', 'market.specialist', 'market.supervisor',
        'sales.assistant', 'sales.clerk', 'sales.manager', 'sales.rep', 'sales.supervisor'].sort(),
    );
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE supervisor_id IS NOT NULL`)).toBeGreaterThanOrEqual(10);
    expect(await count(`SELECT count(*)::int AS n FROM prospects`)).toBeGreaterThanOrEqual(300);
    expect(await count(`SELECT count(*)::int AS n FROM visits`)).toBeGreaterThanOrEqual(200);
    const states = (await t.ds.query(`SELECT DISTINCT status FROM contracts`)).map((r: { status: string }) => r.status).sort();
    expect(states).toEqual(['approved', 'completed', 'draft', 'pending_approval', 'pending_gm', 'rejected', 'signed', 'terminated']);
    expect(await count(`SELECT count(*)::int AS n FROM contracts WHERE archive_no IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM payments`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM receivables WHERE status = 'overdue'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM customers WHERE is_key_account`)).toBe(summary.keyAccounts);
    expect(await count(`SELECT count(DISTINCT status)::int AS n FROM complaints`)).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open'`)).toBeGreaterThan(0);
    // the ledger agrees with the receivables, customer by customer
    const mismatches = await t.ds.query(`
      SELECT c.id FROM customers c
      WHERE COALESCE((SELECT sum(debit - credit) FROM ledger_entries e WHERE e.customer_id = c.id), 0)
         <> COALESCE((SELECT sum(amount_due - amount_paid) FROM receivables r WHERE r.customer_id = c.id), 0)`);
    expect(mismatches).toEqual([]);
  });

  it('every demo account logs in and sees a living CRM for its role', async () => {
    for (const u of DEMO_USERS) {
      const token = await loginToken(t, u.username, DEMO_PASSWORD);
      const me = await t.http().get('/api/v1/auth/me').set('authorization', bearer(token));
      expect(me.body.user.role).toBe(u.role);
    }
    const rep = await loginToken(t, 'sales.rep.wu', DEMO_PASSWORD);
    expect((await t.http().get('/api/v1/contracts').set('authorization', bearer(rep))).body.total).toBeGreaterThan(0);
    expect((await t.http().get('/api/v1/receivables?overdue=true').set('authorization', bearer(rep))).body.total).toBeGreaterThan(0);
    const spec = await loginToken(t, 'mkt.spec.sun', DEMO_PASSWORD);
    expect((await t.http().get('/api/v1/prospects').set('authorization', bearer(spec))).body.total).toBeGreaterThanOrEqual(100);
    const ka = await loginToken(t, 'ka.manager', DEMO_PASSWORD);
    expect((await t.http().get('/api/v1/key-accounts').set('authorization', bearer(ka))).body.total).toBe(9);
  });

  it('a second run changes nothing', async () => {
    const before = (await t.ds.query(`SELECT (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM prospects)::int AS p`))[0];
    expect((await seedDemo(t.app, { adminUsername: 'admin', adminPassword: ADMIN_PASSWORD, businessTz: 'Asia/Shanghai' })).seeded).toBe(false);
    expect((await t.ds.query(`SELECT (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM prospects)::int AS p`))[0]).toEqual(before);
  });
});
