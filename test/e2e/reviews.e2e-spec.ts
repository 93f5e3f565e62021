import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, loginToken, TestUser, USER_PASSWORD } from '../setup/users';

/**
 * 绩效考核 (SAL-4.9, MKT-4.7, KA-4.8, SAL-5.4; SPEC §11): a department's weighted scheme, drafted by
 * its 经理 and usable only once the 总经理 (never its drafter) approves it; reviews of subordinates
 * pre-filled with the figures the records give for the period (in Beijing time), scored by the
 * reviewer, seen by the reviewee once submitted, confirmed or returned by the next level.
 */
describe('performance reviews (绩效考核)', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};

  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (who: TestUser | string, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser | string, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const ok = async (res: Promise<Response> | Response, status = [200, 201]): Promise<Response> => {
    const r = await res;
    if (!status.includes(r.status)) throw new Error(`expected ${status.join('/')}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const problem = async (res: Promise<Response> | Response, status: number, code: string): Promise<Response> => {
    const r = await res;
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    return r;
  };
  const ids_ = (res: Response) => (res.body.items as Array<{ id: string }>).map((i) => i.id).sort();
  /** What waits in the caller's 审批 inbox of one kind (GET /me/approvals). */
  const waiting = async (who: TestUser, kind: 'reviewScheme' | 'review'): Promise<Array<{ id: string; title: string; submittedBy: string }>> => {
    const body = (await ok(get(who, `/me/approvals?kind=${kind}&pageSize=100`))).body;
    return body.kinds.includes(kind) ? body.groups[0].items : [];
  };

  /** 销售部's first scheme: quarterly, one criterion of each source. */
  const CRITERIA = [
    { name: '指标完成率', weight: 30, source: 'target_attainment' },
    { name: '拜访量', weight: 20, source: 'visits' },
    { name: '回款率', weight: 25, source: 'collection_rate' },
    { name: '投诉处理及时率', weight: 15, source: 'complaint_sla' },
    { name: '工作态度', weight: 10, source: 'manual' },
  ];

  let n = 0;
  const phone = () => `1375555${String(++n).padStart(4, '0')}`;

  async function customerOf(owner: TestUser): Promise<string> {
    const c = await ok(post(u.clerk, '/customers', { name: `考核测试${++n}号商贸有限公司`, contactName: '联系人', contactPhone: phone() }));
    await ok(post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id }));
    return c.body.id;
  }
  /** A contract of `rep`, approved and signed on `signedAt`, with its plan. */
  async function signedContract(rep: TestUser, customerId: string, plan: Array<{ dueDate: string; amount: string }>, signedAt: string): Promise<string> {
    const amount = (plan.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0) / 100).toFixed(2);
    const k = await ok(post(rep, '/contracts', { customerId, title: `考核测试合同 ${signedAt}`, amount, startDate: '2026-06-01', endDate: '2027-06-30', paymentPlan: plan }));
    await ok(post(rep, `/contracts/${k.body.id}/submit`));
    await ok(post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' }));
    await ok(post(rep, `/contracts/${k.body.id}/sign`, { signedAt }));
    return k.body.id;
  }
  async function visit(who: TestUser, customerId: string, visitedAt: string) {
    await ok(post(who, '/visits', { customerId, visitedAt, method: 'phone', purpose: '考核拜访', summary: '电话沟通' }));
  }
  /** A complaint reported by `reporter`, its response deadline moved to `dueAt`; resolved by the 助理 at `resolvedAt` when given. */
  async function complaint(reporter: TestUser, customerId: string, dueAt: string, resolvedAt?: string): Promise<string> {
    const c = await ok(post(reporter, '/complaints', { customerId, channel: 'phone', category: 'service', severity: 'low', description: `考核投诉 ${dueAt}` }));
    if (resolvedAt) {
      await ok(post(u.assistant, `/complaints/${c.body.id}/assign`, { assigneeId: u.assistant.id }));
      await ok(post(u.assistant, `/complaints/${c.body.id}/resolve`, { resolution: '已处理', measures: '加强沟通' }));
    }
    await t.ds.query('UPDATE complaints SET due_at = $2, resolved_at = CASE WHEN resolved_at IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1', [c.body.id, dueAt, resolvedAt ?? null]);
    return c.body.id;
  }
  /** A person target of `who` split from a department target of the sales manager. */
  async function personTarget(who: TestUser, period: string, measure: string, whole: string, part: string) {
    const dept = await ok(post(u.sm, '/targets', { level: 'department', period, measure, value: whole }));
    await ok(post(u.sm, '/targets', { level: 'person', parentId: dept.body.id, userId: who.id, value: part }));
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    u.gm = await createUser(t, 'gm', { admin, displayName: '总经理' });
    u.sm = await createUser(t, 'sales.manager', { admin, displayName: '销售经理' });
    u.sm2 = await createUser(t, 'sales.manager', { admin, displayName: '销售副经理' });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '主管甲' });
    u.ss2 = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id, displayName: '主管乙' });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员甲' });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss2.id, displayName: '业务员乙' });
    u.r3 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员丙' });
    u.clerk = await createUser(t, 'sales.clerk', { admin, displayName: '内勤' });
    u.assistant = await createUser(t, 'sales.assistant', { admin, displayName: '助理' });
    u.mm = await createUser(t, 'market.manager', { admin, displayName: '市场经理' });
    u.ms = await createUser(t, 'market.specialist', { admin, supervisorId: u.mm.id, displayName: '市场专员' });

    // ── the fixed data set of 业务员甲 for 2026-Q3 (2026-07-01 00:00 to 2026-10-01 00:00, Beijing) ──
    const c1 = await customerOf(u.r1);
    const c2 = await customerOf(u.r2);
    // visits: three inside the quarter (both edges), one either side, one of another rep
    await visit(u.r1, c1, '2026-06-30T23:59:00+08:00');
    await visit(u.r1, c1, '2026-07-01T00:00:00+08:00');
    await visit(u.r1, c1, '2026-08-15T10:00:00+08:00');
    await visit(u.r1, c1, '2026-09-30T23:59:00+08:00');
    await visit(u.r1, c1, '2026-10-01T00:00:00+08:00');
    await visit(u.r2, c2, '2026-08-15T10:00:00+08:00');
    // receivables: 10,000 due 06-30 (Q2), 8,000 due 07-01 and 12,000 due 09-30 (Q3); paid 15,000 on 09-20 (oldest first:
    // 10,000 + 5,000 of the 07-01 one) and 4,000 on 10-05 (after the quarter: not counted) → Q3: 5,000 of 20,000 = 0.2500
    const k1 = await signedContract(
      u.r1,
      c1,
      [
        { dueDate: '2026-06-30', amount: '10000.00' },
        { dueDate: '2026-07-01', amount: '8000.00' },
        { dueDate: '2026-09-30', amount: '12000.00' },
      ],
      '2026-06-01',
    );
    await ok(post(u.clerk, '/payments', { contractId: k1, amount: '15000.00', receivedAt: '2026-09-20', method: 'bank_transfer' }));
    await ok(post(u.clerk, '/payments', { contractId: k1, amount: '4000.00', receivedAt: '2026-10-05', method: 'bank_transfer' }));
    // another rep's receivable due in the quarter, unpaid: not 业务员甲's
    await signedContract(u.r2, c2, [{ dueDate: '2026-08-31', amount: '9000.00' }], '2026-06-01');
    // a contract signed at 23:00 on the quarter's last day: 20,000 signed in Q3 (due after it)
    await signedContract(u.r1, c1, [{ dueDate: '2026-12-31', amount: '20000.00' }], '2026-09-30T23:00:00+08:00');
    // complaints 业务员甲 reported whose deadline fell in Q3: kept 07-01 00:00 (edge) and 08-10; missed 08-20 (resolved late),
    // 09-10 (never resolved), 09-30 23:59 (resolved the next morning) → 2 of 5 = 0.4000; one due at 10-01 00:00 is Q4's
    await complaint(u.r1, c1, '2026-07-01T00:00:00+08:00', '2026-06-30T22:00:00+08:00');
    await complaint(u.r1, c1, '2026-08-10T12:00:00+08:00', '2026-08-10T11:00:00+08:00');
    await complaint(u.r1, c1, '2026-08-20T12:00:00+08:00', '2026-08-21T09:00:00+08:00');
    await complaint(u.r1, c1, '2026-09-10T12:00:00+08:00');
    await complaint(u.r1, c1, '2026-09-30T23:59:00+08:00', '2026-10-01T08:00:00+08:00');
    await complaint(u.r1, c1, '2026-10-01T00:00:00+08:00', '2026-09-30T20:00:00+08:00');
    // one the 内勤 reported (the 助理 handled it in time): not 业务员甲's
    await complaint(u.clerk, c1, '2026-08-12T12:00:00+08:00', '2026-08-12T10:00:00+08:00');
    // targets for the quarter: visits 4 (3 made → 0.7500), contracts 60,000 (20,000 signed → 0.3333); the mean 0.5417
    await personTarget(u.r1, '2026-Q3', 'visits', '10', '4');
    await personTarget(u.r1, '2026-Q3', 'contract_amount', '100000.00', '60000.00');
  }, 180_000);
  afterAll(() => t?.close());

  describe('the scheme (考核方案)', () => {
    it('no review can start while the department has no approved scheme', async () => {
      const res = await problem(post(u.ss, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }), 422, 'REVIEW_NO_APPROVED_SCHEME');
      expect(res.body.detail).toContain('销售部');
      expect(res.body.detail).toContain('总经理');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM reviews'))[0].n).toBe(0);
    });

    it('weights are whole numbers summing to 100 (422 otherwise); the rest of the shape is 400', async () => {
      const base = { name: '销售部季度考核方案', periodType: 'quarter', criteria: CRITERIA };
      const r99 = await problem(post(u.sm, '/reviews/schemes', { ...base, criteria: [...CRITERIA.slice(0, 4), { ...CRITERIA[4], weight: 9 }] }), 422, 'REVIEW_SCHEME_WEIGHTS');
      expect(r99.body.weightSum).toBe(99);
      await problem(post(u.sm, '/reviews/schemes', { ...base, criteria: [...CRITERIA.slice(0, 4), { ...CRITERIA[4], weight: 11 }] }), 422, 'REVIEW_SCHEME_WEIGHTS');
      await problem(post(u.sm, '/reviews/schemes', { ...base, criteria: [{ name: '态度', weight: 50, source: 'manual' }, { name: '态度', weight: 50, source: 'manual' }] }), 422, 'REVIEW_SCHEME_DUPLICATE_CRITERION');
      for (const criteria of [[], [{ name: '态度', weight: 99.5, source: 'manual' }, { name: '纪律', weight: 0.5, source: 'manual' }], [{ name: '态度', weight: 100, source: 'gut_feeling' }], [{ name: '', weight: 100, source: 'manual' }]]) {
        const res = await problem(post(u.sm, '/reviews/schemes', { ...base, criteria }), 400, 'VALIDATION_FAILED');
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      await problem(post(u.sm, '/reviews/schemes', { ...base, periodType: 'week' }), 400, 'VALIDATION_FAILED');
      await problem(post(u.sm, '/reviews/schemes', { ...base, department: 'market' }), 400, 'VALIDATION_FAILED');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM review_schemes'))[0].n).toBe(0);
    });

    it('the 经理 drafts it for the department; only 经理 draft (403 naming the clause otherwise)', async () => {
      const res = await ok(post(u.sm, '/reviews/schemes', { name: '销售部季度考核方案（初稿）', periodType: 'quarter', criteria: CRITERIA }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        department: 'sales',
        status: 'draft',
        periodType: 'quarter',
        draftedBy: u.sm.id,
        draftedByName: '销售经理',
        version: 1,
        effectiveFrom: null,
        criteria: CRITERIA.map((c, i) => ({ ...c, seq: i + 1 })),
      });
      ids.schemeA = res.body.id;
      const denied = await problem(post(u.ss, '/reviews/schemes', { name: 'x', periodType: 'quarter', criteria: CRITERIA }), 403, 'PERMISSION_DENIED');
      expect(denied.body.permission).toBe('review.scheme');
      await problem(post(u.gm, '/reviews/schemes', { name: 'x', periodType: 'quarter', criteria: CRITERIA }), 403, 'PERMISSION_DENIED');
      const [audit] = await t.ds.query(`SELECT actor_id, after FROM audit_log WHERE action = 'review-scheme.create' AND entity_id = $1`, [ids.schemeA]);
      expect(audit.actor_id).toBe(u.sm.id);
      expect(audit.after.status).toBe('draft');
    });

    it('a draft is edited with its version; a stale version is 409; the weights rule holds on edit', async () => {
      await problem(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: 9, name: '改名' }), 409, 'STALE_VERSION');
      await problem(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: 1, criteria: CRITERIA.slice(0, 4) }), 422, 'REVIEW_SCHEME_WEIGHTS');
      const res = await ok(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: 1, name: '销售部季度考核方案' }));
      expect(res.body).toMatchObject({ name: '销售部季度考核方案', version: 2, status: 'draft' });
      // the twin 经理 of the department may edit it too; the 市场部经理 cannot even see it
      await problem(patch(u.mm, `/reviews/schemes/${ids.schemeA}`, { version: 2, name: '越权' }), 404, 'NOT_FOUND');
    });

    it('a draft is its department’s own: the 主管, the 总经理 and other departments do not see it', async () => {
      expect(ids_(await ok(get(u.sm2, '/reviews/schemes')))).toEqual([ids.schemeA]);
      for (const who of [u.ss, u.gm, u.mm]) {
        expect((await ok(get(who, '/reviews/schemes'))).body.total).toBe(0);
        await problem(get(who, `/reviews/schemes/${ids.schemeA}`), 404, 'NOT_FOUND');
      }
      await problem(get(u.r1, '/reviews/schemes'), 403, 'PERMISSION_DENIED');
    });

    it('submitted, it waits for the 总经理 and is still unusable; it can no longer be edited', async () => {
      const res = await ok(post(u.sm, `/reviews/schemes/${ids.schemeA}/submit`));
      expect(res.body).toMatchObject({ status: 'submitted', version: 3, submittedAt: expect.any(String) });
      await problem(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: 3, name: '再改' }), 409, 'REVIEW_SCHEME_INVALID_TRANSITION');
      await problem(post(u.sm, `/reviews/schemes/${ids.schemeA}/submit`), 409, 'REVIEW_SCHEME_INVALID_TRANSITION');
      await problem(post(u.ss, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }), 422, 'REVIEW_NO_APPROVED_SCHEME');
      expect(ids_(await ok(get(u.gm, '/reviews/schemes?status=submitted')))).toEqual([ids.schemeA]);
      // it waits in the 总经理's 审批 inbox, nobody else's
      expect(await waiting(u.gm, 'reviewScheme')).toEqual([expect.objectContaining({ id: ids.schemeA, title: '考核方案：销售部季度考核方案', submittedBy: u.sm.id })]);
      for (const who of [u.sm, u.sm2, u.ss]) expect(await waiting(who, 'reviewScheme')).toEqual([]);
      // the 主管 still sees nothing: only schemes that are or were in force
      expect((await ok(get(u.ss, '/reviews/schemes'))).body.total).toBe(0);
      // the 经理 cannot approve his own department's scheme: the permission is the 总经理's
      const denied = await problem(post(u.sm, `/reviews/schemes/${ids.schemeA}/approve`), 403, 'PERMISSION_DENIED');
      expect(denied.body.permission).toBe('review.approve_scheme');
    });

    it('the 总经理 rejects with a comment (required); the 经理 revises and resubmits; the 总经理 approves', async () => {
      await problem(post(u.gm, `/reviews/schemes/${ids.schemeA}/reject`, {}), 400, 'VALIDATION_FAILED');
      const rejected = await ok(post(u.gm, `/reviews/schemes/${ids.schemeA}/reject`, { comment: '回款率权重偏低' }));
      expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: u.gm.id, decidedByName: '总经理', decisionComment: '回款率权重偏低', effectiveFrom: null });
      await problem(post(u.gm, `/reviews/schemes/${ids.schemeA}/approve`), 409, 'REVIEW_SCHEME_INVALID_TRANSITION');
      await problem(post(u.ss, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }), 422, 'REVIEW_NO_APPROVED_SCHEME');
      const edited = await ok(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: rejected.body.version, criteria: CRITERIA }));
      await ok(post(u.sm, `/reviews/schemes/${ids.schemeA}/submit`));
      expect(edited.body.status).toBe('rejected');
      const before = Date.now();
      const approved = await ok(post(u.gm, `/reviews/schemes/${ids.schemeA}/approve`, { comment: '同意执行' }));
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: u.gm.id, decisionComment: '同意执行', effectiveUntil: null });
      expect(Date.parse(approved.body.effectiveFrom)).toBeGreaterThanOrEqual(before - 1000);
      // now the 主管 reads the scheme his reviews follow
      expect(ids_(await ok(get(u.ss, '/reviews/schemes')))).toEqual([ids.schemeA]);
      await ok(get(u.ss, `/reviews/schemes/${ids.schemeA}`));
      expect(await waiting(u.gm, 'reviewScheme')).toEqual([]);
      const actions = (await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'review_scheme' AND entity_id = $1 ORDER BY at, id`, [ids.schemeA])).map((r: { action: string }) => r.action);
      expect(actions).toEqual(['review-scheme.create', 'review-scheme.update', 'review-scheme.submit', 'review-scheme.reject', 'review-scheme.update', 'review-scheme.submit', 'review-scheme.approve']);
    });

    it('nobody approves a scheme they drafted: a 经理 who became 总经理 cannot approve his own draft', async () => {
      const draft = await ok(post(u.mm, '/reviews/schemes', { name: '市场开拓部年度考核方案', periodType: 'year', criteria: [{ name: '拜访量', weight: 60, source: 'visits' }, { name: '工作态度', weight: 40, source: 'manual' }] }));
      ids.marketScheme = draft.body.id;
      await ok(post(u.mm, `/reviews/schemes/${ids.marketScheme}/submit`));
      const [{ version }] = await t.ds.query('SELECT version FROM users WHERE id = $1', [u.mm.id]);
      await ok(patch(admin, `/users/${u.mm.id}`, { version, role: 'gm' }));
      const promoted = await loginToken(t, u.mm.username, USER_PASSWORD);
      const res = await problem(post(promoted, `/reviews/schemes/${ids.marketScheme}/approve`), 403, 'REVIEW_SCHEME_SELF_APPROVAL');
      expect(res.body.detail).toContain('职责分离');
      await problem(post(promoted, `/reviews/schemes/${ids.marketScheme}/reject`, { comment: '自己驳回' }), 403, 'REVIEW_SCHEME_SELF_APPROVAL');
      expect((await t.ds.query('SELECT status FROM review_schemes WHERE id = $1', [ids.marketScheme]))[0].status).toBe('submitted');
      // another 总经理 may
      await ok(post(u.gm, `/reviews/schemes/${ids.marketScheme}/approve`));
      const [{ version: v2 }] = await t.ds.query('SELECT version FROM users WHERE id = $1', [u.mm.id]);
      await ok(patch(admin, `/users/${u.mm.id}`, { version: v2, role: 'market.manager' }));
      u.mm.token = await loginToken(t, u.mm.username, USER_PASSWORD);
    });
  });

  describe('a review (绩效考核)', () => {
    it('opens pre-filled with the figures the records give for the period, each beside its criterion', async () => {
      const res = await ok(post(u.ss, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }));
      expect(res.status).toBe(201);
      ids.review = res.body.id;
      expect(res.body).toMatchObject({
        schemeId: ids.schemeA,
        schemeName: '销售部季度考核方案',
        revieweeId: u.r1.id,
        revieweeName: '业务员甲',
        reviewerId: u.ss.id,
        reviewerName: '主管甲',
        department: 'sales',
        confirmLevel: 'manager',
        periodType: 'quarter',
        period: '2026-Q3',
        from: '2026-07-01',
        to: '2026-09-30',
        status: 'draft',
        total: null,
        version: 1,
      });
      expect(res.body.figures).toEqual({
        visits: { count: 3 },
        collectionRate: { due: '20000.00', received: '5000.00', rate: '0.2500' },
        complaintSla: { total: 5, kept: 2, rate: '0.4000' },
        targetAttainment: {
          rate: '0.5417',
          items: [
            { measure: 'contract_amount', target: '60000.00', actual: '20000.00', rate: '0.3333' },
            { measure: 'visits', target: '4', actual: '3', rate: '0.7500' },
          ],
        },
      });
      expect(res.body.items).toEqual([
        { seq: 1, name: '指标完成率', weight: 30, source: 'target_attainment', measured: '0.5417', score: null, comment: null },
        { seq: 2, name: '拜访量', weight: 20, source: 'visits', measured: '3', score: null, comment: null },
        { seq: 3, name: '回款率', weight: 25, source: 'collection_rate', measured: '0.2500', score: null, comment: null },
        { seq: 4, name: '投诉处理及时率', weight: 15, source: 'complaint_sla', measured: '0.4000', score: null, comment: null },
        { seq: 5, name: '工作态度', weight: 10, source: 'manual', measured: null, score: null, comment: null },
      ]);
    });

    it('the collection rate is the one GET /receivables/collection-rate gives for the same owner and dates', async () => {
      const rate = await ok(get(u.sm, '/receivables/collection-rate?from=2026-07-01&to=2026-09-30&groupBy=owner'));
      expect(rate.body.items.find((i: { ownerId: string }) => i.ownerId === u.r1.id)).toMatchObject({ due: '20000.00', received: '5000.00', rate: '0.2500' });
    });

    it('the complaint figure also counts the complaints one handles: the 助理’s own quarter', async () => {
      // the 助理 was assigned the five resolved complaints above: in Q3 those due 07-01 00:00, 08-10, 08-12 (kept), 08-20 and 09-30 23:59 (late)
      const res = await ok(post(u.sm, '/reviews', { revieweeId: u.assistant.id, period: '2026-Q3' }));
      ids.assistantReview = res.body.id;
      expect(res.body.figures.complaintSla).toEqual({ total: 5, kept: 3, rate: '0.6000' });
      expect(res.body.figures.visits).toEqual({ count: 0 });
      expect(res.body.figures.collectionRate).toEqual({ due: '0.00', received: '0.00', rate: null });
      expect(res.body.figures.targetAttainment).toEqual({ rate: null, items: [] });
      expect(res.body).toMatchObject({ reviewerId: u.sm.id, confirmLevel: 'gm' });
    });

    it('one review per person and period (409); only one’s own subordinates (404 outside the scope, 422 for oneself or a peer 经理)', async () => {
      const outside = await problem(post(u.ss2, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }), 404, 'NOT_FOUND');
      expect(outside.body.detail).toContain('员工');
      const again = await problem(post(u.sm, '/reviews', { revieweeId: u.r1.id, period: '2026-Q3' }), 409, 'REVIEW_EXISTS');
      expect(again.body.reviewId).toBe(ids.review);
      await problem(post(u.ss, '/reviews', { revieweeId: u.r2.id, period: '2026-Q3' }), 404, 'NOT_FOUND');
      await problem(post(u.ss, '/reviews', { revieweeId: u.ss.id, period: '2026-Q3' }), 422, 'REVIEW_NOT_SUBORDINATE');
      await problem(post(u.sm, '/reviews', { revieweeId: u.sm2.id, period: '2026-Q3' }), 422, 'REVIEW_NOT_SUBORDINATE');
      await problem(post(u.sm, '/reviews', { revieweeId: u.ms.id, period: '2026-Q3' }), 404, 'NOT_FOUND');
      await problem(post(u.sm, '/reviews', { revieweeId: u.gm.id, period: '2026-Q3' }), 404, 'NOT_FOUND');
      await problem(post(u.sm, '/reviews', { revieweeId: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f', period: '2026-Q3' }), 404, 'NOT_FOUND');
      await problem(post(u.r1, '/reviews', { revieweeId: u.r3.id, period: '2026-Q3' }), 403, 'PERMISSION_DENIED');
    });

    it('the period must be one of the scheme’s kind, and must have started', async () => {
      const mismatch = await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2026-09' }), 422, 'REVIEW_PERIOD_MISMATCH');
      expect(mismatch.body.periodType).toBe('quarter');
      await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2026' }), 422, 'REVIEW_PERIOD_MISMATCH');
      await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2099-Q1' }), 422, 'REVIEW_PERIOD_NOT_STARTED');
      for (const period of ['2026-Q5', '2026-13', '26-Q1', 'Q3', '']) await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period }), 400, 'VALIDATION_FAILED');
      await problem(post(u.ss, '/reviews', { revieweeId: 'nobody', period: '2026-Q3' }), 400, 'VALIDATION_FAILED');
    });

    it('the reviewee does not see it while it is a draft', async () => {
      expect((await ok(get(u.r1, '/me/reviews'))).body).toMatchObject({ items: [], total: 0 });
      await problem(get(u.r1, `/reviews/${ids.review}`), 403, 'PERMISSION_DENIED');
      await problem(get(u.r1, '/reviews'), 403, 'PERMISSION_DENIED');
    });

    it('the reviewer scores each criterion 0–100 with a comment; the total is the weighted sum, computed', async () => {
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 5, scores: [{ seq: 1, score: 80 }] }), 409, 'STALE_VERSION');
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 1, score: 101 }] }), 400, 'VALIDATION_FAILED');
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 1, score: 79.5 }] }), 400, 'VALIDATION_FAILED');
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 9, score: 80 }] }), 422, 'REVIEW_UNKNOWN_CRITERION');
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 1, score: 80 }, { seq: 1, score: 70 }] }), 422, 'REVIEW_DUPLICATE_SCORE');
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: 1, total: '100.00' }), 400, 'VALIDATION_FAILED');
      // only the reviewer scores: not his 经理, though the review is in the 经理's scope
      await problem(patch(u.sm, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 1, score: 100 }] }), 403, 'REVIEW_NOT_REVIEWER');
      const partial = await ok(patch(u.ss, `/reviews/${ids.review}`, { version: 1, scores: [{ seq: 1, score: 80, comment: '指标完成过半' }, { seq: 2, score: 90 }] }));
      expect(partial.body).toMatchObject({ version: 2, total: null });
      expect(partial.body.items[0]).toMatchObject({ score: 80, comment: '指标完成过半', measured: '0.5417' });
      const incomplete = await problem(post(u.ss, `/reviews/${ids.review}/submit`), 422, 'REVIEW_INCOMPLETE');
      expect(incomplete.body.unscored).toEqual(['回款率', '投诉处理及时率', '工作态度']);
      const full = await ok(
        patch(u.ss, `/reviews/${ids.review}`, {
          version: 2,
          scores: [
            { seq: 3, score: 60, comment: '回款偏慢' },
            { seq: 4, score: 70 },
            { seq: 5, score: 83 },
          ],
          comment: '整体良好，回款需加强',
        }),
      );
      // (80×30 + 90×20 + 60×25 + 70×15 + 83×10) ÷ 100 = 7580 ÷ 100
      expect(full.body).toMatchObject({ version: 3, total: '75.80', comment: '整体良好，回款需加强', status: 'draft' });
      expect(full.body.items.map((i: { score: number }) => i.score)).toEqual([80, 90, 60, 70, 83]);
      expect(full.body.items[0].comment).toBe('指标完成过半');
    });

    it('submitted: the reviewee sees it, nobody edits it, and only the next level decides', async () => {
      await problem(post(u.sm, `/reviews/${ids.review}/submit`), 403, 'REVIEW_NOT_REVIEWER');
      const res = await ok(post(u.ss, `/reviews/${ids.review}/submit`));
      expect(res.body).toMatchObject({ status: 'submitted', total: '75.80', submittedAt: expect.any(String) });
      await problem(patch(u.ss, `/reviews/${ids.review}`, { version: res.body.version, scores: [{ seq: 5, score: 100 }] }), 409, 'REVIEW_INVALID_TRANSITION');
      await problem(post(u.ss, `/reviews/${ids.review}/submit`), 409, 'REVIEW_INVALID_TRANSITION');

      const mine = await ok(get(u.r1, '/me/reviews'));
      expect(mine.body.total).toBe(1);
      expect(mine.body.items[0]).toMatchObject({ id: ids.review, status: 'submitted', total: '75.80', reviewerName: '主管甲', comment: '整体良好，回款需加强' });
      expect(mine.body.items[0].items[2]).toMatchObject({ name: '回款率', measured: '0.2500', score: 60, comment: '回款偏慢' });
      for (const who of [u.r2, u.r3, u.ss, u.gm, u.clerk]) expect((await ok(get(who, '/me/reviews'))).body.total).toBe(0);
      const adminMine = await ok(get(admin, '/me/reviews'));
      expect(adminMine.body.total).toBe(0);

      // the 主管 holds no review.confirm; the 总经理 is not the next level above a 主管; another department cannot see it
      await problem(post(u.ss, `/reviews/${ids.review}/confirm`), 403, 'PERMISSION_DENIED');
      const notNext = await problem(post(u.gm, `/reviews/${ids.review}/confirm`), 403, 'REVIEW_NOT_NEXT_LEVEL');
      expect(notNext.body.confirmLevel).toBe('manager');
      await problem(post(u.mm, `/reviews/${ids.review}/confirm`), 404, 'NOT_FOUND');

      // it waits in the 审批 inbox of the department's 经理, not the 总经理's nor the other department's
      for (const who of [u.sm, u.sm2]) expect(await waiting(who, 'review')).toEqual([expect.objectContaining({ id: ids.review, title: '绩效考核 2026-Q3：业务员甲', submittedBy: u.ss.id })]);
      for (const who of [u.gm, u.mm, u.ss]) expect(await waiting(who, 'review')).toEqual([]);
    });

    it('returned by the 经理 with a comment (required): back to the reviewer, out of the reviewee’s sight', async () => {
      await problem(post(u.sm, `/reviews/${ids.review}/return`, {}), 400, 'VALIDATION_FAILED');
      const res = await ok(post(u.sm, `/reviews/${ids.review}/return`, { comment: '回款一项请结合客户情况复核' }));
      expect(res.body).toMatchObject({ status: 'returned', returnedBy: u.sm.id, returnComment: '回款一项请结合客户情况复核' });
      expect((await ok(get(u.r1, '/me/reviews'))).body.total).toBe(0);
      await problem(post(u.sm, `/reviews/${ids.review}/confirm`), 409, 'REVIEW_INVALID_TRANSITION');
      const edited = await ok(patch(u.ss, `/reviews/${ids.review}`, { version: res.body.version, scores: [{ seq: 3, score: 65, comment: '大客户付款周期长' }] }));
      // 7580 + 5 × 25 = 7705
      expect(edited.body).toMatchObject({ status: 'returned', total: '77.05' });
      await ok(post(u.ss, `/reviews/${ids.review}/submit`));
    });

    it('confirmed by the 经理: final, seen by the reviewee on their own list', async () => {
      const res = await ok(post(u.sm, `/reviews/${ids.review}/confirm`, { comment: '同意' }));
      expect(res.body).toMatchObject({ status: 'confirmed', confirmedBy: u.sm.id, confirmedByName: '销售经理', confirmComment: '同意', total: '77.05' });
      await problem(post(u.sm2, `/reviews/${ids.review}/confirm`), 409, 'REVIEW_INVALID_TRANSITION');
      await problem(post(u.sm, `/reviews/${ids.review}/return`, { comment: '再看看' }), 409, 'REVIEW_INVALID_TRANSITION');
      expect(await waiting(u.sm, 'review')).toEqual([]);
      const mine = await ok(get(u.r1, '/me/reviews'));
      expect(mine.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[ids.review, 'confirmed']]);
      const actions = (await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity = 'review' AND entity_id = $1 ORDER BY at, id`, [ids.review])).map(
        (r: { action: string; actor_id: string }) => `${r.action}:${r.actor_id === u.ss.id ? 'ss' : r.actor_id === u.sm.id ? 'sm' : '?'}`,
      );
      expect(actions).toEqual(['review.create:ss', 'review.update:ss', 'review.update:ss', 'review.submit:ss', 'review.return:sm', 'review.update:ss', 'review.submit:ss', 'review.confirm:sm']);
    });

    it('a 经理’s review is confirmed by the 总经理: not by the 经理 himself, nor by another 经理', async () => {
      const id = ids.assistantReview;
      const scored = await ok(patch(u.sm, `/reviews/${id}`, { version: 1, scores: [1, 2, 3, 4, 5].map((seq) => ({ seq, score: 90 })) }));
      expect(scored.body.total).toBe('90.00');
      await ok(post(u.sm, `/reviews/${id}/submit`));
      expect((await waiting(u.gm, 'review')).map((i) => i.id)).toEqual([id]);
      for (const who of [u.sm, u.sm2]) expect(await waiting(who, 'review')).toEqual([]);
      await problem(post(u.sm, `/reviews/${id}/confirm`), 403, 'REVIEW_SELF_CONFIRM');
      const twin = await problem(post(u.sm2, `/reviews/${id}/confirm`), 403, 'REVIEW_NOT_NEXT_LEVEL');
      expect(twin.body.confirmLevel).toBe('gm');
      const res = await ok(post(u.gm, `/reviews/${id}/confirm`));
      expect(res.body).toMatchObject({ status: 'confirmed', confirmedBy: u.gm.id });
      expect((await ok(get(u.assistant, '/me/reviews'))).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    });

    it('a 主管 reviewed by his 经理 does not see his own review before it is submitted', async () => {
      const res = await ok(post(u.sm, '/reviews', { revieweeId: u.ss.id, period: '2026-Q3' }));
      ids.supervisorReview = res.body.id;
      await problem(get(u.ss, `/reviews/${ids.supervisorReview}`), 404, 'NOT_FOUND');
      expect(ids_(await ok(get(u.ss, '/reviews?period=2026-Q3')))).toEqual([ids.review]);
      await ok(patch(u.sm, `/reviews/${ids.supervisorReview}`, { version: 1, scores: [1, 2, 3, 4, 5].map((seq) => ({ seq, score: 75 })) }));
      await ok(post(u.sm, `/reviews/${ids.supervisorReview}/submit`));
      await ok(get(u.ss, `/reviews/${ids.supervisorReview}`));
      expect((await ok(get(u.ss, '/me/reviews'))).body.items.map((i: { id: string }) => i.id)).toEqual([ids.supervisorReview]);
    });
  });

  describe('who reads which reviews', () => {
    it('the 主管 his team’s, the 经理 his department’s, the 总经理 all; others none (403 without review.read)', async () => {
      const all = [ids.review, ids.assistantReview, ids.supervisorReview].sort();
      // 主管甲: 业务员甲's (his team) and his own, now submitted; 主管乙: nothing of 主管甲's team
      expect(ids_(await ok(get(u.ss, '/reviews')))).toEqual([ids.review, ids.supervisorReview].sort());
      expect(ids_(await ok(get(u.ss2, '/reviews')))).toEqual([]);
      await problem(get(u.ss2, `/reviews/${ids.review}`), 404, 'NOT_FOUND');
      expect(ids_(await ok(get(u.sm, '/reviews')))).toEqual(all);
      expect(ids_(await ok(get(u.sm2, '/reviews')))).toEqual(all);
      expect(ids_(await ok(get(u.gm, '/reviews')))).toEqual(all);
      expect(ids_(await ok(get(u.mm, '/reviews')))).toEqual([]);
      await problem(get(u.mm, `/reviews/${ids.review}`), 404, 'NOT_FOUND');
      for (const who of [u.r1, u.clerk, u.assistant, u.ms, admin]) await problem(get(who, '/reviews'), 403, 'PERMISSION_DENIED');
      const one = await ok(get(u.gm, `/reviews/${ids.review}`));
      expect(one.body).toMatchObject({ id: ids.review, status: 'confirmed', total: '77.05' });
    });

    it('filters: period, status, reviewee, reviewer, department; sort', async () => {
      expect(ids_(await ok(get(u.sm, `/reviews?revieweeId=${u.r1.id}`)))).toEqual([ids.review]);
      expect(ids_(await ok(get(u.sm, `/reviews?reviewerId=${u.sm.id}`)))).toEqual([ids.assistantReview, ids.supervisorReview].sort());
      expect(ids_(await ok(get(u.sm, '/reviews?status=submitted')))).toEqual([ids.supervisorReview]);
      expect(ids_(await ok(get(u.sm, '/reviews?status=confirmed&period=2026-Q3')))).toEqual([ids.review, ids.assistantReview].sort());
      expect((await ok(get(u.sm, '/reviews?period=2026-Q2'))).body.total).toBe(0);
      expect((await ok(get(u.gm, '/reviews?department=market'))).body.total).toBe(0);
      const byTotal = await ok(get(u.sm, '/reviews?sort=-total'));
      expect(byTotal.body.items.map((i: { total: string }) => i.total)).toEqual(['90.00', '77.05', '75.00']);
      await problem(get(u.sm, '/reviews?sort=secret'), 400, 'VALIDATION_FAILED');
      await problem(get(u.sm, '/reviews?status=lost'), 400, 'VALIDATION_FAILED');
      await problem(get(u.sm, '/reviews?pageSize=101'), 400, 'VALIDATION_FAILED');
      await problem(get(u.sm, '/reviews/not-a-uuid'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('a new scheme supersedes the one in force', () => {
    it('approved, it takes over; the old one is kept, read-only; reviews already made keep theirs', async () => {
      const draft = await ok(
        post(u.sm, '/reviews/schemes', { name: '销售部月度考核方案', periodType: 'month', criteria: [{ name: '拜访量', weight: 50, source: 'visits' }, { name: '回款率', weight: 50, source: 'collection_rate' }] }),
      );
      ids.schemeB = draft.body.id;
      await ok(post(u.sm, `/reviews/schemes/${ids.schemeB}/submit`));
      // until it is approved, the quarterly one is in force
      await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2026-11' }), 422, 'REVIEW_PERIOD_MISMATCH');
      const approved = await ok(post(u.gm, `/reviews/schemes/${ids.schemeB}/approve`));
      expect(approved.body.status).toBe('approved');
      const old = await ok(get(u.sm, `/reviews/schemes/${ids.schemeA}`));
      expect(old.body).toMatchObject({ status: 'superseded', supersededBy: ids.schemeB, effectiveUntil: approved.body.effectiveFrom });
      await problem(patch(u.sm, `/reviews/schemes/${ids.schemeA}`, { version: old.body.version, name: '复活' }), 409, 'REVIEW_SCHEME_INVALID_TRANSITION');
      await problem(post(u.sm, `/reviews/schemes/${ids.schemeA}/submit`), 409, 'REVIEW_SCHEME_INVALID_TRANSITION');
      const inForce = await t.ds.query(`SELECT id FROM review_schemes WHERE department = 'sales' AND status = 'approved'`);
      expect(inForce).toEqual([{ id: ids.schemeB }]);
      // the 主管 reads both: the one in force and the one it replaced
      expect(ids_(await ok(get(u.ss, '/reviews/schemes')))).toEqual([ids.schemeA, ids.schemeB].sort());
      expect(ids_(await ok(get(u.ss, '/reviews/schemes?status=superseded')))).toEqual([ids.schemeA]);

      await problem(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2026-Q3' }), 422, 'REVIEW_PERIOD_MISMATCH');
      const monthly = await ok(post(u.ss, '/reviews', { revieweeId: u.r3.id, period: '2026-11' }));
      expect(monthly.body).toMatchObject({ schemeId: ids.schemeB, periodType: 'month', from: '2026-11-01', to: '2026-11-30' });
      expect(monthly.body.items.map((i: { name: string }) => i.name)).toEqual(['拜访量', '回款率']);
      expect((await ok(get(u.sm, `/reviews/${ids.review}`))).body).toMatchObject({ schemeId: ids.schemeA, schemeName: '销售部季度考核方案' });
      const supersede = await t.ds.query(`SELECT actor_id, before->>'status' AS before, after->>'status' AS after FROM audit_log WHERE action = 'review-scheme.supersede' AND entity_id = $1`, [ids.schemeA]);
      expect(supersede).toEqual([{ actor_id: u.gm.id, before: 'approved', after: 'superseded' }]);
    });

    it('schemes of one department approved at the same moment: all answer 200, one after another; one stays in force', async () => {
      const body = { name: '市场开拓部年度考核方案（修订）', periodType: 'year', criteria: [{ name: '拜访量', weight: 100, source: 'visits' }] };
      const drafts: string[] = [];
      for (let k = 1; k <= 4; k += 1) {
        const id = (await ok(post(u.mm, '/reviews/schemes', { ...body, name: `市场开拓部年度考核方案（第 ${k} 稿）` }))).body.id;
        await ok(post(u.mm, `/reviews/schemes/${id}/submit`));
        drafts.push(id);
      }
      const answers = await Promise.all(drafts.map((id) => post(u.gm, `/reviews/schemes/${id}/approve`)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const rows: Array<{ id: string; status: string; superseded_by: string | null }> = await t.ds.query(`SELECT id, status, superseded_by FROM review_schemes WHERE department = 'market'`);
      const inForce = rows.filter((r) => r.status === 'approved');
      expect(inForce).toHaveLength(1);
      // every other one was in force for a moment and is kept, superseded — the earlier scheme too
      expect(rows.filter((r) => r.status === 'superseded').map((r) => r.id).sort()).toEqual([ids.marketScheme, ...drafts.filter((d) => d !== inForce[0].id)].sort());
      // each superseded by the one approved after it: a chain ending at the one in force
      const next = new Map(rows.map((r) => [r.id, r.superseded_by]));
      let at: string | null | undefined = ids.marketScheme;
      const chain: string[] = [];
      while (at) {
        chain.push(at);
        at = next.get(at);
      }
      expect(chain).toHaveLength(5);
      expect(chain[4]).toBe(inForce[0].id);
    });
  });
});
