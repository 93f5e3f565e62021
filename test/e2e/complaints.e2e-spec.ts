import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 投诉 (SAL-8.5, SAL-4.5, KA-4.5, KA-5.6): routing by key-account status, the response deadline,
 * scopes, the state machine, compensation (赔偿) and its approval, SLA escalation and statistics.
 */
describe('complaints', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  /** general customers of rep r1 and rep r2; a key account (tier A, 12 h) of KA specialist ksp */
  let c1: string;
  let c2: string;
  let ka: string;

  const HOUR = 3_600_000;
  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));

  type Complaint = Record<string, any> & { id: string };
  const report = async (who: TestUser, customerId: string, severity = 'medium', description = '到货包装破损，三箱产品受潮'): Promise<Complaint> => {
    const res = await post(who, '/complaints', { customerId, channel: 'phone', category: 'product', severity, description });
    expect(res.status).toBe(201);
    return res.body;
  };
  const row = async (id: string) =>
    (await t.ds.query(`SELECT status, version, escalated, escalated_at, compensation_status, compensation_amount, resolution, satisfaction FROM complaints WHERE id = $1`, [id]))[0];
  const auditActions = async (id: string) =>
    (await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'complaint' AND entity_id = $1 ORDER BY id`, [id])) as { action: string; actor_id: string }[];
  const listIds = async (who: TestUser, query = '') => {
    const res = await get(who, `/complaints?pageSize=100${query}`);
    expect(res.status).toBe(200);
    return new Set<string>(res.body.items.map((c: Complaint) => c.id));
  };
  const resolveBody = (extra: object = {}) => ({ resolution: '补发三箱产品，运费由我方承担', measures: '更换承运商，包装增加防潮层', ...extra });

  const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.sm2 = await createUser(t, 'sales.manager', { admin });
    u.sa = await createUser(t, 'sales.assistant', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.r1 = await createUser(t, 'sales.rep', { admin });
    u.r2 = await createUser(t, 'sales.rep', { admin });
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.ksp = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id });
    u.ksp2 = await createUser(t, 'key_account.specialist', { admin });
    u.gm = await createUser(t, 'gm', { admin });
    u.msp = await createUser(t, 'market.specialist', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });

    const mkCustomer = async (name: string, phone: string, owner: TestUser) => {
      const c = await post(u.clerk, '/customers', { name, contactName: '联系人', contactPhone: phone });
      expect(c.status).toBe(201);
      expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
      return c.body.id as string;
    };
    c1 = await mkCustomer('杭州西湖龙井茶业有限公司', '13911110001', u.r1);
    c2 = await mkCustomer('苏州园林建材有限公司', '13911110002', u.r2);
    ka = await mkCustomer('上海浦江重工集团有限公司', '13911110003', u.r1);
    const tier = await post(u.km, '/key-accounts/tiers', { code: 'A', name: 'A 级大客户', rank: 1, minAnnualAmount: '5000000.00', visitIntervalDays: 30, complaintResponseHours: 12 });
    expect(tier.status).toBe(201);
    await t.ds.query(`UPDATE customers SET is_key_account = true, tier_code = 'A', department = 'key_account', owner_id = $2 WHERE id = $1`, [ka, u.ksp.id]);
  });
  afterAll(() => t?.close());

  describe('routing and the response deadline', () => {
    it('a general customer’s complaint goes to 销售部, owned by its reporter, with no tier', async () => {
      const c = await report(u.r1, c1, 'high');
      expect(c).toMatchObject({
        customerId: c1,
        channel: 'phone',
        category: 'product',
        severity: 'high',
        status: 'open',
        reporterId: u.r1.id,
        handlingDepartment: 'sales',
        tierCode: null,
        assigneeId: null,
        escalated: false,
        compensation: null,
        version: 1,
      });
      const db = await t.ds.query(`SELECT department, owner_id, tier_code FROM complaints WHERE id = $1`, [c.id]);
      expect(db).toEqual([{ department: 'sales', owner_id: u.r1.id, tier_code: null }]);
    });

    it('a key account’s complaint goes to 大客户部 with the tier code, whoever reports it', async () => {
      for (const who of [u.ksp, u.clerk, u.sa, u.ks]) {
        const c = await report(who, ka, 'low');
        expect(c).toMatchObject({ handlingDepartment: 'key_account', tierCode: 'A', reporterId: who.id, status: 'open' });
      }
    });

    it.each([
      ['critical', 4],
      ['high', 24],
      ['medium', 48],
      ['low', 72],
    ])('general customer, %s: due %i hours after it came in', async (severity, hours) => {
      const c = await report(u.r1, c1, severity);
      expect(c.responseHours).toBe(hours);
      expect(Date.parse(c.dueAt) - Date.parse(c.createdAt)).toBe(hours * HOUR);
      const [db] = await t.ds.query(`SELECT extract(epoch FROM due_at - created_at)::float8 AS s, response_hours FROM complaints WHERE id = $1`, [c.id]);
      expect(db).toEqual({ s: hours * 3600, response_hours: hours });
    });

    it.each([
      ['critical', 4],
      ['high', 12],
      ['medium', 12],
      ['low', 12],
    ])('key account of a 12-hour tier, %s: due %i hours after it came in', async (severity, hours) => {
      const c = await report(u.ksp, ka, severity);
      expect(c.tierCode).toBe('A');
      expect(c.responseHours).toBe(hours);
      expect(Date.parse(c.dueAt) - Date.parse(c.createdAt)).toBe(hours * HOUR);
    });

    it('a customer outside the reporter’s customer.read scope is 404, and nothing is created', async () => {
      const [{ n: before }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      for (const [who, customerId] of [
        [u.r1, c2],
        [u.r2, ka],
        [u.ksp2, ka],
      ] as const) {
        const res = await post(who, '/complaints', { customerId, channel: 'email', category: 'service', severity: 'low', description: '服务态度差' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      const missing = await post(u.clerk, '/complaints', { customerId: '00000000-0000-4000-8000-000000000001', channel: 'email', category: 'service', severity: 'low', description: 'x' });
      expect(missing.status).toBe(404);
      const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      expect(after).toBe(before);
    });

    it.each([
      ['an unknown channel', { channel: 'fax' }, 'channel'],
      ['an unknown category', { category: 'weather' }, 'category'],
      ['an unknown severity', { severity: 'urgent' }, 'severity'],
      ['an empty description', { description: '' }, 'description'],
      ['a description over 4000 characters', { description: '长'.repeat(4001) }, 'description'],
      ['a customerId that is not a UUID', { customerId: 'abc' }, 'customerId'],
      ['a server-owned status', { status: 'closed' }, 'status'],
      ['a server-owned department', { department: 'key_account' }, 'department'],
      ['a server-owned dueAt', { dueAt: '2099-01-01T00:00:00Z' }, 'dueAt'],
      ['a server-owned ownerId', { ownerId: '00000000-0000-4000-8000-000000000001' }, 'ownerId'],
      ['a server-owned escalated flag', { escalated: true }, 'escalated'],
    ])('400 for %s, naming the field, and nothing created', async (_name, extra, field) => {
      const [{ n: before }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      const res = await post(u.r1, '/complaints', { customerId: c1, channel: 'phone', category: 'product', severity: 'low', description: '漏发配件', ...extra });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      expect(after).toBe(before);
    });

    it('roles without complaint.create get 403 naming the permission', async () => {
      for (const who of [u.sm, u.km, u.gm, u.msp, u.mm, admin]) {
        const res = await post(who, '/complaints', { customerId: c1, channel: 'phone', category: 'product', severity: 'low', description: '漏发配件' });
        expect(res.status).toBe(403);
        expect(res.body.permission).toBe('complaint.create');
      }
    });
  });

  describe('scopes', () => {
    let r1c: Complaint;
    let r2c: Complaint;
    let kac: Complaint;
    beforeAll(async () => {
      r1c = await report(u.r1, c1, 'medium', '范围测试：业务员一的投诉');
      r2c = await report(u.r2, c2, 'medium', '范围测试：业务员二的投诉');
      kac = await report(u.ksp, ka, 'medium', '范围测试：大客户的投诉');
    });

    it('a rep reporter sees their own complaints; another rep gets 404 and does not list them', async () => {
      expect((await get(u.r1, `/complaints/${r1c.id}`)).status).toBe(200);
      const mine = await listIds(u.r1);
      expect(mine.has(r1c.id)).toBe(true);
      expect(mine.has(r2c.id)).toBe(false);
      expect(mine.has(kac.id)).toBe(false);
      const all = await get(u.r1, '/complaints?pageSize=100');
      expect(all.body.items.every((c: Complaint) => c.reporterId === u.r1.id)).toBe(true);

      const other = await get(u.r2, `/complaints/${r1c.id}`);
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('NOT_FOUND');
      expect((await listIds(u.r2)).has(r1c.id)).toBe(false);
      // a filter never widens the scope
      expect((await listIds(u.r2, `&customerId=${c1}`)).size).toBe(0);
    });

    it('sales.assistant and sales.manager see the sales department’s complaints, not key accounts’', async () => {
      for (const who of [u.sa, u.sm]) {
        const ids = await listIds(who);
        expect(ids.has(r1c.id)).toBe(true);
        expect(ids.has(r2c.id)).toBe(true);
        expect(ids.has(kac.id)).toBe(false);
        expect((await get(who, `/complaints/${r2c.id}`)).status).toBe(200);
        const ka404 = await get(who, `/complaints/${kac.id}`);
        expect(ka404.status).toBe(404);
        expect(ka404.body.code).toBe('NOT_FOUND');
      }
      const sm = await get(u.sm, '/complaints?pageSize=100');
      expect(sm.body.items.length).toBeGreaterThan(0);
      expect(sm.body.items.every((c: Complaint) => c.handlingDepartment === 'sales')).toBe(true);
      expect((await listIds(u.sm, '&department=key_account')).size).toBe(0);
    });

    it('key_account.supervisor and key_account.manager see only key_account’s complaints', async () => {
      for (const who of [u.ks, u.km]) {
        const res = await get(who, '/complaints?pageSize=100');
        expect(res.status).toBe(200);
        const ids = new Set(res.body.items.map((c: Complaint) => c.id));
        expect(ids.has(kac.id)).toBe(true);
        expect(ids.has(r1c.id)).toBe(false);
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items.every((c: Complaint) => c.handlingDepartment === 'key_account')).toBe(true);
        expect((await get(who, `/complaints/${kac.id}`)).status).toBe(200);
        expect((await get(who, `/complaints/${r1c.id}`)).status).toBe(404);
        expect((await listIds(who, '&department=sales')).size).toBe(0);
      }
    });

    it('a reporter always sees what they reported: a sales assistant reporting for a key account', async () => {
      const c = await report(u.sa, ka, 'medium', '助理代登记的大客户投诉');
      expect(c.handlingDepartment).toBe('key_account');
      expect((await get(u.sa, `/complaints/${c.id}`)).status).toBe(200);
      expect(await listIds(u.sa)).toContain(c.id);
      // …but handling it stays with 大客户部
      expect((await post(u.sa, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(404);
    });

    it('a KA specialist sees what they reported, not a colleague’s; a clerk reporter sees only their own', async () => {
      expect((await get(u.ksp, `/complaints/${kac.id}`)).status).toBe(200);
      expect((await get(u.ksp2, `/complaints/${kac.id}`)).status).toBe(404);
      expect((await listIds(u.ksp2)).size).toBe(0);
      const clerkList = await get(u.clerk, '/complaints?pageSize=100');
      expect(clerkList.body.total).toBeGreaterThan(0);
      expect(clerkList.body.items.every((c: Complaint) => c.reporterId === u.clerk.id)).toBe(true);
      expect((await get(u.clerk, `/complaints/${r1c.id}`)).status).toBe(404);
    });

    it('the 总经理 sees every complaint', async () => {
      const res = await get(u.gm, '/complaints?pageSize=100');
      expect(res.status).toBe(200);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      expect(res.body.total).toBe(n);
      const ids = new Set(res.body.items.map((c: Complaint) => c.id));
      for (const c of [r1c, r2c, kac]) expect(ids.has(c.id)).toBe(true);
      for (const c of [r1c, kac]) expect((await get(u.gm, `/complaints/${c.id}`)).status).toBe(200);
    });

    it('market roles and admin get 403 on complaints', async () => {
      for (const who of [u.msp, u.mm, admin]) {
        for (const path of ['/complaints', `/complaints/${r1c.id}`, '/complaints/stats']) {
          const res = await get(who, path);
          expect(res.status).toBe(403);
          expect(res.body.permission).toBe('complaint.read');
        }
        expect((await post(who, `/complaints/${r1c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(403);
      }
    });

    it('handling actions need complaint.handle (403) and the complaint in scope (404)', async () => {
      for (const who of [u.r1, u.clerk, u.ksp]) {
        const res = await post(who, `/complaints/${r1c.id}/assign`, { assigneeId: u.sa.id });
        expect(res.status).toBe(403);
        expect(res.body.permission).toBe('complaint.handle');
      }
      const crossSales = await post(u.sm, `/complaints/${kac.id}/assign`, { assigneeId: u.sm.id });
      expect(crossSales.status).toBe(404);
      const crossKa = await post(u.km, `/complaints/${r1c.id}/assign`, { assigneeId: u.km.id });
      expect(crossKa.status).toBe(404);
      expect(await row(kac.id)).toMatchObject({ status: 'open', version: 1 });
      expect(await row(r1c.id)).toMatchObject({ status: 'open', version: 1 });
    });

    it('list filters narrow within the scope', async () => {
      const crit = await get(u.sm, '/complaints?pageSize=100&severity=critical');
      expect(crit.status).toBe(200);
      expect(crit.body.items.length).toBeGreaterThan(0);
      expect(crit.body.items.every((c: Complaint) => c.severity === 'critical' && c.handlingDepartment === 'sales')).toBe(true);
      const byCustomer = await get(u.sm, `/complaints?pageSize=100&customerId=${c2}`);
      expect(byCustomer.body.items.map((c: Complaint) => c.id)).toEqual([r2c.id]);
      expect((await get(u.sm, '/complaints?status=bogus')).status).toBe(400);
      expect((await get(u.sm, '/complaints?escalated=yes')).status).toBe(400);
      expect((await get(u.sm, '/complaints/not-a-uuid')).status).toBe(400);
    });
  });

  describe('the whole path: assign, resolve with compensation, approve, close', () => {
    it('销售部: manager assigns to the assistant, proposes 赔偿, another manager approves, the assistant closes', async () => {
      const c = await report(u.r1, c1, 'high', '主流程：产品批次质量问题');

      const assigned = await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'in_progress', assigneeId: u.sa.id, version: 2 });
      const cause = `complaint:${c.id}:assigned:${u.sa.id}`;
      expect(await t.ds.query(`SELECT assignee_id, kind, entity, entity_id, status FROM tasks WHERE cause_key = $1`, [cause])).toEqual([
        { assignee_id: u.sa.id, kind: 'complaint.assigned', entity: 'complaint', entity_id: c.id, status: 'open' },
      ]);
      const myTasks = await get(u.sa, '/me/tasks?pageSize=100');
      expect(myTasks.status).toBe(200);
      expect(myTasks.body.items.some((x: { kind: string; entityId?: string }) => x.kind === 'complaint.assigned')).toBe(true);
      // the assignee now has it in view (department scope) and the assignee filter finds it
      expect((await listIds(u.sa, `&assigneeId=${u.sa.id}`)).has(c.id)).toBe(true);

      const resolved = await post(u.sm, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: '1200.5' }));
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        resolution: '补发三箱产品，运费由我方承担',
        measures: '更换承运商，包装增加防潮层',
        resolvedBy: u.sm.id,
        compensation: { amount: '1200.50', status: 'proposed', proposedBy: u.sm.id, approvedBy: null, approvedAt: null },
        version: 3,
      });
      expect(resolved.body.resolvedAt).not.toBeNull();
      expect(await t.ds.query(`SELECT status FROM tasks WHERE cause_key = $1`, [cause])).toEqual([{ status: 'done' }]);

      const approved = await post(u.sm2, `/complaints/${c.id}/compensation/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body.compensation).toMatchObject({ amount: '1200.50', status: 'approved', proposedBy: u.sm.id, approvedBy: u.sm2.id });
      expect(approved.body.compensation.approvedAt).not.toBeNull();
      expect(approved.body.status).toBe('resolved');

      const closed = await post(u.sa, `/complaints/${c.id}/close`, { satisfaction: 4 });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 4, version: 5 });
      expect(closed.body.closedAt).not.toBeNull();

      const after = await get(u.r1, `/complaints/${c.id}`);
      expect(after.body).toMatchObject({ status: 'closed', satisfaction: 4, compensation: { status: 'approved', amount: '1200.50' } });

      expect(await auditActions(c.id)).toEqual([
        { action: 'complaint.create', actor_id: u.r1.id },
        { action: 'complaint.assign', actor_id: u.sm.id },
        { action: 'complaint.resolve', actor_id: u.sm.id },
        { action: 'complaint.approve-compensation', actor_id: u.sm2.id },
        { action: 'complaint.close', actor_id: u.sa.id },
      ]);
      const [closeAudit] = await t.ds.query(`SELECT before, after FROM audit_log WHERE entity = 'complaint' AND entity_id = $1 AND action = 'complaint.close'`, [c.id]);
      expect(closeAudit.before).toMatchObject({ status: 'resolved', satisfaction: null });
      expect(closeAudit.after).toMatchObject({ status: 'closed', satisfaction: 4 });
      // the audit endpoint shows the same trail to the 总经理
      const audit = await get(u.gm, `/audit?entity=complaint&entityId=${c.id}`);
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(5);
    });

    it('大客户部: the supervisor handles and proposes, the 大客户经理 approves; reopen and resolve again', async () => {
      const c = await report(u.ksp, ka, 'critical', '主流程：大客户设备停机');
      expect((await post(u.ks, `/complaints/${c.id}/assign`, { assigneeId: u.ks.id })).status).toBe(200);
      const r1 = await post(u.ks, `/complaints/${c.id}/resolve`, resolveBody());
      expect(r1.status).toBe(200);
      expect(r1.body).toMatchObject({ status: 'resolved', compensation: null });

      const reopened = await post(u.km, `/complaints/${c.id}/reopen`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null, resolvedBy: null });

      const r2 = await post(u.ks, `/complaints/${c.id}/resolve`, resolveBody({ resolution: '派工程师现场更换主板', compensationAmount: '8000.00' }));
      expect(r2.status).toBe(200);
      expect(r2.body).toMatchObject({ status: 'resolved', resolution: '派工程师现场更换主板', compensation: { amount: '8000.00', status: 'proposed', proposedBy: u.ks.id } });

      const approve = await post(u.km, `/complaints/${c.id}/compensation/approve`);
      expect(approve.status).toBe(200);
      expect(approve.body.compensation).toMatchObject({ status: 'approved', approvedBy: u.km.id });
      // an approved compensation is never replaced by a later proposal
      expect((await post(u.ks, `/complaints/${c.id}/reopen`)).status).toBe(200);
      const again = await post(u.ks, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: '9000.00' }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('COMPLAINT_COMPENSATION_EXISTS');
      expect(await row(c.id)).toMatchObject({ status: 'in_progress', compensation_status: 'approved', compensation_amount: '8000.00' });
      expect((await post(u.ks, `/complaints/${c.id}/resolve`, resolveBody())).status).toBe(200);
      const closed = await post(u.ks, `/complaints/${c.id}/close`, { satisfaction: 5 });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 5, reopenCount: 2, compensation: { amount: '8000.00', status: 'approved' } });
      expect((await auditActions(c.id)).map((a) => a.action)).toEqual([
        'complaint.create',
        'complaint.assign',
        'complaint.resolve',
        'complaint.reopen',
        'complaint.resolve',
        'complaint.approve-compensation',
        'complaint.reopen',
        'complaint.resolve',
        'complaint.close',
      ]);
    });

    it('a complaint without compensation closes straight after resolution', async () => {
      const c = await report(u.r1, c1, 'low');
      expect((await post(u.sa, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sa, `/complaints/${c.id}/resolve`, resolveBody())).status).toBe(200);
      const closed = await post(u.sm, `/complaints/${c.id}/close`, { satisfaction: 1 });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 1, compensation: null });
    });

    it('assignment: reassigning while in progress is allowed; the assignee must handle complaints in the same department', async () => {
      const c = await report(u.r1, c1, 'medium');
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      const again = await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sm2.id });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'in_progress', assigneeId: u.sm2.id });
      for (const who of [u.r1, u.km, u.clerk, u.gm, '00000000-0000-4000-8000-000000000009']) {
        const assigneeId = typeof who === 'string' ? who : who.id;
        const res = await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('ASSIGNEE_INVALID');
      }
      expect(await row(c.id)).toMatchObject({ status: 'in_progress', version: 3 });
      const wrong = await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.r1.id });
      expect(wrong.body.errors).toEqual([{ field: 'assigneeId', message: expect.any(String) }]);
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: 'nobody' })).status).toBe(400);
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id, status: 'closed' })).status).toBe(400);
    });
  });

  describe('forbidden transitions are 409 COMPLAINT_INVALID_TRANSITION and change nothing', () => {
    const attempt = async (id: string, action: string) => {
      const before = await row(id);
      const body = action === 'assign' ? { assigneeId: u.sa.id } : action === 'resolve' ? resolveBody() : action === 'close' ? { satisfaction: 3 } : {};
      const res = await post(u.sm, `/complaints/${id}/${action}`, body);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 409, code: 'COMPLAINT_INVALID_TRANSITION' });
      expect(await row(id)).toEqual(before);
    };

    it('from open: resolve, reopen, close', async () => {
      const c = await report(u.r1, c1);
      for (const action of ['resolve', 'reopen', 'close']) await attempt(c.id, action);
      expect((await row(c.id)).status).toBe('open');
    });

    it('from in_progress: reopen, close', async () => {
      const c = await report(u.r1, c1);
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      for (const action of ['reopen', 'close']) await attempt(c.id, action);
    });

    it('from resolved: assign, resolve', async () => {
      const c = await report(u.r1, c1);
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sm, `/complaints/${c.id}/resolve`, resolveBody())).status).toBe(200);
      for (const action of ['assign', 'resolve']) await attempt(c.id, action);
    });

    it('from closed: assign, resolve, reopen, close', async () => {
      const c = await report(u.r1, c1);
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sm, `/complaints/${c.id}/resolve`, resolveBody())).status).toBe(200);
      expect((await post(u.sm, `/complaints/${c.id}/close`, { satisfaction: 3 })).status).toBe(200);
      for (const action of ['assign', 'resolve', 'reopen', 'close']) await attempt(c.id, action);
      expect((await row(c.id)).status).toBe('closed');
    });
  });

  describe('compensation (赔偿)', () => {
    const inProgress = async (severity = 'high') => {
      const c = await report(u.r1, c1, severity, '赔偿测试');
      expect((await post(u.sm, `/complaints/${c.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      return c;
    };
    const proposed = async (amount: string, by: TestUser = u.sm) => {
      const c = await inProgress();
      const res = await post(by, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: amount }));
      expect(res.status).toBe(200);
      expect(res.body.compensation).toMatchObject({ status: 'proposed', proposedBy: by.id });
      return c;
    };

    it('a compensation of 0.00 is 400, not silently dropped', async () => {
      const c = await inProgress();
      const before = await row(c.id);
      const res = await post(u.sm, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: '0.00' }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['compensationAmount']);
      expect(await row(c.id)).toEqual(before);
    });

    it('a sales.assistant proposing compensation gets 403 COMPLAINT_COMPENSATION_FORBIDDEN, and nothing changes', async () => {
      const c = await inProgress();
      const before = await row(c.id);
      const auditBefore = await auditActions(c.id);
      const res = await post(u.sa, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: '300.00' }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('COMPLAINT_COMPENSATION_FORBIDDEN');
      expect(await row(c.id)).toEqual(before);
      expect(before).toMatchObject({ status: 'in_progress', compensation_status: 'none', compensation_amount: null, resolution: null });
      expect(await auditActions(c.id)).toEqual(auditBefore);
      // without a compensation the assistant may resolve it
      const ok = await post(u.sa, `/complaints/${c.id}/resolve`, resolveBody());
      expect(ok.status).toBe(200);
      expect(ok.body.compensation).toBeNull();
    });

    it.each([
      ['more than two decimals', '12.345'],
      ['a negative amount', '-5.00'],
      ['a number instead of a string', 12.5],
      ['above the column range', '1000000000000.00'],
    ])('400 for a compensation amount with %s', async (_name, amount) => {
      const c = await inProgress();
      const res = await post(u.sm, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: amount }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('compensationAmount');
      expect((await row(c.id)).status).toBe('in_progress');
    });

    it('the proposer may not approve (403 COMPLAINT_COMPENSATION_SELF_APPROVAL); another manager below the threshold may', async () => {
      const c = await proposed('49999.99');
      const self = await post(u.sm, `/complaints/${c.id}/compensation/approve`);
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('COMPLAINT_COMPENSATION_SELF_APPROVAL');
      expect(await row(c.id)).toMatchObject({ compensation_status: 'proposed' });
      const ok = await post(u.sm2, `/complaints/${c.id}/compensation/approve`);
      expect(ok.status).toBe(200);
      expect(ok.body.compensation).toMatchObject({ amount: '49999.99', status: 'approved', approvedBy: u.sm2.id });
      // approving twice: nothing left to approve
      const twice = await post(u.gm, `/complaints/${c.id}/compensation/approve`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('COMPLAINT_NO_COMPENSATION');
    });

    it.each(['50000.00', '50000.01', '120000.00'])('%s (at or above 50000.00) needs the 总经理: a manager gets 403 COMPLAINT_COMPENSATION_GM', async (amount) => {
      const c = await proposed(amount);
      const res = await post(u.sm2, `/complaints/${c.id}/compensation/approve`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('COMPLAINT_COMPENSATION_GM');
      expect(await row(c.id)).toMatchObject({ compensation_status: 'proposed' });
      const gm = await post(u.gm, `/complaints/${c.id}/compensation/approve`);
      expect(gm.status).toBe(200);
      expect(gm.body.compensation).toMatchObject({ amount, status: 'approved', approvedBy: u.gm.id });
    });

    it('a key-account compensation: the supervisor proposes, the 大客户经理 approves; 销售部 cannot reach it', async () => {
      const c = await report(u.ksp, ka, 'high', '大客户赔偿');
      expect((await post(u.ks, `/complaints/${c.id}/assign`, { assigneeId: u.ks.id })).status).toBe(200);
      expect((await post(u.ks, `/complaints/${c.id}/resolve`, resolveBody({ compensationAmount: '50000.00' }))).status).toBe(200);
      const ksSelf = await post(u.ks, `/complaints/${c.id}/compensation/approve`);
      expect(ksSelf.status).toBe(403);
      expect(ksSelf.body.permission).toBe('complaint.approve_compensation');
      expect((await post(u.sm, `/complaints/${c.id}/compensation/approve`)).status).toBe(404);
      const km = await post(u.km, `/complaints/${c.id}/compensation/approve`);
      expect(km.status).toBe(403);
      expect(km.body.code).toBe('COMPLAINT_COMPENSATION_GM');
      expect((await post(u.gm, `/complaints/${c.id}/compensation/approve`)).status).toBe(200);
      expect(await row(c.id)).toMatchObject({ compensation_status: 'approved', compensation_amount: '50000.00' });
    });

    it('a complaint without a proposal has nothing to approve (409); roles without the grant get 403', async () => {
      const c = await inProgress();
      const res = await post(u.sm, `/complaints/${c.id}/compensation/approve`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('COMPLAINT_NO_COMPENSATION');
      for (const who of [u.sa, u.r1, u.clerk]) {
        const denied = await post(who, `/complaints/${c.id}/compensation/approve`);
        expect(denied.status).toBe(403);
        expect(denied.body.permission).toBe('complaint.approve_compensation');
      }
    });

    it('close is refused (409 COMPLAINT_COMPENSATION_PENDING) while compensation awaits approval', async () => {
      const c = await proposed('800.00');
      const before = await row(c.id);
      const res = await post(u.sa, `/complaints/${c.id}/close`, { satisfaction: 3 });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('COMPLAINT_COMPENSATION_PENDING');
      expect(await row(c.id)).toEqual(before);
      expect((await post(u.sm2, `/complaints/${c.id}/compensation/approve`)).status).toBe(200);
      const closed = await post(u.sa, `/complaints/${c.id}/close`, { satisfaction: 3 });
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');
    });

    it.each([
      ['0', 0],
      ['6', 6],
      ['2.5', 2.5],
      ['a string', '3'],
      ['missing', undefined],
    ])('satisfaction %s is 400 and the complaint stays resolved', async (_name, satisfaction) => {
      const c = await inProgress();
      expect((await post(u.sa, `/complaints/${c.id}/resolve`, resolveBody())).status).toBe(200);
      const res = await post(u.sa, `/complaints/${c.id}/close`, satisfaction === undefined ? {} : { satisfaction });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('satisfaction');
      expect(await row(c.id)).toMatchObject({ status: 'resolved', satisfaction: null });
    });
  });

  describe('complaints.sla-escalation', () => {
    const today = shanghaiToday();
    const d1 = addDays(today, -1);
    const d2 = addDays(today, -2);
    const d3 = addDays(today, -3);
    let eS: Complaint; // sales, open, past due
    let eK: Complaint; // key account, in progress, past due
    let eR: Complaint; // sales, resolved, past due
    let eF: Complaint; // sales, open, not yet due
    let eP: Complaint; // sales, open, due at noon the day before yesterday
    const run = (asOf?: string) => post(admin, '/jobs/complaints.sla-escalation/run', asOf ? { asOf } : {});
    const escalationTasks = async () =>
      (await t.ds.query(
        `SELECT entity_id, assignee_id, count(*)::int AS n FROM tasks WHERE kind = 'complaint.escalated' GROUP BY entity_id, assignee_id ORDER BY entity_id, assignee_id`,
      )) as { entity_id: string; assignee_id: string; n: number }[];
    const expectedTasks = () =>
      [
        ...[u.sm, u.sm2].flatMap((m) => [eS, eP].map((c) => ({ entity_id: c.id, assignee_id: m.id, n: 1 }))),
        { entity_id: eK.id, assignee_id: u.km.id, n: 1 },
      ].sort((a, b) => (a.entity_id + a.assignee_id < b.entity_id + b.assignee_id ? -1 : 1));

    beforeAll(async () => {
      // nothing else in this file is past due: only what this block sets up can be escalated
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM complaints WHERE status IN ('open','in_progress') AND due_at < now() + interval '1 hour'`);
      expect(n).toBe(0);
      eS = await report(u.r1, c1, 'high', '升级测试：超时未处理');
      eK = await report(u.ksp, ka, 'high', '升级测试：大客户超时');
      expect((await post(u.ks, `/complaints/${eK.id}/assign`, { assigneeId: u.ks.id })).status).toBe(200);
      eR = await report(u.r1, c1, 'high', '升级测试：已解决');
      expect((await post(u.sm, `/complaints/${eR.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sa, `/complaints/${eR.id}/resolve`, resolveBody())).status).toBe(200);
      eF = await report(u.r1, c1, 'critical', '升级测试：尚未到期');
      eP = await report(u.r1, c1, 'low', '升级测试：前天到期');
      await t.ds.query(`UPDATE complaints SET due_at = now() - interval '1 hour' WHERE id = ANY($1)`, [[eS.id, eK.id, eR.id]]);
      await t.ds.query(`UPDATE complaints SET due_at = $2::timestamptz WHERE id = $1`, [eP.id, `${d2}T12:00:00+08:00`]);
    });

    it('a run for a past day checks the end of that day', async () => {
      const res = await run(d2);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job: 'complaints.sla-escalation', slot: `${d2}T24:00`, asOf: d2, status: 'succeeded' });
      expect(res.body.summary).toMatchObject({ escalated: 1, tasks: 2, checkedAt: `${d2}T16:00:00.000Z` });
      expect(await row(eP.id)).toMatchObject({ escalated: true });
      expect(await row(eS.id)).toMatchObject({ escalated: false });
    });

    it('a run for today escalates open and in-progress complaints past due, with a task per manager of the handling department', async () => {
      const res = await run();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ asOf: today, status: 'succeeded', summary: { escalated: 2, tasks: 3 } });
      expect(res.body.slot).toMatch(new RegExp(`^${today}T\\d{2}:(00|15|30|45)$`));
      for (const c of [eS, eK, eP]) expect(await row(c.id)).toMatchObject({ escalated: true });
      for (const c of [eR, eF]) expect(await row(c.id)).toMatchObject({ escalated: false, escalated_at: null });
      expect(await escalationTasks()).toEqual(expectedTasks());
      // the API shows it and filters by it, within each reader's scope
      const one = await get(u.sm, `/complaints/${eS.id}`);
      expect(one.body).toMatchObject({ escalated: true, status: 'open' });
      expect(one.body.escalatedAt).not.toBeNull();
      expect(await listIds(u.gm, '&escalated=true')).toEqual(new Set([eS.id, eK.id, eP.id]));
      expect(await listIds(u.sm, '&escalated=true')).toEqual(new Set([eS.id, eP.id]));
      expect(await listIds(u.km, '&escalated=true')).toEqual(new Set([eK.id]));
    });

    it('escalates exactly once: later runs and other slots add nothing and keep escalated_at', async () => {
      const stamps = async () => Promise.all([eS, eK, eP].map(async (c) => ((await row(c.id)).escalated_at as Date).toISOString()));
      const before = await stamps();
      const versions = await Promise.all([eS, eK, eP].map(async (c) => (await row(c.id)).version));

      const again = await run(today);
      expect(again.status).toBe(200);
      // the same quarter hour is skipped; should the clock have crossed into the next one, that run finds nothing new
      if (again.body.status === 'skipped') expect(again.body.reason).toBe('already_ran');
      else expect(again.body).toMatchObject({ status: 'succeeded', summary: { escalated: 0, tasks: 0 } });

      const sameSlot = await run(d2);
      expect(sameSlot.body).toMatchObject({ status: 'skipped', reason: 'already_ran', slot: `${d2}T24:00` });
      for (const day of [d1, d3]) {
        const res = await run(day);
        expect(res.body).toMatchObject({ status: 'succeeded', slot: `${day}T24:00`, summary: { escalated: 0, tasks: 0 } });
      }

      expect(await stamps()).toEqual(before);
      expect(await Promise.all([eS, eK, eP].map(async (c) => (await row(c.id)).version))).toEqual(versions);
      expect(await escalationTasks()).toEqual(expectedTasks());
      const runs = await t.ds.query(`SELECT slot, status FROM job_runs WHERE job = 'complaints.sla-escalation' AND slot LIKE '%T24:00' ORDER BY slot`);
      expect(runs).toEqual([d3, d2, d1].map((d) => ({ slot: `${d}T24:00`, status: 'succeeded' })));
    });

    it('?overdue= lists what is past its deadline and unresolved (a resolved one past due is not), within the scope', async () => {
      expect(await listIds(u.gm, '&overdue=true')).toEqual(new Set([eS.id, eK.id, eP.id]));
      expect(await listIds(u.sm, '&overdue=true')).toEqual(new Set([eS.id, eP.id]));
      expect(await listIds(u.km, '&overdue=true')).toEqual(new Set([eK.id]));
      const notLate = await listIds(u.gm, '&overdue=false');
      for (const c of [eR, eF]) expect(notLate.has(c.id)).toBe(true);
      for (const c of [eS, eK, eP]) expect(notLate.has(c.id)).toBe(false);
      expect(await listIds(u.sm, '&overdue=true&severity=low')).toEqual(new Set([eP.id]));
      const bad = await get(u.sm, '/complaints?overdue=yes');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'overdue' })]);
    });

    it('the job is listed with its 15-minute schedule', async () => {
      const res = await get(admin, '/jobs');
      const job = res.body.items.find((j: { name: string }) => j.name === 'complaints.sla-escalation');
      expect(job).toMatchObject({ schedule: '*/15 * * * *' });
      expect(job.lastRun).toMatchObject({ status: 'succeeded' });
    });
  });

  describe('statistics', () => {
    const day = '2026-03-10';
    const at = (hhmm: string, date = day) => `${date}T${hhmm}:00+08:00`;
    let S1: Complaint, S2: Complaint, S3: Complaint, S4: Complaint, S5: Complaint, K1: Complaint, K2: Complaint;
    const stats = (who: TestUser | string, query = `?from=${day}&to=${day}`) => get(who, `/complaints/stats${query}`);
    const setTimes = (c: Complaint, createdAt: string, dueAt: string, resolvedAt: string | null = null) =>
      t.ds.query(`UPDATE complaints SET created_at = $2::timestamptz, due_at = $3::timestamptz, resolved_at = COALESCE($4::timestamptz, resolved_at) WHERE id = $1`, [c.id, createdAt, dueAt, resolvedAt]);

    beforeAll(async () => {
      // 销售部 (r1 reports S1–S3, r2 reports S4 and S5)
      S1 = await report(u.r1, c1, 'high', '统计：未处理');
      S2 = await report(u.r1, c1, 'high', '统计：已解决，赔偿待批');
      expect((await post(u.sm, `/complaints/${S2.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sm, `/complaints/${S2.id}/resolve`, resolveBody({ compensationAmount: '500.00' }))).status).toBe(200);
      S3 = await report(u.r1, c1, 'critical', '统计：已关闭，赔偿已批');
      expect((await post(u.sm, `/complaints/${S3.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      expect((await post(u.sm, `/complaints/${S3.id}/resolve`, resolveBody({ compensationAmount: '1000.00' }))).status).toBe(200);
      expect((await post(u.sm2, `/complaints/${S3.id}/compensation/approve`)).status).toBe(200);
      expect((await post(u.sa, `/complaints/${S3.id}/close`, { satisfaction: 2 })).status).toBe(200);
      S4 = await report(u.r2, c2, 'medium', '统计：处理中');
      expect((await post(u.sm, `/complaints/${S4.id}/assign`, { assigneeId: u.sa.id })).status).toBe(200);
      S5 = await report(u.r2, c2, 'high', '统计：前一天的');
      // 大客户部 (ksp reports)
      K1 = await report(u.ksp, ka, 'high', '统计：大客户已关闭');
      expect((await post(u.ks, `/complaints/${K1.id}/assign`, { assigneeId: u.ks.id })).status).toBe(200);
      expect((await post(u.ks, `/complaints/${K1.id}/resolve`, resolveBody({ compensationAmount: '2000.00' }))).status).toBe(200);
      expect((await post(u.km, `/complaints/${K1.id}/compensation/approve`)).status).toBe(200);
      expect((await post(u.ks, `/complaints/${K1.id}/close`, { satisfaction: 5 })).status).toBe(200);
      K2 = await report(u.ksp, ka, 'high', '统计：大客户未处理');

      await setTimes(S1, at('10:00'), at('10:00', '2026-03-11')); // open, overdue now → breached
      await setTimes(S2, at('10:00'), at('10:00', '2026-03-11'), at('14:00')); // 4 h, in time
      await setTimes(S3, at('10:00'), at('14:00'), at('20:00')); // 10 h, late → breached
      await setTimes(S4, at('00:00'), at('00:00', '2026-03-12')); // first instant of the day; in progress, overdue now → breached
      await setTimes(S5, at('23:59', '2026-03-09'), at('23:59', '2026-03-10')); // the day before
      await setTimes(K1, at('08:00'), at('20:00'), at('14:00')); // 6 h, in time
      await setTimes(K2, at('08:00'), at('20:00')); // open, overdue now → breached
    });

    const zero = { open: 0, inProgress: 0, resolved: 0, closed: 0, escalated: 0 };

    it('a sales manager: the sales department only — counts, average hours, breach rate, approved compensation', async () => {
      const res = await stats(u.sm);
      expect(res.status).toBe(200);
      const expected = { ...zero, total: 4, open: 1, inProgress: 1, resolved: 1, closed: 1, averageResolutionHours: '7.00', slaBreached: 3, slaBreachRate: '0.7500', compensationTotal: '1000.00' };
      expect(res.body).toEqual({ from: day, to: day, byDepartment: [{ department: 'sales', ...expected }], total: expected });
    });

    it('the 总经理: both departments and the total', async () => {
      const res = await stats(u.gm);
      expect(res.status).toBe(200);
      expect(res.body.byDepartment.map((d: { department: string }) => d.department)).toEqual(['key_account', 'sales']);
      expect(res.body.byDepartment[0]).toEqual({
        department: 'key_account',
        ...zero,
        total: 2,
        open: 1,
        closed: 1,
        averageResolutionHours: '6.00',
        slaBreached: 1,
        slaBreachRate: '0.5000',
        compensationTotal: '2000.00',
      });
      expect(res.body.total).toEqual({ ...zero, total: 6, open: 2, inProgress: 1, resolved: 1, closed: 2, averageResolutionHours: '6.67', slaBreached: 4, slaBreachRate: '0.6667', compensationTotal: '3000.00' });
    });

    it('a rep’s statistics cover only the complaints they reported', async () => {
      const r1 = await stats(u.r1);
      expect(r1.status).toBe(200);
      expect(r1.body.total).toEqual({ ...zero, total: 3, open: 1, resolved: 1, closed: 1, averageResolutionHours: '7.00', slaBreached: 2, slaBreachRate: '0.6667', compensationTotal: '1000.00' });
      const r2 = await stats(u.r2);
      expect(r2.body.total).toEqual({ ...zero, total: 1, inProgress: 1, averageResolutionHours: null, slaBreached: 1, slaBreachRate: '1.0000', compensationTotal: '0.00' });
    });

    it('the KA supervisor and manager see 大客户部 only', async () => {
      for (const who of [u.ks, u.km]) {
        const res = await stats(who);
        expect(res.status).toBe(200);
        expect(res.body.byDepartment.map((d: { department: string }) => d.department)).toEqual(['key_account']);
        expect(res.body.total).toEqual({ ...zero, total: 2, open: 1, closed: 1, averageResolutionHours: '6.00', slaBreached: 1, slaBreachRate: '0.5000', compensationTotal: '2000.00' });
      }
    });

    it('from/to select by the Beijing day the complaint came in', async () => {
      const before = await stats(u.gm, '?from=2026-03-09&to=2026-03-09');
      expect(before.body.total).toMatchObject({ total: 1, open: 1 });
      expect(before.body.byDepartment).toEqual([expect.objectContaining({ department: 'sales', total: 1 })]);
      const both = await stats(u.sm, '?from=2026-03-09&to=2026-03-10');
      expect(both.body.total.total).toBe(5);
      const none = await stats(u.clerk);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({
        from: day,
        to: day,
        byDepartment: [],
        total: { ...zero, total: 0, averageResolutionHours: null, slaBreached: 0, slaBreachRate: null, compensationTotal: '0.00' },
      });
    });

    it('without a range it covers everything in scope', async () => {
      const res = await stats(u.gm, '');
      expect(res.status).toBe(200);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM complaints');
      expect(res.body.total.total).toBe(n);
      expect(res.body).toMatchObject({ from: null, to: null });
      const rate = res.body.total.slaBreachRate;
      expect(rate).toMatch(/^[01]\.\d{4}$/);
    });

    it('400 for a bad date; 403 for roles without complaint.read', async () => {
      expect((await stats(u.sm, '?from=2026-02-30')).status).toBe(400);
      expect((await stats(u.sm, '?to=tomorrow')).status).toBe(400);
      for (const who of [u.msp, u.mm, admin]) expect((await stats(who)).status).toBe(403);
    });
  });
});
