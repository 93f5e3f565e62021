import { coalescerOf } from '../../src/common/coalesce';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * Aging and the sales report coalesce identical concurrent requests (src/common/coalesce.ts): one
 * run serves the requests waiting for it, but only runs that started after a request arrived may
 * serve it — so a payment recorded before a request arrives is in its answer even while an older
 * run is still under way.
 */
describe('coalesced heavy reads: never older than the request', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let contractId: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  const post = (user: TestUser, path: string, body: object) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));
  const pay = async (amount: string) => {
    const res = await post(u.clerk, '/payments', { contractId, amount, receivedAt: new Date().toISOString(), method: 'bank_transfer' });
    expect(res.status).toBe(201);
  };
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 500 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(what()).toBe(true);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    const c = await post(u.clerk, '/customers', { name: '合并读取测试实业有限公司', contactName: '财务', contactPhone: '13600009999' });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: u.rep.id })).status).toBe(200);
    const k = await post(u.rep, '/contracts', {
      customerId: c.body.id,
      title: '购销合同',
      amount: '9000.00',
      startDate: today,
      endDate: '2099-12-31',
      paymentPlan: [{ dueDate: today, amount: '9000.00' }],
    });
    expect(k.status).toBe(201);
    contractId = k.body.id;
    expect((await post(u.rep, `/contracts/${contractId}/submit`, {})).status).toBe(200);
    expect((await post(u.sm, `/contracts/${contractId}/approve`, { comment: '同意' })).status).toBe(200);
    expect((await post(u.rep, `/contracts/${contractId}/sign`, { signedAt: today })).status).toBe(200);
  });
  afterAll(() => t?.close());

  /**
   * Holds the answer of the first run of the SQL marked by `marker` (its snapshot already taken)
   * until released, counting the runs.
   */
  function holdFirstRun(marker: string) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const real = t.ds.query.bind(t.ds);
    const spy = jest.spyOn(t.ds, 'query').mockImplementation(async (sql: string, params?: Parameters<typeof real>[1], runner?: Parameters<typeof real>[2]) => {
      const rows = await real(sql, params, runner);
      if (sql.includes(marker) && ++runs === 1) await gate;
      return rows;
    });
    return { release, runs: () => runs, restore: () => spy.mockRestore() };
  }

  it.each([
    ['aging', () => `/receivables/aging?asOf=${today}`, 'unsigned AS', (b: any) => b.total.total as string, () => t.ds],
    ['the quarterly sales report', () => `/reports/sales?period=quarter&date=${today}`, 'keys AS', (b: any) => b.total.paymentsReceived as string, () => t.ds.manager],
  ])('%s: a request arriving during a run waits for the next run, which sees the payment recorded before it arrived', async (_name, path, marker, figure, runner) => {
    const hold = holdFirstRun(marker);
    try {
      const first = get(u.sm, path()).then((r) => r);
      await until(() => hold.runs() === 1); // the first run has read the database and is held
      await pay('100.00'); // committed while the first run is under way
      const second = get(u.sm, path()).then((r) => r);
      const third = get(u.sm, path()).then((r) => r);
      await until(() => coalescerOf(runner())?.queuedRuns === 1 && coalescerOf(runner())?.queuedRequests === 2); // both wait for the next run
      expect(hold.runs()).toBe(1);
      hold.release();
      const [a, b, c] = await Promise.all([first, second, third]);
      expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
      expect(hold.runs()).toBe(2); // one more run served the second and the third
      const fresh = await get(u.sm, path());
      expect(figure(b.body)).toBe(figure(fresh.body));
      expect(c.body).toEqual(b.body);
      expect(figure(a.body)).not.toBe(figure(b.body)); // the held run had read before the payment
    } finally {
      hold.restore();
    }
  });

  it('concurrent identical requests get what one request alone gets', async () => {
    for (const path of [`/receivables/aging?asOf=${today}`, `/reports/sales?period=quarter&date=${today}`]) {
      const alone = await get(u.sm, path);
      const together = await Promise.all(Array.from({ length: 6 }, () => get(u.sm, path)));
      for (const r of together) expect(r.body).toEqual(alone.body);
    }
  });
});
