import * as ExcelJS from 'exceljs';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import type { SalesFigures } from '../../src/reports/sales-report.service';
import { binary } from '../setup/http';

/**
 * 销售统计报表 (周报/月报/季报/年报, SAL-6.1, SAL-8.2, SAL-4.10): figures per owner or department
 * in BUSINESS_TZ (Asia/Shanghai), under the reader's scope and the read permission of each kind of
 * row; CSV and XLSX exports; and the jobs reports.weekly-digest and prospects.stale-check (SPEC §6, §7).
 */

type Figures = SalesFigures;
interface Group extends Figures {
  key: string;
  name: string;
}

const ZERO: Figures = {
  contractsSigned: 0,
  contractAmount: '0.00',
  paymentsReceived: '0.00',
  amountDue: '0.00',
  amountCollected: '0.00',
  collectionRate: null,
  newProspects: 0,
  visits: 0,
  complaintsOpened: 0,
  complaintsClosed: 0,
};
const f = (p: Partial<Figures> = {}): Figures => ({ ...ZERO, ...p });
const figuresOf = (g: Group): Figures => {
  const { key: _key, name: _name, ...rest } = g;
  return rest;
};
/** The report's groups as { key: figures }, so the set of groups is asserted as well as their figures. */
const byKey = (body: { groups: Group[] }) => Object.fromEntries(body.groups.map((g) => [g.key, figuresOf(g)]));

const HEADERS = ['签约合同数', '签约金额（元）', '回款金额（元）', '应收金额（元）', '已收金额（元）', '回款率', '新增潜在客户', '拜访次数', '新增投诉', '关闭投诉'];
const cells = (x: Figures) => [
  x.contractsSigned,
  x.contractAmount,
  x.paymentsReceived,
  x.amountDue,
  x.amountCollected,
  x.collectionRate,
  x.newProspects,
  x.visits,
  x.complaintsOpened,
  x.complaintsClosed,
];

describe('sales reports (周报/月报/季报/年报)', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};

  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const report = async (who: TestUser, query: string) => {
    const res = await get(who, `/reports/sales?${query}`);
    expect(res.status).toBe(200);
    return res.body as { period: string; date: string; from: string; to: string; groupBy: string; groups: Group[]; total: Figures };
  };

  let n = 0;
  const phone = () => `1372222${String(++n).padStart(4, '0')}`;

  async function customerOf(owner: TestUser): Promise<string> {
    const c = await post(u.clerk, '/customers', { name: `报表测试${n + 1}号商贸有限公司`, contactName: '采购联系人', contactPhone: phone() });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
    return c.body.id;
  }

  /** A contract of `rep` through the API: drafted, submitted, approved by the sales manager, signed at `signedAt`. */
  async function signedContract(rep: TestUser, customerId: string, plan: Array<[string, string]>, signedAt: string): Promise<string> {
    const cents = plan.reduce((s, [, a]) => s + Math.round(Number(a) * 100), 0);
    const k = await post(rep, '/contracts', {
      customerId,
      title: `报表测试合同 ${signedAt}`,
      amount: (cents / 100).toFixed(2),
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      paymentPlan: plan.map(([dueDate, amount]) => ({ dueDate, amount })),
    });
    expect(k.status).toBe(201);
    expect((await post(rep, `/contracts/${k.body.id}/submit`)).status).toBe(200);
    expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
    const s = await post(rep, `/contracts/${k.body.id}/sign`, { signedAt });
    expect(s.status).toBe(200);
    return k.body.id;
  }

  async function pay(contractId: string, amount: string, receivedAt: string) {
    const p = await post(u.clerk, '/payments', { contractId, amount, receivedAt, method: 'bank_transfer' });
    expect(p.status).toBe(201);
  }

  async function visit(who: TestUser, target: { customerId: string } | { prospectId: string }, visitedAt: string) {
    const v = await post(who, '/visits', { ...target, visitedAt, method: 'in_person', purpose: '回访', summary: '了解客户需求' });
    expect(v.status).toBe(201);
  }

  /** A prospect registered by `who`, its registration moved to `createdAt`. */
  async function prospect(who: TestUser, createdAt: string): Promise<string> {
    const p = await post(who, '/prospects', { companyName: `报表潜客${n + 1}号科技有限公司`, contactName: '潜客联系人', contactPhone: phone() });
    expect(p.status).toBe(201);
    await t.ds.query('UPDATE prospects SET created_at = $2 WHERE id = $1', [p.body.id, createdAt]);
    return p.body.id;
  }

  /** A complaint reported by `who`, opened at `createdAt` and, when given, closed at `closedAt`. */
  async function complaint(who: TestUser, customerId: string, createdAt: string, closedAt?: string) {
    const c = await post(who, '/complaints', { customerId, channel: 'phone', category: 'service', severity: 'low', description: '送货延迟' });
    expect(c.status).toBe(201);
    await t.ds.query('UPDATE complaints SET created_at = $2 WHERE id = $1', [c.body.id, createdAt]);
    if (closedAt) await t.ds.query(`UPDATE complaints SET status = 'closed', satisfaction = 5, closed_at = $2 WHERE id = $1`, [c.body.id, closedAt]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    u.gm = await createUser(t, 'gm', { admin, displayName: '总经理' });
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '销售经理' });
    u.sm2 = await createUser(t, 'sales.manager', { admin, displayName: '离职销售经理' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '销售主管' });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员甲' });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员乙' });
    u.r3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.sm.id, displayName: '业务员丙' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, displayName: '销售内勤' });
    u.sa = await createUser(t, 'sales.assistant', { admin, displayName: '销售助理' });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.msup = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id, displayName: '市场主管' });
    u.ms = await createUser(t, 'market.specialist', { admin, supervisorId: u.msup.id, displayName: '市场专员' });
    u.km = await createUser(t, 'key_account.manager', { admin, displayName: '大客户经理' });

    // A deactivated manager gets no digest.
    const off = await t.http().patch(`/api/v1/users/${u.sm2.id}`).set('authorization', bearer(admin)).send({ version: u.sm2.version, active: false });
    expect(off.status).toBe(200);

    const c1 = await customerOf(u.r1);
    const c2 = await customerOf(u.r2);
    const c3 = await customerOf(u.r3);

    // 业务员甲: contracts signed on both sides of the quarter edge (Sep 30 / Oct 1) and the month edge (Oct 31 / Nov 1), Beijing time
    const k1 = await signedContract(u.r1, c1, [['2026-10-20', '6000.00'], ['2026-11-20', '4000.00']], '2026-09-30T23:30:00+08:00');
    const k2 = await signedContract(u.r1, c1, [['2026-10-31', '20000.00']], '2026-10-01T00:30:00+08:00');
    const k3 = await signedContract(u.r1, c1, [['2026-11-30', '5000.00']], '2026-10-31T23:30:00+08:00');
    await signedContract(u.r1, c1, [['2026-12-31', '7000.00']], '2026-11-01T00:30:00+08:00');
    await pay(k1, '1000.00', '2026-09-30T23:50:00+08:00'); // September (Q3)
    await pay(k1, '2000.00', '2026-10-31T23:30:00+08:00'); // October: 15:30Z on Oct 31
    await pay(k2, '5000.00', '2026-11-01T00:30:00+08:00'); // November: still Oct 31 in UTC
    await pay(k3, '1500.00', '2026-11-02T10:00:00+08:00'); // November
    // 业务员乙: one contract signed, due and paid in full in October
    const k5 = await signedContract(u.r2, c2, [['2026-10-10', '30000.00']], '2026-10-05');
    await pay(k5, '30000.00', '2026-10-10T10:00:00+08:00');
    // 业务员丙 (not in the sales supervisor's team): signed in October, nothing paid
    await signedContract(u.r3, c3, [['2026-10-25', '8000.00']], '2026-10-08');

    // visits
    await visit(u.r1, { customerId: c1 }, '2026-10-31T23:30:00+08:00'); // October
    await visit(u.r1, { customerId: c1 }, '2026-11-01T00:30:00+08:00'); // November
    await visit(u.r1, { customerId: c1 }, '2026-11-22T23:00:00+08:00'); // Sunday: week of Mon 2026-11-16
    await visit(u.r1, { customerId: c1 }, '2026-11-23T00:10:00+08:00'); // Monday: week of 2026-11-23
    await visit(u.r2, { customerId: c2 }, '2026-10-15T10:00:00+08:00');
    await visit(u.r2, { customerId: c2 }, '2025-12-31T23:30:00+08:00'); // year 2025 (15:30Z Dec 31)
    await visit(u.r2, { customerId: c2 }, '2026-01-01T00:30:00+08:00'); // year 2026 (still 2025 in UTC)

    // 市场专员: prospects registered on both sides of the month edge, and visits to one of them
    const pr1 = await prospect(u.ms, '2026-10-05T10:00:00+08:00');
    await prospect(u.ms, '2026-10-31T23:30:00+08:00');
    await prospect(u.ms, '2026-11-01T00:30:00+08:00');
    await visit(u.ms, { prospectId: pr1 }, '2026-10-20T10:00:00+08:00');
    await visit(u.ms, { prospectId: pr1 }, '2026-11-18T10:00:00+08:00');

    // complaints: opened in October and closed in November across the edge; one by the 内勤
    await complaint(u.r1, c1, '2026-10-31T23:30:00+08:00', '2026-11-01T00:30:00+08:00');
    await complaint(u.r1, c1, '2026-10-12T09:00:00+08:00');
    await complaint(u.r2, c2, '2026-11-03T09:00:00+08:00', '2026-11-05T16:00:00+08:00');
    await complaint(u.clerk, c3, '2026-10-20T10:00:00+08:00');
  });
  afterAll(() => t?.close());

  // What each owner did in October 2026, as the 总经理 (all scope, every read permission) sees it.
  const gmOctober = () => ({
    [u.r1.id]: f({
      contractsSigned: 2,
      contractAmount: '25000.00',
      paymentsReceived: '2000.00',
      amountDue: '26000.00',
      // due in October: 6000 (1000 + 2000 received by Oct 31) and 20000 (5000 received on Nov 1, after the period)
      amountCollected: '3000.00',
      collectionRate: '0.1154',
      visits: 1,
      complaintsOpened: 2,
    }),
    [u.r2.id]: f({ contractsSigned: 1, contractAmount: '30000.00', paymentsReceived: '30000.00', amountDue: '30000.00', amountCollected: '30000.00', collectionRate: '1.0000', visits: 1 }),
    [u.r3.id]: f({ contractsSigned: 1, contractAmount: '8000.00', amountDue: '8000.00', collectionRate: '0.0000' }),
    [u.ms.id]: f({ newProspects: 2, visits: 1 }),
    [u.clerk.id]: f({ complaintsOpened: 1 }),
  });
  const GM_OCTOBER_TOTAL = f({
    contractsSigned: 4,
    contractAmount: '63000.00',
    paymentsReceived: '32000.00',
    amountDue: '64000.00',
    amountCollected: '33000.00',
    collectionRate: '0.5156',
    newProspects: 2,
    visits: 3,
    complaintsOpened: 3,
  });

  describe('periods in Beijing time', () => {
    it('month: October 2026 per owner and in total; 23:30 on Oct 31 is October, 00:30 on Nov 1 is not', async () => {
      const r = await report(u.gm, 'period=month&date=2026-10-15&groupBy=owner');
      expect(r).toMatchObject({ period: 'month', date: '2026-10-15', from: '2026-10-01', to: '2026-10-31', groupBy: 'owner' });
      expect(byKey(r)).toEqual(gmOctober());
      expect(r.total).toEqual(GM_OCTOBER_TOTAL);
      const names = Object.fromEntries(r.groups.map((g) => [g.key, g.name]));
      expect(names).toEqual({ [u.r1.id]: '业务员甲', [u.r2.id]: '业务员乙', [u.r3.id]: '业务员丙', [u.ms.id]: '市场专员', [u.clerk.id]: '销售内勤' });
      // any day of the month gives the same month
      const last = await report(u.gm, 'period=month&date=2026-10-31&groupBy=owner');
      expect(last.from).toBe('2026-10-01');
      expect(last.total).toEqual(GM_OCTOBER_TOTAL);
    });

    it('month: November 2026 gets what fell after midnight on Nov 1', async () => {
      const r = await report(u.gm, 'period=month&date=2026-11-01');
      expect(r).toMatchObject({ from: '2026-11-01', to: '2026-11-30', groupBy: 'owner' });
      expect(byKey(r)).toEqual({
        [u.r1.id]: f({
          contractsSigned: 1,
          contractAmount: '7000.00',
          paymentsReceived: '6500.00',
          amountDue: '9000.00',
          amountCollected: '1500.00',
          collectionRate: '0.1667',
          visits: 3,
          complaintsClosed: 1,
        }),
        [u.r2.id]: f({ complaintsOpened: 1, complaintsClosed: 1 }),
        [u.ms.id]: f({ newProspects: 1, visits: 1 }),
      });
      expect(r.total).toEqual(
        f({
          contractsSigned: 1,
          contractAmount: '7000.00',
          paymentsReceived: '6500.00',
          amountDue: '9000.00',
          amountCollected: '1500.00',
          collectionRate: '0.1667',
          newProspects: 1,
          visits: 4,
          complaintsOpened: 1,
          complaintsClosed: 2,
        }),
      );
    });

    it('quarter: Q4 starts at 00:00 on Oct 1 Beijing time; Q3 keeps what came at 23:30 on Sep 30', async () => {
      const q4 = await report(u.gm, 'period=quarter&date=2026-11-26');
      expect(q4).toMatchObject({ period: 'quarter', from: '2026-10-01', to: '2026-12-31' });
      expect(byKey(q4)).toEqual({
        [u.r1.id]: f({
          contractsSigned: 3,
          contractAmount: '32000.00',
          paymentsReceived: '8500.00',
          amountDue: '42000.00',
          amountCollected: '9500.00',
          collectionRate: '0.2262',
          visits: 4,
          complaintsOpened: 2,
          complaintsClosed: 1,
        }),
        [u.r2.id]: f({
          contractsSigned: 1,
          contractAmount: '30000.00',
          paymentsReceived: '30000.00',
          amountDue: '30000.00',
          amountCollected: '30000.00',
          collectionRate: '1.0000',
          visits: 1,
          complaintsOpened: 1,
          complaintsClosed: 1,
        }),
        [u.r3.id]: f({ contractsSigned: 1, contractAmount: '8000.00', amountDue: '8000.00', collectionRate: '0.0000' }),
        [u.ms.id]: f({ newProspects: 3, visits: 2 }),
        [u.clerk.id]: f({ complaintsOpened: 1 }),
      });
      expect(q4.total).toEqual(
        f({
          contractsSigned: 5,
          contractAmount: '70000.00',
          paymentsReceived: '38500.00',
          amountDue: '80000.00',
          amountCollected: '39500.00',
          collectionRate: '0.4938',
          newProspects: 3,
          visits: 7,
          complaintsOpened: 4,
          complaintsClosed: 2,
        }),
      );

      const q3 = await report(u.gm, 'period=quarter&date=2026-09-30');
      expect(q3).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
      expect(byKey(q3)).toEqual({ [u.r1.id]: f({ contractsSigned: 1, contractAmount: '10000.00', paymentsReceived: '1000.00' }) });
      expect(q3.total).toEqual(f({ contractsSigned: 1, contractAmount: '10000.00', paymentsReceived: '1000.00' }));
    });

    it('week: weeks start on Monday — Sunday 23:00 is in the week of Nov 16, Monday 00:10 in the week of Nov 23', async () => {
      const sunday = await report(u.gm, 'period=week&date=2026-11-22');
      expect(sunday).toMatchObject({ period: 'week', from: '2026-11-16', to: '2026-11-22' });
      expect(byKey(sunday)).toEqual({
        [u.r1.id]: f({ visits: 1, amountDue: '4000.00', collectionRate: '0.0000' }),
        [u.ms.id]: f({ visits: 1 }),
      });
      expect(sunday.total).toEqual(f({ visits: 2, amountDue: '4000.00', collectionRate: '0.0000' }));
      // a Wednesday of the same week gives the same week
      expect((await report(u.gm, 'period=week&date=2026-11-18')).total).toEqual(sunday.total);

      const monday = await report(u.gm, 'period=week&date=2026-11-23');
      expect(monday).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
      expect(byKey(monday)).toEqual({ [u.r1.id]: f({ visits: 1 }) });
      expect(monday.total).toEqual(f({ visits: 1 }));
    });

    it('year: 2026 from 00:00 on Jan 1 Beijing time; 23:30 on Dec 31 2025 belongs to 2025', async () => {
      const y = await report(u.gm, 'period=year&date=2026-06-01');
      expect(y).toMatchObject({ period: 'year', from: '2026-01-01', to: '2026-12-31' });
      expect(byKey(y)).toEqual({
        [u.r1.id]: f({
          contractsSigned: 4,
          contractAmount: '42000.00',
          paymentsReceived: '9500.00',
          amountDue: '42000.00',
          amountCollected: '9500.00',
          collectionRate: '0.2262',
          visits: 4,
          complaintsOpened: 2,
          complaintsClosed: 1,
        }),
        [u.r2.id]: f({
          contractsSigned: 1,
          contractAmount: '30000.00',
          paymentsReceived: '30000.00',
          amountDue: '30000.00',
          amountCollected: '30000.00',
          collectionRate: '1.0000',
          visits: 2,
          complaintsOpened: 1,
          complaintsClosed: 1,
        }),
        [u.r3.id]: f({ contractsSigned: 1, contractAmount: '8000.00', amountDue: '8000.00', collectionRate: '0.0000' }),
        [u.ms.id]: f({ newProspects: 3, visits: 2 }),
        [u.clerk.id]: f({ complaintsOpened: 1 }),
      });
      expect(y.total).toEqual(
        f({
          contractsSigned: 6,
          contractAmount: '80000.00',
          paymentsReceived: '39500.00',
          amountDue: '80000.00',
          amountCollected: '39500.00',
          collectionRate: '0.4938',
          newProspects: 3,
          visits: 8,
          complaintsOpened: 4,
          complaintsClosed: 2,
        }),
      );

      const y2025 = await report(u.gm, 'period=year&date=2025-03-01');
      expect(y2025).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
      expect(byKey(y2025)).toEqual({ [u.r2.id]: f({ visits: 1 }) });
      expect(y2025.total).toEqual(f({ visits: 1 }));
    });

    it('a period with nothing in it has no groups and a zero total', async () => {
      const r = await report(u.gm, 'period=month&date=2026-03-15');
      expect(r.groups).toEqual([]);
      expect(r.total).toEqual(ZERO);
    });
  });

  describe('grouped by department', () => {
    it('the 总经理 sees 销售部 and 市场开拓部 with totals equal to the per-owner report', async () => {
      const r = await report(u.gm, 'period=month&date=2026-10-15&groupBy=department');
      expect(r.groupBy).toBe('department');
      expect(byKey(r)).toEqual({
        sales: f({
          contractsSigned: 4,
          contractAmount: '63000.00',
          paymentsReceived: '32000.00',
          amountDue: '64000.00',
          amountCollected: '33000.00',
          collectionRate: '0.5156',
          visits: 2,
          complaintsOpened: 3,
        }),
        market: f({ newProspects: 2, visits: 1 }),
      });
      expect(Object.fromEntries(r.groups.map((g) => [g.key, g.name]))).toEqual({ sales: '销售部', market: '市场开拓部' });
      expect(r.total).toEqual(GM_OCTOBER_TOTAL);
    });

    it('the sales manager sees only 销售部', async () => {
      const r = await report(u.sm, 'period=quarter&date=2026-10-01&groupBy=department');
      expect(r.groups.map((g) => g.key)).toEqual(['sales']);
      expect(r.groups[0]).toMatchObject({ contractsSigned: 5, contractAmount: '70000.00', newProspects: 0, visits: 5 });
    });
  });

  describe('the reader’s scope: a report never counts what its reader could not open', () => {
    it('a 业务员 sees only their own rows, and no prospects (reps cannot read prospects)', async () => {
      const r1 = await report(u.r1, 'period=month&date=2026-10-15');
      expect(byKey(r1)).toEqual({ [u.r1.id]: gmOctober()[u.r1.id] });
      expect(r1.total).toEqual(gmOctober()[u.r1.id]);

      const r2 = await report(u.r2, 'period=quarter&date=2026-10-15');
      expect(Object.keys(byKey(r2))).toEqual([u.r2.id]);
      expect(r2.total).toMatchObject({ contractsSigned: 1, contractAmount: '30000.00', paymentsReceived: '30000.00', newProspects: 0, visits: 1 });

      const r3 = await report(u.r3, 'period=month&date=2026-11-15');
      expect(r3.groups).toEqual([]);
      expect(r3.total).toEqual(ZERO);
    });

    it('the 销售内勤 counts all sales data but no prospects, no visits, and only the complaints they reported', async () => {
      const r = await report(u.clerk, 'period=month&date=2026-10-15');
      const gm = gmOctober();
      expect(byKey(r)).toEqual({
        [u.r1.id]: { ...gm[u.r1.id], visits: 0, complaintsOpened: 0 },
        [u.r2.id]: { ...gm[u.r2.id], visits: 0 },
        [u.r3.id]: gm[u.r3.id],
        [u.clerk.id]: f({ complaintsOpened: 1 }),
      });
      expect(r.total).toEqual({ ...GM_OCTOBER_TOTAL, newProspects: 0, visits: 0, complaintsOpened: 1 });
    });

    it('the 销售助理 counts contracts and complaints of all, but no payments or receivables (no receivable.read)', async () => {
      const r = await report(u.sa, 'period=month&date=2026-10-15');
      expect(byKey(r)).toEqual({
        [u.r1.id]: f({ contractsSigned: 2, contractAmount: '25000.00', complaintsOpened: 2 }),
        [u.r2.id]: f({ contractsSigned: 1, contractAmount: '30000.00' }),
        [u.r3.id]: f({ contractsSigned: 1, contractAmount: '8000.00' }),
        [u.clerk.id]: f({ complaintsOpened: 1 }),
      });
      expect(r.total).toEqual(f({ contractsSigned: 4, contractAmount: '63000.00', complaintsOpened: 3 }));
    });

    it('the sales supervisor counts their team only, and no complaints (no complaint.read)', async () => {
      const r = await report(u.ss, 'period=month&date=2026-10-15');
      const gm = gmOctober();
      expect(byKey(r)).toEqual({ [u.r1.id]: { ...gm[u.r1.id], complaintsOpened: 0 }, [u.r2.id]: gm[u.r2.id] });
      expect(r.total).toEqual(
        f({
          contractsSigned: 3,
          contractAmount: '55000.00',
          paymentsReceived: '32000.00',
          amountDue: '56000.00',
          amountCollected: '33000.00',
          collectionRate: '0.5893',
          visits: 2,
        }),
      );
    });

    it('the sales manager counts the sales department, without the market department’s prospects and visits', async () => {
      const r = await report(u.sm, 'period=month&date=2026-10-15');
      const gm = gmOctober();
      delete gm[u.ms.id];
      expect(byKey(r)).toEqual(gm);
      expect(r.total).toEqual({ ...GM_OCTOBER_TOTAL, newProspects: 0, visits: 2 });
    });

    it('the market manager counts the market department only', async () => {
      const r = await report(u.mm, 'period=month&date=2026-10-15');
      expect(byKey(r)).toEqual({ [u.ms.id]: f({ newProspects: 2, visits: 1 }) });
      expect(r.total).toEqual(f({ newProspects: 2, visits: 1 }));
    });

    it('roles without report.sales are 403 (market.specialist, admin)', async () => {
      for (const who of [u.ms, admin]) {
        const res = await get(who, '/reports/sales?period=month&date=2026-10-15');
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'PERMISSION_DENIED', permission: 'report.sales' });
      }
      expect((await t.http().get('/api/v1/reports/sales?period=month&date=2026-10-15')).status).toBe(401);
    });
  });

  it('invalid period, date, groupBy or format is 400', async () => {
    for (const q of [
      'period=day&date=2026-10-15',
      'period=month&date=2026-02-30',
      'period=month&date=20261015',
      'period=month&date=2026-10-15T00:00:00%2B08:00',
      'period=month&date=2026-10-15&format=pdf',
      'period=month&date=2026-10-15&groupBy=team',
      'period=month&date=2026-10-15&ownerId=x',
    ]) {
      const res = await get(u.gm, `/reports/sales?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  describe('exports', () => {
    it('CSV: a BOM, Chinese headers, a row per owner and a 合计 row with the JSON figures', async () => {
      const json = await report(u.gm, 'period=month&date=2026-10-15');
      const res = await get(u.gm, '/reports/sales?period=month&date=2026-10-15&format=csv').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('sales-month-2026-10-01.csv');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      expect(lines[0]).toBe(['负责人', ...HEADERS].join(','));
      expect(lines).toHaveLength(1 + json.groups.length + 1);
      const row = (name: string, x: Figures) => [name, ...cells(x).map((v) => (v === null ? '' : String(v)))].join(',');
      expect(lines.slice(1, -1).sort()).toEqual(json.groups.map((g) => row(g.name, g)).sort());
      expect(lines[lines.length - 1]).toBe('合计,4,63000.00,32000.00,64000.00,33000.00,0.5156,2,3,3,0');
      expect(lines).toContain('业务员甲,2,25000.00,2000.00,26000.00,3000.00,0.1154,0,1,2,0');

      const dept = await get(u.gm, '/reports/sales?period=month&date=2026-10-15&groupBy=department&format=csv').buffer(true).parse(binary);
      const deptLines = (dept.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(deptLines[0].split(',')[0]).toBe('部门');
      expect(deptLines).toContain('市场开拓部,0,0.00,0.00,0.00,0.00,,2,1,0,0');
    });

    it('XLSX: a real workbook — sheet 销售报表, a title, Chinese headers, the JSON numbers and a 合计 row', async () => {
      const json = await report(u.gm, 'period=month&date=2026-10-15');
      const res = await get(u.gm, '/reports/sales?period=month&date=2026-10-15&format=xlsx').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
      expect(res.headers['content-disposition']).toContain('sales-month-2026-10-01.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.getWorksheet('销售报表');
      expect(ws).toBeDefined();
      const values = (row: number) => Array.from({ length: 11 }, (_, j) => ws!.getRow(row).getCell(j + 1).value);
      expect(ws!.getRow(1).getCell(1).value).toBe('销售月报（2026-10-01 至 2026-10-31）');
      expect(values(2)).toEqual(['负责人', ...HEADERS]);
      // numbers as numbers, equal to the JSON figures; an empty rate is an empty cell
      const asNumbers = (x: Figures) => cells(x).map((v) => (v === null ? null : Number(v)));
      expect(ws!.rowCount).toBe(2 + json.groups.length + 1);
      const body = Array.from({ length: json.groups.length }, (_, i) => values(3 + i));
      expect(body.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
        json.groups.map((g) => [g.name, ...asNumbers(g)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(values(ws!.rowCount)).toEqual(['合计', 4, 63000, 32000, 64000, 33000, 0.5156, 2, 3, 3, 0]);
      expect(values(ws!.rowCount)).toEqual(['合计', ...asNumbers(json.total)]);
      const r1 = body.find((r) => r[0] === '业务员甲');
      expect(r1).toEqual(['业务员甲', 2, 25000, 2000, 26000, 3000, 0.1154, 0, 1, 2, 0]);
      expect(typeof ws!.getRow(3).getCell(3).value).toBe('number');
    });

    it('XLSX of a 业务员 holds only their own row', async () => {
      const res = await get(u.r2, '/reports/sales?period=quarter&date=2026-10-15&format=xlsx').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.getWorksheet('销售报表')!;
      expect(ws.getRow(1).getCell(1).value).toBe('销售季报（2026-10-01 至 2026-12-31）');
      expect(ws.rowCount).toBe(4);
      expect(ws.getRow(3).getCell(1).value).toBe('业务员乙');
      expect(ws.getRow(4).getCell(1).value).toBe('合计');
      expect(ws.getRow(4).getCell(3).value).toBe(30000);
    });
  });

  describe('job reports.weekly-digest', () => {
    const managers = () => [u.sm, u.mm, u.km, u.gm];
    const digestTasks = async (who: TestUser) => {
      const res = await get(who, '/me/tasks?pageSize=100');
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ kind: string; title: string }>).filter((x) => x.kind === 'report.digest');
    };

    it('on a Monday it stores last week’s report for each active manager, computed under their own scope', async () => {
      const run = await post(admin, '/jobs/reports.weekly-digest/run', { asOf: '2026-11-23' });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ job: 'reports.weekly-digest', slot: '2026-11-23', status: 'succeeded', summary: { week: '2026-11-16', managers: 4, stored: 4 } });

      for (const m of managers()) {
        const res = await get(m, '/reports/digests');
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(1);
        expect(res.body.items[0]).toMatchObject({ kind: 'weekly-sales', periodFrom: '2026-11-16' });
        // the stored report is what that manager gets for that week
        expect(res.body.items[0].report).toEqual(await report(m, 'period=week&date=2026-11-16&groupBy=owner'));
        const tasks = await digestTasks(m);
        expect(tasks).toHaveLength(1);
        expect(tasks[0].title).toContain('2026-11-16');
      }

      const digest = async (m: TestUser) => (await get(m, '/reports/digests')).body.items[0].report;
      expect(byKey(await digest(u.gm))).toEqual({ [u.r1.id]: f({ visits: 1, amountDue: '4000.00', collectionRate: '0.0000' }), [u.ms.id]: f({ visits: 1 }) });
      expect(byKey(await digest(u.sm))).toEqual({ [u.r1.id]: f({ visits: 1, amountDue: '4000.00', collectionRate: '0.0000' }) });
      expect(byKey(await digest(u.mm))).toEqual({ [u.ms.id]: f({ visits: 1 }) });
      const km = await digest(u.km);
      expect(km.groups).toEqual([]);
      expect(km.total).toEqual(ZERO);
      expect(km).toMatchObject({ period: 'week', from: '2026-11-16', to: '2026-11-22' });

      // not for a deactivated manager, nor for anyone who is not a manager
      expect(await t.ds.query('SELECT count(*)::int AS n FROM report_digests WHERE recipient_id = $1', [u.sm2.id])).toEqual([{ n: 0 }]);
      for (const who of [u.r1, u.clerk, u.ss]) {
        const res = await get(who, '/reports/digests');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ items: [], total: 0 });
      }
    });

    it('running again for the same week is skipped and adds nothing', async () => {
      const count = async () =>
        (await t.ds.query(`SELECT (SELECT count(*)::int FROM report_digests) AS digests, (SELECT count(*)::int FROM tasks WHERE kind = 'report.digest') AS tasks`))[0];
      const before = await count();
      expect(before).toEqual({ digests: 4, tasks: 4 });
      for (const asOf of ['2026-11-23', '2026-11-25']) {
        const res = await post(admin, '/jobs/reports.weekly-digest/run', { asOf });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ slot: '2026-11-23', status: 'skipped', reason: 'already_ran' });
      }
      expect(await count()).toEqual(before);
      for (const m of managers()) expect(await digestTasks(m)).toHaveLength(1);
    });

    it('only admin runs it', async () => {
      expect((await post(u.gm, '/jobs/reports.weekly-digest/run', { asOf: '2026-11-30' })).status).toBe(403);
    });
  });

  describe('job prospects.stale-check (no pool release configured)', () => {
    const asOf = '2026-11-20';
    const ids: Record<string, string> = {};
    const staleTasks = async (who: TestUser) =>
      (await t.ds.query(`SELECT entity_id FROM tasks WHERE assignee_id = $1 AND kind = 'prospect.stale' ORDER BY created_at`, [who.id])).map((r: { entity_id: string }) => r.entity_id);

    beforeAll(async () => {
      // registered long ago (outside every period the reports above look at)
      for (const name of ['idle31', 'idle29', 'converted', 'disqualified']) ids[name] = await prospect(u.ms, '2024-01-15T10:00:00+08:00');
      const evaluate = (id: string, conclusion: 'pass' | 'fail') => post(u.msup, `/prospects/${id}/evaluations`, { capitalVerified: true, score: 70, conclusion, notes: '评估' });
      expect((await evaluate(ids.converted, 'pass')).status).toBe(201);
      expect((await post(u.msup, `/prospects/${ids.converted}/convert`)).status).toBe(201);
      expect((await evaluate(ids.disqualified, 'fail')).status).toBe(201);
      const statuses = await t.ds.query('SELECT id, status FROM prospects WHERE id = ANY($1)', [[ids.converted, ids.disqualified]]);
      expect(Object.fromEntries(statuses.map((r: { id: string; status: string }) => [r.id, r.status]))).toEqual({ [ids.converted]: 'converted', [ids.disqualified]: 'disqualified' });
      const idle = (id: string, at: string) => t.ds.query('UPDATE prospects SET last_activity_at = $2 WHERE id = $1', [id, at]);
      await idle(ids.idle31, '2026-10-20T10:00:00+08:00'); // 31 days before asOf
      await idle(ids.idle29, '2026-10-22T10:00:00+08:00'); // 29 days before asOf
      await idle(ids.converted, '2026-10-20T10:00:00+08:00');
      await idle(ids.disqualified, '2026-10-20T10:00:00+08:00');
    });

    it('a prospect idle 31 days gets one task for its owner’s supervisor; 29 days, converted or disqualified do not', async () => {
      const res = await post(admin, '/jobs/prospects.stale-check/run', { asOf });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'succeeded', summary: { supervisorTasks: 1, releasedToPool: 0 } });
      expect(await staleTasks(u.msup)).toEqual([ids.idle31]);
      expect(await staleTasks(u.ms)).toEqual([]);
      expect(await staleTasks(u.mm)).toEqual([]);
      const task = (await get(u.msup, '/me/tasks?pageSize=100')).body.items.find((x: { kind: string }) => x.kind === 'prospect.stale');
      expect(task).toMatchObject({ entity: 'prospect', entityId: ids.idle31, status: 'open' });
      expect(task.title).toContain('31');
      // without PROSPECT_POOL_RELEASE_DAYS nothing is released
      const [row] = await t.ds.query('SELECT owner_id, released_from FROM prospects WHERE id = $1', [ids.idle31]);
      expect(row).toEqual({ owner_id: u.ms.id, released_from: null });
    });

    it('later days add no duplicate for the same idle spell', async () => {
      for (const day of ['2026-11-21', '2026-11-25']) {
        const res = await post(admin, '/jobs/prospects.stale-check/run', { asOf: day });
        expect(res.body.status).toBe('succeeded');
      }
      const tasks = await staleTasks(u.msup);
      expect(tasks.filter((id: string) => id === ids.idle31)).toHaveLength(1);
      expect(tasks).not.toContain(ids.converted);
      expect(tasks).not.toContain(ids.disqualified);
      // the same day again is skipped by the runner
      expect((await post(admin, '/jobs/prospects.stale-check/run', { asOf })).body).toMatchObject({ status: 'skipped', reason: 'already_ran' });
    });
  });
});

describe('job prospects.stale-check with PROSPECT_POOL_RELEASE_DAYS=45 (公海)', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  const asOf = '2026-11-20';
  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ env: { PROSPECT_POOL_RELEASE_DAYS: '45' } });
    admin = await adminToken(t);
    u.msup = await createUser(t, 'market.supervisor', { admin });
    u.ms = await createUser(t, 'market.specialist', { admin, supervisorId: u.msup.id });
    u.ms2 = await createUser(t, 'market.specialist', { admin, supervisorId: u.msup.id });
    let i = 0;
    for (const [name, lastActivity] of [
      ['idle46', '2026-10-05T10:00:00+08:00'], // 46 days before asOf
      ['idle44', '2026-10-07T10:00:00+08:00'], // 44 days before asOf
    ]) {
      const p = await post(u.ms, '/prospects', { companyName: `公海测试${++i}号实业有限公司`, contactName: '联系人', contactPhone: `1373333${String(i).padStart(4, '0')}` });
      expect(p.status).toBe(201);
      ids[name] = p.body.id;
      await t.ds.query('UPDATE prospects SET last_activity_at = $2 WHERE id = $1', [p.body.id, lastActivity]);
    }
  });
  afterAll(() => t?.close());

  it('a prospect idle 46 days is released to the pool (owner cleared, former owner kept); one idle 44 days is not', async () => {
    const res = await post(admin, '/jobs/prospects.stale-check/run', { asOf });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', summary: { releasedToPool: 1 } });
    const rows = await t.ds.query('SELECT id, owner_id, released_from, released_at IS NOT NULL AS released FROM prospects WHERE id = ANY($1)', [[ids.idle46, ids.idle44]]);
    const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId[ids.idle46]).toMatchObject({ owner_id: null, released_from: u.ms.id, released: true });
    expect(byId[ids.idle44]).toMatchObject({ owner_id: u.ms.id, released_from: null, released: false });
    // the 44-day one is still stale: its owner's supervisor is told
    const tasks = await t.ds.query(`SELECT entity_id FROM tasks WHERE assignee_id = $1 AND kind = 'prospect.stale'`, [u.msup.id]);
    expect(tasks.map((r: { entity_id: string }) => r.entity_id)).toContain(ids.idle44);
    // the released one is in the department's pool for another specialist
    const pool = await t.http().get('/api/v1/prospects/pool').set('authorization', bearer(u.ms2));
    expect(pool.status).toBe(200);
    expect(pool.body.items.map((p: { id: string }) => p.id)).toEqual([ids.idle46]);
  });
});
