import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { subjects as complaintSubjects } from '../setup/scope-cases/complaints';
import { subjects as contractSubjects } from '../setup/scope-cases/contracts';
import { subjects as partySubjects } from '../setup/scope-cases/parties';
import { subjects as platformSubjects } from '../setup/scope-cases/platform';
import { ok, PersonKey, World } from '../setup/scope-world';

/**
 * 审批 (GET /me/approvals): for each role, exactly the records it can decide now — the same records
 * the underlying lists give once filtered by the deciding rules (level, separation of duties,
 * threshold), each kind behind its permission and scope; a decision takes the record out.
 */

const THRESHOLD = '1000000.00';

interface Item {
  kind: string;
  id: string;
  title: string;
  number: string | null;
  customerName: string | null;
  submittedBy: string | null;
  submittedByName: string | null;
  waitingSince: string;
  amount: string | null;
  level?: string;
  round?: number;
  needsGm?: boolean;
}
interface Inbox {
  counts: Record<string, number>;
  kinds: string[];
  contractGmThreshold: string;
  groups: Array<{ kind: string; items: Item[]; total: number; page: number; pageSize: number }>;
}

describe('approvals inbox', () => {
  let t: TestApp;
  let w: World;
  const made: Record<string, { id: string; customerId?: string }> = {};

  const inbox = async (who: PersonKey, query = ''): Promise<Inbox> => ok(await w.as(who).get(`/me/approvals${query}`), `inbox of ${who}`).body;
  /** Every item of one kind, through the paged form. */
  const idsOf = async (who: PersonKey, kind: string): Promise<string[]> => {
    const body = await inbox(who, `?kind=${kind}&pageSize=100`);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0].total).toBeLessThanOrEqual(100);
    return body.groups[0].items.map((i) => i.id).sort();
  };
  const list = async (who: PersonKey, path: string): Promise<Array<{ id: string } & Record<string, any>>> => {
    const res = ok(await w.as(who).get(path), `list ${path}`);
    expect(res.body.total).toBeLessThanOrEqual(100);
    return res.body.items;
  };
  const sorted = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent', CONTRACT_GM_APPROVAL_THRESHOLD: THRESHOLD } });
    w = await World.build(t);
    const person = (k: PersonKey) => w.person(k);
    made.repContract = await contractSubjects.contract.make(w, person('sales.rep'), 'pending');
    made.rep2Contract = await contractSubjects.contract.make(w, person('sales.rep#2'), 'pending');
    made.managerContract = await contractSubjects.contract.make(w, person('sales.manager'), 'pending');
    made.marketContract = await contractSubjects.contract.make(w, person('market.supervisor'), 'pending');
    made.draft = await contractSubjects.contract.make(w, person('sales.rep'), 'draft');
    // one above the 总经理 threshold, drafted and submitted by the rep
    const customer = await partySubjects.customer.make(w, person('sales.rep'), 'default');
    const big = ok(
      await w.as('sales.rep').post('/contracts', {
        customerId: customer.id,
        title: '年度框架采购合同',
        amount: '1200000.00',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
        paymentPlan: [{ dueDate: '2027-06-30', amount: '1200000.00' }],
      }),
      'draft big contract',
    ).body;
    ok(await w.as('sales.rep').post(`/contracts/${big.id}/submit`), 'submit big contract');
    made.bigContract = { id: big.id, customerId: customer.id };
    made.repVisit = await partySubjects.visit.make(w, person('sales.rep'), 'default');
    made.rep2Visit = await partySubjects.visit.make(w, person('sales.rep#2'), 'default');
    made.supervisorVisit = await partySubjects.visit.make(w, person('sales.supervisor'), 'default');
    made.marketVisit = await partySubjects.visit.make(w, person('market.specialist'), 'default');
    made.repReport = await platformSubjects['work-report'].make(w, person('sales.rep'), 'default');
    made.rep2Report = await platformSubjects['work-report'].make(w, person('sales.rep#2'), 'default');
    made.compensation = await complaintSubjects.complaint.make(w, person('sales.assistant'), 'proposed');
    made.compensationGm = await complaintSubjects.complaint.make(w, person('sales.assistant'), 'proposed-gm');
    made.assessment = await complaintSubjects.assessment.make(w, person('key_account.specialist'), 'default');
  }, 180_000);
  afterAll(() => t?.close());

  describe('who gets which kinds', () => {
    it('a role holding none of the deciding permissions gets an empty inbox, not an error', async () => {
      for (const who of ['sales.rep', 'market.specialist', 'sales.clerk', 'admin'] as PersonKey[]) {
        const body = await inbox(who);
        expect(body.kinds).toEqual([]);
        expect(body.groups).toEqual([]);
        expect(body.counts).toEqual({ contract: 0, tier: 0, compensation: 0, workReport: 0, visit: 0, reviewScheme: 0, review: 0, total: 0 });
        // and asking for a kind it cannot decide gives nothing either
        const one = await inbox(who, '?kind=contract');
        expect(one.groups).toEqual([{ kind: 'contract', items: [], total: 0, page: 1, pageSize: 20 }]);
      }
    });

    it('each role gets exactly the kinds its permissions name', async () => {
      expect((await inbox('sales.manager')).kinds).toEqual(['contract', 'compensation', 'workReport', 'review']);
      expect((await inbox('market.manager')).kinds).toEqual(['contract', 'workReport', 'visit', 'review']);
      expect((await inbox('key_account.manager')).kinds).toEqual(['contract', 'tier', 'compensation', 'workReport', 'visit', 'review']);
      expect((await inbox('gm')).kinds).toEqual(['contract', 'compensation', 'reviewScheme', 'review']);
      expect((await inbox('sales.supervisor')).kinds).toEqual(['workReport', 'visit']);
    });

    it('without a token it is 401; bad paging or an unknown kind is 400 with the field named', async () => {
      expect((await t.http().get('/api/v1/me/approvals')).status).toBe(401);
      for (const q of ['?kind=payment', '?pageSize=0', '?pageSize=101', '?page=abc', '?kind[]=visit']) {
        const res: Response = await w.as('sales.manager').get(`/me/approvals${q}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('the inbox equals the underlying lists, filtered by the deciding rules', () => {
    it('销售部经理: the department’s contracts at the first level, never his own draft; nothing of 市场部', async () => {
      const me = w.person('sales.manager');
      const pending = await list('sales.manager', '/contracts?status=pending_approval&pageSize=100');
      const expected = sorted(pending.filter((c) => c.ownerId !== me.id));
      expect(await idsOf('sales.manager', 'contract')).toEqual(expected);
      expect(expected).toEqual(expect.arrayContaining([made.repContract.id, made.rep2Contract.id, made.bigContract.id]));
      expect(expected).not.toContain(made.managerContract.id);
      expect(expected).not.toContain(made.marketContract.id);
      expect(expected).not.toContain(made.draft.id);
      // his own draft is his twin's to decide
      expect(await idsOf('sales.manager#2', 'contract')).toContain(made.managerContract.id);
    });

    it('a contract row carries what a list row needs, the level and the 总经理 note for the big one', async () => {
      const body = await inbox('sales.manager', '?kind=contract&pageSize=100');
      const big = body.groups[0].items.find((i) => i.id === made.bigContract.id)!;
      const [c] = await w.sql(`SELECT number, title, submitted_at FROM contracts WHERE id = $1`, [made.bigContract.id]);
      expect(big).toMatchObject({
        kind: 'contract',
        number: c.number,
        title: '年度框架采购合同',
        amount: '1200000.00',
        submittedBy: w.person('sales.rep').id,
        submittedByName: '范围测试 sales.rep',
        level: 'manager',
        round: 1,
        needsGm: true,
      });
      expect(big.customerName).toEqual(expect.any(String));
      expect(big.waitingSince).toBe(new Date(c.submitted_at).toISOString());
      expect(body.contractGmThreshold).toBe(THRESHOLD);
      expect(body.groups[0].items.find((i) => i.id === made.repContract.id)!.needsGm).toBe(false);
      // oldest waiting first
      const since = body.groups[0].items.map((i) => i.waitingSince);
      expect([...since].sort()).toEqual(since);
    });

    it('市场部经理: only 市场部’s contract; the department’s unreviewed visits as the visit list gives them', async () => {
      expect(await idsOf('market.manager', 'contract')).toEqual([made.marketContract.id]);
      const me = w.person('market.manager');
      const visits = await list('market.manager', '/visits?reviewed=false&pageSize=100');
      expect(await idsOf('market.manager', 'visit')).toEqual(sorted(visits.filter((v) => v.visitorId !== me.id)));
      expect(await idsOf('market.manager', 'visit')).toContain(made.marketVisit.id);
      expect(await idsOf('market.manager', 'visit')).not.toContain(made.repVisit.id);
    });

    it('销售主管: the team’s unreviewed visits and submitted reports, not his own, not the other team’s', async () => {
      const me = w.person('sales.supervisor');
      const visits = await list('sales.supervisor', '/visits?reviewed=false&pageSize=100');
      const visitIds = await idsOf('sales.supervisor', 'visit');
      expect(visitIds).toEqual(sorted(visits.filter((v) => v.visitorId !== me.id)));
      expect(visitIds).toEqual([made.repVisit.id]);
      const reports = await list('sales.supervisor', '/work-reports?status=submitted&pageSize=100');
      expect(await idsOf('sales.supervisor', 'workReport')).toEqual(sorted(reports.filter((r) => r.ownerId !== me.id)));
      expect(await idsOf('sales.supervisor', 'workReport')).toEqual([made.repReport.id]);
      const body = await inbox('sales.supervisor');
      expect(body.counts).toEqual({ contract: 0, tier: 0, compensation: 0, workReport: 1, visit: 1, reviewScheme: 0, review: 0, total: 2 });
    });

    it('compensation: the manager gets what is below the threshold and not his own proposal; the 总经理 gets both', async () => {
      const proposed = (await list('gm', '/complaints?pageSize=100')).filter((c) => c.compensation?.status === 'proposed');
      const gm = await idsOf('gm', 'compensation');
      expect(gm).toEqual(sorted(proposed));
      expect(gm).toEqual([made.compensation.id, made.compensationGm.id].sort());
      // the proposer (the twin) never sees his own; the other manager sees the one below the threshold
      expect(await idsOf('sales.manager', 'compensation')).toEqual([made.compensation.id]);
      expect(await idsOf('sales.manager#2', 'compensation')).toEqual([]);
    });

    it('tier assessments: the 大客户经理 gets the pending ones, as the assessment list gives them', async () => {
      const pending = await list('key_account.manager', '/key-accounts/assessments?status=pending&pageSize=100');
      expect(await idsOf('key_account.manager', 'tier')).toEqual(sorted(pending));
      expect(await idsOf('key_account.manager', 'tier')).toContain(made.assessment.id);
      const item = (await inbox('key_account.manager', '?kind=tier')).groups[0].items.find((i) => i.id === made.assessment.id)!;
      expect(item.submittedBy).toBe(w.person('key_account.specialist').id);
      expect(item.title).toMatch(/^等级评估：非大客户 → /);
    });

    it('counts are the sum of the kinds and equal each kind’s full list', async () => {
      for (const who of ['sales.manager', 'market.manager', 'key_account.manager', 'gm', 'sales.supervisor'] as PersonKey[]) {
        const body = await inbox(who);
        let sum = 0;
        for (const g of body.groups) {
          expect(g.total).toBe(body.counts[g.kind]);
          expect(g.items.length).toBe(Math.min(5, g.total));
          expect((await idsOf(who, g.kind)).length).toBe(g.total);
          sum += g.total;
        }
        expect(body.counts.total).toBe(sum);
      }
    });

    it('pages one kind like the other lists', async () => {
      const all = (await inbox('sales.manager', '?kind=contract&pageSize=100')).groups[0].items.map((i) => i.id);
      expect(all.length).toBeGreaterThanOrEqual(3);
      const second = await inbox('sales.manager', '?kind=contract&pageSize=1&page=2');
      expect(second.groups[0]).toMatchObject({ kind: 'contract', page: 2, pageSize: 1, total: all.length });
      expect(second.groups[0].items.map((i) => i.id)).toEqual([all[1]]);
    });
  });

  describe('a decision takes the record out', () => {
    it('the manager approves the big contract: it leaves his inbox and waits in the 总经理’s at the second level', async () => {
      const before = (await inbox('sales.manager')).counts;
      expect(await idsOf('gm', 'contract')).not.toContain(made.bigContract.id);
      ok(await w.as('sales.manager').post(`/contracts/${made.bigContract.id}/approve`, { comment: '同意，报总经理' }), 'approve');
      expect(await idsOf('sales.manager', 'contract')).not.toContain(made.bigContract.id);
      expect((await inbox('sales.manager')).counts).toMatchObject({ contract: before.contract - 1, total: before.total - 1 });
      const gmItems = (await inbox('gm', '?kind=contract')).groups[0].items;
      expect(gmItems.find((i) => i.id === made.bigContract.id)).toMatchObject({ level: 'gm', needsGm: false, round: 1 });
      const pendingGm = await list('gm', '/contracts?status=pending_gm&pageSize=100');
      expect(await idsOf('gm', 'contract')).toEqual(sorted(pendingGm));
      // the twin manager cannot decide the second level: not in his inbox either
      expect(await idsOf('sales.manager#2', 'contract')).not.toContain(made.bigContract.id);
      ok(await w.as('gm').post(`/contracts/${made.bigContract.id}/approve`, { comment: '同意' }), 'gm approve');
      expect(await idsOf('gm', 'contract')).not.toContain(made.bigContract.id);
    });

    it('a rejected contract leaves; resubmitted, it comes back at round 2', async () => {
      ok(await w.as('sales.manager').post(`/contracts/${made.repContract.id}/reject`, { comment: '付款计划需调整' }), 'reject');
      expect(await idsOf('sales.manager', 'contract')).not.toContain(made.repContract.id);
      ok(await w.as('sales.rep').post(`/contracts/${made.repContract.id}/submit`), 'resubmit');
      const item = (await inbox('sales.manager', '?kind=contract&pageSize=100')).groups[0].items.find((i) => i.id === made.repContract.id);
      expect(item).toMatchObject({ round: 2, level: 'manager' });
    });

    it('a reviewed visit and a reviewed report leave the supervisor’s inbox', async () => {
      ok(await w.as('sales.supervisor').post(`/visits/${made.repVisit.id}/review`, { comment: '记录完整' }), 'review visit');
      ok(await w.as('sales.supervisor').post(`/work-reports/${made.repReport.id}/review`, { comment: '内容完整' }), 'review report');
      const body = await inbox('sales.supervisor');
      expect(body.counts).toEqual({ contract: 0, tier: 0, compensation: 0, workReport: 0, visit: 0, reviewScheme: 0, review: 0, total: 0 });
      expect(body.groups.every((g) => g.items.length === 0)).toBe(true);
    });

    it('a department without an active manager: its first level waits in the 总经理’s inbox, as the contract names him', async () => {
      expect(await idsOf('gm', 'contract')).not.toContain(made.marketContract.id);
      for (const k of ['market.manager', 'market.manager#2'] as PersonKey[]) {
        const [{ version }] = await w.sql(`SELECT version FROM users WHERE id = $1`, [w.person(k).id]);
        ok(await w.as('admin').patch(`/users/${w.person(k).id}`, { version, active: false }), `deactivate ${k}`);
      }
      const contract = ok(await w.as('gm').get(`/contracts/${made.marketContract.id}`), 'read contract').body;
      expect(contract.awaitingApprovers.map((a: { id: string }) => a.id)).toEqual([w.person('gm').id]);
      const item = (await inbox('gm', '?kind=contract&pageSize=100')).groups[0].items.find((i) => i.id === made.marketContract.id);
      expect(item).toMatchObject({ level: 'manager', round: 1 });
    });

    it('an approved compensation leaves both inboxes', async () => {
      ok(await w.as('sales.manager').post(`/complaints/${made.compensation.id}/compensation/approve`), 'approve compensation');
      expect(await idsOf('sales.manager', 'compensation')).toEqual([]);
      expect(await idsOf('gm', 'compensation')).toEqual([made.compensationGm.id]);
    });
  });
});
