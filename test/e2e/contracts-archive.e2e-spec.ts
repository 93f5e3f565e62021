import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 销售合同, after approval: signing (the plan becomes receivables), termination, every transition
 * the state table forbids, the 合同档案 kept by the 内勤/助理 (SAL-6.4, SAL-8.1), read scopes and
 * the audit trail.
 */

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ARCHIVE_NO = /^DA-\d{4}-\d{6}$/;

interface Contract {
  id: string;
  number: string;
  status: string;
  version: number;
  amount: string;
  ownerId: string;
  customerId: string;
  archiveNo: string | null;
  archiveLocation: string | null;
  paymentPlan: { seq: number; dueDate: string; amount: string }[];
}

describe('contracts: signing, termination, transitions, archive, scopes', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  let cR1: string;
  let cR1b: string;
  let cR2: string;
  let cR3: string;
  let cMkt: string;

  const post = (user: TestUser, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const patch = (user: TestUser, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));

  const threeLines = (customerId: string) => ({
    customerId,
    title: '2027 年度原料供货合同',
    amount: '90000.00',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    paymentPlan: [
      { dueDate: '2027-09-30', amount: '40000.00' },
      { dueDate: '2027-03-31', amount: '20000.00' },
      { dueDate: '2027-06-30', amount: '30000.00' },
    ],
  });
  const bodyOf = (customerId: string, amount: string) => ({
    customerId,
    title: '销售合同',
    amount,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    paymentPlan: [{ dueDate: '2027-06-30', amount }],
  });

  const draft = async (who: TestUser, customerId: string, body: object = bodyOf(customerId, '50000.00')): Promise<Contract> => {
    const res = await post(who, '/contracts', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = async (who: TestUser, c: Contract, action: string, body: object = {}, status = 200): Promise<Contract> => {
    const res = await post(who, `/contracts/${c.id}/${action}`, body);
    expect(res.status).toBe(status);
    return res.body;
  };
  const submitted = async (who: TestUser, customerId: string, body?: object) => act(who, await draft(who, customerId, body), 'submit');
  /** Drafted and submitted by `who`, approved by a sales manager who did not draft it. */
  const approved = async (who: TestUser, customerId: string, body?: object) => {
    const c = await submitted(who, customerId, body);
    const res = await act(who.id === u.sm1.id ? u.sm2 : u.sm1, c, 'approve', { comment: '同意' });
    expect(res.status).toBe('approved');
    return res;
  };
  const signed = async (who: TestUser, customerId: string, body?: object) => {
    const c = await approved(who, customerId, body);
    const res = await act(who, c, 'sign', { signedAt: '2026-11-20' });
    expect(res.status).toBe('signed');
    return res;
  };
  const fetch = async (who: TestUser, id: string): Promise<Contract> => {
    const res = await get(who, `/contracts/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const receivables = (contractId: string) =>
    t.ds.query(
      `SELECT seq, due_date::text AS "dueDate", amount_due::text AS "amountDue", amount_paid::text AS "amountPaid", status,
              owner_id AS "ownerId", customer_id AS "customerId", department, plan_line_id AS "planLineId"
       FROM receivables WHERE contract_id = $1 ORDER BY seq`,
      [contractId],
    );
  const listAll = async (who: TestUser, path: string) => {
    const res = await get(who, `${path}${path.includes('?') ? '&' : '?'}pageSize=100`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items as Contract[];
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { CONTRACT_GM_APPROVAL_THRESHOLD: '1000000.00' } });
    const admin = await adminToken(t);
    u.sm1 = await createUser(t, 'sales.manager', { admin });
    u.sm2 = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm1.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r3 = await createUser(t, 'sales.rep', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.asst = await createUser(t, 'sales.assistant', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.msup = await createUser(t, 'market.supervisor', { admin, supervisorId: u.mm.id });
    u.gm = await createUser(t, 'gm', { admin });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };

    const mk = async (name: string, phone: string, assigner: TestUser, owner: TestUser) => {
      const c = await post(u.clerk, '/customers', { name, contactName: '联系人', contactPhone: phone });
      expect(c.status).toBe(201);
      const a = await post(assigner, `/customers/${c.body.id}/assign`, { ownerId: owner.id });
      expect(a.status).toBe(200);
      return c.body.id as string;
    };
    cR1 = await mk('杭州西湖龙井茶业有限公司', '13900000301', u.sm1, u.r1);
    cR1b = await mk('绍兴黄酒酿造有限公司', '13900000302', u.sm1, u.r1);
    cR2 = await mk('苏州园林建材有限公司', '13900000303', u.sm1, u.r2);
    cR3 = await mk('无锡太湖纺织有限公司', '13900000304', u.sm1, u.r3);
    cMkt = await mk('南京紫金山电子有限公司', '13900000305', u.gm, u.msup); // moves to 市场开拓部
  });
  afterAll(() => t?.close());

  describe('signing', () => {
    it('the owner signs: signed, and each plan line becomes an open receivable of the owner; the sign task closes', async () => {
      const c = await approved(u.r1, cR1, threeLines(cR1));
      const task = (await get(u.r1, '/me/tasks?pageSize=100')).body.items.find((x: { entityId: string; kind: string }) => x.entityId === c.id && x.kind === 'contract.sign');
      expect(task).toMatchObject({ status: 'open' });
      expect(await receivables(c.id)).toEqual([]);

      const res = await post(u.r1, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('signed');
      expect(res.body.signedAt).toBe('2026-11-19T16:00:00.000Z'); // the start of 20 Nov in Beijing

      const lines: { id: string; seq: number }[] = await t.ds.query('SELECT id, seq FROM contract_plan_lines WHERE contract_id = $1 ORDER BY seq', [c.id]);
      const common = { amountPaid: '0.00', status: 'open', ownerId: u.r1.id, customerId: cR1, department: 'sales' };
      expect(await receivables(c.id)).toEqual([
        { seq: 1, dueDate: '2027-03-31', amountDue: '20000.00', planLineId: lines[0].id, ...common },
        { seq: 2, dueDate: '2027-06-30', amountDue: '30000.00', planLineId: lines[1].id, ...common },
        { seq: 3, dueDate: '2027-09-30', amountDue: '40000.00', planLineId: lines[2].id, ...common },
      ]);
      const [{ total }] = await t.ds.query('SELECT sum(amount_due)::text AS total FROM receivables WHERE contract_id = $1', [c.id]);
      expect(total).toBe(res.body.amount);

      const [row] = await t.ds.query('SELECT status, done_at FROM tasks WHERE id = $1', [task.id]);
      expect(row.status).toBe('done');
      expect(row.done_at).not.toBeNull();

      const twice = await post(u.r1, `/contracts/${c.id}/sign`, { signedAt: '2026-11-21' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('CONTRACT_INVALID_TRANSITION');
      expect(await receivables(c.id)).toHaveLength(3);
      expect((await fetch(u.r1, c.id)).status).toBe('signed');
    });

    it('who may not sign: another rep 404; clerk and assistant 403 CONTRACT_SIGN_FORBIDDEN; another department 404; admin 403', async () => {
      const c = await approved(u.r1, cR1);
      for (const rep of [u.r2, u.r3]) {
        const res = await post(rep, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const reader of [u.clerk, u.asst]) {
        const res = await post(reader, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('CONTRACT_SIGN_FORBIDDEN');
      }
      expect((await post(u.mm, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' })).status).toBe(404);
      const admin = await post(u.admin, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' });
      expect(admin.status).toBe(403);
      expect(admin.body.code).toBe('PERMISSION_DENIED');
      // the supervisor reads the team's contracts but neither owns this one nor approves
      const ss = await post(u.ss, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' });
      expect(ss.status).toBe(403);
      expect(ss.body.code).toBe('CONTRACT_SIGN_FORBIDDEN');
      expect((await fetch(u.r1, c.id)).status).toBe('approved');
      expect(await receivables(c.id)).toEqual([]);

      // a contract.approve holder in scope may register the signing
      const bySm = await post(u.sm2, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20T10:30:00+08:00' });
      expect(bySm.status).toBe(200);
      expect(bySm.body).toMatchObject({ status: 'signed', signedAt: '2026-11-20T02:30:00.000Z' });
      expect((await receivables(c.id)).map((r: { ownerId: string }) => r.ownerId)).toEqual([u.r1.id]); // still the owner's
    });

    it.each<[string, object]>([
      ['an impossible date', { signedAt: '2026-11-31' }],
      ['a word', { signedAt: 'yesterday' }],
      ['a timestamp without offset', { signedAt: '2026-11-20T10:30:00' }],
      ['no date', {}],
      ['an extra field', { signedAt: '2026-11-20', status: 'signed' }],
    ])('signing with %s is 400 and changes nothing', async (_name, body) => {
      const c = await approved(u.r2, cR2);
      const res = await post(u.r2, `/contracts/${c.id}/sign`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((await fetch(u.r2, c.id)).status).toBe('approved');
      expect(await receivables(c.id)).toEqual([]);
    });
  });

  describe('termination', () => {
    it('the sales manager terminates a signed contract with a reason', async () => {
      const c = await signed(u.r1, cR1);
      const noReason = await post(u.sm1, `/contracts/${c.id}/terminate`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      for (const who of [u.r1, u.clerk, u.asst, u.ss]) {
        const res = await post(who, `/contracts/${c.id}/terminate`, { reason: '无权终止' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
        expect(res.body.permission).toBe('contract.approve');
      }
      expect((await post(u.mm, `/contracts/${c.id}/terminate`, { reason: '跨部门' })).status).toBe(404);
      expect((await fetch(u.r1, c.id)).status).toBe('signed');

      const res = await post(u.sm1, `/contracts/${c.id}/terminate`, { reason: '客户经营困难，双方协商终止' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'terminated', terminationReason: '客户经营困难，双方协商终止', terminatedAt: expect.stringMatching(ISO) });
      expect(res.body.signedAt).toBe('2026-11-19T16:00:00.000Z');
    });
  });

  describe('every forbidden transition is 409 CONTRACT_INVALID_TRANSITION', () => {
    const k: Record<string, Contract> = {};
    beforeAll(async () => {
      k.draft = await draft(u.r1, cR1);
      k.pending_approval = await submitted(u.r1, cR1);
      const gm = await submitted(u.r1, cR1, bodyOf(cR1, '1000000.00'));
      k.pending_gm = await act(u.sm1, gm, 'approve');
      expect(k.pending_gm.status).toBe('pending_gm');
      k.approved = await approved(u.r1, cR1);
      k.rejected = await act(u.sm1, await submitted(u.r1, cR1), 'reject', { comment: '退回' });
      k.signed = await signed(u.r1, cR1);
      k.terminated = await act(u.sm1, await signed(u.r1, cR1), 'terminate', { reason: '终止' });
      for (const [status, c] of Object.entries(k)) expect(c.status).toBe(status);
    });

    type Case = [string, string, string, () => TestUser, object];
    const approve: Case[] = ['draft', 'approved', 'rejected', 'signed', 'terminated'].map((s) => [s, 'approve', 'POST', () => u.sm1, { comment: '批准' }]);
    const reject: Case[] = ['draft', 'approved', 'rejected', 'signed', 'terminated'].map((s) => [s, 'reject', 'POST', () => u.sm1, { comment: '退回' }]);
    const sign: Case[] = ['draft', 'pending_approval', 'pending_gm', 'rejected', 'signed', 'terminated'].map((s) => [s, 'sign', 'POST', () => u.r1, { signedAt: '2026-11-20' }]);
    const terminate: Case[] = ['draft', 'pending_approval', 'pending_gm', 'approved', 'rejected', 'terminated'].map((s) => [s, 'terminate', 'POST', () => u.sm1, { reason: '终止' }]);
    const submit: Case[] = ['pending_approval', 'pending_gm', 'approved', 'signed', 'terminated'].map((s) => [s, 'submit', 'POST', () => u.r1, {}]);
    const archive: Case[] = ['draft', 'pending_approval', 'pending_gm', 'approved', 'rejected'].map((s) => [s, 'archive', 'POST', () => u.clerk, { location: '档案室' }]);
    const edit: Case[] = ['pending_approval', 'pending_gm', 'approved', 'signed', 'terminated'].map((s) => [s, 'edit', 'PATCH', () => u.r1, { title: '改标题' }]);

    it.each([...approve, ...reject, ...sign, ...terminate, ...submit, ...archive, ...edit])('%s → %s (%s) is 409 and changes nothing', async (from, action, method, who, body) => {
      const c = k[from];
      const before = await fetch(u.clerk, c.id);
      const res =
        method === 'PATCH'
          ? await patch(who(), `/contracts/${c.id}`, { version: before.version, ...body })
          : await post(who(), `/contracts/${c.id}/${action}`, body);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, code: 'CONTRACT_INVALID_TRANSITION', currentStatus: from });
      const after = await fetch(u.clerk, c.id);
      expect(after).toEqual(before);
    });

    it('the forbidden attempts left no approval rows, receivables or archive numbers behind', async () => {
      const ids = Object.values(k).map((c) => c.id);
      const [{ n: approvals }] = await t.ds.query('SELECT count(*)::int AS n FROM contract_approvals WHERE contract_id = ANY($1)', [ids]);
      // approved, rejected, signed, terminated: one manager decision each; pending_gm: the manager's
      expect(approvals).toBe(5);
      const [{ n: recs }] = await t.ds.query('SELECT count(*)::int AS n FROM receivables WHERE contract_id = ANY($1)', [ids]);
      expect(recs).toBe(2); // the signed and the terminated contract, one line each
      const [{ n: archived }] = await t.ds.query('SELECT count(*)::int AS n FROM contracts WHERE archive_no IS NOT NULL AND id = ANY($1)', [ids]);
      expect(archived).toBe(0);
    });
  });

  describe('the contract archive (合同档案)', () => {
    const a: Record<string, Contract> = {};
    beforeAll(async () => {
      a.signed = await signed(u.r1, cR1);
      a.signedB = await signed(u.r1, cR1b);
      a.terminated = await act(u.sm1, await signed(u.r1, cR1), 'terminate', { reason: '终止' });
      a.completed = await signed(u.r2, cR2);
      // completion comes from the payments ledger (all receivables paid); set it directly here
      await t.ds.query(`UPDATE contracts SET status = 'completed', completed_at = now(), version = version + 1 WHERE id = $1`, [a.completed.id]);
      a.notArchived = await signed(u.r1, cR1);
    });

    it('the clerk files a signed contract: the archive number follows the contract number, the location is kept', async () => {
      const res = await post(u.clerk, `/contracts/${a.signed.id}/archive`, { location: '档案室 A 柜 3 层' });
      expect(res.status).toBe(200);
      expect(res.body.archiveNo).toMatch(ARCHIVE_NO);
      expect(res.body.archiveNo).toBe(a.signed.number.replace(/^HT-/, 'DA-'));
      expect(res.body).toMatchObject({ status: 'signed', archiveLocation: '档案室 A 柜 3 层', archivedAt: expect.stringMatching(ISO), archivedBy: u.clerk.id });
      const [row] = await t.ds.query('SELECT archived_by FROM contracts WHERE id = $1', [a.signed.id]);
      expect(row.archived_by).toBe(u.clerk.id);
      a.signed = res.body;
    });

    it('archiving twice is 409 CONTRACT_ALREADY_ARCHIVED and keeps the first filing', async () => {
      const res = await post(u.asst, `/contracts/${a.signed.id}/archive`, { location: '档案室 Z 柜' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONTRACT_ALREADY_ARCHIVED');
      expect(res.body.detail).toContain(a.signed.archiveNo);
      expect(await fetch(u.clerk, a.signed.id)).toMatchObject({ archiveNo: a.signed.archiveNo, archiveLocation: '档案室 A 柜 3 层' });
    });

    it('the assistant files terminated and completed contracts', async () => {
      const term = await post(u.asst, `/contracts/${a.terminated.id}/archive`, { location: '档案室 B 柜 1 层' });
      expect(term.status).toBe(200);
      expect(term.body).toMatchObject({ status: 'terminated', archiveNo: a.terminated.number.replace(/^HT-/, 'DA-'), archiveLocation: '档案室 B 柜 1 层' });
      const done = await post(u.asst, `/contracts/${a.completed.id}/archive`, { location: '档案室 C 柜 2 层' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', archiveNo: a.completed.number.replace(/^HT-/, 'DA-') });
      const other = await post(u.clerk, `/contracts/${a.signedB.id}/archive`, { location: '档案室 A 柜 4 层' });
      expect(other.status).toBe(200);
    });

    it('roles without contract.archive are 403; bad bodies 400; unknown ids 404', async () => {
      for (const who of [u.r1, u.sm1, u.ss, u.gm, u.mm, u.admin]) {
        const res = await post(who, `/contracts/${a.notArchived.id}/archive`, { location: '档案室' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
        expect(res.body.permission).toBe('contract.archive');
      }
      for (const body of [{}, { location: '' }, { location: '柜'.repeat(201) }, { location: '档案室', archiveNo: 'DA-2026-999999' }]) {
        const res = await post(u.clerk, `/contracts/${a.notArchived.id}/archive`, body);
        expect(res.status).toBe(400);
      }
      expect((await post(u.clerk, '/contracts/00000000-0000-4000-8000-000000000004/archive', { location: '档案室' })).status).toBe(404);
      expect((await fetch(u.clerk, a.notArchived.id)).archiveNo).toBeNull();
    });

    it('GET /contracts/archive lists only archived contracts, with q, status and customerId filters', async () => {
      const archived = [a.signed.id, a.signedB.id, a.terminated.id, a.completed.id].sort();
      const all = await listAll(u.clerk, '/contracts/archive');
      expect(all.map((c) => c.id).sort()).toEqual(archived);
      expect(all.every((c) => ARCHIVE_NO.test(c.archiveNo!))).toBe(true);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM contracts WHERE archived_at IS NOT NULL');
      expect(all).toHaveLength(n);
      // the ordinary list still has the unarchived ones
      expect((await listAll(u.clerk, '/contracts')).map((c) => c.id)).toContain(a.notArchived.id);

      const ids = async (query: string) => (await listAll(u.clerk, `/contracts/archive?${query}`)).map((c) => c.id).sort();
      expect(await ids(`q=${encodeURIComponent(a.signed.archiveNo!)}`)).toEqual([a.signed.id]);
      expect(await ids(`q=${encodeURIComponent(a.signed.archiveNo!.slice(-6))}`)).toEqual([a.signed.id]);
      expect(await ids(`q=${encodeURIComponent('B 柜')}`)).toEqual([a.terminated.id]);
      expect(await ids(`q=${encodeURIComponent('档案室 A 柜')}`)).toEqual([a.signed.id, a.signedB.id].sort());
      expect(await ids(`q=${encodeURIComponent('不存在的位置')}`)).toEqual([]);
      expect(await ids('status=terminated')).toEqual([a.terminated.id]);
      expect(await ids('status=completed')).toEqual([a.completed.id]);
      expect(await ids('status=signed')).toEqual([a.signed.id, a.signedB.id].sort());
      expect(await ids(`customerId=${cR1b}`)).toEqual([a.signedB.id]);
      expect(await ids(`customerId=${cR1}&status=signed`)).toEqual([a.signed.id]);
      expect((await get(u.clerk, '/contracts/archive?status=draft')).status).toBe(400);
      expect((await get(u.clerk, '/contracts/archive?customerId=abc')).status).toBe(400);
      expect((await get(u.clerk, '/contracts/archive?pageSize=101')).status).toBe(400);
    });

    it('GET /contracts/archive filters by the day of filing (in business time) and sorts by archive number; each says who filed it', async () => {
      const [{ today, tomorrow }] = await t.ds.query(
        `SELECT (now() AT TIME ZONE $1)::date::text AS today, ((now() AT TIME ZONE $1)::date + 1)::text AS tomorrow`,
        [t.config.businessTz],
      );
      const archived = [a.signed.id, a.signedB.id, a.terminated.id, a.completed.id].sort();
      const ids = async (query: string) => (await listAll(u.clerk, `/contracts/archive?${query}`)).map((c) => c.id).sort();
      expect(await ids(`archivedFrom=${today}`)).toEqual(archived);
      expect(await ids(`archivedFrom=${today}&archivedTo=${tomorrow}`)).toEqual(archived);
      expect(await ids(`archivedTo=${today}`)).toEqual([]);
      expect(await ids(`archivedFrom=${tomorrow}`)).toEqual([]);
      expect((await get(u.clerk, '/contracts/archive?archivedFrom=2026-02-30')).status).toBe(400);

      const byNo = await listAll(u.clerk, '/contracts/archive?sort=archiveNo');
      expect(byNo.map((c) => c.archiveNo)).toEqual(byNo.map((c) => c.archiveNo).sort());
      const desc = await listAll(u.clerk, '/contracts/archive?sort=-archiveNo');
      expect(desc.map((c) => c.id)).toEqual(byNo.map((c) => c.id).reverse());
      const by = Object.fromEntries(byNo.map((c) => [c.id, (c as Contract & { archivedBy: string }).archivedBy]));
      expect(by).toEqual({ [a.signed.id]: u.clerk.id, [a.signedB.id]: u.clerk.id, [a.terminated.id]: u.asst.id, [a.completed.id]: u.asst.id });
    });

    it('the archive list keeps read scopes: a rep sees only their own, admin nothing', async () => {
      expect((await listAll(u.asst, '/contracts/archive')).length).toBe(4);
      expect((await listAll(u.r1, '/contracts/archive')).map((c) => c.id).sort()).toEqual([a.signed.id, a.signedB.id, a.terminated.id].sort());
      expect((await listAll(u.r2, '/contracts/archive')).map((c) => c.id)).toEqual([a.completed.id]);
      expect(await listAll(u.r3, '/contracts/archive')).toEqual([]);
      expect(await listAll(u.mm, '/contracts/archive')).toEqual([]);
      expect((await get(u.admin, '/contracts/archive')).status).toBe(403);
    });

    it('GET /contracts?awaitingArchive=true is the worklist: signed, completed or terminated and not yet filed', async () => {
      const rows: { id: string }[] = await t.ds.query(`SELECT id FROM contracts WHERE archived_at IS NULL AND status IN ('signed', 'completed', 'terminated')`);
      const awaiting = await listAll(u.clerk, '/contracts?awaitingArchive=true');
      expect(awaiting.map((c) => c.id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(awaiting.map((c) => c.id)).toContain(a.notArchived.id);
      expect(awaiting.every((c) => c.archiveNo === null && ['signed', 'completed', 'terminated'].includes(c.status))).toBe(true);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM contracts');
      const rest = await listAll(u.clerk, '/contracts?awaitingArchive=false');
      expect(rest.length + awaiting.length).toBe(n);
      expect(rest.map((c) => c.id)).toEqual(expect.arrayContaining([a.signed.id, a.terminated.id, a.completed.id]));
      expect(rest.map((c) => c.id)).not.toContain(a.notArchived.id);
      // with the other filters, and within the caller's scope
      const signedOnly = await listAll(u.clerk, '/contracts?awaitingArchive=true&status=signed');
      expect(signedOnly.map((c) => c.id)).toContain(a.notArchived.id);
      expect(signedOnly.every((c) => c.status === 'signed')).toBe(true);
      expect(await listAll(u.clerk, '/contracts?awaitingArchive=true&status=draft')).toEqual([]);
      // a rep's worklist is his own contracts only; filing takes a contract off it
      const fresh = await signed(u.r2, cR2);
      const r2Rows: { id: string }[] = await t.ds.query(
        `SELECT id FROM contracts WHERE owner_id = $1 AND archived_at IS NULL AND status IN ('signed', 'completed', 'terminated')`,
        [u.r2.id],
      );
      const r2Awaiting = (await listAll(u.r2, '/contracts?awaitingArchive=true')).map((c) => c.id).sort();
      expect(r2Awaiting).toEqual(r2Rows.map((r) => r.id).sort());
      expect(r2Awaiting).toContain(fresh.id);
      expect(r2Awaiting).not.toContain(a.notArchived.id);
      expect((await listAll(u.clerk, '/contracts?awaitingArchive=true')).map((c) => c.id)).toContain(fresh.id);
      expect((await post(u.asst, `/contracts/${fresh.id}/archive`, { location: '档案室 E 柜' })).status).toBe(200);
      expect((await listAll(u.clerk, '/contracts?awaitingArchive=true')).map((c) => c.id)).not.toContain(fresh.id);
      expect((await get(u.clerk, '/contracts?awaitingArchive=yes')).status).toBe(400);
    });
  });

  describe('read scopes', () => {
    const k: Record<string, Contract> = {};
    beforeAll(async () => {
      k.r1 = await draft(u.r1, cR1);
      k.r2 = await draft(u.r2, cR2);
      k.r3 = await draft(u.r3, cR3);
      k.sm1 = await draft(u.sm1, cR1);
      k.mkt = await draft(u.msup, cMkt);
      expect(k.mkt).toMatchObject({ department: 'market', ownerId: u.msup.id });
    });
    const owners = async (who: TestUser, query = '') => new Set((await listAll(who, `/contracts?${query}`)).map((c) => c.ownerId));

    it('a rep sees only their own; another rep’s is 404 and ?ownerId= never widens the scope', async () => {
      expect(await owners(u.r1)).toEqual(new Set([u.r1.id]));
      for (const other of [k.r2, k.r3, k.sm1, k.mkt]) {
        const res = await get(u.r1, `/contracts/${other.id}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await owners(u.r1, `ownerId=${u.r2.id}`)).size).toBe(0);
      expect((await owners(u.r1, `customerId=${cR2}`)).size).toBe(0);
      expect((await fetch(u.r1, k.r1.id)).id).toBe(k.r1.id);
    });

    it('the supervisor sees the team’s, not a rep outside the team nor the manager above', async () => {
      expect(await owners(u.ss)).toEqual(new Set([u.r1.id, u.r2.id]));
      expect((await fetch(u.ss, k.r2.id)).id).toBe(k.r2.id);
      expect((await get(u.ss, `/contracts/${k.r3.id}`)).status).toBe(404);
      expect((await get(u.ss, `/contracts/${k.sm1.id}`)).status).toBe(404);
    });

    it('the sales manager sees the department’s; the market manager only the market department’s', async () => {
      expect(await owners(u.sm1)).toEqual(new Set([u.r1.id, u.r2.id, u.r3.id, u.sm1.id]));
      expect((await get(u.sm1, `/contracts/${k.mkt.id}`)).status).toBe(404);
      expect(await owners(u.mm)).toEqual(new Set([u.msup.id]));
      expect((await get(u.mm, `/contracts/${k.r1.id}`)).status).toBe(404);
      expect(await owners(u.msup)).toEqual(new Set([u.msup.id]));
    });

    it('the clerk, the assistant and the gm see all; admin sees no business data', async () => {
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM contracts');
      expect(n).toBeLessThanOrEqual(100);
      for (const who of [u.clerk, u.asst, u.gm]) {
        const items = await listAll(who, '/contracts');
        expect(items).toHaveLength(n);
        expect(new Set(items.map((c) => c.ownerId))).toEqual(new Set([u.r1.id, u.r2.id, u.r3.id, u.sm1.id, u.msup.id]));
        expect((await fetch(who, k.mkt.id)).id).toBe(k.mkt.id);
      }
      for (const path of ['/contracts', `/contracts/${k.r1.id}`]) {
        const res = await get(u.admin, path);
        expect(res.status).toBe(403);
        expect(res.body.permission).toBe('contract.read');
      }
    });

    it('filters by status, customer and number', async () => {
      const drafts = await listAll(u.sm1, '/contracts?status=draft');
      expect(drafts.length).toBeGreaterThan(0);
      expect(drafts.every((c) => c.status === 'draft')).toBe(true);
      expect((await listAll(u.gm, `/contracts?customerId=${cMkt}`)).map((c) => c.id)).toEqual([k.mkt.id]);
      expect((await listAll(u.gm, `/contracts?q=${k.r3.number}`)).map((c) => c.id)).toEqual([k.r3.id]);
      expect((await get(u.gm, '/contracts?status=archived')).status).toBe(400);
    });
  });

  describe('audit', () => {
    it('create, submit, approve, sign, archive and terminate are recorded with their actors', async () => {
      const c = await signed(u.r2, cR2);
      expect((await post(u.clerk, `/contracts/${c.id}/archive`, { location: '档案室 D 柜' })).status).toBe(200);
      expect((await post(u.sm2, `/contracts/${c.id}/terminate`, { reason: '合同提前终止' })).status).toBe(200);
      const rows: { action: string; actor_id: string; after: { status: string } }[] = await t.ds.query(
        `SELECT action, actor_id, after FROM audit_log WHERE entity = 'contract' AND entity_id = $1 ORDER BY at, id`,
        [c.id],
      );
      expect(rows.map((r) => [r.action, r.actor_id, r.after.status])).toEqual([
        ['contract.create', u.r2.id, 'draft'],
        ['contract.submit', u.r2.id, 'pending_approval'],
        ['contract.approve', u.sm1.id, 'approved'],
        ['contract.sign', u.r2.id, 'signed'],
        ['contract.archive', u.clerk.id, 'signed'],
        ['contract.terminate', u.sm2.id, 'terminated'],
      ]);
      const [archive] = await t.ds.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'contract.archive'`, [c.id]);
      expect(archive.before.archiveNo).toBeNull();
      expect(archive.after.archiveNo).toBe(c.number.replace(/^HT-/, 'DA-'));

      const api = await get(u.gm, `/audit?entity=contract&entityId=${c.id}&pageSize=100`);
      expect(api.status).toBe(200);
      expect(api.body.items.map((r: { action: string }) => r.action).sort()).toEqual(rows.map((r) => r.action).sort());
    });

    it('a refused transition leaves no audit row', async () => {
      const c = await draft(u.r1, cR1);
      expect((await post(u.r1, `/contracts/${c.id}/sign`, { signedAt: '2026-11-20' })).status).toBe(409);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'contract' AND entity_id = $1 AND action <> 'contract.create'`, [c.id]);
      expect(n).toBe(0);
    });
  });
});
