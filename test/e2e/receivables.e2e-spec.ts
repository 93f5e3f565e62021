import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { fromCents, toCents } from '../../src/common/money';

/**
 * 应收 / 回款计划 and 催收 (SAL-7.3, SAL-6.5, SAL-4.3): scopes, filters, the overdue flag in
 * BUSINESS_TZ, collection records, aging buckets as of a date, and the collection rate (SPEC §4, §6).
 */
describe('receivables, collections, aging and collection rate', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};

  const post = (user: TestUser, path: string, body: object) => t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));

  // exact money in integer cents (src/common/money.ts has its own unit tests)
  const cents = toCents;
  const money = fromCents;
  const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  let partyNo = 0;
  interface Made {
    id: string;
    customerId: string;
    amount: string;
  }
  /** A signed contract of `owner` through the API: customer filed by the 内勤, assigned, drafted, approved, signed. */
  async function signedContract(owner: TestUser, plan: Array<[string, string]>, signedAt = '2026-01-10'): Promise<Made> {
    partyNo += 1;
    const c = await post(u.clerk, '/customers', {
      name: `应收测试${partyNo}号实业有限公司`,
      contactName: '财务联系人',
      contactPhone: `1360000${String(partyNo).padStart(4, '0')}`,
    });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
    const amount = money(plan.reduce((s, [, a]) => s + cents(a), 0n));
    const k = await post(owner, '/contracts', {
      customerId: c.body.id,
      title: `购销合同 ${amount}`,
      amount,
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      paymentPlan: plan.map(([dueDate, a]) => ({ dueDate, amount: a })),
    });
    expect(k.status).toBe(201);
    expect((await post(owner, `/contracts/${k.body.id}/submit`, {})).status).toBe(200);
    expect((await post(u.sm, `/contracts/${k.body.id}/approve`, { comment: '同意' })).status).toBe(200);
    const s = await post(owner, `/contracts/${k.body.id}/sign`, { signedAt });
    expect(s.status).toBe(200);
    return { id: k.body.id, customerId: c.body.id, amount };
  }

  type Rec = { id: string; ownerId: string; dueDate: string; amountDue: string; amountPaid: string; outstanding: string; status: string; overdue: boolean; daysOverdue: number };
  const recsOf = async (contractId: string, who: TestUser = u.clerk): Promise<Rec[]> => {
    const res = await get(who, `/receivables?contractId=${contractId}&sort=dueDate`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  const pay = async (contractId: string, amount: string, receivedAt: string) => {
    const res = await post(u.clerk, '/payments', { contractId, amount, receivedAt, method: 'bank_transfer' });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员甲' });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id, displayName: '业务员乙' });
    u.r3 = await createUser(t, 'sales.rep', { admin, displayName: '业务员丙' });
    u.rA = await createUser(t, 'sales.rep', { admin, displayName: '账龄业务员' });
    u.rO = await createUser(t, 'sales.rep', { admin, displayName: '逾期业务员' });
    u.rC = await createUser(t, 'sales.rep', { admin, displayName: '逾期客户业务员' });
    u.rR1 = await createUser(t, 'sales.rep', { admin, displayName: '回款率业务员一' });
    u.rR2 = await createUser(t, 'sales.rep', { admin, displayName: '回款率业务员二' });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.gm = await createUser(t, 'gm', { admin });
    u.mm = await createUser(t, 'market.manager', { admin });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };
  });
  afterAll(() => t?.close());

  describe('scopes and filters', () => {
    let a: Made;
    let b: Made;
    let c: Made;
    let aRecs: Rec[];
    let bRec: Rec;
    let cRec: Rec;
    beforeAll(async () => {
      a = await signedContract(u.r1, [
        ['2026-12-31', '100.00'],
        ['2027-01-31', '200.00'],
      ]);
      b = await signedContract(u.r2, [['2026-12-31', '300.00']]);
      c = await signedContract(u.r3, [['2026-12-31', '400.00']]);
      aRecs = await recsOf(a.id);
      [bRec] = await recsOf(b.id);
      [cRec] = await recsOf(c.id);
    });

    const owners = async (who: TestUser, query = '') => {
      const res = await get(who, `/receivables?pageSize=100${query}`);
      expect(res.status).toBe(200);
      return new Set(res.body.items.map((r: { ownerId: string }) => r.ownerId));
    };

    it('a receivable carries its amounts, outstanding, status and names', async () => {
      const res = await get(u.r1, `/receivables/${aRecs[1].id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        contractId: a.id,
        customerId: a.customerId,
        ownerId: u.r1.id,
        department: 'sales',
        seq: 2,
        dueDate: '2027-01-31',
        amountDue: '200.00',
        amountPaid: '0.00',
        outstanding: '200.00',
        status: 'open',
        overdue: false,
        daysOverdue: 0,
      });
      expect(res.body.contractNumber).toMatch(/^HT-\d{4}-\d{6}$/);
      expect(res.body.customerName).toBe(`应收测试1号实业有限公司`);
    });

    it('a rep sees only their own: another rep’s receivable is 404, an ownerId filter does not widen the scope', async () => {
      expect(await owners(u.r1)).toEqual(new Set([u.r1.id]));
      const res = await get(u.r1, `/receivables/${bRec.id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const filtered = await get(u.r1, `/receivables?ownerId=${u.r2.id}`);
      expect(filtered.status).toBe(200);
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
      expect((await get(u.r1, `/receivables?customerId=${b.customerId}`)).body.total).toBe(0);
    });

    it('the supervisor sees the team’s; the sales manager the department’s; clerk and gm all; market manager none; admin 403', async () => {
      expect(await owners(u.ss)).toEqual(new Set([u.r1.id, u.r2.id]));
      expect((await get(u.ss, `/receivables/${cRec.id}`)).status).toBe(404);
      expect((await get(u.ss, `/receivables/${bRec.id}`)).status).toBe(200);
      const sales = await owners(u.sm);
      for (const id of [u.r1.id, u.r2.id, u.r3.id]) expect(sales.has(id)).toBe(true);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM receivables');
      for (const who of [u.clerk, u.gm, u.sm]) {
        const res = await get(who, '/receivables?pageSize=1');
        expect(res.body.total).toBe(n);
      }
      const mm = await get(u.mm, '/receivables');
      expect(mm.status).toBe(200);
      expect(mm.body.total).toBe(0);
      expect((await get(u.mm, `/receivables/${cRec.id}`)).status).toBe(404);
      const denied = await get(u.admin, '/receivables');
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('PERMISSION_DENIED');
      expect((await get(u.admin, `/receivables/${cRec.id}`)).status).toBe(403);
    });

    it('filters: contractId, customerId, ownerId, status, dueBefore; paging', async () => {
      const byOwner = await get(u.sm, `/receivables?ownerId=${u.r1.id}`);
      expect(byOwner.body.items.map((r: Rec) => r.id)).toEqual(aRecs.map((r) => r.id));
      const byCustomer = await get(u.clerk, `/receivables?customerId=${c.customerId}`);
      expect(byCustomer.body.items.map((r: Rec) => r.id)).toEqual([cRec.id]);
      const before = await get(u.r1, '/receivables?dueBefore=2027-01-31');
      expect(before.body.items.map((r: Rec) => r.id)).toEqual([aRecs[0].id]);
      const paged = await get(u.r1, '/receivables?pageSize=1&page=2&sort=dueDate');
      expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(paged.body.items.map((r: Rec) => r.id)).toEqual([aRecs[1].id]);

      await pay(a.id, '100.00', '2026-11-20');
      const paid = await get(u.r1, '/receivables?status=paid');
      expect(paid.body.items.map((r: Rec) => [r.id, r.amountPaid, r.outstanding])).toEqual([[aRecs[0].id, '100.00', '0.00']]);
      const open = await get(u.r1, '/receivables?status=open');
      expect(open.body.items.map((r: Rec) => r.id)).toEqual([aRecs[1].id]);
    });

    it.each([
      ['a page size above 100', '?pageSize=101'],
      ['an unknown status', '?status=lost'],
      ['an overdue flag that is not true/false', '?overdue=yes'],
      ['an impossible dueBefore', '?dueBefore=2026-02-30'],
      ['an ownerId that is not a UUID', '?ownerId=me'],
      ['an unknown sort field', '?sort=-password'],
    ])('400 for %s', async (_name, query) => {
      const res = await get(u.clerk, `/receivables${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    describe('collection records (催收)', () => {
      const entry = (extra: object = {}) => ({
        contactedAt: '2026-11-25T10:00:00+08:00',
        method: 'phone',
        result: 'promised',
        promisedDate: '2026-12-10',
        note: '财务答应月底前安排付款',
        ...extra,
      });
      const collectionCount = async () => (await t.ds.query('SELECT count(*)::int AS n FROM collections'))[0].n as number;

      it('the owning rep logs one: 201, the collector is the caller', async () => {
        const res = await post(u.r1, `/receivables/${aRecs[1].id}/collections`, entry());
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          receivableId: aRecs[1].id,
          collectorId: u.r1.id,
          contactedAt: '2026-11-25T02:00:00.000Z',
          method: 'phone',
          result: 'promised',
          promisedDate: '2026-12-10',
          note: '财务答应月底前安排付款',
        });
        const [row] = await t.ds.query('SELECT collector_id, receivable_id FROM collections WHERE id = $1', [res.body.id]);
        expect(row).toEqual({ collector_id: u.r1.id, receivable_id: aRecs[1].id });
      });

      it('the sales manager logs one within the department: 201', async () => {
        const res = await post(u.sm, `/receivables/${aRecs[1].id}/collections`, entry({ contactedAt: '2026-11-26T09:00:00+08:00', method: 'visit', result: 'partial', promisedDate: null, note: '上门催收' }));
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ collectorId: u.sm.id, promisedDate: null });
      });

      it('another rep gets 404; the 内勤, the supervisor and the gm (no collection.log) get 403; nothing written', async () => {
        const before = await collectionCount();
        const other = await post(u.r2, `/receivables/${aRecs[1].id}/collections`, entry());
        expect(other.status).toBe(404);
        expect(other.body.code).toBe('NOT_FOUND');
        for (const who of [u.clerk, u.ss, u.gm, u.admin]) {
          const res = await post(who, `/receivables/${aRecs[1].id}/collections`, entry());
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('PERMISSION_DENIED');
          expect(res.body.permission).toBe('collection.log');
        }
        expect(await collectionCount()).toBe(before);
      });

      it.each([
        ['an unknown method', { method: 'fax' }, 'method'],
        ['an unknown result', { result: 'maybe' }, 'result'],
        ['an empty note', { note: '' }, 'note'],
        ['an impossible promised date', { promisedDate: '2026-13-01' }, 'promisedDate'],
        ['a contact time without offset', { contactedAt: '2026-11-25T10:00:00' }, 'contactedAt'],
        ['a server-owned collector', { collectorId: '00000000-0000-4000-8000-000000000001' }, 'collectorId'],
      ])('400 for %s', async (_name, extra, field) => {
        const before = await collectionCount();
        const res = await post(u.r1, `/receivables/${aRecs[1].id}/collections`, entry(extra));
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expect(await collectionCount()).toBe(before);
      });

      it('GET collections lists them, newest contact first, for readers in scope; 404 outside it', async () => {
        for (const who of [u.r1, u.sm, u.clerk, u.ss]) {
          const res = await get(who, `/receivables/${aRecs[1].id}/collections`);
          expect(res.status).toBe(200);
          expect(res.body.total).toBe(2);
          expect(res.body.items.map((c: { collectorId: string; method: string }) => [c.collectorId, c.method])).toEqual([
            [u.sm.id, 'visit'],
            [u.r1.id, 'phone'],
          ]);
        }
        expect((await get(u.r2, `/receivables/${aRecs[1].id}/collections`)).status).toBe(404);
        expect((await get(u.r1, `/receivables/${aRecs[0].id}/collections`)).body).toMatchObject({ items: [], total: 0 });
      });
    });
  });

  describe('overdue, in Beijing time', () => {
    it('due yesterday (Beijing) is overdue, due today is not; the overdue filter follows; paying clears it', async () => {
      const today = beijingToday();
      const k = await signedContract(u.rO, [
        [addDays(today, -1), '100.00'],
        [today, '200.00'],
        [addDays(today, 1), '300.00'],
      ]);
      const rs = await recsOf(k.id);
      expect(rs.map((r) => [r.dueDate, r.overdue, r.daysOverdue])).toEqual([
        [addDays(today, -1), true, 1],
        [today, false, 0],
        [addDays(today, 1), false, 0],
      ]);
      const overdue = await get(u.rO, `/receivables?contractId=${k.id}&overdue=true`);
      expect(overdue.body.items.map((r: Rec) => r.id)).toEqual([rs[0].id]);
      const notOverdue = await get(u.rO, `/receivables?contractId=${k.id}&overdue=false&sort=dueDate`);
      expect(notOverdue.body.items.map((r: Rec) => r.id)).toEqual([rs[1].id, rs[2].id]);
      expect((await get(u.rO, `/receivables/${rs[0].id}`)).body).toMatchObject({ overdue: true, daysOverdue: 1 });

      await pay(k.id, '100.00', today);
      expect((await get(u.rO, `/receivables?contractId=${k.id}&overdue=true`)).body.total).toBe(0);
      expect((await get(u.rO, `/receivables/${rs[0].id}`)).body).toMatchObject({ status: 'paid', overdue: false, outstanding: '0.00' });
    });

    it('"overdue" flips at midnight Asia/Shanghai, not at midnight UTC', async () => {
      const k = await signedContract(u.rO, [['2026-11-26', '50.00']]);
      const [r] = await recsOf(k.id);
      const at = async (instant: string) => {
        // only the clock is replaced; timers and I/O stay real
        jest.useFakeTimers({
          now: new Date(instant),
          doNotFake: [
            'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
            'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
          ],
        });
        try {
          const one = await get(u.rO, `/receivables/${r.id}`);
          const list = await get(u.rO, `/receivables?contractId=${k.id}&overdue=true`);
          const aging = await get(u.rO, '/receivables/aging');
          return { overdue: one.body.overdue, listed: list.body.total, asOf: aging.body.asOf };
        } finally {
          jest.useRealTimers();
        }
      };
      // 23:59:59 on the 26th in Beijing (15:59:59 UTC): still due today
      expect(await at('2026-11-26T15:59:59Z')).toEqual({ overdue: false, listed: 0, asOf: '2026-11-26' });
      // 00:00 on the 27th in Beijing — still the 26th in UTC: overdue
      expect(await at('2026-11-26T16:00:00Z')).toEqual({ overdue: true, listed: 1, asOf: '2026-11-27' });
    });
  });

  describe('aging (账龄) as of a date', () => {
    const asOf = '2026-06-30';
    let k: Made;
    const row = async (who: TestUser, date: string, ownerId = u.rA.id) => {
      const res = await get(who, `/receivables/aging?asOf=${date}`);
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe(date);
      const found = res.body.owners.find((o: { ownerId: string }) => o.ownerId === ownerId);
      if (!found) return undefined;
      const { ownerId: _id, ownerName: _name, ...buckets } = found;
      return buckets;
    };

    beforeAll(async () => {
      // due exactly 0, 1, 30, 31, 60, 61, 90 and 91 days before asOf, and one not yet due
      k = await signedContract(u.rA, [
        ['2026-06-30', '100.00'], //  0 days → current
        ['2026-06-29', '200.00'], //  1 → 1-30
        ['2026-05-31', '400.00'], // 30 → 1-30
        ['2026-05-30', '800.00'], // 31 → 31-60
        ['2026-05-01', '1600.00'], // 60 → 31-60
        ['2026-04-30', '3200.00'], // 61 → 61-90
        ['2026-04-01', '6400.00'], // 90 → 61-90
        ['2026-03-31', '12800.00'], // 91 → 90+
        ['2026-07-15', '25600.00'], // not yet due → current
      ]);
      // signed at 00:30 on 1 July in Beijing (still 30 June in UTC): not yet a receivable as of 30 June
      await signedContract(u.rA, [['2026-06-01', '50.00']], '2026-07-01T00:30:00+08:00');
    });

    it('each amount lands in its bucket; the edge day belongs to the lower bucket', async () => {
      const res = await get(u.clerk, `/receivables/aging?asOf=${asOf}`);
      expect(res.body.buckets).toEqual(['current', '1-30', '31-60', '61-90', '90+']);
      expect(await row(u.clerk, asOf)).toEqual({
        current: '25700.00',
        '1-30': '600.00',
        '31-60': '2400.00',
        '61-90': '9600.00',
        '90+': '12800.00',
        total: '51100.00',
      });
    });

    it('the owner rows and the total sum to the total outstanding', async () => {
      const res = await get(u.clerk, `/receivables/aging?asOf=${asOf}`);
      const keys = ['current', '1-30', '31-60', '61-90', '90+'];
      for (const o of [...res.body.owners, res.body.total]) {
        expect(money(keys.reduce((s, key) => s + cents(o[key]), 0n))).toBe(o.total);
      }
      for (const key of [...keys, 'total']) {
        expect(money(res.body.owners.reduce((s: bigint, o: Record<string, string>) => s + cents(o[key]), 0n))).toBe(res.body.total[key]);
      }
      // independently in SQL: due less what was allocated by the end of asOf, for contracts signed by then
      const [{ open }] = await t.ds.query(
        `SELECT COALESCE(SUM(r.amount_due - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.receivable_id = r.id AND a.effective_date <= $1::date), 0)), 0)::numeric(14,2)::text AS open
         FROM receivables r JOIN contracts k ON k.id = r.contract_id
         WHERE k.signed_at < ($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
        [asOf],
      );
      expect(res.body.total.total).toBe(open);
    });

    it('a rep’s aging covers only their own receivables; the supervisor’s only the team’s', async () => {
      const mine = await get(u.rA, `/receivables/aging?asOf=${asOf}`);
      expect(mine.body.owners.map((o: { ownerId: string }) => o.ownerId)).toEqual([u.rA.id]);
      expect(mine.body.total).toEqual(await row(u.clerk, asOf));
      const other = await get(u.r1, `/receivables/aging?asOf=${asOf}`);
      expect(other.body.owners.every((o: { ownerId: string }) => o.ownerId === u.r1.id)).toBe(true);
      expect(await row(u.ss, asOf)).toBeUndefined();
      expect(await row(u.sm, asOf)).toEqual(await row(u.clerk, asOf));
      expect((await get(u.mm, `/receivables/aging?asOf=${asOf}`)).body.owners).toEqual([]);
      expect((await get(u.admin, `/receivables/aging?asOf=${asOf}`)).status).toBe(403);
    });

    it('a payment dated after asOf — even 00:30 the next day in Beijing — does not reduce the as-of outstanding', async () => {
      const before = await row(u.clerk, asOf);
      const p = await pay(k.id, '12800.00', '2026-07-01T00:30:00+08:00');
      const rs = await recsOf(k.id);
      expect(p.allocations).toEqual([{ receivableId: rs[0].id, amount: '12800.00' }]); // the oldest line, due 31 March
      expect(await row(u.clerk, asOf)).toEqual(before);
      // as of 1 July everything is a day older, the late-signed contract counts, and the payment has arrived
      expect(await row(u.clerk, '2026-07-01')).toEqual({
        current: '25600.00',
        '1-30': '350.00',
        '31-60': '1200.00',
        '61-90': '4800.00',
        '90+': '6400.00',
        total: '38350.00',
      });
    });

    it('a payment dated on asOf — 23:30 in Beijing, already the same day in UTC — does reduce it', async () => {
      const p = await pay(k.id, '6400.00', '2026-06-30T23:30:00+08:00');
      const rs = await recsOf(k.id);
      expect(p.allocations).toEqual([{ receivableId: rs[1].id, amount: '6400.00' }]); // next oldest, due 1 April
      expect(await row(u.clerk, asOf)).toEqual({
        current: '25700.00',
        '1-30': '600.00',
        '31-60': '2400.00',
        '61-90': '3200.00',
        '90+': '12800.00',
        total: '44700.00',
      });
      expect((await row(u.clerk, '2026-07-01'))!['90+']).toBe('0.00');
    });

    it('as of today the buckets sum to everything still outstanding, per owner and in total', async () => {
      const today = beijingToday();
      const res = await get(u.clerk, '/receivables/aging');
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe(today);
      const rows: { owner_id: string; bucket: string; amount: string }[] = await t.ds.query(
        `SELECT owner_id::text,
                CASE WHEN $1::date - due_date <= 0 THEN 'current' WHEN $1::date - due_date <= 30 THEN '1-30'
                     WHEN $1::date - due_date <= 60 THEN '31-60' WHEN $1::date - due_date <= 90 THEN '61-90' ELSE '90+' END AS bucket,
                SUM(amount_due - amount_paid)::numeric(14,2)::text AS amount
         FROM receivables WHERE amount_due > amount_paid GROUP BY 1, 2`,
        [today],
      );
      const expected: Record<string, bigint> = { current: 0n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '90+': 0n, total: 0n };
      for (const r of rows) {
        expected[r.bucket] += cents(r.amount);
        expected.total += cents(r.amount);
      }
      expect(expected.total).toBeGreaterThan(0n);
      expect(res.body.total).toEqual(Object.fromEntries(Object.entries(expected).map(([key, v]) => [key, money(v)])));
      const [{ open }] = await t.ds.query('SELECT SUM(amount_due - amount_paid)::numeric(14,2)::text AS open FROM receivables WHERE owner_id = $1', [u.rA.id]);
      expect((await get(u.rA, '/receivables/aging')).body.total.total).toBe(open);
    });

    it('400 for an impossible asOf', async () => {
      expect((await get(u.clerk, '/receivables/aging?asOf=2026-02-30')).status).toBe(400);
      expect((await get(u.clerk, '/receivables/aging?asOf=30/06/2026')).status).toBe(400);
    });
  });

  describe('overdue customers (逾期客户) as of a date', () => {
    let x: Made;
    let y: Made;
    let z: Made;
    type Row = { customerId: string; customerName: string; overdue: string; receivables: number; oldestDueDate: string; daysOverdue: number; oldestReceivableId: string };
    const overdue = async (who: TestUser, query: string) => {
      const res = await get(who, `/receivables/overdue-customers?${query}`);
      expect(res.status).toBe(200);
      return res.body as { asOf: string; items: Row[]; total: number; page: number; pageSize: number; totalOverdue: string };
    };
    const pick = (r: Row) => [r.customerId, r.overdue, r.receivables, r.oldestDueDate, r.daysOverdue];

    beforeAll(async () => {
      x = await signedContract(u.rC, [
        ['2026-03-01', '100.00'],
        ['2026-05-01', '200.00'],
        ['2026-08-01', '400.00'], // not yet due on 30 June
      ]);
      y = await signedContract(u.rC, [['2026-04-15', '1000.00']]);
      z = await signedContract(u.rC, [['2026-06-15', '50.00']]);
      await pay(z.id, '50.00', '2026-07-02T10:00:00+08:00'); // settled two days after 30 June
    });

    it('per customer: the overdue sum, how many, the oldest due date and its days, the longest overdue first', async () => {
      const res = await overdue(u.rC, 'asOf=2026-06-30');
      expect(res.asOf).toBe('2026-06-30');
      expect(res.items.map(pick)).toEqual([
        [x.customerId, '300.00', 2, '2026-03-01', 121],
        [y.customerId, '1000.00', 1, '2026-04-15', 76],
        [z.customerId, '50.00', 1, '2026-06-15', 15],
      ]);
      expect(res.items[0].customerName).toMatch(/^应收测试\d+号实业有限公司$/);
      expect(res.total).toBe(3);
      expect(res.totalOverdue).toBe('1350.00');
      // the drill-down goes to the oldest overdue receivable of the customer
      expect(res.items[0].oldestReceivableId).toBe((await recsOf(x.id))[0].id);
    });

    it('equals the overdue buckets of the aging report of the same reader and date', async () => {
      for (const date of ['2026-06-30', '2026-07-05']) {
        const aging = (await get(u.rC, `/receivables/aging?asOf=${date}`)).body.total;
        const overdueBuckets = ['1-30', '31-60', '61-90', '90+'].reduce((s, k) => s + cents(aging[k]), 0n);
        expect((await overdue(u.rC, `asOf=${date}`)).totalOverdue).toBe(money(overdueBuckets));
      }
    });

    it('a payment counts from its date in Beijing; a line due on asOf is not yet overdue', async () => {
      const later = await overdue(u.rC, 'asOf=2026-07-05');
      expect(later.items.map(pick)).toEqual([
        [x.customerId, '300.00', 2, '2026-03-01', 126],
        [y.customerId, '1000.00', 1, '2026-04-15', 81],
      ]);
      const dueDay = await overdue(u.rC, 'asOf=2026-08-01');
      expect(dueDay.items[0].overdue).toBe('300.00'); // due 1 August: not overdue on 1 August
      expect((await overdue(u.rC, 'asOf=2026-08-02')).items[0]).toMatchObject({ overdue: '700.00', receivables: 3 });
      expect((await overdue(u.rC, 'asOf=2026-02-28')).items).toEqual([]);
    });

    it('pages: the count and the sum cover every customer, past the last page too', async () => {
      const second = await overdue(u.rC, 'asOf=2026-06-30&page=2&pageSize=1');
      expect(second.items.map((r) => r.customerId)).toEqual([y.customerId]);
      expect([second.total, second.page, second.pageSize, second.totalOverdue]).toEqual([3, 2, 1, '1350.00']);
      const past = await overdue(u.rC, 'asOf=2026-06-30&page=9&pageSize=1');
      expect([past.items, past.total, past.totalOverdue]).toEqual([[], 3, '1350.00']);
    });

    it('within the reader’s scope: the clerk and the sales manager see the same rows, other reps and the team supervisor do not, admin 403', async () => {
      const mine = (await overdue(u.rC, 'asOf=2026-06-30&pageSize=100')).items;
      for (const who of [u.clerk, u.sm, u.gm]) {
        const theirs = (await overdue(who, 'asOf=2026-06-30&pageSize=100')).items.filter((r) => mine.some((m) => m.customerId === r.customerId));
        expect(theirs).toEqual(mine);
      }
      for (const who of [u.r1, u.ss, u.mm]) {
        const theirs = (await overdue(who, 'asOf=2026-06-30&pageSize=100')).items;
        expect(theirs.some((r) => [x, y, z].some((k) => k.customerId === r.customerId))).toBe(false);
      }
      expect((await overdue(u.mm, 'asOf=2026-06-30')).total).toBe(0);
      expect((await get(u.admin, '/receivables/overdue-customers')).status).toBe(403);
    });

    it('400 for a bad date or page, as problem+json', async () => {
      for (const q of ['asOf=2026-02-30', 'pageSize=0', 'pageSize=101', 'page=x']) {
        const res = await get(u.clerk, `/receivables/overdue-customers?${q}`);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    });
  });

  describe('collection rate (回款率)', () => {
    const period = 'from=2025-07-01&to=2025-09-30';
    beforeAll(async () => {
      const k1 = await signedContract(
        u.rR1,
        [
          ['2025-08-01', '1000.00'],
          ['2025-08-15', '1000.00'],
        ],
        '2025-06-01',
      );
      await pay(k1.id, '1000.00', '2025-08-20');
      const k2 = await signedContract(
        u.rR2,
        [
          ['2025-08-10', '3000.00'],
          ['2025-12-10', '1000.00'], // falls due outside the period
        ],
        '2025-06-01',
      );
      await pay(k2.id, '750.00', '2025-08-10');
      await pay(k2.id, '750.00', '2025-10-05'); // received after the period
    });

    it('per owner: received ÷ due of the receivables falling due in the period, as a 4-decimal string', async () => {
      const res = await get(u.clerk, `/receivables/collection-rate?${period}&groupBy=owner`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ from: '2025-07-01', to: '2025-09-30', groupBy: 'owner' });
      const items = [...res.body.items].sort((x, y) => x.ownerName.localeCompare(y.ownerName, 'zh'));
      expect(items).toEqual(
        [
          { ownerId: u.rR2.id, ownerName: '回款率业务员二', due: '3000.00', received: '750.00', rate: '0.2500' },
          { ownerId: u.rR1.id, ownerName: '回款率业务员一', due: '2000.00', received: '1000.00', rate: '0.5000' },
        ].sort((x, y) => x.ownerName.localeCompare(y.ownerName, 'zh')),
      );
      expect(res.body.total).toEqual({ due: '5000.00', received: '1750.00', rate: '0.3500' });
    });

    it('what is received after `to` counts once the period reaches it', async () => {
      const res = await get(u.clerk, '/receivables/collection-rate?from=2025-07-01&to=2025-10-31');
      const r2 = res.body.items.find((i: { ownerId: string }) => i.ownerId === u.rR2.id);
      expect(r2).toMatchObject({ due: '3000.00', received: '1500.00', rate: '0.5000' });
      expect(res.body.total).toEqual({ due: '5000.00', received: '2500.00', rate: '0.5000' });
    });

    it('per department, under the caller’s scope', async () => {
      const sm = await get(u.sm, `/receivables/collection-rate?${period}&groupBy=department`);
      expect(sm.status).toBe(200);
      expect(sm.body.items).toEqual([{ department: 'sales', due: '5000.00', received: '1750.00', rate: '0.3500' }]);
      expect(sm.body.total).toEqual({ due: '5000.00', received: '1750.00', rate: '0.3500' });
      const gm = await get(u.gm, `/receivables/collection-rate?${period}&groupBy=department`);
      expect(gm.body.items).toEqual(sm.body.items);
      // a rep's report counts only their own receivables
      const rep = await get(u.rR1, `/receivables/collection-rate?${period}`);
      expect(rep.body.items.map((i: { ownerId: string }) => i.ownerId)).toEqual([u.rR1.id]);
      expect(rep.body.total).toEqual({ due: '2000.00', received: '1000.00', rate: '0.5000' });
      const repDept = await get(u.rR1, `/receivables/collection-rate?${period}&groupBy=department`);
      expect(repDept.body.items).toEqual([{ department: 'sales', due: '2000.00', received: '1000.00', rate: '0.5000' }]);
      // outside the department, or with nothing due: no rate
      const mm = await get(u.mm, `/receivables/collection-rate?${period}`);
      expect(mm.body).toMatchObject({ items: [], total: { due: '0.00', received: '0.00', rate: null } });
      expect((await get(u.r1, `/receivables/collection-rate?${period}`)).body.items).toEqual([]);
    });

    it.each([
      ['to before from', '?from=2025-09-30&to=2025-07-01'],
      ['no from', '?to=2025-09-30'],
      ['an impossible date', '?from=2025-02-29&to=2025-09-30'],
      ['an unknown groupBy', `?${period}&groupBy=team`],
    ])('400 for %s', async (_name, query) => {
      const res = await get(u.clerk, `/receivables/collection-rate${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('admin sees no business data: 403', async () => {
      expect((await get(u.admin, `/receivables/collection-rate?${period}`)).status).toBe(403);
    });
  });
});
