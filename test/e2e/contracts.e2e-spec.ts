import { nextContractNumber } from '../../src/contracts/contract-numbering';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 销售合同: drafting (SAL-7.3 / SAL-4.6), validation of money and the payment plan, gap-free
 * numbering, editing, the approval chain (经理 → 总经理 at the threshold), separation of duties and
 * the approvers' tasks (待办).
 */

const THRESHOLD = '1000000.00';
const NUMBER = /^HT-(\d{4})-(\d{6})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The calendar year in Beijing now: the year a new contract number carries. */
const businessYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const seqOf = (number: string) => Number(NUMBER.exec(number)![2]);

interface Contract {
  id: string;
  number: string;
  title: string;
  status: string;
  version: number;
  amount: string;
  ownerId: string;
  paymentPlan: { seq: number; dueDate: string; amount: string }[];
  approvals: { round: number; level: string; approverId: string; decision: string; comment: string | null; decidedAt: string }[];
  awaitingApprovers?: { id: string; displayName: string; role: string }[];
  awaitingNote?: string;
}

interface Task {
  id: string;
  kind: string;
  entity: string | null;
  entityId: string | null;
  status: 'open' | 'done';
  doneAt: string | null;
}

function harness(getApp: () => TestApp) {
  const t = () => getApp();
  const post = (user: TestUser, path: string, body: object = {}) => t().http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const patch = (user: TestUser, path: string, body: object) => t().http().patch(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t().http().get(`/api/v1${path}`).set('authorization', bearer(user));

  /** A valid draft body: 50 000.00 in two lines. */
  const contractBody = (customerId: string, extra: object = {}) => ({
    customerId,
    title: '2027 年度设备采购合同',
    amount: '50000.00',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    paymentPlan: [
      { dueDate: '2027-03-31', amount: '20000.00' },
      { dueDate: '2027-06-30', amount: '30000.00' },
    ],
    ...extra,
  });
  /** A body whose amount is `amount`, paid in one line. */
  const bodyOf = (customerId: string, amount: string, extra: object = {}) =>
    contractBody(customerId, { amount, paymentPlan: [{ dueDate: '2027-06-30', amount }], ...extra });

  const draft = async (user: TestUser, customerId: string, amount = '50000.00'): Promise<Contract> => {
    const res = await post(user, '/contracts', bodyOf(customerId, amount));
    expect(res.status).toBe(201);
    return res.body;
  };
  const submitted = async (user: TestUser, customerId: string, amount = '50000.00'): Promise<Contract> => {
    const c = await draft(user, customerId, amount);
    const res = await post(user, `/contracts/${c.id}/submit`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending_approval');
    return res.body;
  };
  const fetch = async (user: TestUser, id: string): Promise<Contract> => {
    const res = await get(user, `/contracts/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The caller's tasks (GET /me/tasks), optionally only those about one entity. */
  const tasksOf = async (user: TestUser, entityId?: string, query = ''): Promise<Task[]> => {
    const res = await get(user, `/me/tasks?pageSize=100${query}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeLessThanOrEqual(100);
    const items: Task[] = res.body.items;
    return entityId ? items.filter((i) => i.entityId === entityId) : items;
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [{ n }] = await t().ds.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return n;
  };
  const mkCustomer = async (clerk: TestUser, assigner: TestUser | null, name: string, phone: string, owner?: TestUser) => {
    const c = await post(clerk, '/customers', { name, contactName: '联系人', contactPhone: phone });
    expect(c.status).toBe(201);
    if (assigner && owner) {
      const a = await post(assigner, `/customers/${c.body.id}/assign`, { ownerId: owner.id });
      expect(a.status).toBe(200);
    }
    return c.body.id as string;
  };
  return { post, patch, get, contractBody, bodyOf, draft, submitted, fetch, tasksOf, count, mkCustomer };
}

describe('contracts', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let cR1: string; // r1's general customer
  let cR1Key: string; // r1's key account
  let cR2: string; // r2's general customer
  let cR3: string; // r3's general customer
  const h = harness(() => t);
  const { post, patch, get, contractBody, bodyOf, draft, submitted, fetch, tasksOf, count } = h;

  beforeAll(async () => {
    t = await createTestApp({ env: { CONTRACT_GM_APPROVAL_THRESHOLD: THRESHOLD } });
    const admin = await adminToken(t);
    u.sm1 = await createUser(t, 'sales.manager', { admin, displayName: '销售经理甲' });
    u.sm2 = await createUser(t, 'sales.manager', { admin, displayName: '销售经理乙' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm1.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r3 = await createUser(t, 'sales.rep', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.asst = await createUser(t, 'sales.assistant', { admin });
    u.msp = await createUser(t, 'market.specialist', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.gm = await createUser(t, 'gm', { admin, displayName: '总经理' });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };

    cR1 = await h.mkCustomer(u.clerk, u.sm1, '杭州西湖龙井茶业有限公司', '13900000101', u.r1);
    cR1Key = await h.mkCustomer(u.clerk, u.sm1, '上海浦江重工集团有限公司', '13900000102', u.r1);
    cR2 = await h.mkCustomer(u.clerk, u.sm1, '苏州园林建材有限公司', '13900000103', u.r2);
    cR3 = await h.mkCustomer(u.clerk, u.sm1, '无锡太湖纺织有限公司', '13900000104', u.r3);
    await t.ds.query(`INSERT INTO key_account_tiers (code, name, rank, min_annual_amount, visit_interval_days, complaint_response_hours) VALUES ('A', 'A 级', 1, 5000000, 30, 24) ON CONFLICT DO NOTHING`);
    await t.ds.query(`UPDATE customers SET is_key_account = true, tier_code = 'A' WHERE id = $1`, [cR1Key]);
  });
  afterAll(() => t?.close());

  describe('drafting', () => {
    it('a rep drafts for their own general customer: numbered, a draft, the plan sorted and normalised', async () => {
      const res = await post(
        u.r1,
        '/contracts',
        contractBody(cR1, {
          amount: '50000',
          paymentPlan: [
            { dueDate: '2027-09-30', amount: '25000' },
            { dueDate: '2027-03-31', amount: '15000.5' },
            { dueDate: '2027-06-30', amount: '9999.50' },
          ],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.number).toMatch(NUMBER);
      expect(Number(NUMBER.exec(res.body.number)![1])).toBe(businessYear());
      expect(res.body).toMatchObject({
        customerId: cR1,
        customerName: '杭州西湖龙井茶业有限公司',
        title: '2027 年度设备采购合同',
        amount: '50000.00',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        status: 'draft',
        ownerId: u.r1.id,
        department: 'sales',
        version: 1,
        approvals: [],
        archiveNo: null,
        signedAt: null,
      });
      expect(res.body.paymentPlan).toEqual([
        { seq: 1, dueDate: '2027-03-31', amount: '15000.50' },
        { seq: 2, dueDate: '2027-06-30', amount: '9999.50' },
        { seq: 3, dueDate: '2027-09-30', amount: '25000.00' },
      ]);
      expect(res.body).not.toHaveProperty('awaitingApprovers');
      // stored as numeric(14,2), read back the same
      const [row] = await t.ds.query('SELECT amount::text AS amount, owner_id, created_by, status FROM contracts WHERE id = $1', [res.body.id]);
      expect(row).toEqual({ amount: '50000.00', owner_id: u.r1.id, created_by: u.r1.id, status: 'draft' });
      const again = await fetch(u.r1, res.body.id);
      expect(again.paymentPlan).toEqual(res.body.paymentPlan);
      expect(again.number).toBe(res.body.number);
    });

    it('a rep may not draft for a key account: 403 citing SAL-7.3, and nothing is inserted', async () => {
      const before = await count('contracts');
      const res = await post(u.r1, '/contracts', contractBody(cR1Key));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('CONTRACT_KEY_ACCOUNT_CUSTOMER');
      expect(res.body.detail).toContain('SAL-7.3');
      expect(res.body.clauses.map((c: { id: string }) => c.id)).toEqual(['SAL-7.3']);
      expect(await count('contracts')).toBe(before);
    });

    it('the sales manager (SAL-4.6) may draft for that key account', async () => {
      const res = await post(u.sm1, '/contracts', contractBody(cR1Key));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'draft', ownerId: u.sm1.id, department: 'sales', customerId: cR1Key });
    });

    it('another rep’s customer, or no such customer, is 404 and inserts nothing', async () => {
      const before = await count('contracts');
      for (const customerId of [cR2, '00000000-0000-4000-8000-000000000001']) {
        const res = await post(u.r1, '/contracts', contractBody(customerId));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect(await count('contracts')).toBe(before);
    });

    it.each(['clerk', 'asst', 'msp', 'ss', 'gm', 'admin'])('%s has no contract.create: 403 PERMISSION_DENIED', async (who) => {
      const res = await post(u[who], '/contracts', contractBody(cR1));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERMISSION_DENIED');
      expect(res.body.permission).toBe('contract.create');
    });

    it('without a token: 401', async () => {
      const res = await t.http().post('/api/v1/contracts').send(contractBody(cR1));
      expect(res.status).toBe(401);
    });

    const line = (dueDate: string, amount: string, extra: object = {}) => ({ dueDate, amount, ...extra });
    it.each<[string, object, string, string]>([
      ['a plan that does not sum to the amount', { paymentPlan: [line('2027-03-31', '20000.00'), line('2027-06-30', '29999.99')] }, 'CONTRACT_PLAN_MISMATCH', 'paymentPlan'],
      ['a plan that sums to more than the amount', { paymentPlan: [line('2027-03-31', '20000.00'), line('2027-06-30', '30000.01')] }, 'CONTRACT_PLAN_MISMATCH', 'paymentPlan'],
      ['an amount with three decimals', { amount: '100.005', paymentPlan: [line('2027-03-31', '100.00')] }, 'VALIDATION_FAILED', 'amount'],
      ['a negative amount', { amount: '-5.00', paymentPlan: [line('2027-03-31', '5.00')] }, 'VALIDATION_FAILED', 'amount'],
      ['an amount above numeric(14,2)', { amount: '1000000000000.00', paymentPlan: [line('2027-03-31', '1000000000000.00')] }, 'VALIDATION_FAILED', 'amount'],
      ['an amount as a JSON number', { amount: 50000 }, 'VALIDATION_FAILED', 'amount'],
      ['an amount in exponent form', { amount: '5e4' }, 'VALIDATION_FAILED', 'amount'],
      ['a zero amount', { amount: '0.00', paymentPlan: [line('2027-03-31', '0.00')] }, 'VALIDATION_FAILED', 'amount'],
      ['a plan line with three decimals', { paymentPlan: [line('2027-03-31', '20000.005'), line('2027-06-30', '29999.995')] }, 'VALIDATION_FAILED', 'paymentPlan.0.amount'],
      ['a negative plan line', { paymentPlan: [line('2027-03-31', '-10000.00'), line('2027-06-30', '60000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.amount'],
      ['a zero plan line', { paymentPlan: [line('2027-03-31', '0.00'), line('2027-06-30', '50000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.amount'],
      ['a plan line with an impossible date', { paymentPlan: [line('2026-02-30', '20000.00'), line('2027-06-30', '30000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.dueDate'],
      ['a plan line with a timestamp for a date', { paymentPlan: [line('2027-03-31T00:00:00Z', '20000.00'), line('2027-06-30', '30000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.dueDate'],
      ['a plan line without an amount', { paymentPlan: [{ dueDate: '2027-03-31' }, line('2027-06-30', '50000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.amount'],
      ['a plan line with an extra field', { paymentPlan: [line('2027-03-31', '20000.00', { paid: true }), line('2027-06-30', '30000.00')] }, 'VALIDATION_FAILED', 'paymentPlan.0.paid'],
      ['a plan line that is not an object', { paymentPlan: ['2027-03-31:50000.00'] }, 'VALIDATION_FAILED', 'paymentPlan.0'],
      ['an empty plan', { paymentPlan: [] }, 'VALIDATION_FAILED', 'paymentPlan'],
      ['a plan that is not an array', { paymentPlan: line('2027-03-31', '50000.00') }, 'VALIDATION_FAILED', 'paymentPlan'],
      ['a plan of 121 lines', { amount: '121.00', paymentPlan: Array.from({ length: 121 }, () => line('2027-03-31', '1.00')) }, 'VALIDATION_FAILED', 'paymentPlan'],
      ['an end date before the start date', { startDate: '2027-12-31', endDate: '2027-01-01' }, 'VALIDATION_FAILED', 'endDate'],
      ['an impossible start date', { startDate: '2027-13-01' }, 'VALIDATION_FAILED', 'startDate'],
      ['a title over 200 characters', { title: '合'.repeat(201) }, 'VALIDATION_FAILED', 'title'],
      ['a customerId that is not a UUID', { customerId: 'abc' }, 'VALIDATION_FAILED', 'customerId'],
      ['a server-owned status', { status: 'approved' }, 'VALIDATION_FAILED', 'status'],
      ['a server-owned number', { number: 'HT-2026-000001' }, 'VALIDATION_FAILED', 'number'],
      ['a server-owned ownerId', { ownerId: '00000000-0000-4000-8000-000000000001' }, 'VALIDATION_FAILED', 'ownerId'],
      ['a server-owned archiveNo', { archiveNo: 'DA-2026-000001' }, 'VALIDATION_FAILED', 'archiveNo'],
    ])('400 for %s, and nothing is inserted or numbered', async (_name, extra, code, field) => {
      const year = businessYear();
      const snapshot = async () => ({
        contracts: await count('contracts'),
        lines: await count('contract_plan_lines'),
        counter: (await t.ds.query('SELECT last_no FROM contract_number_counters WHERE year = $1', [year]))[0]?.last_no ?? 0,
      });
      const before = await snapshot();
      const res = await post(u.r1, '/contracts', contractBody(cR1, extra));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });

    it('a __proto__ key in a plan line is 400', async () => {
      const raw = `{"customerId":"${cR1}","title":"x","amount":"1.00","startDate":"2027-01-01","endDate":"2027-12-31","paymentPlan":[{"dueDate":"2027-03-31","amount":"1.00","__proto__":{"amount":"2.00"}}]}`;
      const res = await t.http().post('/api/v1/contracts').set('authorization', bearer(u.r1)).set('content-type', 'application/json').send(raw);
      expect(res.status).toBe(400);
    });
  });

  describe('numbering', () => {
    const counter = async (): Promise<number> => (await t.ds.query('SELECT last_no FROM contract_number_counters WHERE year = $1', [businessYear()]))[0]?.last_no ?? 0;

    it('20 concurrent creates get 20 distinct, consecutive numbers', async () => {
      const last = await counter();
      const contractsBefore = await count('contracts');
      const drafters: [TestUser, string][] = [
        [u.r1, cR1],
        [u.r2, cR2],
        [u.r3, cR3],
        [u.sm1, cR1Key],
      ];
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const [who, customer] = drafters[i % drafters.length];
          return post(who, '/contracts', bodyOf(customer, `${1000 + i}.00`, { title: `并发拟定合同 ${i}` }));
        }),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const numbers: string[] = responses.map((r) => r.body.number);
      for (const n of numbers) expect(n).toMatch(NUMBER);
      expect(new Set(numbers).size).toBe(20);
      const seqs = numbers.map(seqOf).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => last + 1 + i));
      expect(await counter()).toBe(last + 20);
      expect(await count('contracts')).toBe(contractsBefore + 20);
      // each response carries its own body (no cross-talk between concurrent transactions)
      responses.forEach((r, i) => expect(r.body.amount).toBe(`${1000 + i}.00`));
    });

    it('a failed create does not consume a number: the next good one is exactly the previous + 1', async () => {
      const a = await draft(u.r1, cR1);
      const failures = [
        await post(u.r1, '/contracts', contractBody(cR2)), // another rep's customer
        await post(u.r1, '/contracts', contractBody('00000000-0000-4000-8000-000000000002')), // no such customer
        await post(u.r1, '/contracts', contractBody(cR1Key)), // a key account (SAL-7.3)
        await post(u.r1, '/contracts', bodyOf(cR1, '100.00', { paymentPlan: [{ dueDate: '2027-03-31', amount: '99.99' }] })), // plan mismatch
        await post(u.r1, '/contracts', contractBody(cR1, { endDate: '2026-01-01' })), // dates
      ];
      expect(failures.map((r) => r.status)).toEqual([404, 404, 403, 400, 400]);
      const b = await draft(u.r1, cR1);
      expect(NUMBER.exec(b.number)![1]).toBe(NUMBER.exec(a.number)![1]);
      expect(seqOf(b.number)).toBe(seqOf(a.number) + 1);
      expect(await counter()).toBe(seqOf(b.number));
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM contracts WHERE number = ANY($1)', [[a.number, b.number]]);
      expect(n).toBe(2);
    });

    it('a number taken by a transaction that rolls back is given back (the counter row rolls back with it)', async () => {
      const last = await counter();
      await expect(
        t.ds.transaction(async (m) => {
          expect(await nextContractNumber(m, businessYear())).toBe(`HT-${businessYear()}-${String(last + 1).padStart(6, '0')}`);
          throw new Error('roll back after numbering');
        }),
      ).rejects.toThrow('roll back after numbering');
      expect(await counter()).toBe(last);
      const next = await draft(u.r1, cR1);
      expect(seqOf(next.number)).toBe(last + 1);
    });
  });

  describe('editing (draft or rejected only)', () => {
    let c: Contract;
    beforeAll(async () => {
      c = await draft(u.r1, cR1);
    });

    it('the owner edits a draft with its version; the new plan replaces the old one', async () => {
      const res = await patch(u.r1, `/contracts/${c.id}`, {
        version: 1,
        title: '修改后的合同',
        amount: '60000.00',
        paymentPlan: [
          { dueDate: '2027-08-31', amount: '35000.00' },
          { dueDate: '2027-02-28', amount: '25000.00' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: '修改后的合同', amount: '60000.00', version: 2, status: 'draft', number: c.number });
      expect(res.body.paymentPlan).toEqual([
        { seq: 1, dueDate: '2027-02-28', amount: '25000.00' },
        { seq: 2, dueDate: '2027-08-31', amount: '35000.00' },
      ]);
      expect(await count('contract_plan_lines WHERE contract_id = $1', [c.id])).toBe(2);
      c = res.body;
    });

    it('a stale version is 409 STALE_VERSION and changes nothing', async () => {
      const res = await patch(u.r1, `/contracts/${c.id}`, { version: 1, title: '过期的修改' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STALE_VERSION');
      expect(await fetch(u.r1, c.id)).toMatchObject({ title: '修改后的合同', version: 2 });
    });

    it('a new plan that does not sum, or an amount that no longer matches the plan, is 400 and changes nothing', async () => {
      const plan = await patch(u.r1, `/contracts/${c.id}`, { version: 2, paymentPlan: [{ dueDate: '2027-02-28', amount: '59999.99' }] });
      expect(plan.status).toBe(400);
      expect(plan.body.code).toBe('CONTRACT_PLAN_MISMATCH');
      const amount = await patch(u.r1, `/contracts/${c.id}`, { version: 2, amount: '70000.00' });
      expect(amount.status).toBe(400);
      expect(amount.body.code).toBe('CONTRACT_PLAN_MISMATCH');
      const threeDecimals = await patch(u.r1, `/contracts/${c.id}`, { version: 2, amount: '60000.001' });
      expect(threeDecimals.status).toBe(400);
      const dates = await patch(u.r1, `/contracts/${c.id}`, { version: 2, endDate: '2026-12-31' });
      expect(dates.status).toBe(400);
      expect(dates.body.errors.map((e: { field: string }) => e.field)).toContain('endDate');
      const owned = await patch(u.r1, `/contracts/${c.id}`, { version: 2, status: 'approved' });
      expect(owned.status).toBe(400);
      const after = await fetch(u.r1, c.id);
      expect(after).toMatchObject({ amount: '60000.00', version: 2, status: 'draft' });
      expect(after.paymentPlan).toHaveLength(2);
    });

    it('another rep cannot edit it (404); a clerk has no contract.create (403)', async () => {
      expect((await patch(u.r2, `/contracts/${c.id}`, { version: 2, title: 'x' })).status).toBe(404);
      const clerk = await patch(u.clerk, `/contracts/${c.id}`, { version: 2, title: 'x' });
      expect(clerk.status).toBe(403);
      expect(clerk.body.code).toBe('PERMISSION_DENIED');
    });

    it('once submitted it cannot be edited: 409 CONTRACT_INVALID_TRANSITION', async () => {
      expect((await post(u.r1, `/contracts/${c.id}/submit`)).status).toBe(200);
      const res = await patch(u.r1, `/contracts/${c.id}`, { version: 3, title: '审批中修改' });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, code: 'CONTRACT_INVALID_TRANSITION', currentStatus: 'pending_approval', action: 'edit' });
      expect((await fetch(u.r1, c.id)).title).toBe('修改后的合同');
    });
  });

  describe('approval', () => {
    it('submit → pending_approval; every sales manager gets one task; a second submit is 409 and duplicates nothing', async () => {
      const c = await draft(u.r1, cR1);
      const res = await post(u.r1, `/contracts/${c.id}/submit`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('pending_approval');
      expect(res.body.submittedAt).toMatch(ISO);
      expect(res.body.awaitingApprovers.map((a: { id: string }) => a.id).sort()).toEqual([u.sm1.id, u.sm2.id].sort());
      expect(res.body).not.toHaveProperty('awaitingNote');

      for (const sm of [u.sm1, u.sm2]) {
        const tasks = await tasksOf(sm, c.id);
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ kind: 'contract.approval', entity: 'contract', entityId: c.id, status: 'open' });
      }
      for (const other of [u.r1, u.gm, u.mm, u.ss]) expect(await tasksOf(other, c.id)).toHaveLength(0);

      const again = await post(u.r1, `/contracts/${c.id}/submit`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONTRACT_INVALID_TRANSITION');
      expect(await count('tasks WHERE entity_id = $1', [c.id])).toBe(2);
    });

    it('below the threshold one manager’s approval approves; the step is recorded and closes every manager’s task', async () => {
      const c = await submitted(u.r1, cR1, '999999.99');
      const res = await post(u.sm1, `/contracts/${c.id}/approve`, { comment: '同意，按计划回款' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('approved');
      expect(res.body.approvedAt).toMatch(ISO);
      expect(res.body.approvals).toEqual([
        { round: 1, level: 'manager', decision: 'approve', approverId: u.sm1.id, comment: '同意，按计划回款', decidedAt: expect.stringMatching(ISO) },
      ]);
      expect(res.body).not.toHaveProperty('awaitingApprovers');
      for (const sm of [u.sm1, u.sm2]) {
        const tasks = await tasksOf(sm, c.id);
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ kind: 'contract.approval', status: 'done', doneAt: expect.stringMatching(ISO) });
      }
      // the owner is asked to sign it
      const sign = await tasksOf(u.r1, c.id);
      expect(sign).toEqual([expect.objectContaining({ kind: 'contract.sign', status: 'open' })]);
      // a comment is optional, but it is bounded
      const c2 = await submitted(u.r1, cR1);
      const long = await post(u.sm1, `/contracts/${c2.id}/approve`, { comment: '长'.repeat(1001) });
      expect(long.status).toBe(400);
      const bare = await post(u.sm2, `/contracts/${c2.id}/approve`, {});
      expect(bare.status).toBe(200);
      expect(bare.body.approvals[0]).toMatchObject({ approverId: u.sm2.id, comment: null, decision: 'approve' });
    });

    it('exactly at the threshold the manager’s approval leads to pending_gm; only the 总经理 decides it', async () => {
      const c = await submitted(u.r1, cR1, THRESHOLD);
      const first = await post(u.sm1, `/contracts/${c.id}/approve`, { comment: '经理同意' });
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('pending_gm');
      expect(first.body.approvedAt).toBeNull();
      expect(first.body.awaitingApprovers.map((a: { id: string }) => a.id)).toEqual([u.gm.id]);
      expect(first.body.approvals).toEqual([expect.objectContaining({ round: 1, level: 'manager', decision: 'approve', approverId: u.sm1.id })]);
      expect((await tasksOf(u.sm2, c.id))[0].status).toBe('done');
      const gmTasks = await tasksOf(u.gm, c.id);
      expect(gmTasks).toEqual([expect.objectContaining({ kind: 'contract.gm-approval', entityId: c.id, status: 'open' })]);
      expect(await tasksOf(u.r1, c.id)).toHaveLength(0); // nothing to sign yet

      for (const sm of [u.sm2, u.sm1]) {
        const res = await post(sm, `/contracts/${c.id}/approve`, { comment: '越级' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('CONTRACT_GM_LEVEL');
      }
      const reject = await post(u.sm2, `/contracts/${c.id}/reject`, { comment: '越级退回' });
      expect(reject.status).toBe(403);
      expect(reject.body.code).toBe('CONTRACT_GM_LEVEL');
      expect((await fetch(u.sm1, c.id)).status).toBe('pending_gm');

      const gm = await post(u.gm, `/contracts/${c.id}/approve`, { comment: '总经理批准' });
      expect(gm.status).toBe(200);
      expect(gm.body.status).toBe('approved');
      expect(gm.body.approvals).toEqual([
        expect.objectContaining({ round: 1, level: 'manager', decision: 'approve', approverId: u.sm1.id, comment: '经理同意' }),
        { round: 1, level: 'gm', decision: 'approve', approverId: u.gm.id, comment: '总经理批准', decidedAt: expect.stringMatching(ISO) },
      ]);
      expect((await tasksOf(u.gm, c.id))[0].status).toBe('done');
      expect(await tasksOf(u.r1, c.id)).toEqual([expect.objectContaining({ kind: 'contract.sign', status: 'open' })]);
    });

    it('above the threshold too; one cent below it does not go to the 总经理', async () => {
      const above = await submitted(u.r1, cR1, '2500000.00');
      expect((await post(u.sm2, `/contracts/${above.id}/approve`, {})).body.status).toBe('pending_gm');
      const below = await submitted(u.r1, cR1, '999999.99');
      expect((await post(u.sm2, `/contracts/${below.id}/approve`, {})).body.status).toBe('approved');
      expect(await tasksOf(u.gm, below.id)).toHaveLength(0);
    });

    it('the 总经理 may reject at the second level', async () => {
      const c = await submitted(u.r1, cR1, '1200000.00');
      await post(u.sm1, `/contracts/${c.id}/approve`, {});
      const res = await post(u.gm, `/contracts/${c.id}/reject`, { comment: '金额过大，分期签订' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rejected');
      expect(res.body.approvals.map((a: { level: string; decision: string }) => `${a.level}:${a.decision}`)).toEqual(['manager:approve', 'gm:reject']);
      expect((await tasksOf(u.gm, c.id))[0].status).toBe('done');
      expect(await tasksOf(u.r1, c.id)).toEqual([expect.objectContaining({ kind: 'contract.rejected', status: 'open' })]);
    });

    it('reject needs a comment; rejected → the drafter gets a task; edit and resubmit opens round 2 without duplicating round 1', async () => {
      const c = await submitted(u.r1, cR1);
      const noComment = await post(u.sm2, `/contracts/${c.id}/reject`, {});
      expect(noComment.status).toBe(400);
      expect(noComment.body.errors.map((e: { field: string }) => e.field)).toContain('comment');
      const empty = await post(u.sm2, `/contracts/${c.id}/reject`, { comment: '' });
      expect(empty.status).toBe(400);

      const res = await post(u.sm2, `/contracts/${c.id}/reject`, { comment: '付款周期太长，请调整' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rejected');
      expect(res.body.approvals).toEqual([
        { round: 1, level: 'manager', decision: 'reject', approverId: u.sm2.id, comment: '付款周期太长，请调整', decidedAt: expect.stringMatching(ISO) },
      ]);
      for (const sm of [u.sm1, u.sm2]) expect((await tasksOf(sm, c.id)).map((x) => x.status)).toEqual(['done']);
      const rejected = await tasksOf(u.r1, c.id);
      expect(rejected).toEqual([expect.objectContaining({ kind: 'contract.rejected', entityId: c.id, status: 'open' })]);

      // approving a rejected contract is not a transition
      const approveRejected = await post(u.sm1, `/contracts/${c.id}/approve`, {});
      expect(approveRejected.status).toBe(409);
      expect(approveRejected.body.code).toBe('CONTRACT_INVALID_TRANSITION');

      const edited = await patch(u.r1, `/contracts/${c.id}`, {
        version: res.body.version,
        paymentPlan: [
          { dueDate: '2027-02-28', amount: '25000.00' },
          { dueDate: '2027-04-30', amount: '25000.00' },
        ],
      });
      expect(edited.status).toBe(200);
      expect(edited.body.status).toBe('rejected');
      const resubmitted = await post(u.r1, `/contracts/${c.id}/submit`);
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.status).toBe('pending_approval');
      const [{ submission_round }] = await t.ds.query('SELECT submission_round FROM contracts WHERE id = $1', [c.id]);
      expect(submission_round).toBe(2);

      for (const sm of [u.sm1, u.sm2]) {
        const tasks = await tasksOf(sm, c.id);
        expect(tasks).toHaveLength(2);
        expect(tasks.map((x) => x.status).sort()).toEqual(['done', 'open']);
      }
      // the drafter's "rejected" task is done once they resubmit
      expect((await tasksOf(u.r1, c.id)).filter((x) => x.kind === 'contract.rejected')).toEqual([expect.objectContaining({ status: 'done' })]);

      const approved = await post(u.sm1, `/contracts/${c.id}/approve`, { comment: '调整后同意' });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.approvals.map((a: { round: number; decision: string; approverId: string }) => [a.round, a.decision, a.approverId])).toEqual([
        [1, 'reject', u.sm2.id],
        [2, 'approve', u.sm1.id],
      ]);
      for (const sm of [u.sm1, u.sm2]) expect((await tasksOf(sm, c.id)).map((x) => x.status)).toEqual(['done', 'done']);
      expect(await count('tasks WHERE entity_id = $1', [c.id])).toBe(6); // 2 + 2 approval tasks, 1 rejected, 1 sign
    });
  });

  describe('separation of duties', () => {
    let own: Contract;
    beforeAll(async () => {
      own = await submitted(u.sm1, cR1Key);
    });

    it('a manager cannot approve or reject a contract they drafted: 403 CONTRACT_SELF_APPROVAL', async () => {
      const approve = await post(u.sm1, `/contracts/${own.id}/approve`, { comment: '自己批准' });
      expect(approve.status).toBe(403);
      expect(approve.body.code).toBe('CONTRACT_SELF_APPROVAL');
      const reject = await post(u.sm1, `/contracts/${own.id}/reject`, { comment: '自己退回' });
      expect(reject.status).toBe(403);
      expect(reject.body.code).toBe('CONTRACT_SELF_APPROVAL');
      const after = await fetch(u.sm1, own.id);
      expect(after.status).toBe('pending_approval');
      expect(after.approvals).toEqual([]);
      expect(await count('contract_approvals WHERE contract_id = $1', [own.id])).toBe(0);
    });

    it('only the OTHER eligible approvers are awaited and tasked', async () => {
      const c = await fetch(u.sm1, own.id);
      expect(c.awaitingApprovers).toEqual([{ id: u.sm2.id, displayName: '销售经理乙', role: 'sales.manager' }]);
      expect(await tasksOf(u.sm1, own.id)).toHaveLength(0);
      expect(await tasksOf(u.sm2, own.id)).toEqual([expect.objectContaining({ kind: 'contract.approval', status: 'open' })]);
      expect(await tasksOf(u.gm, own.id)).toHaveLength(0);
    });

    it('the other manager approves it', async () => {
      const res = await post(u.sm2, `/contracts/${own.id}/approve`, { comment: '同意' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('approved');
      expect(res.body.approvals).toEqual([expect.objectContaining({ approverId: u.sm2.id, decision: 'approve' })]);
    });

    it('above the threshold, a manager’s own draft: they are refused, the other manager and then the 总经理 approve', async () => {
      const c = await submitted(u.sm2, cR1Key, '1500000.00');
      expect((await fetch(u.sm2, c.id)).awaitingApprovers!.map((a) => a.id)).toEqual([u.sm1.id]);
      const self = await post(u.sm2, `/contracts/${c.id}/approve`, {});
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('CONTRACT_SELF_APPROVAL');
      expect((await post(u.sm1, `/contracts/${c.id}/approve`, {})).body.status).toBe('pending_gm');
      expect((await post(u.gm, `/contracts/${c.id}/approve`, {})).body.status).toBe('approved');
    });
  });

  describe('wrong roles and scopes on decisions', () => {
    let c: Contract;
    beforeAll(async () => {
      c = await submitted(u.r1, cR1);
    });

    it.each(['r1', 'r2', 'ss', 'clerk', 'asst', 'admin'])('%s has no contract.approve: approve and reject are 403 PERMISSION_DENIED', async (who) => {
      for (const action of ['approve', 'reject']) {
        const res = await post(u[who], `/contracts/${c.id}/${action}`, { comment: '试图审批' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
        expect(res.body.permission).toBe('contract.approve');
      }
    });

    it('the market manager holds contract.approve, but a sales contract is outside the department: 404', async () => {
      for (const action of ['approve', 'reject']) {
        const res = await post(u.mm, `/contracts/${c.id}/${action}`, { comment: '跨部门' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await get(u.mm, `/contracts/${c.id}`)).status).toBe(404);
    });

    it('a clerk cannot terminate (403); nobody decided anything', async () => {
      const res = await post(u.clerk, `/contracts/${c.id}/terminate`, { reason: '终止' });
      expect(res.status).toBe(403);
      expect(res.body.permission).toBe('contract.approve');
      const after = await fetch(u.r1, c.id);
      expect(after.status).toBe('pending_approval');
      expect(after.approvals).toEqual([]);
    });

    it('a non-UUID id is 400; an unknown one 404', async () => {
      expect((await post(u.sm1, '/contracts/not-a-uuid/approve', {})).status).toBe(400);
      expect((await post(u.sm1, '/contracts/00000000-0000-4000-8000-000000000009/approve', {})).status).toBe(404);
      expect((await get(u.sm1, '/contracts/not-a-uuid')).status).toBe(400);
    });

    it('approving one contract twice concurrently records one decision', async () => {
      const d = await submitted(u.r1, cR1);
      const results = await Promise.all([post(u.sm1, `/contracts/${d.id}/approve`, {}), post(u.sm2, `/contracts/${d.id}/approve`, {})]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await count('contract_approvals WHERE contract_id = $1', [d.id])).toBe(1);
      expect((await fetch(u.r1, d.id)).status).toBe('approved');
    });
  });

  describe('tasks (待办)', () => {
    it('GET /me/tasks lists exactly the caller’s own tasks, with a status filter', async () => {
      await submitted(u.r1, cR1);
      for (const who of [u.sm1, u.sm2, u.r1, u.gm, u.clerk]) {
        const tasks = await tasksOf(who);
        const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM tasks WHERE assignee_id = $1', [who.id]);
        expect(tasks).toHaveLength(n);
        if (tasks.length) {
          const rows: { assignee_id: string }[] = await t.ds.query('SELECT DISTINCT assignee_id FROM tasks WHERE id = ANY($1)', [tasks.map((x) => x.id)]);
          expect(rows).toEqual([{ assignee_id: who.id }]);
        }
      }
      expect((await tasksOf(u.sm1)).length).toBeGreaterThan(0);
      expect(await tasksOf(u.clerk)).toHaveLength(0);
      const open = await tasksOf(u.sm1, undefined, '&status=open');
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((x) => x.status === 'open')).toBe(true);
      const done = await tasksOf(u.sm1, undefined, '&status=done');
      expect(done.length).toBeGreaterThan(0);
      expect(done.every((x) => x.status === 'done')).toBe(true);
      expect((await get(u.sm1, '/me/tasks?status=maybe')).status).toBe(400);
      expect((await t.http().get('/api/v1/me/tasks')).status).toBe(401);
    });

    it('POST /tasks/:id/done: someone else’s task is 404; done twice is idempotent; a non-UUID is 400', async () => {
      const c = await submitted(u.r1, cR1);
      const [mine] = await tasksOf(u.sm1, c.id);
      expect(mine.status).toBe('open');

      const foreign = await post(u.sm2, `/tasks/${mine.id}/done`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      const adminTry = await post(u.admin, `/tasks/${mine.id}/done`);
      expect(adminTry.status).toBe(404);
      expect((await tasksOf(u.sm1, c.id))[0].status).toBe('open');

      const first = await post(u.sm1, `/tasks/${mine.id}/done`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: mine.id, status: 'done', doneAt: expect.stringMatching(ISO) });
      const second = await post(u.sm1, `/tasks/${mine.id}/done`);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ id: mine.id, status: 'done', doneAt: first.body.doneAt });
      expect(await count(`audit_log WHERE action = 'task.done' AND entity_id = $1`, [mine.id])).toBe(1);

      // marking one's own task done decides nothing: the contract still waits, sm2's task still open
      expect((await fetch(u.r1, c.id)).status).toBe('pending_approval');
      expect((await tasksOf(u.sm2, c.id))[0].status).toBe('open');

      expect((await post(u.sm1, '/tasks/not-a-uuid/done')).status).toBe(400);
      expect((await post(u.sm1, '/tasks/00000000-0000-4000-8000-000000000003/done')).status).toBe(404);
      expect((await t.http().post(`/api/v1/tasks/${mine.id}/done`)).status).toBe(401);
    });
  });

  describe('audit', () => {
    it('create, update, submit, approve and reject are each recorded with the actor', async () => {
      const c = await draft(u.r1, cR1);
      await patch(u.r1, `/contracts/${c.id}`, { version: 1, title: '审计用合同' });
      await post(u.r1, `/contracts/${c.id}/submit`);
      await post(u.sm1, `/contracts/${c.id}/reject`, { comment: '请补充附件' });
      await post(u.r1, `/contracts/${c.id}/submit`);
      await post(u.sm2, `/contracts/${c.id}/approve`, { comment: '同意' });
      const rows: { action: string; actor_id: string }[] = await t.ds.query(
        `SELECT action, actor_id FROM audit_log WHERE entity = 'contract' AND entity_id = $1 ORDER BY at, id`,
        [c.id],
      );
      expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
        ['contract.create', u.r1.id],
        ['contract.update', u.r1.id],
        ['contract.submit', u.r1.id],
        ['contract.reject', u.sm1.id],
        ['contract.submit', u.r1.id],
        ['contract.approve', u.sm2.id],
      ]);
      const [approve] = await t.ds.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'contract.approve'`, [c.id]);
      expect(approve.before.status).toBe('pending_approval');
      expect(approve.after).toMatchObject({ status: 'approved', comment: '同意', level: 'manager' });
    });
  });
});

describe('contracts: an approval step with no eligible approver stays pending', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let customer: string;
  const h = harness(() => t);

  beforeAll(async () => {
    t = await createTestApp({ env: { CONTRACT_GM_APPROVAL_THRESHOLD: THRESHOLD } });
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '唯一的销售经理' });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.gm = await createUser(t, 'gm', { admin, displayName: '总经理' });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };
    customer = await h.mkCustomer(u.clerk, null, '合肥巢湖机械有限公司', '13900000201');
  });
  afterAll(() => t?.close());

  it('the department’s only manager drafted it: the 总经理 is the one awaited and tasked', async () => {
    const c = await h.submitted(u.sm, customer);
    expect(c.awaitingApprovers).toEqual([{ id: u.gm.id, displayName: '总经理', role: 'gm' }]);
    expect(await h.tasksOf(u.gm, c.id)).toEqual([expect.objectContaining({ kind: 'contract.approval', entityId: c.id, status: 'open' })]);
    expect(await h.tasksOf(u.sm, c.id)).toHaveLength(0);
    const self = await h.post(u.sm, `/contracts/${c.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('CONTRACT_SELF_APPROVAL');
    const res = await h.post(u.gm, `/contracts/${c.id}/approve`, { comment: '代为审核' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.approvals).toEqual([expect.objectContaining({ level: 'manager', approverId: u.gm.id, decision: 'approve' })]);
  });

  it('at the threshold the 总经理 who approved the first level is not awaited again: pending_gm with nobody, and a note', async () => {
    const c = await h.submitted(u.sm, customer, THRESHOLD);
    const first = await h.post(u.gm, `/contracts/${c.id}/approve`, {});
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('pending_gm');
    expect(first.body.awaitingApprovers).toEqual([]);
    expect(first.body.awaitingNote).toEqual(expect.any(String));
    const twice = await h.post(u.gm, `/contracts/${c.id}/approve`, {});
    expect(twice.status).toBe(403);
    expect(twice.body.code).toBe('CONTRACT_SAME_APPROVER');
    expect((await h.fetch(u.sm, c.id)).status).toBe('pending_gm');
  });

  it('with no 总经理 either, a submitted contract stays pending_approval with no approvers and a note, and no tasks', async () => {
    const gmRow = await t.http().get(`/api/v1/users/${u.gm.id}`).set('authorization', bearer(u.admin));
    expect(gmRow.status).toBe(200);
    const off = await t.http().patch(`/api/v1/users/${u.gm.id}`).set('authorization', bearer(u.admin)).send({ version: gmRow.body.version, active: false });
    expect(off.status).toBe(200);

    const c = await h.submitted(u.sm, customer);
    expect(c.status).toBe('pending_approval');
    expect(c.awaitingApprovers).toEqual([]);
    expect(c.awaitingNote).toEqual(expect.any(String));
    expect(c.awaitingNote!.length).toBeGreaterThan(0);
    expect(await h.count('tasks WHERE entity_id = $1', [c.id])).toBe(0);

    const later = await h.fetch(u.sm, c.id);
    expect(later).toMatchObject({ status: 'pending_approval', approvals: [], awaitingApprovers: [] });
    expect(later.awaitingNote).toBe(c.awaitingNote);
    // never approved by itself, and the drafter still cannot
    expect((await h.post(u.sm, `/contracts/${c.id}/approve`, {})).status).toBe(403);
    expect((await h.fetch(u.sm, c.id)).status).toBe('pending_approval');
  });
});
