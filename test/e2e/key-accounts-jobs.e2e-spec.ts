import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';

/**
 * The key-account jobs (SPEC §7): `key-accounts.visit-reminders` (KA-5.1, KA-6.3 — visit each key
 * account within its tier's interval) and `key-accounts.tier-review` (trailing-12-month signed
 * amounts against the thresholds → system assessments pending the 大客户经理, never applied).
 */
describe('key-account jobs', () => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, TestUser> = {};
  const c: Record<string, string> = {};

  const post = (who: TestUser | string, path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  const get = (who: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(who));
  const run = (job: string, asOf: string) => post(admin, `/jobs/${job}/run`, { asOf });

  let phoneSeq = 0;
  const nextPhone = () => `1350000${String(++phoneSeq).padStart(4, '0')}`;
  /** A customer of 大客户部 owned by `specialist` (registered and evaluated by them, converted by the 经理). */
  const kaCustomer = async (specialist: TestUser, name: string) => {
    const p = await post(specialist, '/prospects', { companyName: name, contactName: '赵经理', contactPhone: nextPhone() });
    expect(p.status).toBe(201);
    expect((await post(specialist, `/prospects/${p.body.id}/evaluations`, { capitalVerified: true, score: 85, conclusion: 'pass', notes: '资信良好' })).status).toBe(201);
    const conv = await post(u.km, `/prospects/${p.body.id}/convert`);
    expect(conv.status).toBe(201);
    return conv.body.id as string;
  };
  /** Makes a 大客户部 customer a key account of `tier` through a proposal and the 经理's approval. */
  const makeKeyAccount = async (specialist: TestUser, customerId: string, tier: string) => {
    const a = await post(specialist, '/key-accounts/assessments', { customerId, proposedTierCode: tier, reason: '符合该等级标准' });
    expect(a.status).toBe(201);
    expect((await post(u.km, `/key-accounts/assessments/${a.body.id}/approve`, {})).status).toBe(200);
  };
  /** A general customer of the sales rep. */
  const salesCustomer = async (name: string) => {
    const res = await post(u.clerk, '/customers', { name, contactName: '孙女士', contactPhone: nextPhone() });
    expect(res.status).toBe(201);
    expect((await post(u.sm, `/customers/${res.body.id}/assign`, { ownerId: u.rep.id })).status).toBe(200);
    return res.body.id as string;
  };
  let contractSeq = 0;
  /** A contract put in place directly with its status and signing time. */
  const insertContract = async (customerId: string, amount: string, signedAt: string | null, status = 'signed', owner: TestUser = u.rep) => {
    const dept = owner.role.split('.')[0];
    await t.ds.query(
      `INSERT INTO contracts (number, customer_id, title, amount, start_date, end_date, status, owner_id, department, created_by, submission_round, signed_at, completed_at)
       VALUES ($1, $2, '年度供货合同', $3, '2025-01-01', '2027-12-31', $4::varchar, $5, $6, $5, 1, $7::timestamptz, CASE WHEN $4::varchar = 'completed' THEN $7::timestamptz END)`,
      [`KAT-${String(++contractSeq).padStart(6, '0')}`, customerId, amount, status, owner.id, dept, signedAt],
    );
  };
  const visit = (who: TestUser, customerId: string, visitedAt: string) =>
    post(who, '/visits', { customerId, visitedAt, method: 'in_person', purpose: '定期走访', summary: '客户运营正常，关注新品交付' });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
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
    for (const [code, rank, minAnnualAmount, visitIntervalDays] of [
      ['A', 1, '5000000.00', 15],
      ['B', 2, '1000000.00', 30],
      ['C', 3, '300000.00', 60],
    ] as const) {
      const res = await post(u.km, '/key-accounts/tiers', { code, name: `${code} 级`, rank, minAnnualAmount, visitIntervalDays, complaintResponseHours: 24 });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  describe('key-accounts.visit-reminders', () => {
    const visitTasks = async (customerId: string) =>
      (await t.ds.query(`SELECT assignee_id, cause_key, status FROM tasks WHERE kind = 'key-account.visit' AND entity_id = $1 ORDER BY created_at, cause_key`, [
        customerId,
      ])) as { assignee_id: string; cause_key: string; status: string }[];
    const visitTaskCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'key-account.visit'`))[0].n as number;
    const due = (customerId: string, date: string) => `key-account:${customerId}:visit-due:${date}`;

    beforeAll(async () => {
      c.r1 = await kaCustomer(u.sp1, '沪宁高速设备租赁有限公司');
      c.r2 = await kaCustomer(u.sp2, '闽南海洋食品有限公司');
      c.r3 = await kaCustomer(u.sp1, '川渝轨道交通器材有限公司');
      c.r4 = await kaCustomer(u.sp3, '滇西茶叶进出口有限公司');
      await makeKeyAccount(u.sp1, c.r1, 'B'); // every 30 days
      await makeKeyAccount(u.sp2, c.r2, 'C'); // every 60 days
      await makeKeyAccount(u.sp1, c.r3, 'A'); // every 15 days
      await t.ds.query(`UPDATE customers SET key_account_since = '2026-01-01T00:00:00+08:00' WHERE id = ANY($1)`, [[c.r1, c.r2, c.r3]]);
      // r1: last visit 1 May → due 31 May
      expect((await visit(u.sp1, c.r1, '2026-04-02T09:00:00+08:00')).status).toBe(201);
      expect((await visit(u.sp1, c.r1, '2026-05-01T09:00:00+08:00')).status).toBe(201);
      // r2: never visited since it became a key account on 1 January → due 2 March
      // r3: last visit 25 May 00:30 Beijing time (24 May in UTC) → due 9 June
      expect((await visit(u.sp1, c.r3, '2026-05-25T00:30:00+08:00')).status).toBe(201);
      // r4: not a key account, not visited for months → never reminded
      expect((await visit(u.sp3, c.r4, '2026-01-05T10:00:00+08:00')).status).toBe(201);
    });

    it('reminds the owner of each key account whose interval has passed (not on the due date itself)', async () => {
      const res = await run('key-accounts.visit-reminders', '2026-05-31');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job: 'key-accounts.visit-reminders', slot: '2026-05-31', status: 'succeeded', summary: { reminders: 1 } });
      expect(await visitTasks(c.r2)).toEqual([{ assignee_id: u.sp2.id, cause_key: due(c.r2, '2026-03-02'), status: 'open' }]);
      expect(await visitTasks(c.r1)).toEqual([]);
      expect(await visitTasks(c.r3)).toEqual([]);
      expect(await visitTasks(c.r4)).toEqual([]);

      const mine = await get(u.sp2, '/me/tasks');
      const task = mine.body.items.find((x: { entityId: string }) => x.entityId === c.r2);
      expect(task).toMatchObject({ kind: 'key-account.visit', entity: 'customer', status: 'open' });
      expect(task.title).toContain('闽南海洋食品有限公司');
      expect(task.title).toContain('2026-03-02');
    });

    it('the next day reminds the newly overdue account only; the same day again is skipped', async () => {
      const res = await run('key-accounts.visit-reminders', '2026-06-01');
      expect(res.body).toMatchObject({ slot: '2026-06-01', status: 'succeeded', summary: { reminders: 1 } });
      expect(await visitTasks(c.r1)).toEqual([{ assignee_id: u.sp1.id, cause_key: due(c.r1, '2026-05-31'), status: 'open' }]);
      expect(await visitTasks(c.r2)).toHaveLength(1);

      const again = await run('key-accounts.visit-reminders', '2026-06-01');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ slot: '2026-06-01', status: 'skipped', reason: 'already_ran' });
      expect(await visitTasks(c.r1)).toHaveLength(1);
      expect(await visitTasks(c.r2)).toHaveLength(1);
    });

    it('later days keep one task per account per interval; the due date is a Beijing-time day', async () => {
      // r3 is due on 9 June in Beijing time (8 June if the visit were read in UTC)
      const ninth = await run('key-accounts.visit-reminders', '2026-06-09');
      expect(ninth.body).toMatchObject({ status: 'succeeded', summary: { reminders: 0 } });
      expect(await visitTasks(c.r3)).toEqual([]);
      const tenth = await run('key-accounts.visit-reminders', '2026-06-10');
      expect(tenth.body).toMatchObject({ status: 'succeeded', summary: { reminders: 1 } });
      expect(await visitTasks(c.r3)).toEqual([{ assignee_id: u.sp1.id, cause_key: due(c.r3, '2026-06-09'), status: 'open' }]);
      for (const day of ['2026-06-11', '2026-06-20', '2026-07-01']) {
        const res = await run('key-accounts.visit-reminders', day);
        expect(res.body).toMatchObject({ slot: day, status: 'succeeded', summary: { reminders: 0 } });
      }
      for (const id of [c.r1, c.r2, c.r3]) expect(await visitTasks(id)).toHaveLength(1);
      expect(await visitTasks(c.r4)).toEqual([]);
      expect(await visitTaskCount()).toBe(3);
      const others = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE kind = 'key-account.visit' AND assignee_id <> ALL($1)`, [[u.sp1.id, u.sp2.id]]);
      expect(others[0].n).toBe(0);
    });

    it('after a new visit the next interval reminds again once it is overdue', async () => {
      expect((await visit(u.sp1, c.r1, '2026-06-12T10:00:00+08:00')).status).toBe(201); // → due 12 July
      const onDue = await run('key-accounts.visit-reminders', '2026-07-12');
      expect(onDue.body).toMatchObject({ status: 'succeeded', summary: { reminders: 0 } });
      expect(await visitTasks(c.r1)).toHaveLength(1);
      const after = await run('key-accounts.visit-reminders', '2026-07-13');
      expect(after.body).toMatchObject({ status: 'succeeded', summary: { reminders: 1 } });
      const rem = await run('key-accounts.visit-reminders', '2026-07-20');
      expect(rem.body).toMatchObject({ status: 'succeeded', summary: { reminders: 0 } });
      expect((await visitTasks(c.r1)).map((x) => [x.assignee_id, x.cause_key])).toEqual([
        [u.sp1.id, due(c.r1, '2026-05-31')],
        [u.sp1.id, due(c.r1, '2026-07-12')],
      ]);
      expect(await visitTasks(c.r2)).toHaveLength(1);
      expect(await visitTasks(c.r3)).toHaveLength(1);
    });
  });

  describe('key-accounts.tier-review', () => {
    const asOf = '2026-06-15';
    type Snapshot = { id: string; tier_code: string | null; is_key_account: boolean; owner_id: string; department: string; version: number }[];
    const snapshot = async (): Promise<Snapshot> =>
      t.ds.query(`SELECT id, tier_code, is_key_account, owner_id, department, version FROM customers ORDER BY id`);
    const systemAssessments = async () =>
      (await t.ds.query(
        `SELECT customer_id, current_tier_code, proposed_tier_code, trailing_amount::text AS trailing, proposed_by, status, source
         FROM tier_assessments WHERE source = 'system' ORDER BY created_at, customer_id`,
      )) as { customer_id: string; current_tier_code: string | null; proposed_tier_code: string | null; trailing: string; proposed_by: null; status: string }[];
    let before: Snapshot;
    let manualPendingId: string;

    beforeAll(async () => {
      // exactly the C threshold, signed through the whole contract flow
      c.t300 = await salesCustomer('江淮汽车配件有限公司');
      const k = await post(u.rep, '/contracts', {
        customerId: c.t300,
        title: '配件年度采购合同',
        amount: '300000.00',
        startDate: '2026-03-01',
        endDate: '2026-12-31',
        paymentPlan: [{ dueDate: '2026-06-30', amount: '300000.00' }],
      });
      expect(k.status).toBe(201);
      expect((await post(u.rep, `/contracts/${k.body.id}/submit`)).status).toBe(200);
      expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
      expect((await post(u.rep, `/contracts/${k.body.id}/sign`, { signedAt: '2026-03-10' })).status).toBe(200);

      // one cent below C; an approved but unsigned contract does not count
      c.t299 = await salesCustomer('皖南竹木制品有限公司');
      await insertContract(c.t299, '299999.99', '2026-04-01T10:00:00+08:00');
      await insertContract(c.t299, '5000000.00', null, 'approved');
      // exactly B, on a completed contract
      c.t1m = await salesCustomer('赣北矿山机械有限公司');
      await insertContract(c.t1m, '1000000.00', '2026-01-20T10:00:00+08:00', 'completed');
      // one cent below A, over two contracts
      c.t4999 = await salesCustomer('湘中电力设备有限公司');
      await insertContract(c.t4999, '4000000.00', '2025-09-01T10:00:00+08:00');
      await insertContract(c.t4999, '999999.99', '2026-05-20T10:00:00+08:00');
      // exactly A
      c.t5m = await salesCustomer('鄂东钢铁贸易有限公司');
      await insertContract(c.t5m, '5000000.00', '2025-12-01T10:00:00+08:00');
      // window edges (the 12 months ending with asOf, Beijing time): the last second of asOf counts,
      // the same calendar day a year earlier does not
      c.tEdgeEnd = await salesCustomer('粤西水产养殖有限公司');
      await insertContract(c.tEdgeEnd, '300000.00', '2026-06-15T23:59:59+08:00');
      await insertContract(c.tEdgeEnd, '5000000.00', '2025-06-15T12:00:00+08:00');
      // the first instant of the window counts; the first instant after asOf (still 15 June in UTC) does not
      c.tEdgeStart = await salesCustomer('桂北林产化工有限公司');
      await insertContract(c.tEdgeStart, '1000000.00', '2025-06-16T00:00:00+08:00');
      await insertContract(c.tEdgeStart, '4000000.00', '2026-06-16T00:00:00+08:00');

      // existing key accounts of 大客户部
      c.kaA = await kaCustomer(u.sp3, '冀中纺织印染有限公司');
      await makeKeyAccount(u.sp3, c.kaA, 'A');
      await insertContract(c.kaA, '1000000.00', '2026-02-01T10:00:00+08:00', 'signed', u.km);
      c.kaSame = await kaCustomer(u.sp3, '晋南煤化工有限公司');
      await makeKeyAccount(u.sp3, c.kaSame, 'B');
      await insertContract(c.kaSame, '1000000.00', '2026-02-01T10:00:00+08:00', 'signed', u.km);
      c.kaPending = await kaCustomer(u.sp2, '陕北新能源开发有限公司');
      await makeKeyAccount(u.sp2, c.kaPending, 'C');
      await insertContract(c.kaPending, '1000000.00', '2026-02-01T10:00:00+08:00', 'signed', u.km);
      const pending = await post(u.sp2, '/key-accounts/assessments', { customerId: c.kaPending, proposedTierCode: 'A', reason: '预计下半年大额订单' });
      expect(pending.status).toBe(201);
      manualPendingId = pending.body.id;
      // r1 (B), r2 (C) and r3 (A) from the reminders above are key accounts with nothing signed
      before = await snapshot();
    });

    it('proposes upgrades and downgrades at the thresholds’ edges, skips pending and unchanged ones, applies nothing', async () => {
      const res = await run('key-accounts.tier-review', asOf);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ job: 'key-accounts.tier-review', slot: '2026-06', asOf, status: 'succeeded' });
      expect(res.body.summary).toEqual({ reviewed: 13, upgrades: 6, downgrades: 4, skippedPending: 1 });

      const got = new Map((await systemAssessments()).map((a) => [a.customer_id, [a.current_tier_code, a.proposed_tier_code, a.trailing]]));
      expect(Object.fromEntries([...got].map(([id, v]) => [Object.keys(c).find((k) => c[k] === id), v]))).toEqual({
        t300: [null, 'C', '300000.00'],
        t1m: [null, 'B', '1000000.00'],
        t4999: [null, 'B', '4999999.99'],
        t5m: [null, 'A', '5000000.00'],
        tEdgeEnd: [null, 'C', '300000.00'],
        tEdgeStart: [null, 'B', '1000000.00'],
        kaA: ['A', 'B', '1000000.00'],
        r1: ['B', null, '0.00'],
        r2: ['C', null, '0.00'],
        r3: ['A', null, '0.00'],
      });
      for (const a of await systemAssessments()) expect(a).toMatchObject({ proposed_by: null, status: 'pending', source: 'system' });
      // the customer with a pending proposal keeps only that one (beside the approval that made it C)
      expect(await t.ds.query(`SELECT id FROM tier_assessments WHERE customer_id = $1 AND status = 'pending'`, [c.kaPending])).toEqual([{ id: manualPendingId }]);
      expect(await t.ds.query(`SELECT source, status FROM tier_assessments WHERE customer_id = $1 ORDER BY created_at`, [c.kaPending])).toEqual([
        { source: 'manual', status: 'approved' },
        { source: 'manual', status: 'pending' },
      ]);
      // nothing was applied: tier, key-account flag, owner, department and version are as before
      expect(await snapshot()).toEqual(before);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM customer_tier_history h JOIN tier_assessments a ON a.id = h.assessment_id WHERE a.source = 'system'`)).toEqual([{ n: 0 }]);
    });

    it('the system assessments wait for the 大客户经理: listed as source system, proposedBy null, a task for each manager', async () => {
      const res = await get(u.km, '/key-accounts/assessments?source=system&status=pending&pageSize=100');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(10);
      const kaA = res.body.items.find((a: { customerId: string }) => a.customerId === c.kaA);
      expect(kaA).toMatchObject({ source: 'system', proposedBy: null, currentTierCode: 'A', proposedTierCode: 'B', trailingAmount: '1000000.00', status: 'pending' });
      expect(kaA.reason).toContain('2026-06-15');
      expect(kaA.reason).toContain('1000000.00');
      const ids = res.body.items.map((a: { id: string }) => a.id);
      for (const m of [u.km, u.km2]) {
        const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE assignee_id = $1 AND kind = 'tier.assessment' AND status = 'open' AND entity_id = ANY($2)`, [
          m.id,
          ids,
        ]);
        expect(n).toBe(10);
      }
      const [{ n: toOthers }] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE assignee_id <> ALL($1) AND entity_id = ANY($2)`, [[u.km.id, u.km2.id], ids]);
      expect(toOthers).toBe(0);
    });

    it('running the same month again is skipped and proposes nothing more', async () => {
      const res = await run('key-accounts.tier-review', '2026-06-30');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ slot: '2026-06', status: 'skipped', reason: 'already_ran' });
      expect(await systemAssessments()).toHaveLength(10);
      expect(await snapshot()).toEqual(before);
    });

    it('approving a system assessment moves a sales customer into 大客户部; a sales rep may no longer draft its contracts', async () => {
      const draft = (who: TestUser) =>
        post(who, '/contracts', {
          customerId: c.t1m,
          title: '追加采购合同',
          amount: '50000.00',
          startDate: '2026-12-01',
          endDate: '2027-06-30',
          paymentPlan: [{ dueDate: '2027-01-31', amount: '50000.00' }],
        });
      // still a general customer of the rep
      expect((await draft(u.rep)).status).toBe(201);

      const [{ id }] = await t.ds.query(`SELECT id FROM tier_assessments WHERE customer_id = $1 AND source = 'system'`, [c.t1m]);
      const noAssignee = await post(u.km, `/key-accounts/assessments/${id}/approve`, {});
      expect(noAssignee.status).toBe(400);
      expect(noAssignee.body.errors.map((e: { field: string }) => e.field)).toEqual(['assigneeId']);
      const ok = await post(u.km, `/key-accounts/assessments/${id}/approve`, { assigneeId: u.sp1.id, comment: '转大客户部专员一维护' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', source: 'system', decidedBy: u.km.id, assigneeId: u.sp1.id });

      const customer = await get(u.sp1, `/customers/${c.t1m}`);
      expect(customer.body).toMatchObject({ isKeyAccount: true, tierCode: 'B', ownerId: u.sp1.id, department: 'key_account' });
      const history = await get(u.km, `/customers/${c.t1m}/tier-history`);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({
        assessmentId: id,
        fromTierCode: null,
        toTierCode: 'B',
        fromOwnerId: u.rep.id,
        toOwnerId: u.sp1.id,
        fromDepartment: 'sales',
        toDepartment: 'key_account',
        changedBy: u.km.id,
        source: 'system',
      });

      // the rep no longer reaches the customer at all; 大客户部 drafts its contracts (KA-4.2)
      expect((await draft(u.rep)).status).toBe(404);
      expect((await draft(u.km)).status).toBe(201);
      // even back in a rep's hands (the gm's 责任分区), a key account is not a 一般性客户 (SAL-7.3)
      const reassigned = await post(u.gm, `/customers/${c.t1m}/assign`, { ownerId: u.rep.id });
      expect(reassigned.status).toBe(200);
      expect(reassigned.body).toMatchObject({ isKeyAccount: true, tierCode: 'B', ownerId: u.rep.id, department: 'sales' });
      const refused = await draft(u.rep);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('CONTRACT_KEY_ACCOUNT_CUSTOMER');
      expect(refused.body.clauses.map((x: { id: string }) => x.id)).toEqual(['SAL-7.3']);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM contracts WHERE customer_id = $1 AND status = 'draft'`, [c.t1m]);
      expect(n).toBe(2);

      // the key-account list: 大客户部 sees its department, the sales manager sees every key account
      const kaList = await get(u.km, '/key-accounts?pageSize=100');
      expect(kaList.body.items.map((x: { customerId: string }) => x.customerId)).not.toContain(c.t1m);
      const smList = await get(u.sm, '/key-accounts?pageSize=100');
      expect(smList.body.items.map((x: { customerId: string }) => x.customerId)).toContain(c.t1m);
      expect(smList.body.total).toBe(kaList.body.total + 1);
    });

    it('a rejected system assessment changes nothing; next month proposes it again, skipping the pending ones', async () => {
      const [{ id }] = await t.ds.query(`SELECT id FROM tier_assessments WHERE customer_id = $1 AND source = 'system'`, [c.r3]);
      const r3Before = (await snapshot()).find((x) => x.id === c.r3);
      const rejected = await post(u.km2, `/key-accounts/assessments/${id}/reject`, { comment: '下半年有大额订单在谈，保留 A 级' });
      expect(rejected.status).toBe(200);
      expect((await snapshot()).find((x) => x.id === c.r3)).toEqual(r3Before);
      expect(r3Before).toMatchObject({ tier_code: 'A', is_key_account: true });

      const july = await run('key-accounts.tier-review', '2026-07-15');
      expect(july.body).toMatchObject({ slot: '2026-07', status: 'succeeded' });
      // t1m is now B and still earns B; r3 is proposed again; the nine still pending are skipped
      expect(july.body.summary).toEqual({ reviewed: 13, upgrades: 0, downgrades: 1, skippedPending: 9 });
      const r3 = await t.ds.query(`SELECT status, proposed_tier_code FROM tier_assessments WHERE customer_id = $1 AND source = 'system' ORDER BY created_at`, [c.r3]);
      expect(r3).toEqual([
        { status: 'rejected', proposed_tier_code: null },
        { status: 'pending', proposed_tier_code: null },
      ]);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM tier_assessments WHERE customer_id = $1`, [c.t1m])).toEqual([{ n: 1 }]);
    });
  });
});
