import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { call, embeddedNotice, Processes, sleep, type Spawned } from './resilience-support';

/**
 * Revising the duty rules (SPEC §12; MKT-7/8, SAL-9/10, KA-7/8): the drafting department's 经理
 * drafts against the latest version and sees the diff, the impact and the invariants; the 总经理
 * approves (now or from a date) or rejects with a comment. An approved revision is in force on the
 * next request everywhere — here on two more app processes besides this one.
 */
describe('duty rule revisions (/duties/revisions)', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  const procs = new Processes();
  let a: Spawned | undefined;
  let b: Spawned | undefined;
  let repCustomer: string;

  const post = (who: TestUser, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (who: TestUser, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const today = () => new Date().toISOString().slice(0, 10);

  const NARROW = [
    { kind: 'grant.change', permission: 'customer.read', role: 'sales.manager', scope: 'own' },
    { kind: 'grant.change', permission: 'report.sales', role: 'sales.manager', scope: 'own' },
  ];

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    const admin = await adminToken(t);
    u.mm = await createUser(t, 'market.manager', { admin });
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.gm = await createUser(t, 'gm', { admin });
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.rep = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin, supervisorId: u.ss.id });
    const c = await post(u.clerk, '/customers', { name: '修订测试贸易有限公司', contactName: '联系人', contactPhone: '13766660001' });
    repCustomer = c.body.id;
    expect((await post(u.sm, `/customers/${repCustomer}/assign`, { ownerId: u.rep.id })).status).toBe(200);
    expect((await post(u.rep, '/visits', { customerId: repCustomer, visitedAt: new Date().toISOString(), method: 'in_person', purpose: '回访', summary: '了解客户需求' })).status).toBe(201);
    if (!t.embedded) {
      [a, b] = await Promise.all([procs.start(t.config.databaseUrl!), procs.start(t.config.databaseUrl!)]);
    }
  }, 180_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  it('only the drafting departments’ 经理 draft, and only their own rules; a draft shows its diff, impact and what it breaks', async () => {
    expect((await post(u.sm, '/duties/revisions', { title: 'x', changes: NARROW })).body.code).toBe('PERMISSION_DENIED');
    expect((await get(u.rep, '/duties/revisions')).body).toMatchObject({ items: [], total: 0 });
    const foreign = await post(u.km, '/duties/revisions', { title: '越权修订', changes: [{ kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' }] });
    expect([foreign.status, foreign.body.code, foreign.body.errors[0].field]).toEqual([422, 'DUTY_REVISION_CHANGE_INVALID', 'changes[0]']);
    const bad = await post(u.mm, '/duties/revisions', { title: '坏', changes: [{ kind: 'grant.explode' }] });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM duty_revisions`);
    expect(n).toBe(0);

    const draft = await post(u.mm, '/duties/revisions', { title: '销售部经理只查阅本人客户与报表', reason: '试行', changes: NARROW });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', baseVersion: 1, rules: ['MKT', 'SAL'], violations: [], actions: ['edit', 'submit', 'withdraw'] });
    expect(draft.body.diff.roles).toEqual([
      expect.objectContaining({ role: 'sales.manager', gained: [], lost: [], rescoped: [{ permission: 'customer.read', from: 'department', to: 'own' }, { permission: 'report.sales', from: 'department', to: 'own' }] }),
    ]);
    const [{ others }] = await t.ds.query(`SELECT count(*)::int AS others FROM customers WHERE department = 'sales' AND owner_id IS DISTINCT FROM $1`, [u.sm.id]);
    expect(draft.body.impact).toContainEqual(expect.objectContaining({ userId: u.sm.id, permission: 'customer.read', records: '客户', newlyVisible: 0, noLongerVisible: others }));
    expect(others).toBeGreaterThanOrEqual(1);
    // the 总经理 does not see another's draft
    expect((await get(u.gm, `/duties/revisions/${draft.body.id}`)).status).toBe(404);
    u.draftId = { id: draft.body.id } as never;
  });

  it('each invariant a drafter can reach is refused on submit, naming it; the draft itself is kept', async () => {
    const cases: [string, object[], string][] = [
      ['KA', [{ kind: 'grant.remove', permission: 'tier.approve', role: 'key_account.manager' }], 'APPROVAL_WITHOUT_HOLDER'],
      ['KA', [{ kind: 'grant.remove', permission: 'tier.approve', role: 'key_account.manager' }], 'DRAFTER_IS_APPROVER'],
      ['SAL', [{ kind: 'clause.withdraw', clauseId: 'SAL-7.3' }], 'GRANT_WITHOUT_CLAUSE'],
      ['SAL', [{ kind: 'grant.change', permission: 'visit.read', role: 'sales.rep', clauses: [] }], 'GRANT_WITHOUT_CLAUSE'],
    ];
    for (const [rule, changes, code] of cases) {
      const who = rule === 'KA' ? u.km : u.mm;
      const d = await post(who, '/duties/revisions', { title: `违反 ${code}`, changes });
      expect(d.status).toBe(201);
      expect(d.body.violations.map((v: { code: string }) => v.code)).toContain(code);
      const s = await post(who, `/duties/revisions/${d.body.id}/submit`, { version: d.body.version });
      expect({ code, status: s.status, problem: s.body.code, named: s.body.violations.map((v: { code: string }) => v.code) }).toEqual({ code, status: 422, problem: 'DUTY_REVISION_INVARIANTS', named: expect.arrayContaining([code]) });
      expect((await get(who, `/duties/revisions/${d.body.id}`)).body.status).toBe('draft');
      expect((await post(who, `/duties/revisions/${d.body.id}/withdraw`, { version: d.body.version })).status).toBe(200);
    }
    const empty = await post(u.mm, '/duties/revisions', { title: '空', changes: [] });
    expect((await post(u.mm, `/duties/revisions/${empty.body.id}/submit`, { version: 1 })).body.code).toBe('DUTY_REVISION_EMPTY');
    // a version past any integer column is a 400, not a database error
    const huge = await post(u.mm, `/duties/revisions/${empty.body.id}/withdraw`, { version: 1e308 });
    expect([huge.status, huge.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the 总经理 rejects with a comment; the drafter edits and submits again; the 总经理 approves — in force on the next request of every process', async () => {
    const id = (u.draftId as unknown as { id: string }).id;
    let r = await post(u.mm, `/duties/revisions/${id}/submit`, { version: 1 });
    expect([r.status, r.body.status]).toEqual([200, 'submitted']);
    const [task] = await t.ds.query(`SELECT kind, status FROM tasks WHERE assignee_id = $1 AND entity_id = $2`, [u.gm.id, id]);
    expect(task).toEqual({ kind: 'duty.revision', status: 'open' });
    expect((await post(u.gm, `/duties/revisions/${id}/reject`, { version: r.body.version })).status).toBe(400);
    r = await post(u.gm, `/duties/revisions/${id}/reject`, { version: r.body.version, comment: '请说明试行期限' });
    expect([r.status, r.body.status, r.body.decisionComment]).toEqual([200, 'rejected', '请说明试行期限']);
    r = await patch(u.mm, `/duties/revisions/${id}`, { version: r.body.version, title: '销售部经理只查阅本人客户与报表', reason: '试行三个月', changes: NARROW });
    expect([r.status, r.body.status]).toEqual([200, 'draft']);
    r = await post(u.mm, `/duties/revisions/${id}/submit`, { version: r.body.version });
    expect(r.body.actions).toEqual(['withdraw']);
    expect((await get(u.gm, `/duties/revisions/${id}`)).body.actions).toEqual(['approve', 'reject']);
    expect((await post(u.mm, `/duties/revisions/${id}/approve`, { version: r.body.version })).body.code).toBe('PERMISSION_DENIED');

    // before: the 经理 sees the rep's customer everywhere
    const before = await get(u.sm, `/reports/sales?period=month&date=${today()}`);
    expect(before.body.total.visits).toBe(1);
    if (a && b) for (const p of [a, b]) expect((await call(p.base, 'GET', `/api/v1/customers/${repCustomer}`, { token: u.sm.token })).ok).toBe(true);

    const approved = await post(u.gm, `/duties/revisions/${id}/approve`, { version: r.body.version, comment: '同意试行' });
    expect([approved.status, approved.body.status, approved.body.resultingVersion]).toEqual([200, 'approved', 2]);
    const [closed] = await t.ds.query(`SELECT status FROM tasks WHERE assignee_id = $1 AND entity_id = $2`, [u.gm.id, id]);
    expect(closed.status).toBe('done');

    // this process: at once — lists, single reads, reports and their exports alike
    expect((await get(u.sm, `/customers/${repCustomer}`)).status).toBe(404);
    expect((await get(u.sm, '/customers?pageSize=100')).body.items.map((c: { id: string }) => c.id)).not.toContain(repCustomer);
    expect((await get(u.sm, `/reports/sales?period=month&date=${today()}`)).body.total.visits).toBe(0);
    const csv = await get(u.sm, `/reports/sales?period=month&date=${today()}&format=csv`);
    expect(csv.text).not.toContain(u.rep.username);
    // the other processes: within a second, through the notification alone
    if (a && b) {
      for (const p of [a, b]) {
        const started = Date.now();
        let status = 0;
        while (Date.now() - started < 2000) {
          const res = await call(p.base, 'GET', `/api/v1/customers/${repCustomer}`, { token: u.sm.token });
          status = res.ok ? res.status : 0;
          if (status === 404) break;
          await sleep(50);
        }
        expect({ process: p.port, status, within: Date.now() - started < 1500 }).toEqual({ process: p.port, status: 404, within: true });
        const report = await call(p.base, 'GET', `/api/v1/reports/sales?period=month&date=${today()}`, { token: u.sm.token });
        expect(report.ok && report.body.total.visits).toBe(0);
        const versions = await call(p.base, 'GET', '/api/v1/duties', { token: u.rep.token });
        expect(versions.ok && versions.body.version).toBe(2);
      }
    } else {
      embeddedNotice(t, 'two app processes');
    }
    const listed = (await get(u.rep, '/duties/versions')).body.items[0];
    expect(listed).toMatchObject({ version: 2, title: '销售部经理只查阅本人客户与报表', inForce: true });
    expect(listed.approvedByName).toBeTruthy();
    const [audit] = await t.ds.query(`SELECT policy_version FROM audit_log WHERE action = 'duty-revision.approve' AND entity_id = $1`, [id]);
    expect(audit.policy_version).toBe(1);
  });

  it('a revision drafted on an older version cannot be submitted until saved again on the latest', async () => {
    const d = await post(u.mm, '/duties/revisions', { title: '业务员不再查阅合同', changes: [{ kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' }] });
    await t.ds.query(`UPDATE duty_revisions SET base_version = 1 WHERE id = $1`, [d.body.id]);
    const stale = await post(u.mm, `/duties/revisions/${d.body.id}/submit`, { version: d.body.version });
    expect([stale.status, stale.body.code, stale.body.latestVersion]).toEqual([409, 'DUTY_REVISION_STALE', 2]);
    const saved = await patch(u.mm, `/duties/revisions/${d.body.id}`, { version: d.body.version, title: '业务员不再查阅合同', changes: [{ kind: 'grant.remove', permission: 'contract.read', role: 'sales.rep' }] });
    expect(saved.body.baseVersion).toBe(2);
    const s = await post(u.mm, `/duties/revisions/${d.body.id}/submit`, { version: saved.body.version });
    expect(s.status).toBe(200);

    // approved from a later instant: nothing before it, everything after
    const tooEarly = await post(u.gm, `/duties/revisions/${d.body.id}/approve`, { version: s.body.version, effectiveFrom: '2020-01-01T00:00:00Z' });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([400, 'DUTY_REVISION_EFFECTIVE_TOO_EARLY']);
    const at = new Date(Date.now() + 2000);
    const ok = await post(u.gm, `/duties/revisions/${d.body.id}/approve`, { version: s.body.version, effectiveFrom: at.toISOString() });
    expect([ok.status, ok.body.resultingVersion, ok.body.effectiveFrom]).toEqual([200, 3, at.toISOString()]);
    expect((await get(u.rep, '/contracts')).status).toBe(200);
    if (a) expect((await call(a.base, 'GET', '/api/v1/contracts', { token: u.rep.token })).ok && 'ok').toBe('ok');
    await sleep(Math.max(0, at.getTime() - Date.now()) + 100);
    const refused = await get(u.rep, '/contracts');
    expect([refused.status, refused.body.policyVersion]).toEqual([403, 3]);
    expect(refused.body.detail).toContain('第 3 版');
    if (a) {
      const there = await call(a.base, 'GET', '/api/v1/contracts', { token: u.rep.token });
      expect(there.ok && [there.status, there.body.policyVersion]).toEqual([403, 3]);
    }
  });
});
