import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, TestUser } from '../setup/users';
import { fromCents, toCents } from '../../src/common/money';

/**
 * 回款与销售台账 (SAL-6.5): payments recorded by the 内勤 and allocated oldest-first, the
 * outstanding-total ceiling, Idempotency-Key, reversals, contract completion, concurrency, and the
 * append-only ledger with running balances (SPEC §4–§6, §9).
 */
describe('payments and the sales ledger', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};

  const post = (user: TestUser, path: string, body: object, headers: Record<string, string> = {}) =>
    t.http().post(`/api/v1${path}`).set('authorization', bearer(user)).set(headers).send(body);
  const get = (user: TestUser, path: string) => t.http().get(`/api/v1${path}`).set('authorization', bearer(user));

  // exact money in integer cents (src/common/money.ts has its own unit tests)
  const cents = toCents;
  const money = fromCents;

  let partyNo = 0;
  async function newCustomer(owner: TestUser): Promise<string> {
    partyNo += 1;
    const c = await post(u.clerk, '/customers', {
      name: `回款测试${partyNo}号贸易有限公司`,
      contactName: '财务联系人',
      contactPhone: `1370000${String(partyNo).padStart(4, '0')}`,
    });
    expect(c.status).toBe(201);
    expect((await post(u.sm, `/customers/${c.body.id}/assign`, { ownerId: owner.id })).status).toBe(200);
    return c.body.id;
  }

  interface Made {
    id: string;
    customerId: string;
    number: string;
    amount: string;
  }
  /** A contract of `owner` through the API, taken to `stage`; the plan is [dueDate, amount] lines. */
  async function contract(
    owner: TestUser,
    plan: Array<[string, string]>,
    opts: { stage?: 'draft' | 'approved' | 'signed'; customerId?: string; signedAt?: string } = {},
  ): Promise<Made> {
    const customerId = opts.customerId ?? (await newCustomer(owner));
    const amount = money(plan.reduce((s, [, a]) => s + cents(a), 0n));
    const k = await post(owner, '/contracts', {
      customerId,
      title: `年度供货合同 ${amount}`,
      amount,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      paymentPlan: plan.map(([dueDate, a]) => ({ dueDate, amount: a })),
    });
    expect(k.status).toBe(201);
    const made = { id: k.body.id as string, customerId, number: k.body.number as string, amount };
    if (opts.stage === 'draft') return made;
    expect((await post(owner, `/contracts/${made.id}/submit`, {})).status).toBe(200);
    expect((await post(u.sm, `/contracts/${made.id}/approve`, { comment: '同意' })).status).toBe(200);
    if (opts.stage === 'approved') return made;
    const s = await post(owner, `/contracts/${made.id}/sign`, { signedAt: opts.signedAt ?? '2026-01-10' });
    expect(s.status).toBe(200);
    expect(s.body.status).toBe('signed');
    return made;
  }

  const pay = (contractId: string, amount: unknown, extra: object = {}, headers: Record<string, string> = {}, who: TestUser = u.clerk) =>
    post(who, '/payments', { contractId, amount, receivedAt: '2026-11-20', method: 'bank_transfer', ...extra }, headers);

  const counts = async () => {
    const [row] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM payments) AS payments,
              (SELECT count(*)::int FROM ledger_entries) AS ledger,
              (SELECT count(*)::int FROM payment_allocations) AS allocations,
              (SELECT count(*)::int FROM idempotency_keys) AS keys,
              (SELECT COALESCE(SUM(amount_paid), 0)::text FROM receivables) AS paid`,
    );
    return row as { payments: number; ledger: number; allocations: number; keys: number; paid: string };
  };

  const receivables = async (contractId: string) => {
    const res = await get(u.clerk, `/receivables?contractId=${contractId}&sort=dueDate`);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; seq: number; dueDate: string; amountDue: string; amountPaid: string; outstanding: string; status: string }>;
  };

  const contractStatus = async (id: string) => {
    const res = await get(u.clerk, `/contracts/${id}`);
    expect(res.status).toBe(200);
    return res.body.status as string;
  };

  /**
   * SPEC §9: a customer's balance always equals the sum of its ledger entries — and it is what is
   * still owed on its receivables, and what was signed less what was received.
   */
  async function expectBalanced(customerId: string, expected: string) {
    const [{ ledger }] = await t.ds.query(
      'SELECT COALESCE(SUM(debit - credit), 0)::numeric(14,2)::text AS ledger FROM ledger_entries WHERE customer_id = $1',
      [customerId],
    );
    const [{ open }] = await t.ds.query(
      'SELECT COALESCE(SUM(amount_due - amount_paid), 0)::numeric(14,2)::text AS open FROM receivables WHERE customer_id = $1',
      [customerId],
    );
    const [{ net }] = await t.ds.query(
      `SELECT ((SELECT COALESCE(SUM(amount), 0) FROM contracts WHERE customer_id = $1 AND signed_at IS NOT NULL)
             - (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE customer_id = $1))::numeric(14,2)::text AS net`,
      [customerId],
    );
    expect(ledger).toBe(expected);
    expect(open).toBe(expected);
    expect(net).toBe(expected);
    const api = await get(u.clerk, `/customers/${customerId}/ledger`);
    expect(api.status).toBe(200);
    expect(api.body.balance).toBe(expected);
  }

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    u.sm = await createUser(t, 'sales.manager', { admin });
    u.ss = await createUser(t, 'sales.supervisor', { admin, supervisorId: u.sm.id });
    u.r1 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.r2 = await createUser(t, 'sales.rep', { admin, supervisorId: u.ss.id });
    u.clerk = await createUser(t, 'sales.clerk', { admin });
    u.clerk2 = await createUser(t, 'sales.clerk', { admin });
    u.gm = await createUser(t, 'gm', { admin });
    u.admin = { id: '', username: 'admin', role: 'admin', token: admin, version: 1 };
  });
  afterAll(() => t?.close());

  describe('recording a payment', () => {
    let k: Made;
    beforeAll(async () => {
      // given out of order on purpose: allocation follows the due dates, not the order typed in
      k = await contract(u.r1, [
        ['2027-06-30', '400.00'],
        ['2026-12-31', '300.00'],
        ['2027-03-31', '300.00'],
      ]);
    });

    it('signing opened one receivable per plan line and a sale entry in the ledger', async () => {
      const rs = await receivables(k.id);
      expect(rs.map((r) => [r.dueDate, r.amountDue, r.amountPaid, r.outstanding, r.status])).toEqual([
        ['2026-12-31', '300.00', '0.00', '300.00', 'open'],
        ['2027-03-31', '300.00', '0.00', '300.00', 'open'],
        ['2027-06-30', '400.00', '0.00', '400.00', 'open'],
      ]);
      const entries = await t.ds.query(`SELECT kind, debit::text, credit::text FROM ledger_entries WHERE contract_id = $1 ORDER BY seq`, [k.id]);
      expect(entries).toEqual([{ kind: 'sale', debit: '1000.00', credit: '0.00' }]);
      await expectBalanced(k.customerId, '1000.00');
    });

    it('a partial payment fills the oldest line, then part of the next: paid / partially_paid / open', async () => {
      const before = await counts();
      const res = await pay(k.id, '450.00', { reference: '工行回单 001' });
      expect(res.status).toBe(201);
      const rs = await receivables(k.id);
      expect(res.body).toMatchObject({
        contractId: k.id,
        customerId: k.customerId,
        amount: '450.00',
        receivedAt: '2026-11-19T16:00:00.000Z',
        method: 'bank_transfer',
        reference: '工行回单 001',
        reversesPaymentId: null,
        recordedBy: u.clerk.id,
        contractStatus: 'signed',
        allocations: [
          { receivableId: rs[0].id, amount: '300.00' },
          { receivableId: rs[1].id, amount: '150.00' },
        ],
      });
      expect(rs.map((r) => [r.amountPaid, r.outstanding, r.status])).toEqual([
        ['300.00', '0.00', 'paid'],
        ['150.00', '150.00', 'partially_paid'],
        ['0.00', '400.00', 'open'],
      ]);
      for (const r of rs) expect(cents(r.outstanding)).toBe(cents(r.amountDue) - cents(r.amountPaid));
      const after = await counts();
      expect(after.payments).toBe(before.payments + 1);
      expect(after.allocations).toBe(before.allocations + 2);
      expect(after.ledger).toBe(before.ledger + 1);
      expect(await contractStatus(k.id)).toBe('signed');
      await expectBalanced(k.customerId, '550.00');
    });

    it('a payment above the outstanding total is 409 PAYMENT_EXCEEDS_OUTSTANDING and writes nothing', async () => {
      const before = await counts();
      const res = await pay(k.id, '550.01');
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('PAYMENT_EXCEEDS_OUTSTANDING');
      expect(res.body.outstanding).toBe('550.00');
      expect(await counts()).toEqual(before);
      await expectBalanced(k.customerId, '550.00');
    });

    it.each([
      ['zero', '0.00'],
      ['three decimals', '1.005'],
      ['negative', '-1.00'],
      ['a number, not a string', 100],
      ['above the column range', '1000000000000.00'],
      ['garbage', '1,000.00'],
    ])('400 for an amount that is %s, and nothing written', async (_name, amount) => {
      const before = await counts();
      const res = await pay(k.id, amount);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('amount');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a server-owned field', { reversesPaymentId: '00000000-0000-4000-8000-000000000001' }, 'reversesPaymentId'],
      ['an unknown method', { method: 'bitcoin' }, 'method'],
      ['a receipt dated in the future', { receivedAt: '2099-01-01' }, 'receivedAt'],
      ['a timestamp without an offset', { receivedAt: '2026-11-20T10:00:00' }, 'receivedAt'],
      ['a contract id that is not a UUID', { contractId: 'HT-2026-000001' }, 'contractId'],
    ])('400 for %s', async (_name, extra, field) => {
      const before = await counts();
      const res = await pay(k.id, '1.00', extra);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('404 for a contract that does not exist', async () => {
      const res = await pay('00000000-0000-4000-8000-000000000000', '1.00');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('only the 内勤 records payments: rep, manager, gm and admin get 403 PERMISSION_DENIED', async () => {
      const before = await counts();
      for (const who of [u.r1, u.sm, u.ss, u.gm, u.admin]) {
        const res = await pay(k.id, '10.00', {}, {}, who);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
        expect(res.body.permission).toBe('payment.record');
        expect(res.body.grantedTo.map((g: { role: string }) => g.role)).toEqual(['sales.clerk']);
      }
      expect(await counts()).toEqual(before);
    });

    it('a contract that is not signed (draft, approved) takes no payment: 409 PAYMENT_CONTRACT_NOT_OPEN', async () => {
      const draft = await contract(u.r1, [['2026-12-31', '100.00']], { stage: 'draft' });
      const approved = await contract(u.r1, [['2026-12-31', '100.00']], { stage: 'approved' });
      const before = await counts();
      for (const c of [draft, approved]) {
        const res = await pay(c.id, '100.00');
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('PAYMENT_CONTRACT_NOT_OPEN');
      }
      expect(await counts()).toEqual(before);
    });

    it('a receipt dated before the contract was signed is 400 on receivedAt, and nothing is written', async () => {
      const c = await contract(u.r1, [['2026-12-31', '100.00']]); // signed 2026-01-10
      const before = await counts();
      const res = await pay(c.id, '10.00', { receivedAt: '2026-01-09' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['receivedAt']);
      expect(await counts()).toEqual(before);
      const sameDay = await pay(c.id, '10.00', { receivedAt: '2026-01-10T09:00:00+08:00' });
      expect(sameDay.status).toBe(201);
    });

    it('paying the rest completes the contract; after that any further payment is 409', async () => {
      const res = await pay(k.id, '550.00', { method: 'cheque' });
      expect(res.status).toBe(201);
      expect(res.body.contractStatus).toBe('completed');
      const rs = await receivables(k.id);
      expect(res.body.allocations).toEqual([
        { receivableId: rs[1].id, amount: '150.00' },
        { receivableId: rs[2].id, amount: '400.00' },
      ]);
      expect(rs.map((r) => [r.amountPaid, r.outstanding, r.status])).toEqual([
        ['300.00', '0.00', 'paid'],
        ['300.00', '0.00', 'paid'],
        ['400.00', '0.00', 'paid'],
      ]);
      expect(await contractStatus(k.id)).toBe('completed');
      await expectBalanced(k.customerId, '0.00');

      const before = await counts();
      const more = await pay(k.id, '0.01');
      expect(more.status).toBe(409);
      expect(['PAYMENT_CONTRACT_NOT_OPEN', 'PAYMENT_EXCEEDS_OUTSTANDING']).toContain(more.body.code);
      expect(await counts()).toEqual(before);
      const [{ total }] = await t.ds.query('SELECT SUM(amount)::text AS total FROM payments WHERE contract_id = $1', [k.id]);
      expect(total).toBe('1000.00');
    });

    it('payments are listed for readers in scope; a rep sees only their own', async () => {
      const clerk = await get(u.clerk, `/payments?contractId=${k.id}`);
      expect(clerk.status).toBe(200);
      expect(clerk.body.items.map((p: { amount: string }) => p.amount).sort()).toEqual(['450.00', '550.00']);
      expect((await get(u.r1, `/payments?contractId=${k.id}`)).body.total).toBe(2);
      expect((await get(u.r2, `/payments?contractId=${k.id}`)).body.total).toBe(0);
    });
  });

  describe('Idempotency-Key on POST /payments', () => {
    let k: Made;
    let first: { status: number; body: Record<string, unknown> };
    const key = 'pay-2026-11-20-0001';
    beforeAll(async () => {
      k = await contract(u.r1, [
        ['2026-12-31', '600.00'],
        ['2027-06-30', '400.00'],
      ]);
    });

    it('the same key with the same body returns the first response, and records one payment', async () => {
      const before = await counts();
      const res = await pay(k.id, '500.00', { reference: 'R-1' }, { 'Idempotency-Key': key });
      expect(res.status).toBe(201);
      first = { status: res.status, body: res.body };
      const again = await pay(k.id, '500.00', { reference: 'R-1' }, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      // the same body with its keys in another order is the same request
      const reordered = await post(u.clerk, '/payments', { reference: 'R-1', method: 'bank_transfer', receivedAt: '2026-11-20', amount: '500.00', contractId: k.id }, { 'Idempotency-Key': key });
      expect(reordered.status).toBe(201);
      expect(reordered.body.id).toBe(first.body.id);
      const after = await counts();
      expect(after.payments).toBe(before.payments + 1);
      expect(after.ledger).toBe(before.ledger + 1);
      expect(after.paid).toBe(money(cents(before.paid) + 50000n));
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM payments WHERE contract_id = $1', [k.id]);
      expect(n).toBe(1);
      await expectBalanced(k.customerId, '500.00');
    });

    it('the same key with a different body is 409 IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
      const before = await counts();
      for (const body of [
        { amount: '400.00', reference: 'R-1' },
        { amount: '500.00', reference: 'R-2' },
        { amount: '500.00', reference: 'R-1', receivedAt: '2026-11-21' },
      ]) {
        const res = await pay(k.id, body.amount, body, { 'Idempotency-Key': key });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      }
      expect(await counts()).toEqual(before);
    });

    it('keys belong to the caller: another clerk’s identical key is a new request', async () => {
      const res = await pay(k.id, '100.00', {}, { 'Idempotency-Key': key }, u.clerk2);
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(first.body.id);
      await expectBalanced(k.customerId, '400.00');
    });

    it('a request that failed leaves no key behind: the same key with a now-valid body succeeds', async () => {
      const retryKey = 'pay-2026-11-20-0002';
      const before = await counts();
      const tooMuch = await pay(k.id, '400.01', {}, { 'Idempotency-Key': retryKey });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.code).toBe('PAYMENT_EXCEEDS_OUTSTANDING');
      expect(await counts()).toEqual(before);
      const fixed = await pay(k.id, '400.00', {}, { 'Idempotency-Key': retryKey });
      expect(fixed.status).toBe(201);
      expect(fixed.body.contractStatus).toBe('completed');
      const replay = await pay(k.id, '400.00', {}, { 'Idempotency-Key': retryKey });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(fixed.body);
      expect((await counts()).payments).toBe(before.payments + 1);
      await expectBalanced(k.customerId, '0.00');
    });

    it('a malformed key is 400', async () => {
      for (const bad of ['x'.repeat(201), 'has space']) {
        const res = await pay(k.id, '1.00', {}, { 'Idempotency-Key': bad });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('Idempotency-Key');
      }
    });
  });

  describe('concurrency (real Postgres)', () => {
    const N = 20;

    it(`${N} concurrent payments each for the whole outstanding: exactly one succeeds`, async () => {
      if (t.embedded) {
        console.warn('[payments] 嵌入式 PGlite 只有一个连接，无法产生真实并发：跳过并发回款测试（请设置 TEST_DATABASE_URL 在真实 PostgreSQL 上运行）');
        return;
      }
      const k = await contract(u.r2, [
        ['2026-12-31', '2500.00'],
        ['2027-06-30', '2500.00'],
      ]);
      const results = await Promise.all(Array.from({ length: N }, (_, i) => pay(k.id, '5000.00', { reference: `并发-${i}` })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
      for (const r of results.filter((x) => x.status === 409)) expect(['PAYMENT_CONTRACT_NOT_OPEN', 'PAYMENT_EXCEEDS_OUTSTANDING']).toContain(r.body.code);
      const [{ paid, n }] = await t.ds.query('SELECT COALESCE(SUM(amount), 0)::text AS paid, count(*)::int AS n FROM payments WHERE contract_id = $1', [k.id]);
      expect(n).toBe(1);
      expect(cents(paid)).toBeLessThanOrEqual(cents(k.amount));
      expect(paid).toBe('5000.00');
      const [{ allocated }] = await t.ds.query('SELECT SUM(amount_paid)::text AS allocated FROM receivables WHERE contract_id = $1', [k.id]);
      expect(allocated).toBe(paid);
      const [{ credited }] = await t.ds.query("SELECT SUM(credit)::text AS credited FROM ledger_entries WHERE contract_id = $1 AND kind = 'payment'", [k.id]);
      expect(credited).toBe(paid);
      expect(await contractStatus(k.id)).toBe('completed');
      await expectBalanced(k.customerId, '0.00');
    });

    it(`${N} concurrent payments that each fit but no two together: still exactly one`, async () => {
      if (t.embedded) {
        console.warn('[payments] 嵌入式 PGlite：跳过并发部分回款测试');
        return;
      }
      const k = await contract(u.r2, [['2027-01-31', '1000.00']]);
      const results = await Promise.all(Array.from({ length: N }, () => pay(k.id, '600.00')));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = results.filter((r) => r.status === 409);
      expect(refused).toHaveLength(N - 1);
      for (const r of refused) {
        expect(r.body.code).toBe('PAYMENT_EXCEEDS_OUTSTANDING');
        expect(r.body.outstanding).toBe('400.00');
      }
      const [{ paid }] = await t.ds.query('SELECT SUM(amount)::text AS paid FROM payments WHERE contract_id = $1', [k.id]);
      expect(paid).toBe('600.00');
      const [{ allocated }] = await t.ds.query('SELECT SUM(amount_paid)::text AS allocated FROM receivables WHERE contract_id = $1', [k.id]);
      expect(allocated).toBe('600.00');
      expect(await contractStatus(k.id)).toBe('signed');
      await expectBalanced(k.customerId, '400.00');
    });

    it(`${N} concurrent retries of one request with one Idempotency-Key: one payment, the same response to all`, async () => {
      if (t.embedded) {
        console.warn('[payments] 嵌入式 PGlite：跳过并发幂等重试测试');
        return;
      }
      const k = await contract(u.r2, [['2027-01-31', '800.00']]);
      const results = await Promise.all(Array.from({ length: N }, () => pay(k.id, '800.00', { reference: '重试' }, { 'Idempotency-Key': `retry-${k.id}` })));
      expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));
      const ids = new Set(results.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      for (const r of results) expect(r.body).toEqual(results[0].body);
      const [{ n, paid }] = await t.ds.query('SELECT count(*)::int AS n, SUM(amount)::text AS paid FROM payments WHERE contract_id = $1', [k.id]);
      expect(n).toBe(1);
      expect(paid).toBe('800.00');
      expect(await contractStatus(k.id)).toBe('completed');
      await expectBalanced(k.customerId, '0.00');
    });

    it('retried requests racing under five keys for the whole outstanding: one key wins, all its retries agree', async () => {
      if (t.embedded) {
        console.warn('[payments] 嵌入式 PGlite：跳过多键并发重试测试');
        return;
      }
      const k = await contract(u.r2, [
        ['2026-12-31', '700.00'],
        ['2027-01-31', '300.00'],
      ]);
      const keys = Array.from({ length: 5 }, (_, i) => `race-${i}-${k.id}`);
      const sends = keys.flatMap((key) => Array.from({ length: 4 }, () => key));
      const results = await Promise.all(sends.map((key) => pay(k.id, '1000.00', {}, { 'Idempotency-Key': key }).then((r) => ({ key, r }))));
      const won = results.filter((x) => x.r.status === 201);
      const winners = new Set(won.map((x) => x.key));
      expect(winners.size).toBe(1);
      expect(won).toHaveLength(4); // every retry of the winning key gets the first response
      expect(new Set(won.map((x) => x.r.body.id)).size).toBe(1);
      expect(results.filter((x) => x.r.status === 409)).toHaveLength(16);
      const [{ n, paid }] = await t.ds.query('SELECT count(*)::int AS n, SUM(amount)::text AS paid FROM payments WHERE contract_id = $1', [k.id]);
      expect(n).toBe(1);
      expect(paid).toBe('1000.00');
      const [{ stored }] = await t.ds.query('SELECT count(*)::int AS stored FROM idempotency_keys WHERE key = ANY($1)', [keys]);
      expect(stored).toBe(1); // the failed requests left no key behind
      await expectBalanced(k.customerId, '0.00');
    });
  });

  describe('reversal (冲销)', () => {
    let k: Made;
    let p1: string;
    let p2: string;
    let reversal: Record<string, any>;
    beforeAll(async () => {
      k = await contract(u.r1, [
        ['2026-12-31', '500.00'],
        ['2027-01-31', '300.00'],
      ]);
      p1 = (await pay(k.id, '600.00')).body.id;
      const second = await pay(k.id, '200.00');
      expect(second.body.contractStatus).toBe('completed');
      p2 = second.body.id;
    });

    it('a non-clerk cannot reverse: 403, nothing written', async () => {
      const before = await counts();
      for (const who of [u.r1, u.sm, u.gm, u.admin]) {
        const res = await post(who, `/payments/${p2}/reverse`, { reason: '银行退票' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('PERMISSION_DENIED');
      }
      expect(await counts()).toEqual(before);
    });

    it('400 without a reason; 404 for an unknown payment', async () => {
      expect((await post(u.clerk, `/payments/${p2}/reverse`, {})).status).toBe(400);
      expect((await post(u.clerk, `/payments/${p2}/reverse`, { reason: '' })).status).toBe(400);
      const missing = await post(u.clerk, '/payments/00000000-0000-4000-8000-000000000000/reverse', { reason: '银行退票' });
      expect(missing.status).toBe(404);
    });

    it('reversing is a new negative payment pointing at the original; receivables go back; the contract is signed again', async () => {
      const before = await counts();
      const rsBefore = await receivables(k.id);
      const res = await post(u.clerk, `/payments/${p1}/reverse`, { reason: '银行退票' });
      expect(res.status).toBe(201);
      reversal = res.body;
      expect(reversal).toMatchObject({
        contractId: k.id,
        amount: '-600.00',
        reversesPaymentId: p1,
        reason: '银行退票',
        contractStatus: 'signed',
        allocations: [
          { receivableId: rsBefore[0].id, amount: '-500.00' },
          { receivableId: rsBefore[1].id, amount: '-100.00' },
        ],
      });
      expect(reversal.id).not.toBe(p1);
      const rs = await receivables(k.id);
      expect(rs.map((r) => [r.amountPaid, r.outstanding, r.status])).toEqual([
        ['0.00', '500.00', 'open'],
        ['200.00', '100.00', 'partially_paid'],
      ]);
      expect(await contractStatus(k.id)).toBe('signed');
      const after = await counts();
      expect(after.payments).toBe(before.payments + 1);
      expect(after.ledger).toBe(before.ledger + 1);
      // the original is untouched
      const [orig] = await t.ds.query('SELECT amount::text, reverses_payment_id FROM payments WHERE id = $1', [p1]);
      expect(orig).toEqual({ amount: '600.00', reverses_payment_id: null });
      await expectBalanced(k.customerId, '600.00');
    });

    it('reversing twice is 409 PAYMENT_ALREADY_REVERSED; reversing a reversal is 409 PAYMENT_REVERSAL_NOT_REVERSIBLE', async () => {
      const before = await counts();
      const twice = await post(u.clerk, `/payments/${p1}/reverse`, { reason: '重复冲销' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('PAYMENT_ALREADY_REVERSED');
      const ofReversal = await post(u.clerk, `/payments/${reversal.id}/reverse`, { reason: '冲销的冲销' });
      expect(ofReversal.status).toBe(409);
      expect(ofReversal.body.code).toBe('PAYMENT_REVERSAL_NOT_REVERSIBLE');
      expect(await counts()).toEqual(before);
    });

    it('the list names each payment’s contract and customer, and which payment reversed it', async () => {
      const res = await get(u.clerk, `/payments?contractId=${k.id}&sort=createdAt`);
      expect(res.status).toBe(200);
      const [customer] = await t.ds.query('SELECT name FROM customers WHERE id = $1', [k.customerId]);
      expect(res.body.items.map((p: Record<string, unknown>) => [p.id, p.amount, p.contractNumber, p.customerName, p.reversesPaymentId, p.reversedByPaymentId])).toEqual([
        [p1, '600.00', k.number, customer.name, null, reversal.id],
        [p2, '200.00', k.number, customer.name, null, null],
        [reversal.id, '-600.00', k.number, customer.name, p1, null],
      ]);
      expect(res.body.total).toBe(3);
    });

    it('the money reversed can be received again; paying it all completes the contract once more', async () => {
      const res = await pay(k.id, '600.00');
      expect(res.status).toBe(201);
      expect(res.body.contractStatus).toBe('completed');
      expect(await contractStatus(k.id)).toBe('completed');
      await expectBalanced(k.customerId, '0.00');
      const [{ paid }] = await t.ds.query('SELECT SUM(amount)::text AS paid FROM payments WHERE contract_id = $1', [k.id]);
      expect(paid).toBe('800.00');
    });

    it('reversing a payment of a completed contract reopens it', async () => {
      const res = await post(u.clerk, `/payments/${p2}/reverse`, { reason: '客户退款' });
      expect(res.status).toBe(201);
      expect(res.body.contractStatus).toBe('signed');
      expect(await contractStatus(k.id)).toBe('signed');
      await expectBalanced(k.customerId, '200.00');
    });
  });

  describe('the ledger (销售台账)', () => {
    let customer: string;
    let k1: Made;
    let k2: Made;
    let otherRepContract: Made;
    beforeAll(async () => {
      customer = await newCustomer(u.r1);
      k1 = await contract(u.r1, [['2026-12-31', '800.00']], { customerId: customer, signedAt: '2026-01-10' });
      k2 = await contract(u.r1, [['2027-03-31', '200.00']], { customerId: customer, signedAt: '2026-02-10' });
      const a = await pay(k1.id, '500.00', { receivedAt: '2026-10-15', reference: 'L-1' });
      expect(a.status).toBe(201);
      expect((await pay(k2.id, '200.00', { receivedAt: '2026-11-01' })).status).toBe(201);
      expect((await post(u.clerk, `/payments/${a.body.id}/reverse`, { reason: '票据退回' })).status).toBe(201);
      expect((await pay(k1.id, '300.00', { receivedAt: '2026-11-20' })).status).toBe(201);
      otherRepContract = await contract(u.r2, [['2026-12-31', '123.45']]);
    });

    it('sale, payment and reversal entries with running customer and contract balances, in order', async () => {
      const res = await get(u.clerk, `/ledger?customerId=${customer}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(6);
      expect(
        res.body.items.map((e: Record<string, string>) => [e.kind, e.contractId === k1.id ? 'k1' : 'k2', e.debit, e.credit, e.customerBalance, e.contractBalance]),
      ).toEqual([
        ['sale', 'k1', '800.00', '0.00', '800.00', '800.00'],
        ['sale', 'k2', '200.00', '0.00', '1000.00', '200.00'],
        ['payment', 'k1', '0.00', '500.00', '500.00', '300.00'],
        ['payment', 'k2', '0.00', '200.00', '300.00', '0.00'],
        ['reversal', 'k1', '0.00', '-500.00', '800.00', '800.00'],
        ['payment', 'k1', '0.00', '300.00', '500.00', '500.00'],
      ]);
      const seqs = res.body.items.map((e: { seq: string }) => BigInt(e.seq));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i] > seqs[i - 1]).toBe(true);
      expect(res.body.items[0]).toMatchObject({ customerId: customer, contractNumber: k1.number, occurredAt: '2026-01-09T16:00:00.000Z' });
      expect(res.body.items[2]).toMatchObject({ occurredAt: '2026-10-14T16:00:00.000Z' });
      await expectBalanced(customer, '500.00');
    });

    it('filters by contract and by date; a date filter does not restart the running balance', async () => {
      const byContract = await get(u.clerk, `/ledger?contractId=${k2.id}`);
      expect(byContract.body.items.map((e: Record<string, string>) => [e.kind, e.contractBalance])).toEqual([
        ['sale', '200.00'],
        ['payment', '0.00'],
      ]);
      const window = await get(u.clerk, `/ledger?customerId=${customer}&from=2026-11-01&to=2026-11-02`);
      expect(window.status).toBe(200);
      expect(window.body.items.map((e: Record<string, string>) => [e.kind, e.credit, e.customerBalance])).toEqual([['payment', '200.00', '300.00']]);
      expect((await get(u.clerk, '/ledger?from=tomorrow')).status).toBe(400);
    });

    it('GET /customers/:id/ledger: items and balance for the owner; 404 for another rep', async () => {
      const mine = await get(u.r1, `/customers/${customer}/ledger`);
      expect(mine.status).toBe(200);
      expect(mine.body.balance).toBe('500.00');
      expect(mine.body.items).toHaveLength(6);
      expect(mine.body.items.at(-1).customerBalance).toBe('500.00');
      const other = await get(u.r2, `/customers/${customer}/ledger`);
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('NOT_FOUND');
    });

    it('a rep sees only the ledger of their own contracts', async () => {
      const r1 = await get(u.r1, '/ledger?pageSize=100');
      expect(r1.status).toBe(200);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM ledger_entries WHERE owner_id = $1', [u.r1.id]);
      expect(r1.body.total).toBe(n);
      expect(r1.body.items.some((e: { contractId: string }) => e.contractId === otherRepContract.id)).toBe(false);
      const [{ owners }] = await t.ds.query('SELECT array_agg(DISTINCT owner_id::text) AS owners FROM ledger_entries WHERE id = ANY($1)', [
        r1.body.items.map((e: { id: string }) => e.id),
      ]);
      expect(owners).toEqual([u.r1.id]);
      const foreign = await get(u.r2, `/ledger?customerId=${customer}`);
      expect(foreign.status).toBe(200);
      expect(foreign.body).toMatchObject({ items: [], total: 0 });
      const own = await get(u.r2, `/ledger?contractId=${otherRepContract.id}`);
      expect(own.body.items.map((e: { debit: string }) => e.debit)).toEqual(['123.45']);
      // the supervisor of both sees both; admin sees nothing
      expect((await get(u.ss, `/ledger?customerId=${customer}`)).body.total).toBe(6);
      expect((await get(u.admin, '/ledger')).status).toBe(403);
    });

    it('?format=csv has Chinese headers, a BOM and the same rows', async () => {
      const res = await get(u.clerk, `/ledger?customerId=${customer}&format=csv`)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (data += c));
          r.on('end', () => cb(null, data));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const text: string = res.body;
      expect(text.startsWith('\uFEFF序号,日期,类型,客户,合同编号,摘要,借方（应收）,贷方（收款）,客户余额,合同余额')).toBe(true);
      const lines = text.trim().split('\r\n');
      expect(lines).toHaveLength(7);
      expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['合同签订', '合同签订', '回款', '回款', '冲销', '回款']);
      expect(lines[5]).toContain('-500.00');
      expect(lines[6].split(',').slice(-2)).toEqual(['500.00', '500.00']);
      const rep = await get(u.r2, `/ledger?customerId=${customer}&format=csv`);
      expect(rep.status).toBe(200);
      expect(rep.text.trim().split('\r\n')).toHaveLength(1); // headers only
    });

    it('ledger entries and payments cannot be updated or deleted, even in SQL', async () => {
      const [entry] = await t.ds.query('SELECT id, credit::text FROM ledger_entries WHERE customer_id = $1 AND kind = $2 ORDER BY seq LIMIT 1', [customer, 'payment']);
      await expect(t.ds.query('UPDATE ledger_entries SET credit = 1 WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query('DELETE FROM ledger_entries WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query('TRUNCATE ledger_entries')).rejects.toThrow();
      const [pmt] = await t.ds.query('SELECT id FROM payments WHERE contract_id = $1 LIMIT 1', [k1.id]);
      await expect(t.ds.query('UPDATE payments SET amount = 1 WHERE id = $1', [pmt.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query('DELETE FROM payments WHERE id = $1', [pmt.id])).rejects.toThrow(/append-only/);
      await expect(t.ds.query('UPDATE payment_allocations SET amount = 1 WHERE payment_id = $1', [pmt.id])).rejects.toThrow(/append-only/);
      const [still] = await t.ds.query('SELECT credit::text FROM ledger_entries WHERE id = $1', [entry.id]);
      expect(still.credit).toBe(entry.credit);
      await expectBalanced(customer, '500.00');
    });
  });

  describe('invariants after every scenario above', () => {
    it('every customer’s ledger balance equals what its receivables still owe', async () => {
      const rows = await t.ds.query(
        `SELECT c.id,
                (SELECT COALESCE(SUM(e.debit - e.credit), 0) FROM ledger_entries e WHERE e.customer_id = c.id)::numeric(14,2)::text AS ledger,
                (SELECT COALESCE(SUM(r.amount_due - r.amount_paid), 0) FROM receivables r WHERE r.customer_id = c.id)::numeric(14,2)::text AS open
         FROM customers c`,
      );
      expect(rows.length).toBeGreaterThan(5);
      for (const r of rows) expect([r.id, r.ledger]).toEqual([r.id, r.open]);
      const [{ signed }] = await t.ds.query("SELECT count(*)::int AS signed FROM contracts WHERE status IN ('signed','completed')");
      const [{ sales }] = await t.ds.query("SELECT count(*)::int AS sales FROM ledger_entries WHERE kind = 'sale'");
      expect(sales).toBe(signed);
    });
  });
});
