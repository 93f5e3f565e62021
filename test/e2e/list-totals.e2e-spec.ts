import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * Lists count their rows exactly up to LIST_COUNT_CAP and no further (SPEC §5 list envelope): past
 * the cap `total` is the planner's estimate, marked `totalExact: false`; a page that is not full
 * still tells the exact total. Here the cap is 3, so a handful of rows crosses it.
 */
describe('list totals: exact up to the cap, then a marked estimate', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  const CAP = 3;

  const post = (user: TestUser, path: string, body: object) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = async (user: TestUser, path: string) => {
    const res = await t.http().get(`/api/v1${path}`).set('authorization', bearer(user));
    expect(res.status).toBe(200);
    return res.body;
  };
  const register = async (who: TestUser, n: number, from: number) => {
    for (let i = from; i < from + n; i++) {
      const res = await post(who, '/prospects', { companyName: `计数测试${i}号科技有限公司`, contactName: '联系人', contactPhone: `1370000${String(i).padStart(4, '0')}` });
      expect(res.status).toBe(201);
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { LIST_COUNT_CAP: String(CAP) } });
    const admin = await adminToken(t);
    u.mm = await createUser(t, 'market.manager', { admin });
    u.sp1 = await createUser(t, 'market.specialist', { admin });
    u.sp2 = await createUser(t, 'market.specialist', { admin });
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    await register(u.sp1, 3, 0);
    await register(u.sp2, 2, 3);
  });
  afterAll(() => t?.close());

  it('a listed prospect reads as the same prospect opened by id', async () => {
    const list = await get(u.sp1, '/prospects?pageSize=1');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toEqual(await get(u.sp1, `/prospects/${list.items[0].id}`));
  });

  it('at or under the cap the total is exact', async () => {
    expect(await get(u.sp1, '/prospects?pageSize=2')).toMatchObject({ total: 3, totalExact: true, page: 1, pageSize: 2 });
    expect(await get(u.sp2, '/prospects?pageSize=1')).toMatchObject({ total: 2, totalExact: true });
    expect(await get(u.mm, `/prospects?ownerId=${u.sp2.id}`)).toMatchObject({ total: 2, totalExact: true });
    expect(await get(u.mm, '/prospects?q=no-such-name')).toMatchObject({ items: [], total: 0, totalExact: true });
  });

  it('past the cap a full page carries an estimate, marked, never below the rows it proves exist', async () => {
    const first = await get(u.mm, '/prospects?pageSize=2');
    expect(first.items).toHaveLength(2);
    expect(first.totalExact).toBe(false);
    expect(first.total).toBeGreaterThanOrEqual(CAP + 1);
    const second = await get(u.mm, '/prospects?page=2&pageSize=2');
    expect(second).toMatchObject({ totalExact: false, page: 2 });
    expect(second.total).toBeGreaterThanOrEqual(CAP + 1);
  });

  it('a page that is not full ends the list, so its total is exact even past the cap', async () => {
    const last = await get(u.mm, '/prospects?page=3&pageSize=2');
    expect(last).toMatchObject({ total: 5, totalExact: true, page: 3 });
    expect(last.items).toHaveLength(1);
    expect(await get(u.mm, '/prospects?pageSize=20')).toMatchObject({ total: 5, totalExact: true });
  });

  it('a page past the end is empty; its total is counted on its own and, past the cap, estimated', async () => {
    const past = await get(u.mm, '/prospects?page=9&pageSize=2');
    expect(past.items).toEqual([]);
    expect(past.totalExact).toBe(false);
    expect((await get(u.sp1, '/prospects?page=9&pageSize=2')).items).toEqual([]);
    expect(await get(u.sp1, '/prospects?page=9&pageSize=2')).toMatchObject({ total: 3, totalExact: true });
  });

  it('the estimate is the planner’s row estimate for the whole scope (close to the truth with fresh statistics)', async () => {
    await t.ds.query(
      `INSERT INTO prospects (company_name, name_key, contact_name, contact_phone, phone_key, owner_id, department, created_by)
       SELECT '批量' || i || '号有限公司', 'bulk-count-' || i, '联系人', '1380000' || lpad(i::text, 4, '0'), '1380000' || lpad(i::text, 4, '0'), $1, 'market', $1
       FROM generate_series(1, 400) i`,
      [u.sp1.id],
    );
    await t.ds.query('ANALYZE prospects');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM prospects WHERE department = 'market' AND status = 'new'`);
    // a query not asked before (an estimate is kept for ten seconds per query)
    const page = await get(u.mm, '/prospects?status=new&pageSize=20');
    expect(page.totalExact).toBe(false);
    expect(Math.abs(page.total - n)).toBeLessThanOrEqual(n * 0.1);
    // the pager can reach the last page, whose total is exact
    const lastPage = Math.ceil(n / 20);
    expect(await get(u.mm, `/prospects?status=new&page=${lastPage}&pageSize=20`)).toMatchObject({ total: n, totalExact: true });
  });

  it('the other lists share the rule: visits (joined), the audit log, and the ledger (raw SQL)', async () => {
    const c = await post(u.clerk, '/customers', { name: '计数台账实业有限公司', contactName: '财务', contactPhone: '13600008888' });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: u.rep.id })).status).toBe(200);
    const k = await post(u.rep, '/contracts', {
      customerId: c.body.id,
      title: '购销合同',
      amount: '900.00',
      startDate: '2026-01-01',
      endDate: '2099-12-31',
      paymentPlan: [{ dueDate: '2026-12-31', amount: '900.00' }],
    });
    expect(k.status).toBe(201);
    expect((await post(u.rep, `/contracts/${k.body.id}/submit`, {})).status).toBe(200);
    expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
    expect((await post(u.rep, `/contracts/${k.body.id}/sign`, { signedAt: '2026-01-10' })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await post(u.clerk, '/payments', { contractId: k.body.id, amount: '100.00', receivedAt: `2026-02-0${i + 1}T10:00:00+08:00`, method: 'bank_transfer' })).status).toBe(201);
      expect((await post(u.rep, '/visits', { customerId: c.body.id, visitedAt: `2026-02-0${i + 1}T10:00:00+08:00`, method: 'phone', purpose: '回访', summary: '催款' })).status).toBe(201);
    }
    // 1 sale + 4 payments = 5 ledger lines
    expect(await get(u.sm, '/ledger?pageSize=2')).toMatchObject({ totalExact: false });
    expect(await get(u.sm, '/ledger?pageSize=10')).toMatchObject({ total: 5, totalExact: true });
    expect(await get(u.sm, '/ledger?pageSize=2&from=2026-02-03')).toMatchObject({ total: 2, totalExact: true });
    expect(await get(u.sm, '/ledger?page=3&pageSize=2')).toMatchObject({ total: 5, totalExact: true });
    expect(await get(u.rep, '/visits?pageSize=2')).toMatchObject({ totalExact: false });
    expect(await get(u.rep, '/visits?pageSize=2&from=2026-02-04')).toMatchObject({ total: 1, totalExact: true });
    const admin = { id: '', username: 'admin', role: 'admin' as const, token: await adminToken(t), version: 1 };
    expect(await get(admin, '/audit?pageSize=2')).toMatchObject({ totalExact: false });
    const trail = await get(admin, `/audit?entity=contract&entityId=${k.body.id}`);
    expect(trail).toMatchObject({ total: trail.items.length, totalExact: true });
    expect(trail.items.length).toBeGreaterThanOrEqual(4); // created, submitted, approved, signed
  });
});
