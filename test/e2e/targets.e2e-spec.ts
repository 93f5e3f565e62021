import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { personAttainment } from '../../src/targets/attainment';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { binary } from '../setup/http';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 计划与指标 (SPEC §11; KA-4.1, MKT-4.2, SAL-4.8, SAL-4.7, SAL-5.3, MKT-5.1, SAL-7.2, MKT-6.3):
 * targets set by the 经理 and split to teams and people, the sum rule, attainment computed from
 * the records — checked against figures worked out by hand on a fixed data set with records at
 * 23:59 and 00:00 on the edges of months in Beijing time — scope per role, errors, the report and
 * work-report draft that show attainment, and work plans.
 */

interface Target {
  id: string;
  level: string;
  department: string;
  userId: string | null;
  parentId: string | null;
  periodType: string;
  period: string;
  from: string;
  to: string;
  measure: string;
  value: string;
  actual: string;
  rate: string | null;
  partsCount: number;
  partsSum: string | null;
  remaining: string | null;
  overParent: boolean;
  version: number;
}

describe('targets and work plans (计划与指标)', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  const tg: Record<string, Target> = {};

  const post = (who: TestUser, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (who: TestUser, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const del = (who: TestUser, path: string) => t.http().delete(`/api/v1${path}`).set('authorization', bearer(who));
  const ok = (res: Response, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const problem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  /** The current business month in Beijing, where the key-account fixtures fall (tier history is stamped now()). */
  const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

  let n = 0;
  const phone = () => `1375555${String(++n).padStart(4, '0')}`;

  async function customerOf(owner: TestUser): Promise<string> {
    const c = ok(await post(u.clerk, '/customers', { name: `指标测试${n + 1}号贸易有限公司`, contactName: '采购联系人', contactPhone: phone() }), 201);
    ok(await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id }));
    return c.body.id;
  }

  /** A contract of `rep`, approved by the 销售部经理 and signed at `signedAt` (Beijing time when an offset is given). */
  async function signed(rep: TestUser, customerId: string, amount: string, signedAt: string): Promise<string> {
    const k = ok(
      await post(rep, '/contracts', { customerId, title: `指标测试合同 ${signedAt}`, amount, startDate: '2025-12-01', endDate: '2027-12-31', paymentPlan: [{ dueDate: '2027-06-30', amount }] }),
      201,
    );
    ok(await post(rep, `/contracts/${k.body.id}/submit`));
    ok(await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' }));
    ok(await post(rep, `/contracts/${k.body.id}/sign`, { signedAt }));
    return k.body.id;
  }
  const pay = async (contractId: string, amount: string, receivedAt: string) =>
    ok(await post(u.clerk, '/payments', { contractId, amount, receivedAt, method: 'bank_transfer' }), 201);
  const visit = async (who: TestUser, customerId: string, visitedAt: string) =>
    ok(await post(who, '/visits', { customerId, visitedAt, method: 'in_person', purpose: '指标拜访', summary: '了解需求' }), 201);
  async function prospect(who: TestUser, createdAt: string): Promise<void> {
    const p = ok(await post(who, '/prospects', { companyName: `指标潜客${n + 1}号科技有限公司`, contactName: '潜客联系人', contactPhone: phone() }), 201);
    await t.ds.query('UPDATE prospects SET created_at = $2 WHERE id = $1', [p.body.id, createdAt]);
  }

  const target = async (who: TestUser, body: object): Promise<Target> => ok(await post(who, '/targets', body), 201).body;
  const read = async (who: TestUser, id: string): Promise<Target> => ok(await get(who, `/targets/${id}`)).body;
  const listIds = async (who: TestUser, query: string) => (ok(await get(who, `/targets?pageSize=100&${query}`)).body.items as Target[]).map((x) => x.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    const mk = (role: Parameters<typeof createUser>[1], displayName: string, supervisorId?: string) => createUser(t, role, { admin, displayName, supervisorId });
    u.gm = await mk('gm', '总经理');
    u.sm = await mk('sales.manager', '销售经理');
    u.ss = await mk('sales.supervisor', '销售主管甲', u.sm.id);
    u.ss2 = await mk('sales.supervisor', '销售主管乙', u.sm.id);
    u.r1 = await mk('sales.rep', '业务员一', u.ss.id);
    u.r2 = await mk('sales.rep', '业务员二', u.ss.id);
    u.r3 = await mk('sales.rep', '业务员三', u.ss2.id);
    u.clerk = await mk('sales.clerk', '销售内勤');
    u.mm = await mk('market.manager', '市场经理');
    u.msup = await mk('market.supervisor', '市场主管', u.mm.id);
    u.ms = await mk('market.specialist', '市场专员一', u.msup.id);
    u.ms2 = await mk('market.specialist', '市场专员二', u.msup.id);
    u.kam = await mk('key_account.manager', '大客户经理');
    u.kas = await mk('key_account.supervisor', '大客户主管', u.kam.id);
    u.kasp = await mk('key_account.specialist', '大客户专员', u.kas.id);

    // ── the records, Beijing time; 23:59 on the last day and 00:00 on the first day of a month ──
    const c1 = await customerOf(u.r1);
    const c2 = await customerOf(u.r2);
    const c3 = await customerOf(u.r3);
    await signed(u.r1, c1, '8800.00', '2025-12-31T23:59:00+08:00'); // 2025
    await signed(u.r1, c1, '7000.00', '2026-10-31T23:59:00+08:00'); // October
    const kNov1 = await signed(u.r1, c1, '20000.00', '2026-11-01T00:00:00+08:00'); // November (still Oct 31 in UTC)
    const kNov30 = await signed(u.r1, c1, '30000.00', '2026-11-30T23:59:00+08:00'); // November
    await signed(u.r1, c1, '5000.00', '2026-12-01T00:00:00+08:00'); // December (still Nov 30 in UTC)
    const kR2 = await signed(u.r2, c2, '12000.00', '2026-11-10');
    await signed(u.r3, c3, '9000.00', '2026-11-05');
    await pay(kNov1, '8000.00', '2026-11-01T00:00:00+08:00'); // November
    await pay(kNov30, '10000.00', '2026-11-30T23:59:00+08:00'); // November
    await pay(kNov30, '3000.00', '2026-12-01T00:00:00+08:00'); // December
    await pay(kR2, '12000.00', '2026-11-20T10:00:00+08:00'); // November
    await visit(u.r1, c1, '2026-10-31T23:59:00+08:00'); // October
    await visit(u.r1, c1, '2026-11-01T00:00:00+08:00'); // November
    await visit(u.r1, c1, '2026-11-15T10:00:00+08:00'); // November
    await visit(u.r1, c1, '2026-11-30T23:59:00+08:00'); // November
    await visit(u.r1, c1, '2026-12-01T00:00:00+08:00'); // December
    await visit(u.r2, c2, '2026-11-03T10:00:00+08:00');
    await visit(u.r2, c2, '2026-11-04T10:00:00+08:00');
    await visit(u.r3, c3, '2026-11-06T10:00:00+08:00');
    await visit(u.ss, c1, '2026-11-07T10:00:00+08:00'); // the supervisor's own visit: the team's, no person's
    await prospect(u.ms, '2026-10-31T23:59:00+08:00'); // October
    await prospect(u.ms, '2026-11-01T00:00:00+08:00'); // November
    await prospect(u.ms, '2026-11-30T23:59:00+08:00'); // November
    await prospect(u.ms, '2026-12-01T00:00:00+08:00'); // December
    await prospect(u.ms2, '2026-11-12T10:00:00+08:00'); // November

    // new key accounts, this month: a customer of the 大客户专员 becomes one (tier B), then moves to
    // tier A (not new again); a second customer is proposed and rejected (not one)
    ok(await post(u.kam, '/key-accounts/tiers', { code: 'A', name: 'A 级大客户', rank: 1, minAnnualAmount: '5000000.00', visitIntervalDays: 30, complaintResponseHours: 24 }), 201);
    ok(await post(u.kam, '/key-accounts/tiers', { code: 'B', name: 'B 级大客户', rank: 2, minAnnualAmount: '1000000.00', visitIntervalDays: 60, complaintResponseHours: 48 }), 201);
    const kaCustomer = async (name: string) => {
      const p = ok(await post(u.kasp, '/prospects', { companyName: name, contactName: '李经理', contactPhone: phone() }), 201);
      ok(await post(u.kasp, `/prospects/${p.body.id}/evaluations`, { capitalVerified: true, score: 80, conclusion: 'pass', notes: '验资通过' }), 201);
      return ok(await post(u.kam, `/prospects/${p.body.id}/convert`), 201).body.id as string;
    };
    const ka1 = await kaCustomer('指标大客户一号集团有限公司');
    const ka2 = await kaCustomer('指标大客户二号集团有限公司');
    const decide = async (customerId: string, tier: string, approve: boolean) => {
      const a = ok(await post(u.kasp, '/key-accounts/assessments', { customerId, proposedTierCode: tier, reason: '签约额符合该等级' }), 201);
      if (approve) ok(await post(u.kam, `/key-accounts/assessments/${a.body.id}/approve`, { assigneeId: u.kasp.id }));
      else ok(await post(u.kam, `/key-accounts/assessments/${a.body.id}/reject`, { comment: '暂不符合' }));
    };
    await decide(ka1, 'B', true);
    await decide(ka1, 'A', true);
    await decide(ka2, 'A', false);
  }, 180_000);
  afterAll(() => t?.close());

  describe('setting and splitting (SAL-4.8, SAL-4.7, SAL-5.3)', () => {
    it('the 经理 sets the department’s November targets and splits them to the two teams', async () => {
      tg.D = await target(u.sm, { level: 'department', period: '2026-11', measure: 'contract_amount', value: '100000', note: '四季度冲刺' });
      expect(tg.D).toMatchObject({ level: 'department', department: 'sales', userId: null, parentId: null, periodType: 'month', period: '2026-11', from: '2026-11-01', to: '2026-11-30', value: '100000.00', version: 1, overParent: false });
      tg.T1 = await target(u.sm, { level: 'team', parentId: tg.D.id, userId: u.ss.id, value: '60000.00' });
      tg.T2 = await target(u.sm, { level: 'team', parentId: tg.D.id, userId: u.ss2.id, value: '30000.00', period: '2026-11', measure: 'contract_amount' });
      expect(tg.T1).toMatchObject({ level: 'team', department: 'sales', userId: u.ss.id, parentId: tg.D.id, period: '2026-11', measure: 'contract_amount', value: '60000.00' });
      const d = await read(u.sm, tg.D.id);
      expect(d).toMatchObject({ partsCount: 2, partsSum: '90000.00', remaining: '10000.00' });
    });

    it('the 主管 splits the team’s share to the reports; the parts may reach the whole exactly', async () => {
      tg.P1 = await target(u.ss, { level: 'person', parentId: tg.T1.id, userId: u.r1.id, value: '40000.00' });
      tg.P2 = await target(u.ss, { level: 'person', parentId: tg.T1.id, userId: u.r2.id, value: '20000.00' });
      expect(tg.P1).toMatchObject({ level: 'person', userId: u.r1.id, parentId: tg.T1.id, partsSum: null, remaining: null });
      expect(await read(u.ss, tg.T1.id)).toMatchObject({ partsCount: 2, partsSum: '60000.00', remaining: '0.00' });
    });

    it('a part above the remainder is 422 TARGET_PARTS_EXCEED_PARENT naming the whole, its value and the sum — nothing changes', async () => {
      const before = (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
      const res = await patch(u.ss, `/targets/${tg.P2.id}`, { version: 1, value: '20000.01' });
      problem(res, 422, 'TARGET_PARTS_EXCEED_PARENT');
      expect(res.body).toMatchObject({ parentId: tg.T1.id, parentValue: '60000.00', partsSum: '60000.01', remaining: '20000.00' });
      expect(res.body.detail).toContain('销售主管甲');
      expect(res.body.detail).toContain('60000.00');
      // a new part at the department level: 90000 given out of 100000
      const more = await post(u.sm, '/targets', { level: 'person', parentId: tg.D.id, userId: u.r3.id, value: '10000.01' });
      problem(more, 422, 'TARGET_PARTS_EXCEED_PARENT');
      expect(more.body).toMatchObject({ parentId: tg.D.id, parentValue: '100000.00', partsSum: '100000.01', remaining: '10000.00' });
      expect((await read(u.ss, tg.P2.id)).value).toBe('20000.00');
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before);
    });

    it('…unless the setter says so: the flag is kept on the part and in the audit row', async () => {
      const res = ok(await patch(u.ss, `/targets/${tg.P2.id}`, { version: 1, value: '22000.00', overParent: true, note: '客户已确认追加订单' }));
      expect(res.body).toMatchObject({ value: '22000.00', overParent: true, version: 2, note: '客户已确认追加订单' });
      tg.P2 = res.body;
      expect(await read(u.sm, tg.T1.id)).toMatchObject({ partsSum: '62000.00', remaining: '-2000.00' });
      const [audit] = await t.ds.query(`SELECT actor_id, before, after FROM audit_log WHERE action = 'target.update' AND entity_id = $1 ORDER BY at DESC LIMIT 1`, [tg.P2.id]);
      expect(audit.actor_id).toBe(u.ss.id);
      expect(audit.before).toMatchObject({ value: '20000.00', overParent: false });
      expect(audit.after).toMatchObject({ value: '22000.00', overParent: true, exceedsParent: { parentValue: '60000.00', partsSum: '62000.00' } });
      // every version is kept, with who set it
      const detail = ok(await get(u.sm, `/targets/${tg.P2.id}`)).body;
      expect(detail.versions.map((v: { version: number; value: string; overParent: boolean; changedByName: string }) => [v.version, v.value, v.overParent, v.changedByName])).toEqual([
        [1, '20000.00', false, '销售主管甲'],
        [2, '22000.00', true, '销售主管甲'],
      ]);
      expect(detail.parent).toEqual({ id: tg.T1.id, level: 'team', userName: '销售主管甲', value: '60000.00' });
    });

    it('the whole cannot drop below what was split from it', async () => {
      const res = await patch(u.sm, `/targets/${tg.T1.id}`, { version: 1, value: '50000.00' });
      problem(res, 422, 'TARGET_BELOW_PARTS');
      expect(res.body.partsSum).toBe('62000.00');
      const up = ok(await patch(u.sm, `/targets/${tg.T1.id}`, { version: 1, value: '65000.00' }));
      expect(up.body).toMatchObject({ version: 2, value: '65000.00', remaining: '3000.00' });
      tg.T1 = up.body;
      // a stale version is 409 and changes nothing
      problem(await patch(u.sm, `/targets/${tg.T1.id}`, { version: 1, value: '66000.00' }), 409, 'STALE_VERSION');
      expect((await read(u.sm, tg.T1.id)).value).toBe('65000.00');
    });

    it('the other measures, periods and departments of the fixture', async () => {
      // sales, November: visits and payments
      tg.DV = await target(u.sm, { level: 'department', period: '2026-11', measure: 'visits', value: '20' });
      tg.TV = await target(u.sm, { level: 'team', parentId: tg.DV.id, userId: u.ss.id, value: '10' });
      tg.PV1 = await target(u.ss, { level: 'person', parentId: tg.TV.id, userId: u.r1.id, value: '4' });
      tg.PV2 = await target(u.ss, { level: 'person', parentId: tg.TV.id, userId: u.r2.id, value: '4' });
      tg.DP = await target(u.sm, { level: 'department', period: '2026-11', measure: 'payments', value: '50000.00' });
      // 业务员一 in October, December, Q4 and 2026: set by the 经理 straight from the department's targets
      for (const [key, period, value] of [['Oct', '2026-10', '10000'], ['Dec', '2026-12', '10000'], ['Q4', '2026-Q4', '100000'], ['Y', '2026', '200000']] as const) {
        const whole = await target(u.sm, { level: 'department', period, measure: 'contract_amount', value: '1000000' });
        tg[`P1${key}`] = await target(u.sm, { level: 'person', parentId: whole.id, userId: u.r1.id, value });
      }
      // market, November: new prospects
      tg.MD = await target(u.mm, { level: 'department', period: '2026-11', measure: 'new_prospects', value: '10' });
      tg.MT = await target(u.mm, { level: 'team', parentId: tg.MD.id, userId: u.msup.id, value: '6' });
      tg.MS1 = await target(u.msup, { level: 'person', parentId: tg.MT.id, userId: u.ms.id, value: '3' });
      tg.MS2 = await target(u.msup, { level: 'person', parentId: tg.MT.id, userId: u.ms2.id, value: '3' });
      // key accounts, this month: new key accounts
      tg.KD = await target(u.kam, { level: 'department', period: thisMonth(), measure: 'new_key_accounts', value: '2' });
      tg.KT = await target(u.kam, { level: 'team', parentId: tg.KD.id, userId: u.kas.id, value: '2' });
      tg.KP = await target(u.kas, { level: 'person', parentId: tg.KT.id, userId: u.kasp.id, value: '1' });
    });
  });

  describe('attainment from the records, against hand-computed figures (Beijing time)', () => {
    const figures = async (key: string) => {
      const x = await read(u.gm, tg[key].id);
      return [x.value, x.actual, x.rate];
    };

    it('contracts signed in November: 23:59 on Nov 30 and 00:00 on Nov 1 count, 23:59 on Oct 31 and 00:00 on Dec 1 do not', async () => {
      // 业务员一: 20000 (Nov 1 00:00) + 30000 (Nov 30 23:59) = 50000 of 40000
      expect(await figures('P1')).toEqual(['40000.00', '50000.00', '1.2500']);
      // 业务员二: 12000 of 22000
      expect(await figures('P2')).toEqual(['22000.00', '12000.00', '0.5455']);
      // 主管甲's team: the supervisor and both reports, 50000 + 12000 = 62000 of 65000
      expect(await figures('T1')).toEqual(['65000.00', '62000.00', '0.9538']);
      // 主管乙's team: 业务员三's 9000 of 30000
      expect(await figures('T2')).toEqual(['30000.00', '9000.00', '0.3000']);
      // the department: 50000 + 12000 + 9000 = 71000 of 100000
      expect(await figures('D')).toEqual(['100000.00', '71000.00', '0.7100']);
    });

    it('October, December, the fourth quarter and the year hold what the edges put in them', async () => {
      expect(await figures('P1Oct')).toEqual(['10000.00', '7000.00', '0.7000']); // Oct 31 23:59
      expect(await figures('P1Dec')).toEqual(['10000.00', '5000.00', '0.5000']); // Dec 1 00:00
      expect(await figures('P1Q4')).toEqual(['100000.00', '62000.00', '0.6200']); // 7000 + 50000 + 5000
      expect(await figures('P1Y')).toEqual(['200000.00', '62000.00', '0.3100']); // not the 8800 of Dec 31 2025 23:59
    });

    it('visits, payments and new prospects in November', async () => {
      expect(await figures('PV1')).toEqual(['4', '3', '0.7500']); // Nov 1 00:00, Nov 15, Nov 30 23:59
      expect(await figures('PV2')).toEqual(['4', '2', '0.5000']);
      expect(await figures('TV')).toEqual(['10', '6', '0.6000']); // 3 + 2 + the supervisor's own
      expect(await figures('DV')).toEqual(['20', '7', '0.3500']); // + 业务员三
      expect(await figures('DP')).toEqual(['50000.00', '30000.00', '0.6000']); // 8000 + 10000 + 12000, not the 3000 of Dec 1 00:00
      expect(await figures('MS1')).toEqual(['3', '2', '0.6667']); // Nov 1 00:00 and Nov 30 23:59
      expect(await figures('MS2')).toEqual(['3', '1', '0.3333']);
      expect(await figures('MT')).toEqual(['6', '3', '0.5000']);
      expect(await figures('MD')).toEqual(['10', '3', '0.3000']);
    });

    it('a new key account counts once, when it becomes one — not when it changes tier, nor when refused', async () => {
      expect(await figures('KP')).toEqual(['1', '1', '1.0000']);
      expect(await figures('KT')).toEqual(['2', '1', '0.5000']);
      expect(await figures('KD')).toEqual(['2', '1', '0.5000']);
    });

    it('personAttainment (for reviews) gives a person’s targets and the mean of the rates; nothing without targets', async () => {
      const a = await personAttainment(t.ds.manager, u.r1.id, 'month', '2026-11', 'Asia/Shanghai');
      expect(a).toEqual({
        items: [
          { measure: 'contract_amount', target: '40000.00', actual: '50000.00', rate: '1.2500' },
          { measure: 'visits', target: '4', actual: '3', rate: '0.7500' },
        ],
        rate: '1.0000',
      });
      expect(await personAttainment(t.ds.manager, u.r1.id, 'quarter', '2026-Q4', 'Asia/Shanghai')).toEqual({
        items: [{ measure: 'contract_amount', target: '100000.00', actual: '62000.00', rate: '0.6200' }],
        rate: '0.6200',
      });
      expect(await personAttainment(t.ds.manager, u.r3.id, 'month', '2026-11', 'Asia/Shanghai')).toEqual({ items: [], rate: null });
      // a team target is not the supervisor's own
      expect(await personAttainment(t.ds.manager, u.ss.id, 'month', '2026-11', 'Asia/Shanghai')).toEqual({ items: [], rate: null });
    });

    it('我的指标: a 业务员’s own targets of a period with the overall rate; by default this month, quarter and year', async () => {
      const nov = ok(await get(u.r1, '/targets/mine?period=2026-11')).body;
      expect(nov.periods).toHaveLength(1);
      expect(nov.periods[0]).toMatchObject({ periodType: 'month', period: '2026-11', from: '2026-11-01', to: '2026-11-30', rate: '1.0000' });
      expect(nov.periods[0].items.map((x: Target) => [x.measure, x.value, x.actual, x.rate])).toEqual([
        ['contract_amount', '40000.00', '50000.00', '1.2500'],
        ['visits', '4', '3', '0.7500'],
      ]);
      const q4 = ok(await get(u.r1, '/targets/mine?period=2026-Q4')).body;
      expect(q4.periods[0]).toMatchObject({ periodType: 'quarter', from: '2026-10-01', to: '2026-12-31', rate: '0.6200' });
      const now = ok(await get(u.r1, '/targets/mine')).body;
      const month = thisMonth();
      expect(now.periods.map((p: { periodType: string; period: string }) => p.periodType)).toEqual(['month', 'quarter', 'year']);
      expect(now.periods[0].period).toBe(month);
      expect(now.periods[2].period).toBe(month.slice(0, 4));
      // the 主管's own: the team's targets
      const team = ok(await get(u.ss, '/targets/mine?period=2026-11')).body;
      expect(team.periods[0].items.map((x: Target) => x.id).sort()).toEqual(sorted(tg.T1.id, tg.TV.id));
      expect(ok(await get(u.r3, '/targets/mine?period=2026-11')).body.periods[0]).toMatchObject({ items: [], rate: null });
      problem(await get(u.r1, '/targets/mine?period=2026-13'), 400, 'VALIDATION_FAILED');
      problem(await get(u.r1, '/targets/mine?period=1999-Q1'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('scope per role (target.read, target.manage)', () => {
    it('a 业务员 sees only their own targets; anything else is 404', async () => {
      expect(await listIds(u.r1, 'period=2026-11')).toEqual(sorted(tg.P1.id, tg.PV1.id));
      expect(await listIds(u.r1, `userId=${u.r2.id}`)).toEqual([]);
      for (const key of ['P2', 'T1', 'D']) problem(await get(u.r1, `/targets/${tg[key].id}`), 404, 'NOT_FOUND');
      problem(await patch(u.r1, `/targets/${tg.P1.id}`, { version: 1, value: '1.00' }), 403, 'PERMISSION_DENIED');
      problem(await post(u.r1, '/targets', { level: 'department', period: '2026-11', measure: 'visits', value: '1' }), 403, 'PERMISSION_DENIED');
    });

    it('a 主管 sees the team’s target and the reports’, not the department’s, the other team’s or its members’', async () => {
      expect(await listIds(u.ss, 'period=2026-11&measure=contract_amount')).toEqual(sorted(tg.T1.id, tg.P1.id, tg.P2.id));
      for (const key of ['D', 'T2']) problem(await get(u.ss, `/targets/${tg[key].id}`), 404, 'NOT_FOUND');
      // the team's target lists its parts, the department above it is not shown
      const t1 = ok(await get(u.ss, `/targets/${tg.T1.id}`)).body;
      expect(t1.parent).toBeNull();
      expect(t1.parts.map((p: Target) => [p.userId, p.value, p.actual])).toEqual(
        expect.arrayContaining([
          [u.r1.id, '40000.00', '50000.00'],
          [u.r2.id, '22000.00', '12000.00'],
        ]),
      );
    });

    it('the 经理, the 内勤 and the 总经理 read by department or all; filters never widen it', async () => {
      const salesNov = sorted(tg.D.id, tg.T1.id, tg.T2.id, tg.P1.id, tg.P2.id, tg.DV.id, tg.TV.id, tg.PV1.id, tg.PV2.id, tg.DP.id);
      expect(await listIds(u.sm, 'period=2026-11')).toEqual(salesNov);
      expect(await listIds(u.clerk, 'period=2026-11')).toEqual(salesNov);
      expect(await listIds(u.sm, 'period=2026-11&department=market')).toEqual([]);
      problem(await get(u.mm, `/targets/${tg.D.id}`), 404, 'NOT_FOUND');
      expect(await listIds(u.gm, 'period=2026-11&level=department')).toEqual(sorted(tg.D.id, tg.DV.id, tg.DP.id, tg.MD.id));
      expect(await listIds(u.gm, `parentId=${tg.T1.id}`)).toEqual(sorted(tg.P1.id, tg.P2.id));
      expect(await listIds(u.gm, `userId=${u.r1.id}&periodType=month`)).toEqual(sorted(tg.P1.id, tg.PV1.id, tg.P1Oct.id, tg.P1Dec.id));
      // the 内勤 and the 总经理 read, they do not set
      problem(await post(u.clerk, '/targets', { level: 'department', period: '2026-11', measure: 'visits', value: '1' }), 403, 'PERMISSION_DENIED');
      problem(await patch(u.gm, `/targets/${tg.D.id}`, { version: 1, value: '1.00' }), 403, 'PERMISSION_DENIED');
    });

    it('lists page and sort', async () => {
      const page = ok(await get(u.sm, '/targets?period=2026-11&sort=-value&pageSize=3&page=1')).body;
      expect(page).toMatchObject({ total: 10, page: 1, pageSize: 3 });
      expect(page.items.map((x: Target) => x.value)).toEqual(['100000.00', '65000.00', '50000.00']);
      problem(await get(u.sm, '/targets?sort=secret'), 400, 'VALIDATION_FAILED');
    });

    it('a 主管 changes only what they split: not the team’s own share, not a target the 经理 set directly, nothing outside the team', async () => {
      problem(await patch(u.ss, `/targets/${tg.T1.id}`, { version: tg.T1.version, value: '70000.00' }), 403, 'TARGET_SPLIT_FORBIDDEN');
      problem(await patch(u.ss, `/targets/${tg.P1Q4.id}`, { version: 1, value: '1.00' }), 403, 'TARGET_SPLIT_FORBIDDEN');
      problem(await del(u.ss, `/targets/${tg.T1.id}`), 403, 'TARGET_SPLIT_FORBIDDEN');
      problem(await patch(u.ss2, `/targets/${tg.P1.id}`, { version: 1, value: '1.00' }), 404, 'NOT_FOUND');
      problem(await post(u.ss, '/targets', { level: 'department', period: '2026-11', measure: 'new_prospects', value: '1' }), 403, 'TARGET_DEPARTMENT_LEVEL');
      problem(await post(u.ss, '/targets', { level: 'person', parentId: tg.T2.id, userId: u.r3.id, value: '1.00' }), 404, 'NOT_FOUND');
      problem(await post(u.ss, '/targets', { level: 'person', parentId: tg.D.id, userId: u.r1.id, value: '1.00' }), 404, 'NOT_FOUND');
      expect((await read(u.sm, tg.T1.id)).value).toBe('65000.00');
    });
  });

  describe('errors', () => {
    it('who a part may be for: a 主管 for a team, a 业务员 or 专员 of the department for a person, a report of the team’s 主管', async () => {
      problem(await post(u.sm, '/targets', { level: 'team', parentId: tg.DV.id, userId: u.r3.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.DV.id, userId: u.ss2.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.DV.id, userId: u.ms.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.DV.id, userId: u.clerk.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
      problem(await post(u.ss, '/targets', { level: 'person', parentId: tg.TV.id, userId: u.r3.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.TV.id, userId: u.r3.id, value: '1' }), 422, 'TARGET_SUBJECT_INVALID');
    });

    it('what may be split into what, and parts keep the whole’s period and measure', async () => {
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.P1.id, userId: u.r2.id, value: '1.00' }), 422, 'TARGET_NOT_SPLITTABLE');
      problem(await post(u.sm, '/targets', { level: 'team', parentId: tg.T1.id, userId: u.ss2.id, value: '1.00' }), 422, 'TARGET_NOT_SPLITTABLE');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.DV.id, userId: u.r3.id, value: '1', period: '2026-12' }), 422, 'TARGET_PART_MISMATCH');
      problem(await post(u.sm, '/targets', { level: 'person', parentId: tg.DV.id, userId: u.r3.id, value: '1', measure: 'payments' }), 422, 'TARGET_PART_MISMATCH');
    });

    it('one target per subject, period and measure', async () => {
      problem(await post(u.sm, '/targets', { level: 'department', period: '2026-11', measure: 'contract_amount', value: '5' }), 409, 'TARGET_EXISTS');
      problem(await post(u.ss, '/targets', { level: 'person', parentId: tg.T1.id, userId: u.r1.id, value: '1.00', overParent: true }), 409, 'TARGET_EXISTS');
    });

    it('400 for bad input: periods, measures, values, fields that do not belong to the level', async () => {
      const bad: object[] = [
        { level: 'department', period: '2026-13', measure: 'visits', value: '1' },
        { level: 'department', period: '2026-Q5', measure: 'visits', value: '1' },
        { level: 'department', period: '26-11', measure: 'visits', value: '1' },
        { level: 'department', period: '1999-12', measure: 'visits', value: '1' },
        { level: 'department', period: '2101', measure: 'visits', value: '1' },
        { level: 'department', period: '2026-11', measure: 'calls', value: '1' },
        { level: 'department', period: '2026-11', measure: 'visits', value: '4.5' },
        { level: 'department', period: '2026-11', measure: 'new_prospects', value: '0' },
        { level: 'department', period: '2026-11', measure: 'payments', value: '-5.00' },
        { level: 'department', period: '2026-11', measure: 'payments', value: 500 },
        { level: 'department', period: '2026-11', measure: 'payments', value: '1.001' },
        { level: 'department', measure: 'payments', value: '1.00' },
        { level: 'department', period: '2026-11', value: '1.00' },
        { level: 'department', period: '2026-11', measure: 'payments', value: '1.00', parentId: tg.D.id },
        { level: 'department', period: '2026-11', measure: 'payments', value: '1.00', userId: u.r1.id },
        { level: 'company', period: '2026-11', measure: 'payments', value: '1.00' },
        { level: 'person', userId: u.r3.id, value: '1.00' },
        { level: 'person', parentId: tg.DV.id, value: '1' },
        { level: 'person', parentId: tg.DV.id, userId: u.r3.id, value: '1', department: 'market' },
        { level: 'person', parentId: tg.DV.id, userId: u.r3.id, value: '1', overParent: 'yes' },
      ];
      for (const body of bad) {
        const res = await post(u.sm, '/targets', body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
      problem(await get(u.sm, '/targets/not-a-uuid'), 400, 'VALIDATION_FAILED');
      problem(await get(u.sm, '/targets?period=2026-11-01'), 400, 'VALIDATION_FAILED');
      problem(await patch(u.sm, `/targets/${tg.D.id}`, { value: '1.00' }), 400, 'VALIDATION_FAILED');
      problem(await del(u.sm, `/targets/${tg.D.id}?withParts=yes`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('in the sales report and the work-report draft', () => {
    it('/reports/sales: a row with targets for the report’s period carries its attainment; weeks have none', async () => {
      const byOwner = ok(await get(u.sm, '/reports/sales?period=month&date=2026-11-15&groupBy=owner')).body;
      const row = (key: string) => byOwner.groups.find((g: { key: string }) => g.key === key);
      expect(row(u.r1.id).attainment).toEqual({
        periodType: 'month',
        period: '2026-11',
        items: [
          { measure: 'contract_amount', target: '40000.00', actual: '50000.00', rate: '1.2500' },
          { measure: 'visits', target: '4', actual: '3', rate: '0.7500' },
        ],
        rate: '1.0000',
      });
      expect(row(u.r1.id)).toMatchObject({ contractAmount: '50000.00', visits: 3 }); // the report's own figures agree
      expect(row(u.r3.id).attainment).toBeUndefined();
      expect(row(u.r3.id).contractAmount).toBe('9000.00');
      const byDept = ok(await get(u.gm, '/reports/sales?period=month&date=2026-11-15&groupBy=department')).body;
      const sales = byDept.groups.find((g: { key: string }) => g.key === 'sales');
      // mean of 0.7100 (contracts), 0.6000 (payments) and 0.3500 (visits) = 0.5533
      expect(sales.attainment).toMatchObject({ period: '2026-11', rate: '0.5533' });
      expect(sales.attainment.items.map((i: { measure: string }) => i.measure)).toEqual(['contract_amount', 'payments', 'visits']);
      expect(byDept.groups.find((g: { key: string }) => g.key === 'market').attainment).toMatchObject({ rate: '0.3000' });
      const q4 = ok(await get(u.sm, '/reports/sales?period=quarter&date=2026-11-15')).body;
      expect(q4.groups.find((g: { key: string }) => g.key === u.r1.id).attainment).toMatchObject({ periodType: 'quarter', period: '2026-Q4', rate: '0.6200' });
      const week = ok(await get(u.sm, '/reports/sales?period=week&date=2026-11-30')).body;
      expect(week.groups.every((g: { attainment?: unknown }) => g.attainment === undefined)).toBe(true);
      // a 业务员 reading their own report
      const mine = ok(await get(u.r1, '/reports/sales?period=month&date=2026-11-15')).body;
      expect(mine.groups.map((g: { key: string; attainment?: { rate: string } }) => [g.key, g.attainment?.rate])).toEqual([[u.r1.id, '1.0000']]);
    });

    it('the CSV and the workbook gain a 指标完成率 column when a row has targets', async () => {
      const csv = ok(await get(u.gm, '/reports/sales?period=month&date=2026-11-15&groupBy=department&format=csv').buffer(true).parse(binary));
      const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(lines[0].split(',')).toEqual(['部门', '签约合同数', '签约金额（元）', '回款金额（元）', '应收金额（元）', '已收金额（元）', '回款率', '新增潜在客户', '拜访次数', '新增投诉', '关闭投诉', '指标完成率']);
      expect(lines.find((l) => l.startsWith('销售部,'))!.split(',').at(-1)).toBe('0.5533');
      expect(lines.find((l) => l.startsWith('市场开拓部,'))!.split(',').at(-1)).toBe('0.3000');
      expect(lines.at(-1)!.startsWith('合计,')).toBe(true);
      expect(lines.at(-1)!.split(',').at(-1)).toBe('');
      const xlsx = ok(await get(u.gm, '/reports/sales?period=month&date=2026-11-15&groupBy=department&format=xlsx').buffer(true).parse(binary));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as ArrayBuffer);
      const ws = wb.getWorksheet('销售报表')!;
      expect(ws.getRow(2).getCell(12).value).toBe('指标完成率');
      const salesRow = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === '销售部')!;
      expect(salesRow.getCell(12).value).toBe(0.5533);
      // a week has no targets: the columns stay as they were
      const week = ok(await get(u.gm, '/reports/sales?period=week&date=2026-11-30&format=csv').buffer(true).parse(binary));
      expect((week.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).not.toContain('指标完成率');
    });

    it('the work-report draft gains the author’s attainment for the month (a weekly draft: the month of the chosen day)', async () => {
      const month = ok(await get(u.r1, '/work-reports/draft?period=month&date=2026-11-15')).body;
      expect(month.attainment).toEqual({
        periodType: 'month',
        period: '2026-11',
        items: [
          { measure: 'contract_amount', target: '40000.00', actual: '50000.00', rate: '1.2500' },
          { measure: 'visits', target: '4', actual: '3', rate: '0.7500' },
        ],
        rate: '1.0000',
      });
      expect(month.summary).toContain('2026-11 个人指标完成率 100.00%');
      const week = ok(await get(u.r1, '/work-reports/draft?period=week&date=2026-12-01')).body;
      expect(week.attainment).toMatchObject({ period: '2026-12', rate: '0.5000' });
      const none = ok(await get(u.r3, '/work-reports/draft?period=month&date=2026-11-15')).body;
      expect(none.attainment).toBeNull();
      expect(none.summary).not.toContain('指标完成率');
    });
  });

  describe('removing targets', () => {
    it('a target with parts is removed only with its parts, explicitly; each removal is audited', async () => {
      const res = await del(u.sm, `/targets/${tg.DV.id}`);
      problem(res, 409, 'TARGET_HAS_PARTS');
      expect(res.body.parts).toBe(3);
      expect((await read(u.sm, tg.DV.id)).partsCount).toBe(1);
      // a 主管 removes a part they split
      expect(ok(await del(u.ss, `/targets/${tg.PV2.id}`)).body).toEqual({ deletedIds: [tg.PV2.id] });
      const gone = ok(await del(u.sm, `/targets/${tg.DV.id}?withParts=true`)).body.deletedIds;
      expect(sorted(...gone)).toEqual(sorted(tg.DV.id, tg.TV.id, tg.PV1.id));
      expect(gone[gone.length - 1]).toBe(tg.DV.id); // the parts first
      for (const id of gone) problem(await get(u.sm, `/targets/${id}`), 404, 'NOT_FOUND');
      const audit = await t.ds.query(`SELECT entity_id, actor_id, before FROM audit_log WHERE action = 'target.delete' ORDER BY at, id`);
      expect(audit.map((a: { entity_id: string }) => a.entity_id).sort()).toEqual(sorted(tg.PV2.id, ...gone));
      expect(audit.find((a: { entity_id: string }) => a.entity_id === tg.TV.id)).toMatchObject({ actor_id: u.sm.id, before: { value: '10', userId: u.ss.id } });
      problem(await del(u.sm, `/targets/${tg.DV.id}`), 404, 'NOT_FOUND');
      problem(await del(u.mm, `/targets/${tg.D.id}?withParts=true`), 404, 'NOT_FOUND');
    });

    it('every write left an audit row of its own kind', async () => {
      const rows = await t.ds.query(`SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'target' GROUP BY action ORDER BY action`);
      const byAction = Object.fromEntries(rows.map((r: { action: string; n: number }) => [r.action, r.n]));
      expect(byAction['target.create']).toBe(Object.keys(tg).length + 4); // + the four department targets behind 业务员一's other periods
      expect(byAction['target.update']).toBe(2);
      expect(byAction['target.delete']).toBe(4);
    });
  });

  describe('work plans (MKT-6.3, SAL-5.3)', () => {
    const plan = (who: TestUser, body: object) => post(who, '/work-plans', body);
    let mine: { id: string; version: number };
    let forRep: { id: string; version: number };

    it('a 专员 writes their own plan; a planned figure sits beside the actual from their records', async () => {
      const res = ok(
        await plan(u.ms, {
          period: '2026-11',
          title: '十一月工作计划',
          items: [
            { content: '登记新潜在客户', measure: 'new_prospects', plannedValue: '3', dueDate: '2026-11-30' },
            { content: '整理竞争对手资料' },
          ],
        }),
        201,
      );
      expect(res.body).toMatchObject({ ownerId: u.ms.id, ownerName: '市场专员一', authorId: u.ms.id, department: 'market', periodType: 'month', period: '2026-11', from: '2026-11-01', to: '2026-11-30', status: 'draft', version: 1 });
      expect(res.body.items).toEqual([
        { content: '登记新潜在客户', measure: 'new_prospects', plannedValue: '3', actual: '2', dueDate: '2026-11-30' },
        { content: '整理竞争对手资料', measure: null, plannedValue: null, actual: null, dueDate: null },
      ]);
      mine = res.body;
      problem(await plan(u.ms, { ownerId: u.ms2.id, period: '2026-11', title: '替别人写', items: [] }), 400, 'ASSIGNEE_INVALID');
    });

    it('a 主管 drafts a plan for a direct report, not for someone outside the team', async () => {
      const res = ok(await plan(u.ss, { ownerId: u.r1.id, period: '2026-Q4', title: '四季度销售计划', items: [{ content: '签约', measure: 'contract_amount', plannedValue: '60000' }] }), 201);
      expect(res.body).toMatchObject({ ownerId: u.r1.id, authorId: u.ss.id, authorName: '销售主管甲', department: 'sales', periodType: 'quarter' });
      expect(res.body.items[0]).toMatchObject({ plannedValue: '60000.00', actual: '62000.00' });
      forRep = res.body;
      problem(await plan(u.ss, { ownerId: u.r3.id, period: '2026-Q4', title: '越级', items: [] }), 400, 'ASSIGNEE_INVALID');
      problem(await plan(u.r1, { period: '2026-Q4', title: '自己写', items: [] }), 403, 'PERMISSION_DENIED');
    });

    it('read in workplan.read scope: the person, the team, the department, the 总经理', async () => {
      const idsOf = async (who: TestUser) => (ok(await get(who, '/work-plans?pageSize=100')).body.items as Array<{ id: string }>).map((p) => p.id).sort();
      expect(await idsOf(u.r1)).toEqual([forRep.id]);
      expect(await idsOf(u.ss)).toEqual([forRep.id]);
      expect(await idsOf(u.sm)).toEqual([forRep.id]);
      expect(await idsOf(u.msup)).toEqual([mine.id]);
      expect(await idsOf(u.gm)).toEqual(sorted(mine.id, forRep.id));
      expect(await idsOf(u.r2)).toEqual([]);
      ok(await get(u.r1, `/work-plans/${forRep.id}`));
      problem(await get(u.r2, `/work-plans/${forRep.id}`), 404, 'NOT_FOUND');
      problem(await get(u.mm, `/work-plans/${forRep.id}`), 404, 'NOT_FOUND');
      problem(await get(u.ss2, `/work-plans/${forRep.id}`), 404, 'NOT_FOUND');
      problem(await get(u.kam, '/work-plans'), 403, 'PERMISSION_DENIED');
      expect((ok(await get(u.gm, `/work-plans?ownerId=${u.r1.id}&periodType=quarter&status=draft`)).body.items as unknown[]).length).toBe(1);
      expect((ok(await get(u.gm, `/work-plans?period=2026-12`)).body.items as unknown[]).length).toBe(0);
    });

    it('draft → active → closed; edits with the version; a closed plan is read-only', async () => {
      problem(await patch(u.r1, `/work-plans/${forRep.id}`, { version: 1, status: 'active' }), 403, 'PERMISSION_DENIED');
      problem(await patch(u.ss2, `/work-plans/${forRep.id}`, { version: 1, status: 'active' }), 404, 'NOT_FOUND');
      const active = ok(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 1, status: 'active', title: '四季度销售计划（定稿）' })).body;
      expect(active).toMatchObject({ status: 'active', version: 2, title: '四季度销售计划（定稿）' });
      problem(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 1, title: '旧版本' }), 409, 'STALE_VERSION');
      problem(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 2, status: 'draft' }), 409, 'WORK_PLAN_INVALID_TRANSITION');
      const edited = ok(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 2, items: [{ content: '回款', measure: 'payments', plannedValue: '20000.00', dueDate: '2026-12-31' }] })).body;
      expect(edited.items).toEqual([{ content: '回款', measure: 'payments', plannedValue: '20000.00', actual: '21000.00', dueDate: '2026-12-31' }]);
      const closed = ok(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 3, status: 'closed' })).body;
      expect(closed.status).toBe('closed');
      problem(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 4, title: '改标题' }), 409, 'WORK_PLAN_CLOSED');
      problem(await patch(u.ss, `/work-plans/${forRep.id}`, { version: 4, status: 'active' }), 409, 'WORK_PLAN_INVALID_TRANSITION');
      const audit = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'work_plan' AND entity_id = $1 ORDER BY at, id`, [forRep.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['workplan.create', 'workplan.update', 'workplan.update', 'workplan.update']);
    });

    it('400 for items that do not hold together', async () => {
      const bad: object[] = [
        { period: '2026-11', title: '计划', items: [{ content: '没有考核项的计划数', plannedValue: '3' }] },
        { period: '2026-11', title: '计划', items: [{ content: '拜访', measure: 'new_prospects', plannedValue: '2.5' }] },
        { period: '2026-11', title: '计划', items: [{ content: '期限在期间外', dueDate: '2026-12-01' }] },
        { period: '2026-11', title: '计划', items: [{ content: '' }] },
        { period: '2026-11', title: '计划', items: Array.from({ length: 51 }, () => ({ content: '多' })) },
        { period: '2026-11', title: '', items: [] },
        { period: 'next month', title: '计划', items: [] },
        { period: '1999-12', title: '计划', items: [] },
        { period: '2026-11', title: '计划', items: [], status: 'active' },
      ];
      for (const body of bad) {
        const res = await plan(u.ms, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
      problem(await patch(u.ms, `/work-plans/${mine.id}`, { version: 1, items: [{ content: '期限在期间外', dueDate: '2026-10-31' }] }), 400, 'VALIDATION_FAILED');
    });
  });
});
