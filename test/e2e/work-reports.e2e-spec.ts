import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, loginToken, TestUser, USER_PASSWORD } from '../setup/users';

/**
 * 周报、月报 (MKT-6.5, SAL-7.6, KA-6.5): a draft generated from the caller's own activity in the
 * period (in Beijing time), submitted once per period, reviewed by the submitter's supervisor
 * (team) or manager (department) — MKT-5.2, SAL-5.4, KA-5.1 (SPEC §4, §6).
 */
describe('work reports (周报/月报)', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};

  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));

  interface Activity {
    visits: { count: number; items: Array<{ id: string; visitedAt: string; method: string; purpose: string; target: string }> };
    prospectsRegistered: { count: number; items: Array<{ id: string; companyName: string; status: string }> };
    contractsDrafted: { count: number; amount: string };
    contractsSigned: { count: number; amount: string };
    collectionsLogged: { count: number };
    paymentsReceived: { amount: string };
  }
  const draft = async (who: TestUser, query: string) => {
    const res = await get(who, `/work-reports/draft?${query}`);
    expect(res.status).toBe(200);
    return res.body as { period: string; from: string; to: string; summary: string; activity: Activity };
  };
  const EMPTY: Activity = {
    visits: { count: 0, items: [] },
    prospectsRegistered: { count: 0, items: [] },
    contractsDrafted: { count: 0, amount: '0.00' },
    contractsSigned: { count: 0, amount: '0.00' },
    collectionsLogged: { count: 0 },
    paymentsReceived: { amount: '0.00' },
  };

  let n = 0;
  const phone = () => `1374444${String(++n).padStart(4, '0')}`;

  async function customerOf(owner: TestUser): Promise<string> {
    const c = await post(u.clerk, '/customers', { name: `周报测试${n + 1}号贸易有限公司`, contactName: '联系人', contactPhone: phone() });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
    return c.body.id;
  }

  /** A contract drafted by `rep` at `createdAt` (moved there in SQL), and signed at `signedAt` when given. */
  async function contract(rep: TestUser, customerId: string, amount: string, dueDate: string, createdAt: string, signedAt?: string): Promise<string> {
    const k = await post(rep, '/contracts', { customerId, title: `周报测试合同 ${createdAt}`, amount, startDate: '2026-01-01', endDate: '2027-12-31', paymentPlan: [{ dueDate, amount }] });
    expect(k.status).toBe(201);
    await t.ds.query('UPDATE contracts SET created_at = $2 WHERE id = $1', [k.body.id, createdAt]);
    if (signedAt) {
      expect((await post(rep, `/contracts/${k.body.id}/submit`)).status).toBe(200);
      expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
      expect((await post(rep, `/contracts/${k.body.id}/sign`, { signedAt })).status).toBe(200);
    }
    return k.body.id;
  }
  const receivableOf = async (contractId: string) => (await t.ds.query('SELECT id FROM receivables WHERE contract_id = $1', [contractId]))[0].id as string;
  async function pay(contractId: string, amount: string, receivedAt: string) {
    expect((await post(u.clerk, '/payments', { contractId, amount, receivedAt, method: 'bank_transfer' })).status).toBe(201);
  }
  async function collect(who: TestUser, receivableId: string, contactedAt: string) {
    expect((await post(who, `/receivables/${receivableId}/collections`, { contactedAt, method: 'phone', result: 'promised', note: '客户承诺月底付款' })).status).toBe(201);
  }
  async function visit(who: TestUser, target: { customerId: string } | { prospectId: string }, visitedAt: string): Promise<string> {
    const v = await post(who, '/visits', { ...target, visitedAt, method: 'phone', purpose: '周报拜访', summary: '电话沟通' });
    expect(v.status).toBe(201);
    return v.body.id;
  }
  async function prospect(who: TestUser, companyName: string, createdAt: string): Promise<string> {
    const p = await post(who, '/prospects', { companyName, contactName: '潜客联系人', contactPhone: phone() });
    expect(p.status).toBe(201);
    await t.ds.query('UPDATE prospects SET created_at = $2 WHERE id = $1', [p.body.id, createdAt]);
    return p.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.ss2 = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员甲' });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss2.id, displayName: '业务员乙' });
    u.r3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员丙' });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.msup = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id });
    u.ms = await createUser(t, 'market.specialist', { admin, supervisorId: u.msup.id, displayName: '市场专员' });
    u.ms2 = await createUser(t, 'market.specialist', { admin, supervisorId: u.msup.id });

    const c1 = await customerOf(u.r1);
    const c2 = await customerOf(u.r2);
    ids.c1 = c1;

    // 业务员甲's contracts: drafted in October and signed at 23:30 on Oct 31; drafted and signed at 00:30 on Nov 1; a draft only
    const k1 = await contract(u.r1, c1, '10000.00', '2026-11-15', '2026-10-10T10:00:00+08:00', '2026-10-31T23:30:00+08:00');
    const k2 = await contract(u.r1, c1, '6000.00', '2026-12-15', '2026-11-01T00:30:00+08:00', '2026-11-01T00:30:00+08:00');
    await contract(u.r1, c1, '2000.00', '2026-12-20', '2026-10-20T10:00:00+08:00');
    // 业务员乙's contract, all of it in October
    const k3 = await contract(u.r2, c2, '30000.00', '2026-11-15', '2026-10-15T10:00:00+08:00', '2026-10-16');
    ids.k2 = k2;

    await pay(k1, '3000.00', '2026-10-31T23:30:00+08:00'); // October
    await pay(k1, '1000.00', '2026-11-01T00:30:00+08:00'); // November
    await pay(k3, '5000.00', '2026-10-20T10:00:00+08:00'); // 业务员乙's

    const rk1 = await receivableOf(k1);
    await collect(u.r1, rk1, '2026-10-31T23:30:00+08:00');
    await collect(u.r1, rk1, '2026-11-01T00:30:00+08:00');
    await collect(u.r2, await receivableOf(k3), '2026-10-25T10:00:00+08:00');

    ids.vSep = await visit(u.r1, { customerId: c1 }, '2026-09-30T23:50:00+08:00');
    ids.vOct1 = await visit(u.r1, { customerId: c1 }, '2026-10-01T00:10:00+08:00');
    ids.vOct31 = await visit(u.r1, { customerId: c1 }, '2026-10-31T23:30:00+08:00');
    ids.vNov1 = await visit(u.r1, { customerId: c1 }, '2026-11-01T00:30:00+08:00');
    ids.vSun = await visit(u.r1, { customerId: c1 }, '2026-11-22T23:00:00+08:00');
    ids.vMon = await visit(u.r1, { customerId: c1 }, '2026-11-23T00:10:00+08:00');
    await visit(u.r2, { customerId: c2 }, '2026-10-15T10:00:00+08:00');

    ids.pr1 = await prospect(u.ms, '周报潜客甲科技有限公司', '2026-10-05T10:00:00+08:00');
    await prospect(u.ms, '周报潜客乙科技有限公司', '2026-11-02T10:00:00+08:00');
    await prospect(u.ms2, '周报潜客丙科技有限公司', '2026-10-08T10:00:00+08:00');
    ids.vPr1 = await visit(u.ms, { prospectId: ids.pr1 }, '2026-10-12T10:00:00+08:00');
  });
  afterAll(() => t?.close());

  describe('the draft', () => {
    it('a month: exactly the caller’s own visits, contracts, collections and payments, in Beijing time', async () => {
      const oct = await draft(u.r1, 'period=month&date=2026-10-15');
      expect(oct).toMatchObject({ period: 'month', from: '2026-10-01', to: '2026-10-31' });
      expect(oct.activity.visits.count).toBe(2);
      expect(oct.activity.visits.items.map((v) => v.id)).toEqual([ids.vOct1, ids.vOct31]);
      expect(oct.activity.visits.items[0]).toMatchObject({ visitedAt: '2026-09-30T16:10:00.000Z', method: 'phone', purpose: '周报拜访', target: expect.stringContaining('周报测试') });
      expect(oct.activity.prospectsRegistered).toEqual({ count: 0, items: [] });
      expect(oct.activity.contractsDrafted).toEqual({ count: 2, amount: '12000.00' });
      expect(oct.activity.contractsSigned).toEqual({ count: 1, amount: '10000.00' });
      expect(oct.activity.collectionsLogged).toEqual({ count: 1 });
      expect(oct.activity.paymentsReceived).toEqual({ amount: '3000.00' });
      expect(oct.summary).toContain('拜访客户 2 次');
      expect(oct.summary).toContain('回款 3000.00 元');

      const nov = await draft(u.r1, 'period=month&date=2026-11-30');
      expect(nov).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
      expect(nov.activity.visits.items.map((v) => v.id)).toEqual([ids.vNov1, ids.vSun, ids.vMon]);
      expect(nov.activity).toMatchObject({
        visits: { count: 3 },
        prospectsRegistered: { count: 0 },
        contractsDrafted: { count: 1, amount: '6000.00' },
        contractsSigned: { count: 1, amount: '6000.00' },
        collectionsLogged: { count: 1 },
        paymentsReceived: { amount: '1000.00' },
      });

      const sep = await draft(u.r1, 'period=month&date=2026-09-01');
      expect(sep.activity.visits.items.map((v) => v.id)).toEqual([ids.vSep]);
      expect({ ...sep.activity, visits: EMPTY.visits }).toEqual(EMPTY);
    });

    it('another rep’s draft has only their own activity', async () => {
      const oct = await draft(u.r2, 'period=month&date=2026-10-01');
      expect(oct.activity.visits.count).toBe(1);
      expect(oct.activity).toMatchObject({
        contractsDrafted: { count: 1, amount: '30000.00' },
        contractsSigned: { count: 1, amount: '30000.00' },
        collectionsLogged: { count: 1 },
        paymentsReceived: { amount: '5000.00' },
      });
      expect(await draft(u.r3, 'period=month&date=2026-10-01')).toMatchObject({ activity: EMPTY });
    });

    it('a week starts on Monday: Sunday 23:00 and Monday 00:10 fall in different weeks', async () => {
      const w1 = await draft(u.r1, 'period=week&date=2026-11-22');
      expect(w1).toMatchObject({ period: 'week', from: '2026-11-16', to: '2026-11-22' });
      expect(w1.activity.visits.items.map((v) => v.id)).toEqual([ids.vSun]);
      expect({ ...w1.activity, visits: EMPTY.visits }).toEqual(EMPTY);
      expect(w1.summary).toContain('本周');

      const w2 = await draft(u.r1, 'period=week&date=2026-11-23');
      expect(w2).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
      expect(w2.activity.visits.items.map((v) => v.id)).toEqual([ids.vMon]);

      const w0 = await draft(u.r1, 'period=week&date=2026-11-01');
      expect(w0).toMatchObject({ from: '2026-10-26', to: '2026-11-01' });
      expect(w0.activity.visits.items.map((v) => v.id)).toEqual([ids.vOct31, ids.vNov1]);
      expect(w0.activity).toMatchObject({ contractsSigned: { count: 2, amount: '16000.00' }, collectionsLogged: { count: 2 }, paymentsReceived: { amount: '4000.00' } });
    });

    it('a market specialist’s draft lists the prospects they registered, not a colleague’s', async () => {
      const oct = await draft(u.ms, 'period=month&date=2026-10-20');
      expect(oct.activity.prospectsRegistered).toEqual({ count: 1, items: [{ id: ids.pr1, companyName: '周报潜客甲科技有限公司', status: 'contacting' }] });
      expect(oct.activity.visits.items).toEqual([expect.objectContaining({ id: ids.vPr1, target: '周报潜客甲科技有限公司' })]);
      const nov = await draft(u.ms, 'period=month&date=2026-11-20');
      expect(nov.activity.prospectsRegistered.items.map((p) => p.companyName)).toEqual(['周报潜客乙科技有限公司']);
      expect(nov.activity.visits.count).toBe(0);
    });

    it('only submitters (专员, 业务员) have a draft; bad input is 400', async () => {
      for (const who of [u.ss, u.sm, u.clerk, u.mm, admin]) {
        const res = await get(who, '/work-reports/draft?period=month&date=2026-10-15');
        expect(res.status).toBe(403);
        expect(res.body.permission).toBe('workreport.submit');
      }
      for (const q of ['period=quarter&date=2026-10-15', 'period=year', 'date=2026-10-15', 'period=month&date=2026-13-01', 'period=month&date=2026/10/15']) {
        const res = await get(u.r1, `/work-reports/draft?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
    });
  });

  describe('submitting', () => {
    it('stores the report with the activity as it was; a later change to the period does not alter it', async () => {
      const d = await draft(u.r1, 'period=month&date=2026-10-15');
      const res = await post(u.r1, '/work-reports', { period: 'month', date: '2026-10-15', summary: '十月拜访两次，签约一份', plan: '十一月跟进回款', issues: '无' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        ownerId: u.r1.id,
        ownerName: '业务员甲',
        department: 'sales',
        period: 'month',
        from: '2026-10-01',
        to: '2026-10-31',
        summary: '十月拜访两次，签约一份',
        plan: '十一月跟进回款',
        issues: '无',
        status: 'submitted',
        reviewerId: null,
        reviewComment: null,
        reviewedAt: null,
      });
      expect(res.body.activity).toEqual(d.activity);
      ids.r1Oct = res.body.id;

      // a visit logged afterwards for October changes the draft, not the submitted report
      await visit(u.r1, { customerId: ids.c1 }, '2026-10-20T10:00:00+08:00');
      expect((await draft(u.r1, 'period=month&date=2026-10-15')).activity.visits.count).toBe(3);
      const stored = await get(u.r1, `/work-reports/${ids.r1Oct}`);
      expect(stored.status).toBe(200);
      expect(stored.body.activity.visits.count).toBe(2);
      expect(stored.body.activity).toEqual(d.activity);
    });

    it('the same period twice is 409 WORK_REPORT_EXISTS (any day of it), and nothing is added', async () => {
      for (const date of ['2026-10-15', '2026-10-01', '2026-10-31']) {
        const res = await post(u.r1, '/work-reports', { period: 'month', date, summary: '重复提交' });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('WORK_REPORT_EXISTS');
      }
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM work_reports WHERE owner_id = $1`, [u.r1.id])).toEqual([{ n: 1 }]);
    });

    it('other periods, and other people, submit their own', async () => {
      const week = await post(u.r1, '/work-reports', { period: 'week', date: '2026-11-22', summary: '本周拜访一次' });
      expect(week.status).toBe(201);
      expect(week.body).toMatchObject({ period: 'week', from: '2026-11-16', to: '2026-11-22' });
      expect(week.body.activity.visits.count).toBe(1);
      ids.r1Week = week.body.id;
      const nov = await post(u.r1, '/work-reports', { period: 'month', date: '2026-11-05', summary: '十一月总结' });
      expect(nov.status).toBe(201);
      expect(nov.body.activity.paymentsReceived).toEqual({ amount: '1000.00' });
      ids.r1Nov = nov.body.id;
      const r2 = await post(u.r2, '/work-reports', { period: 'month', date: '2026-10-15', summary: '十月总结' });
      expect(r2.status).toBe(201);
      expect(r2.body.ownerId).toBe(u.r2.id);
      expect(r2.body.activity.paymentsReceived).toEqual({ amount: '5000.00' });
      ids.r2Oct = r2.body.id;
      const ms = await post(u.ms, '/work-reports', { period: 'month', date: '2026-10-15', summary: '十月登记潜客一家' });
      expect(ms.status).toBe(201);
      expect(ms.body).toMatchObject({ department: 'market' });
      expect(ms.body.activity.prospectsRegistered.count).toBe(1);
      ids.msOct = ms.body.id;
      const r3 = await post(u.r3, '/work-reports', { period: 'month', date: '2026-10-15', summary: '十月无业务' });
      expect(r3.status).toBe(201);
      ids.r3Oct = r3.body.id;
    });

    it('refuses bad bodies (400) and non-submitters (403)', async () => {
      const before = await t.ds.query('SELECT count(*)::int AS n FROM work_reports');
      for (const body of [
        { period: 'month', date: '2026-12-15', summary: '' },
        { period: 'year', date: '2026-12-15', summary: '年度总结' },
        { period: 'month', summary: '缺日期' },
        { period: 'month', date: '2026-12-32', summary: '日期无效' },
        { period: 'month', date: '2026-12-15', summary: '越权字段', ownerId: u.r2.id },
        { period: 'month', date: '2026-12-15', summary: '越权字段', status: 'reviewed' },
        { period: 'month', date: '2026-12-15', summary: 'x'.repeat(4001) },
      ]) {
        const res = await post(u.r1, '/work-reports', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      for (const who of [u.ss, u.sm, u.clerk]) expect((await post(who, '/work-reports', { period: 'month', date: '2026-12-15', summary: '主管不写周报' })).status).toBe(403);
      expect(await t.ds.query('SELECT count(*)::int AS n FROM work_reports')).toEqual(before);
    });
  });

  describe('review', () => {
    it('a 业务员 cannot review (403); a supervisor outside the submitter’s team or department gets 404', async () => {
      const rep = await post(u.r2, `/work-reports/${ids.r1Oct}/review`, { comment: '看过' });
      expect(rep.status).toBe(403);
      expect(rep.body.permission).toBe('workreport.review');
      for (const who of [u.ss2, u.msup, u.mm]) {
        expect((await post(who, `/work-reports/${ids.r1Oct}/review`, { comment: '不是我的组员' })).status).toBe(404);
        expect((await get(who, `/work-reports/${ids.r1Oct}`)).status).toBe(404);
      }
      expect((await get(u.r1, `/work-reports/${ids.r1Oct}`)).body.status).toBe('submitted');
    });

    it('the submitter’s supervisor reviews it; a second review is 409 WORK_REPORT_REVIEWED', async () => {
      expect((await post(u.ss, `/work-reports/${ids.r1Oct}/review`, {})).status).toBe(400);
      const res = await post(u.ss, `/work-reports/${ids.r1Oct}/review`, { comment: '内容完整，继续跟进回款' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids.r1Oct, status: 'reviewed', reviewerId: u.ss.id, reviewComment: '内容完整，继续跟进回款', version: 2 });
      expect(Number.isNaN(Date.parse(res.body.reviewedAt))).toBe(false);
      for (const who of [u.ss, u.sm]) {
        const again = await post(who, `/work-reports/${ids.r1Oct}/review`, { comment: '再审一次' });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('WORK_REPORT_REVIEWED');
      }
      const stored = await get(u.r1, `/work-reports/${ids.r1Oct}`);
      expect(stored.body).toMatchObject({ status: 'reviewed', reviewerId: u.ss.id, reviewComment: '内容完整，继续跟进回款' });
    });

    it('the department manager reviews any report of the department; each supervisor their own team’s', async () => {
      const sm = await post(u.sm, `/work-reports/${ids.r1Nov}/review`, { comment: '经理已阅' });
      expect(sm.status).toBe(200);
      expect(sm.body.reviewerId).toBe(u.sm.id);
      const ss2 = await post(u.ss2, `/work-reports/${ids.r2Oct}/review`, { comment: '主管已阅' });
      expect(ss2.status).toBe(200);
      expect(ss2.body.reviewerId).toBe(u.ss2.id);
      const msup = await post(u.msup, `/work-reports/${ids.msOct}/review`, { comment: '市场主管已阅' });
      expect(msup.status).toBe(200);
      expect(msup.body.reviewerId).toBe(u.msup.id);
      expect((await post(u.sm, `/work-reports/${ids.msOct}/review`, { comment: '别部门' })).status).toBe(404);
    });

    it('nobody reviews their own report: 403 WORK_REPORT_SELF_REVIEW', async () => {
      // the 业务员 who wrote it is promoted to 主管, and so holds workreport.review over it (team includes self)
      const patch = await t.http().patch(`/api/v1/users/${u.r3.id}`).set('authorization', bearer(admin)).send({ version: u.r3.version, role: 'sales.supervisor' });
      expect(patch.status).toBe(200);
      const token = await loginToken(t, u.r3.username, USER_PASSWORD);
      const res = await post(token, `/work-reports/${ids.r3Oct}/review`, { comment: '自己审自己' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('WORK_REPORT_SELF_REVIEW');
      const stored = await get(u.ss, `/work-reports/${ids.r3Oct}`);
      expect(stored.body).toMatchObject({ status: 'submitted', reviewerId: null });
    });

    it('an unknown or malformed id', async () => {
      expect((await post(u.sm, '/work-reports/00000000-0000-4000-8000-000000000000/review', { comment: '无' })).status).toBe(404);
      expect((await post(u.sm, '/work-reports/not-a-uuid/review', { comment: '无' })).status).toBe(400);
      expect((await get(u.sm, '/work-reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('listing', () => {
    const list = async (who: TestUser | string, query = '') => {
      const res = await get(who, `/work-reports?pageSize=100${query}`);
      expect(res.status).toBe(200);
      return res.body as { items: Array<{ id: string; ownerId: string }>; total: number };
    };
    const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((r) => r.id).sort();

    it('a submitter lists only their own', async () => {
      const r1 = await list(u.r1);
      expect(idsOf(r1)).toEqual([ids.r1Oct, ids.r1Week, ids.r1Nov].sort());
      expect(r1.total).toBe(3);
      expect(idsOf(await list(u.r2))).toEqual([ids.r2Oct]);
      expect(idsOf(await list(u.ms))).toEqual([ids.msOct]);
      expect(idsOf(await list(u.ms2))).toEqual([]);
      // a filter never widens the scope
      expect(idsOf(await list(u.r1, `&ownerId=${u.r2.id}`))).toEqual([]);
      expect(idsOf(await list(u.r1, '&period=week'))).toEqual([ids.r1Week]);
      // and another's single report is 404
      expect((await get(u.r2, `/work-reports/${ids.r1Oct}`)).status).toBe(404);
    });

    it('a supervisor lists their team’s, a manager the department’s', async () => {
      expect(idsOf(await list(u.ss))).toEqual([ids.r1Oct, ids.r1Week, ids.r1Nov, ids.r3Oct].sort());
      expect(idsOf(await list(u.ss2))).toEqual([ids.r2Oct]);
      expect(idsOf(await list(u.ss, `&ownerId=${u.r2.id}`))).toEqual([]);
      const sm = await list(u.sm);
      expect(idsOf(sm)).toEqual([ids.r1Oct, ids.r1Week, ids.r1Nov, ids.r2Oct, ids.r3Oct].sort());
      expect(sm.total).toBe(5);
      expect(idsOf(await list(u.sm, `&ownerId=${u.r2.id}`))).toEqual([ids.r2Oct]);
      expect(idsOf(await list(u.sm, '&status=reviewed'))).toEqual([ids.r1Oct, ids.r1Nov, ids.r2Oct].sort());
      expect(idsOf(await list(u.mm))).toEqual([ids.msOct]);
      expect(idsOf(await list(u.msup))).toEqual([ids.msOct]);
      expect((await get(u.sm, `/work-reports/${ids.r2Oct}`)).status).toBe(200);
    });

    it('roles with neither permission list nothing', async () => {
      for (const who of [u.clerk, admin]) expect(await list(who)).toMatchObject({ items: [], total: 0 });
      expect((await get(u.clerk, `/work-reports/${ids.r1Oct}`)).status).toBe(404);
      expect((await get(u.r1, '/work-reports?status=draft')).status).toBe(400);
    });
  });
});
