import type { Actor } from '../../src/access/actor';
import { AssessmentsService } from '../../src/key-accounts/assessments.service';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * 大客户等级 (KA-4.3, KA-4.9), 等级评估 (KA-6.4, KA-5.4 propose; KA-4.1, KA-4.3 decide), the
 * per-customer tier history and the key-account list with its visit schedule.
 */
describe('key-account tiers, assessments and the key-account list', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  const c: Record<string, string> = {};

  const post = (who: TestUser, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const patch = (who: TestUser, path: string, body: object) => t.http().patch(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));

  const shanghaiDate = (instant: string | Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  /** The customer columns an assessment decision may touch. */
  const customerRow = async (id: string) =>
    (
      await t.ds.query(
        `SELECT tier_code, is_key_account, owner_id, department, version, key_account_since, updated_at FROM customers WHERE id = $1`,
        [id],
      )
    )[0] as { tier_code: string | null; is_key_account: boolean; owner_id: string; department: string; version: number; key_account_since: Date | null };
  const historyCount = async (customerId: string) =>
    (await t.ds.query('SELECT count(*)::int AS n FROM customer_tier_history WHERE customer_id = $1', [customerId]))[0].n as number;
  const assessmentTasks = async (assessmentId: string) =>
    (await t.ds.query(`SELECT assignee_id, kind, status FROM tasks WHERE entity = 'tier_assessment' AND entity_id = $1 ORDER BY assignee_id`, [
      assessmentId,
    ])) as { assignee_id: string; kind: string; status: string }[];

  let phoneSeq = 0;
  /** A customer of 大客户部 owned by `specialist`: registered, evaluated (KA-6.4) and converted by the 经理 (KA-4.2). */
  const kaCustomer = async (specialist: TestUser, name: string) => {
    const phone = `1360000${String(++phoneSeq).padStart(4, '0')}`;
    const p = await post(specialist, '/prospects', { companyName: name, contactName: '李经理', contactPhone: phone });
    expect(p.status).toBe(201);
    const e = await post(specialist, `/prospects/${p.body.id}/evaluations`, { capitalVerified: true, score: 80, conclusion: 'pass', notes: '验资通过，年采购量大' });
    expect(e.status).toBe(201);
    const conv = await post(u.km, `/prospects/${p.body.id}/convert`);
    expect(conv.status).toBe(201);
    expect(conv.body).toMatchObject({ ownerId: specialist.id, department: 'key_account', isKeyAccount: false, tierCode: null });
    return conv.body.id as string;
  };
  /** A general customer of sales, kept by the 内勤 (SAL-6.3) and given to `rep` by the 销售部经理 (SAL-4.7). */
  const salesCustomer = async (rep: TestUser, name: string) => {
    const phone = `1360000${String(++phoneSeq).padStart(4, '0')}`;
    const res = await post(u.clerk, '/customers', { name, contactName: '王先生', contactPhone: phone });
    expect(res.status).toBe(201);
    expect((await post(u.sm, `/customers/${res.body.id}/assign`, { ownerId: rep.id })).status).toBe(200);
    return res.body.id as string;
  };
  const propose = (who: TestUser, customerId: string, proposedTierCode: string | null, reason = '近一年签约额与合作深度符合该等级') =>
    post(who, '/key-accounts/assessments', { customerId, proposedTierCode, reason });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };
    u.km = await createUser(t, 'key_account.manager', { admin });
    u.km2 = await createUser(t, 'key_account.manager', { admin });
    u.ks = await createUser(t, 'key_account.supervisor', { admin, supervisorId: u.km.id });
    u.sp1 = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id });
    u.sp2 = await createUser(t, 'key_account.specialist', { admin, supervisorId: u.ks.id });
    u.sp3 = await createUser(t, 'key_account.specialist', { admin });
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.rep = await createUser(t, 'sales.rep', { admin });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.gm = await createUser(t, 'gm', { admin });
  });
  afterAll(() => t?.close());

  describe('tier definitions (KA-4.3, KA-4.9)', () => {
    const tierBody = (code: string, rank: number, minAnnualAmount: string, visitIntervalDays: number, complaintResponseHours: number) => ({
      code,
      name: `${code} 级大客户`,
      rank,
      minAnnualAmount,
      visitIntervalDays,
      complaintResponseHours,
    });

    it('the 大客户经理 creates A, B and C; money comes back with two decimals', async () => {
      const a = await post(u.km, '/key-accounts/tiers', tierBody('A', 1, '5000000', 15, 4));
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ code: 'A', name: 'A 级大客户', rank: 1, minAnnualAmount: '5000000.00', visitIntervalDays: 15, complaintResponseHours: 4, version: 1 });
      const b = await post(u.km, '/key-accounts/tiers', tierBody('B', 2, '1000000.00', 30, 12));
      expect(b.status).toBe(201);
      expect(b.body).toMatchObject({ code: 'B', rank: 2, minAnnualAmount: '1000000.00', visitIntervalDays: 30, version: 1 });
      const cc = await post(u.km, '/key-accounts/tiers', tierBody('C', 3, '300000.00', 60, 24));
      expect(cc.status).toBe(201);
      expect(cc.body).toMatchObject({ code: 'C', rank: 3, minAnnualAmount: '300000.00', visitIntervalDays: 60, complaintResponseHours: 24 });
      const rows = await t.ds.query(`SELECT code, rank, min_annual_amount::text AS amount FROM key_account_tiers ORDER BY rank`);
      expect(rows).toEqual([
        { code: 'A', rank: 1, amount: '5000000.00' },
        { code: 'B', rank: 2, amount: '1000000.00' },
        { code: 'C', rank: 3, amount: '300000.00' },
      ]);
    });

    it('a duplicate code is 409 TIER_EXISTS; a rank or threshold already in use is 409 TIER_CONFLICT; nothing is added', async () => {
      const dup = await post(u.km, '/key-accounts/tiers', tierBody('A', 9, '9000000.00', 10, 2));
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('TIER_EXISTS');
      const sameRank = await post(u.km, '/key-accounts/tiers', tierBody('D', 1, '8000000.00', 10, 2));
      expect(sameRank.status).toBe(409);
      expect(sameRank.body.code).toBe('TIER_CONFLICT');
      const sameThreshold = await post(u.km, '/key-accounts/tiers', tierBody('D', 4, '300000.00', 90, 48));
      expect(sameThreshold.status).toBe(409);
      expect(sameThreshold.body.code).toBe('TIER_CONFLICT');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM key_account_tiers'))[0].n).toBe(3);
    });

    it.each([
      ['an amount with three decimals', { minAnnualAmount: '1.005' }, 'minAnnualAmount'],
      ['a negative amount', { minAnnualAmount: '-100.00' }, 'minAnnualAmount'],
      ['an amount as a number', { minAnnualAmount: 100 }, 'minAnnualAmount'],
      ['a visit interval of 0 days', { visitIntervalDays: 0 }, 'visitIntervalDays'],
      ['a response time of 0 hours', { complaintResponseHours: 0 }, 'complaintResponseHours'],
      ['a lowercase code', { code: 'd' }, 'code'],
      ['a rank of 0', { rank: 0 }, 'rank'],
      ['a server-owned version', { version: 5 }, 'version'],
    ])('400 for %s, naming the field', async (_name, override, field) => {
      const res = await post(u.km, '/key-accounts/tiers', { ...tierBody('D', 4, '100000.00', 90, 48), ...override });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM key_account_tiers WHERE code IN ('D', 'd')`))[0].n).toBe(0);
    });

    it('PATCH carries the version; a stale one is 409 and changes nothing', async () => {
      const ok = await patch(u.km, '/key-accounts/tiers/B', { version: 1, name: 'B 级重点客户', visitIntervalDays: 45 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ code: 'B', name: 'B 级重点客户', visitIntervalDays: 45, rank: 2, minAnnualAmount: '1000000.00', version: 2 });
      const stale = await patch(u.km, '/key-accounts/tiers/B', { version: 1, visitIntervalDays: 7 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const [row] = await t.ds.query(`SELECT visit_interval_days, version FROM key_account_tiers WHERE code = 'B'`);
      expect(row).toEqual({ visit_interval_days: 45, version: 2 });
    });

    it('PATCH to a rank or threshold in use is 409 TIER_CONFLICT; an unknown code 404; bad input 400', async () => {
      const rank = await patch(u.km, '/key-accounts/tiers/B', { version: 2, rank: 1 });
      expect(rank.status).toBe(409);
      expect(rank.body.code).toBe('TIER_CONFLICT');
      const amount = await patch(u.km, '/key-accounts/tiers/B', { version: 2, minAnnualAmount: '5000000.00' });
      expect(amount.status).toBe(409);
      expect(amount.body.code).toBe('TIER_CONFLICT');
      expect((await patch(u.km, '/key-accounts/tiers/Z', { version: 1, name: '不存在' })).status).toBe(404);
      expect((await patch(u.km, '/key-accounts/tiers/b', { version: 2, name: '小写' })).status).toBe(400);
      expect((await patch(u.km, '/key-accounts/tiers/B', { name: '缺版本号' })).status).toBe(400);
      expect((await patch(u.km, '/key-accounts/tiers/B', { version: 2, code: 'BB' })).status).toBe(400);
      const [row] = await t.ds.query(`SELECT rank, min_annual_amount::text AS amount, name, version FROM key_account_tiers WHERE code = 'B'`);
      expect(row).toEqual({ rank: 2, amount: '1000000.00', name: 'B 级重点客户', version: 2 });
    });

    it('only the 大客户经理 manages tiers: supervisor, specialist, sales manager and gm get 403', async () => {
      for (const who of [u.ks, u.sp1, u.sm, u.gm, u.admin]) {
        const created = await post(who, '/key-accounts/tiers', tierBody('E', 5, '50000.00', 90, 48));
        expect(created.status).toBe(403);
        expect(created.body).toMatchObject({ code: 'PERMISSION_DENIED', permission: 'tier.manage' });
        const changed = await patch(who, '/key-accounts/tiers/C', { version: 1, visitIntervalDays: 1 });
        expect(changed.status).toBe(403);
      }
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM key_account_tiers`))[0].n).toBe(3);
      expect((await t.ds.query(`SELECT visit_interval_days FROM key_account_tiers WHERE code = 'C'`))[0].visit_interval_days).toBe(60);
    });

    it('tier.read holders list the tiers by rank; a sales rep, the clerk and admin get 403', async () => {
      for (const who of [u.km, u.ks, u.sp3, u.sm, u.gm]) {
        const res = await get(who, '/key-accounts/tiers');
        expect(res.status).toBe(200);
        expect(res.body.items.map((x: { code: string }) => x.code)).toEqual(['A', 'B', 'C']);
        expect(res.body.items[1]).toMatchObject({ name: 'B 级重点客户', visitIntervalDays: 45, version: 2 });
      }
      for (const who of [u.rep, u.clerk, u.admin]) expect((await get(who, '/key-accounts/tiers')).status).toBe(403);
    });
  });

  describe('assessments: propose, approve, reject, history', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      c.one = await kaCustomer(u.sp1, '华东精密机械制造有限公司');
      c.two = await kaCustomer(u.sp2, '西南能源装备集团有限公司');
      c.three = await kaCustomer(u.sp3, '东北重型钢构有限公司');
      c.sales = await salesCustomer(u.rep, '岭南日用百货有限公司');
    });

    it('a specialist proposes a tier for their own customer: pending, and every 大客户经理 gets a task', async () => {
      const before = await customerRow(c.one);
      const res = await propose(u.sp1, c.one, 'B');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customerId: c.one,
        currentTierCode: null,
        proposedTierCode: 'B',
        source: 'manual',
        trailingAmount: null,
        proposedBy: u.sp1.id,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        assigneeId: null,
      });
      ids.oneB = res.body.id;
      expect(await assessmentTasks(ids.oneB)).toEqual(
        [u.km.id, u.km2.id].sort().map((assignee_id) => ({ assignee_id, kind: 'tier.assessment', status: 'open' })),
      );
      const mine = await get(u.km, '/me/tasks?status=open');
      expect(mine.status).toBe(200);
      expect(mine.body.items.filter((x: { entityId: string }) => x.entityId === ids.oneB).map((x: { kind: string }) => x.kind)).toEqual(['tier.assessment']);
      // a proposal changes nothing on the customer
      expect(await customerRow(c.one)).toEqual(before);
    });

    it('a second pending proposal for the same customer is 409 ASSESSMENT_PENDING (also from the supervisor)', async () => {
      const again = await propose(u.sp1, c.one, 'C');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ASSESSMENT_PENDING');
      const bySupervisor = await propose(u.ks, c.one, 'A');
      expect(bySupervisor.status).toBe(409);
      expect(bySupervisor.body.code).toBe('ASSESSMENT_PENDING');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM tier_assessments WHERE customer_id = $1', [c.one]))[0].n).toBe(1);
    });

    it('proposing the current tier is 409 ASSESSMENT_NO_CHANGE ("not a key account" for a general customer)', async () => {
      const res = await propose(u.sp2, c.two, null);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ASSESSMENT_NO_CHANGE');
    });

    it('an unknown or malformed tier, a missing reason or a server-owned field is 400', async () => {
      const unknown = await propose(u.sp2, c.two, 'Z');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['proposedTierCode']);
      for (const body of [
        { customerId: c.two, proposedTierCode: 'b', reason: '小写' },
        { customerId: c.two, proposedTierCode: 'B' },
        { customerId: c.two, proposedTierCode: 'B', reason: '   ' },
        { customerId: c.two, reason: '缺少等级' },
        { customerId: 'not-a-uuid', proposedTierCode: 'B', reason: '理由' },
        { customerId: c.two, proposedTierCode: 'B', reason: '理由', status: 'approved' },
        { customerId: c.two, proposedTierCode: 'B', reason: '理由', proposedBy: u.km.id },
        { customerId: c.two, proposedTierCode: 'B', reason: '理由', source: 'system' },
      ]) {
        const res = await post(u.sp2, '/key-accounts/assessments', body);
        expect(res.status).toBe(400);
      }
      expect((await t.ds.query('SELECT count(*)::int AS n FROM tier_assessments WHERE customer_id = $1', [c.two]))[0].n).toBe(0);
    });

    it('a customer outside the proposer’s scope is 404; roles without tier.propose get 403', async () => {
      const cases: [TestUser, string][] = [
        [u.sp1, c.two], // a colleague's customer
        [u.sp1, c.sales], // a sales customer
        [u.ks, c.three], // not owned by a direct report
        [u.ks, c.sales],
        [u.sp1, '00000000-0000-4000-8000-000000000001'],
      ];
      for (const [who, customerId] of cases) {
        const res = await propose(who, customerId, 'C');
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const who of [u.rep, u.km, u.sm, u.gm, u.admin]) {
        const res = await propose(who, c.two, 'C');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
      }
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM tier_assessments WHERE customer_id <> $1`, [c.one]))[0].n).toBe(0);
    });

    it('specialists and supervisors cannot decide: 403 PERMISSION_DENIED, still pending', async () => {
      for (const who of [u.sp1, u.sp2, u.ks, u.sm, u.gm]) {
        const approve = await post(who, `/key-accounts/assessments/${ids.oneB}/approve`, { assigneeId: u.sp1.id });
        expect(approve.status).toBe(403);
        expect(approve.body).toMatchObject({ code: 'PERMISSION_DENIED', permission: 'tier.approve' });
        const reject = await post(who, `/key-accounts/assessments/${ids.oneB}/reject`, { comment: '不同意' });
        expect(reject.status).toBe(403);
      }
      expect((await get(u.km, `/key-accounts/assessments/${ids.oneB}`)).body.status).toBe('pending');
    });

    it('a supervisor proposes for a direct report’s customer; the 经理 rejects it: nothing changes on the customer, no history', async () => {
      const proposed = await propose(u.ks, c.two, 'C', '客户有扩大采购的意向');
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({ proposedBy: u.ks.id, currentTierCode: null, proposedTierCode: 'C', status: 'pending' });
      ids.twoRejected = proposed.body.id;
      const before = await customerRow(c.two);

      expect((await post(u.km, `/key-accounts/assessments/${ids.twoRejected}/reject`, {})).status).toBe(400);
      const res = await post(u.km, `/key-accounts/assessments/${ids.twoRejected}/reject`, { comment: '签约额尚未达到 C 级标准' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids.twoRejected, status: 'rejected', decidedBy: u.km.id, decisionComment: '签约额尚未达到 C 级标准', assigneeId: null });
      expect(res.body.decidedAt).toEqual(expect.any(String));

      expect(await customerRow(c.two)).toEqual(before);
      expect(before).toMatchObject({ tier_code: null, is_key_account: false, owner_id: u.sp2.id, department: 'key_account', key_account_since: null });
      expect(await historyCount(c.two)).toBe(0);
      expect((await assessmentTasks(ids.twoRejected)).map((x) => x.status)).toEqual(['done', 'done']);
      // decided once: neither decision can be taken again
      const again = await post(u.km2, `/key-accounts/assessments/${ids.twoRejected}/approve`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ASSESSMENT_NOT_PENDING');
      expect((await post(u.km2, `/key-accounts/assessments/${ids.twoRejected}/reject`, { comment: '再驳回' })).body.code).toBe('ASSESSMENT_NOT_PENDING');
      expect(await customerRow(c.two)).toEqual(before);
    });

    it('the proposer cannot decide their own assessment: 403 ASSESSMENT_SELF_APPROVAL (HTTP and in-process); another 经理 can', async () => {
      // a 经理 never holds tier.propose, so the manager's own proposal is put in place directly
      const [{ id }] = await t.ds.query(
        `INSERT INTO tier_assessments (customer_id, current_tier_code, proposed_tier_code, reason, source, proposed_by, owner_id, department, status)
         VALUES ($1, NULL, 'C', '经理本人的提议', 'manual', $2, $2, 'key_account', 'pending') RETURNING id`,
        [c.two, u.km.id],
      );
      ids.twoSelf = id;
      const before = await customerRow(c.two);
      const http = await post(u.km, `/key-accounts/assessments/${id}/approve`, {});
      expect(http.status).toBe(403);
      expect(http.body.code).toBe('ASSESSMENT_SELF_APPROVAL');
      const rejectOwn = await post(u.km, `/key-accounts/assessments/${id}/reject`, { comment: '自己驳回' });
      expect(rejectOwn.status).toBe(403);
      expect(rejectOwn.body.code).toBe('ASSESSMENT_SELF_APPROVAL');

      const managerActor: Actor = {
        id: u.km.id,
        username: u.km.username,
        displayName: '测试key_account.manager',
        role: 'key_account.manager',
        department: 'key_account',
        requestId: 'self-approval-check',
        ip: null,
      };
      await expect(t.app.get(AssessmentsService).approve(managerActor, id, {})).rejects.toMatchObject({ status: 403, code: 'ASSESSMENT_SELF_APPROVAL' });
      expect(await customerRow(c.two)).toEqual(before);
      expect((await t.ds.query('SELECT status FROM tier_assessments WHERE id = $1', [id]))[0].status).toBe('pending');

      // the customer is already in 大客户部: no assignee needed, the owner stays
      const byOther = await post(u.km2, `/key-accounts/assessments/${id}/approve`, { comment: '同意' });
      expect(byOther.status).toBe(200);
      expect(byOther.body).toMatchObject({ status: 'approved', decidedBy: u.km2.id, assigneeId: u.sp2.id, decisionComment: '同意' });
      expect(await customerRow(c.two)).toMatchObject({ tier_code: 'C', is_key_account: true, owner_id: u.sp2.id, department: 'key_account', version: before.version + 1 });
    });

    it('approval with an assignee outside 大客户部 is 400 ASSIGNEE_INVALID and leaves it pending', async () => {
      const before = await customerRow(c.one);
      for (const assigneeId of [u.rep.id, u.sm.id, '00000000-0000-4000-8000-000000000009']) {
        const res = await post(u.km, `/key-accounts/assessments/${ids.oneB}/approve`, { assigneeId });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('ASSIGNEE_INVALID');
      }
      expect((await post(u.km, `/key-accounts/assessments/${ids.oneB}/approve`, { assigneeId: u.sp2.id, tierCode: 'A' })).status).toBe(400);
      expect(await customerRow(c.one)).toEqual(before);
      expect((await get(u.km, `/key-accounts/assessments/${ids.oneB}`)).body.status).toBe('pending');
      expect(await historyCount(c.one)).toBe(0);
    });

    it('approval makes the customer a key account of the assignee in 大客户部, keeps the history and closes the tasks', async () => {
      const before = await customerRow(c.one);
      const res = await post(u.km, `/key-accounts/assessments/${ids.oneB}/approve`, { assigneeId: u.sp2.id, comment: '同意评为 B 级，由专员二负责' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids.oneB, status: 'approved', decidedBy: u.km.id, assigneeId: u.sp2.id, decisionComment: '同意评为 B 级，由专员二负责' });

      const after = await customerRow(c.one);
      expect(after).toMatchObject({ tier_code: 'B', is_key_account: true, owner_id: u.sp2.id, department: 'key_account', version: before.version + 1 });
      expect(after.key_account_since).toBeInstanceOf(Date);
      const customer = await get(u.sp2, `/customers/${c.one}`);
      expect(customer.body).toMatchObject({ isKeyAccount: true, tierCode: 'B', ownerId: u.sp2.id, department: 'key_account' });
      // the former owner no longer reaches it
      expect((await get(u.sp1, `/customers/${c.one}`)).status).toBe(404);

      const history = await t.ds.query(
        `SELECT assessment_id, from_tier_code, to_tier_code, from_owner_id, to_owner_id, from_department, to_department, changed_by FROM customer_tier_history WHERE customer_id = $1`,
        [c.one],
      );
      expect(history).toEqual([
        {
          assessment_id: ids.oneB,
          from_tier_code: null,
          to_tier_code: 'B',
          from_owner_id: u.sp1.id,
          to_owner_id: u.sp2.id,
          from_department: 'key_account',
          to_department: 'key_account',
          changed_by: u.km.id,
        },
      ]);
      expect((await assessmentTasks(ids.oneB)).map((x) => x.status)).toEqual(['done', 'done']);

      for (const [path, body] of [
        ['approve', { assigneeId: u.sp1.id }],
        ['reject', { comment: '改主意了' }],
      ] as const) {
        const twice = await post(u.km2, `/key-accounts/assessments/${ids.oneB}/${path}`, body);
        expect(twice.status).toBe(409);
        expect(twice.body.code).toBe('ASSESSMENT_NOT_PENDING');
      }
      expect(await customerRow(c.one)).toEqual(after);
      expect(await historyCount(c.one)).toBe(1);
    });

    it('proposing the tier the key account already has is 409 ASSESSMENT_NO_CHANGE', async () => {
      const res = await propose(u.sp2, c.one, 'B');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ASSESSMENT_NO_CHANGE');
    });

    it('an upgrade and a later downgrade to "not a key account" are kept in the history, in order', async () => {
      const up = await propose(u.sp2, c.one, 'A', '年度签约额突破 500 万元');
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ currentTierCode: 'B', proposedTierCode: 'A' });
      ids.oneA = up.body.id;
      expect((await post(u.km, `/key-accounts/assessments/${ids.oneA}/approve`, {})).status).toBe(200);
      const since = (await customerRow(c.one)).key_account_since;
      expect(await customerRow(c.one)).toMatchObject({ tier_code: 'A', is_key_account: true, owner_id: u.sp2.id });

      const down = await propose(u.ks, c.one, null, '客户业务收缩，不再符合大客户标准');
      expect(down.status).toBe(201);
      expect(down.body).toMatchObject({ currentTierCode: 'A', proposedTierCode: null, proposedBy: u.ks.id });
      ids.oneNone = down.body.id;
      expect((await post(u.km2, `/key-accounts/assessments/${ids.oneNone}/approve`, { comment: '同意降为一般客户' })).status).toBe(200);
      const after = await customerRow(c.one);
      expect(since).toBeInstanceOf(Date);
      expect(after).toMatchObject({ tier_code: null, is_key_account: false, key_account_since: null, owner_id: u.sp2.id, department: 'key_account' });

      const res = await get(u.sp2, `/customers/${c.one}/tier-history`);
      expect(res.status).toBe(200);
      expect(res.body.customerId).toBe(c.one);
      expect(
        res.body.items.map((h: Record<string, unknown>) => [h.assessmentId, h.fromTierCode, h.toTierCode, h.fromOwnerId, h.toOwnerId, h.changedBy, h.source]),
      ).toEqual([
        [ids.oneB, null, 'B', u.sp1.id, u.sp2.id, u.km.id, 'manual'],
        [ids.oneA, 'B', 'A', u.sp2.id, u.sp2.id, u.km.id, 'manual'],
        [ids.oneNone, 'A', null, u.sp2.id, u.sp2.id, u.km2.id, 'manual'],
      ]);
      expect(res.body.items[2]).toMatchObject({ reason: '客户业务收缩，不再符合大客户标准', fromDepartment: 'key_account', toDepartment: 'key_account' });
      const times = res.body.items.map((h: { changedAt: string }) => Date.parse(h.changedAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('the tier history is read under customer.read: in scope 200, out of scope 404, without the permission 403', async () => {
      for (const who of [u.km, u.ks, u.sp2, u.gm, u.clerk]) {
        const res = await get(who, `/customers/${c.one}/tier-history`);
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(3);
      }
      for (const who of [u.sp1, u.sp3, u.rep, u.sm]) {
        const res = await get(who, `/customers/${c.one}/tier-history`);
        expect(res.status).toBe(404);
      }
      expect((await get(u.sp2, '/customers/00000000-0000-4000-8000-000000000001/tier-history')).status).toBe(404);
      expect((await get(u.sp2, '/customers/not-a-uuid/tier-history')).status).toBe(400);
      expect((await get(u.admin, `/customers/${c.one}/tier-history`)).status).toBe(403);
      // a rejected proposal leaves no trace in the history
      const two = await get(u.sp2, `/customers/${c.two}/tier-history`);
      expect(two.body.items.map((h: { assessmentId: string }) => h.assessmentId)).toEqual([ids.twoSelf]);
    });

    it('lists and reads assessments with filters; tier.read is required', async () => {
      const all = await get(u.km, `/key-accounts/assessments?customerId=${c.one}`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items.map((a: { id: string }) => a.id).sort()).toEqual([ids.oneB, ids.oneA, ids.oneNone].sort());
      const rejected = await get(u.sp3, '/key-accounts/assessments?status=rejected');
      expect(rejected.body.items.map((a: { id: string }) => a.id)).toEqual([ids.twoRejected]);
      const system = await get(u.sm, '/key-accounts/assessments?source=system');
      expect(system.status).toBe(200);
      expect(system.body.total).toBe(0);
      const manualPending = await get(u.gm, '/key-accounts/assessments?source=manual&status=pending');
      expect(manualPending.body.total).toBe(0);
      expect((await get(u.km, '/key-accounts/assessments?status=open')).status).toBe(400);

      const one = await get(u.ks, `/key-accounts/assessments/${ids.oneNone}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: ids.oneNone, status: 'approved', decidedBy: u.km2.id, proposedTierCode: null, currentTierCode: 'A' });
      expect((await get(u.km, '/key-accounts/assessments/00000000-0000-4000-8000-000000000001')).status).toBe(404);
      for (const who of [u.rep, u.clerk, u.admin]) {
        expect((await get(who, '/key-accounts/assessments')).status).toBe(403);
        expect((await get(who, `/key-accounts/assessments/${ids.oneB}`)).status).toBe(403);
      }
    });
  });

  describe('GET /key-accounts: tier, owner, last visit, next visit due, overdue', () => {
    const visit = (who: TestUser, customerId: string, visitedAt: string) =>
      post(who, '/visits', { customerId, visitedAt, method: 'in_person', purpose: '季度回访', summary: '了解客户下季度采购计划' });
    let recentVisitAt: string;

    beforeAll(async () => {
      c.four = await kaCustomer(u.sp1, '江南化工新材料有限公司');
      c.five = await kaCustomer(u.sp3, '北方港口物流有限公司');
      const a = await propose(u.sp1, c.four, 'A');
      expect(a.status).toBe(201);
      expect((await post(u.km, `/key-accounts/assessments/${a.body.id}/approve`, { assigneeId: u.sp1.id })).status).toBe(200);
      const b = await propose(u.sp3, c.five, 'B');
      expect(b.status).toBe(201);
      expect((await post(u.km, `/key-accounts/assessments/${b.body.id}/approve`, {})).status).toBe(200);
      // both have been key accounts since New Year (Beijing time)
      await t.ds.query(`UPDATE customers SET key_account_since = '2026-01-01T00:00:00+08:00' WHERE id = ANY($1)`, [[c.four, c.five]]);
      // four: last visited 1 October 00:30 Beijing time (still 30 September in UTC); A visits every 15 days
      expect((await visit(u.sp1, c.four, '2026-09-01T10:00:00+08:00')).status).toBe(201);
      expect((await visit(u.sp1, c.four, '2026-10-01T00:30:00+08:00')).status).toBe(201);
      // five: visited an hour ago; B (patched) visits every 45 days
      recentVisitAt = new Date(Date.now() - 3_600_000).toISOString();
      expect((await visit(u.sp3, c.five, recentVisitAt)).status).toBe(201);
    });

    it('shows each key account with its tier, owner, last visit, next visit due and overdue flag', async () => {
      const res = await get(u.km, '/key-accounts');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      const byId = new Map(res.body.items.map((x: { customerId: string }) => [x.customerId, x]));
      expect(byId.get(c.four)).toMatchObject({
        name: '江南化工新材料有限公司',
        tierCode: 'A',
        tierRank: 1,
        visitIntervalDays: 15,
        ownerId: u.sp1.id,
        department: 'key_account',
        keyAccountSince: '2025-12-31T16:00:00.000Z',
        lastVisitAt: '2026-09-30T16:30:00.000Z',
        nextVisitDue: '2026-10-16',
        visitOverdue: true,
      });
      expect(byId.get(c.five)).toMatchObject({
        tierCode: 'B',
        visitIntervalDays: 45,
        ownerId: u.sp3.id,
        lastVisitAt: recentVisitAt,
        nextVisitDue: addDays(shanghaiDate(recentVisitAt), 45),
        visitOverdue: false,
      });
      // never visited: due one interval after it became a key account
      const two = byId.get(c.two) as { keyAccountSince: string };
      expect(two).toMatchObject({ tierCode: 'C', ownerId: u.sp2.id, lastVisitAt: null, visitOverdue: false });
      expect(two).toMatchObject({ nextVisitDue: addDays(shanghaiDate(two.keyAccountSince), 60) });
      // the customer downgraded to "not a key account" is not listed
      expect(byId.has(c.one)).toBe(false);
      // default order: the most urgent visit first
      expect(res.body.items.map((x: { customerId: string }) => x.customerId)).toEqual([c.four, c.five, c.two]);
    });

    it('filters by overdue, tier, owner and name; sorts; refuses an unknown sort field', async () => {
      const ids = async (query: string) => {
        const res = await get(u.km, `/key-accounts?${query}`);
        expect(res.status).toBe(200);
        return res.body.items.map((x: { customerId: string }) => x.customerId);
      };
      expect(await ids('visitOverdue=true')).toEqual([c.four]);
      expect(await ids('visitOverdue=false')).toEqual([c.five, c.two]);
      expect(await ids('tierCode=A')).toEqual([c.four]);
      expect(await ids('tierCode=C')).toEqual([c.two]);
      expect(await ids(`ownerId=${u.sp3.id}`)).toEqual([c.five]);
      expect(await ids(`q=${encodeURIComponent('港口')}`)).toEqual([c.five]);
      expect(await ids('sort=-nextVisitDue')).toEqual([c.two, c.five, c.four]);
      expect(await ids('sort=tier')).toEqual([c.four, c.five, c.two]);
      const bad = await get(u.km, '/key-accounts?sort=ownerId');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
      expect((await get(u.km, '/key-accounts?visitOverdue=yes')).status).toBe(400);
      expect((await get(u.km, '/key-accounts?ownerId=nobody')).status).toBe(400);
    });

    it('key-account roles see 大客户部’s key accounts, the sales manager and gm see them too; rep, clerk and admin get 403', async () => {
      for (const who of [u.km, u.ks, u.sp1, u.sp3, u.sm, u.gm]) {
        const res = await get(who, '/key-accounts');
        expect(res.status).toBe(200);
        expect(res.body.items.map((x: { customerId: string }) => x.customerId).sort()).toEqual([c.two, c.four, c.five].sort());
      }
      for (const who of [u.rep, u.clerk, u.admin]) {
        const res = await get(who, '/key-accounts');
        expect(res.status).toBe(403);
      }
    });
  });
});
