import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, TestUser } from '../setup/users';
import {
  call,
  embeddedNotice,
  freePort,
  moneyViolations,
  NO_VIOLATIONS,
  Org,
  pgClient,
  Processes,
  Retried,
  sleep,
  until,
  withRetries,
} from './resilience-support';

/**
 * Money under faults (SPEC §6 payments, §8 reliability, §9 concurrency): a client that retries
 * the same Idempotency-Key on timeouts and connection errors, concurrent payments and reversals,
 * and the server SIGKILLed in the middle of payments and started again on the same database.
 * Afterwards the books are checked by SQL: each payment is there whole or not at all, once.
 */
describe('resilience: money under faults', () => {
  let t: TestApp;
  let org: Org;
  let clerk: TestUser;
  const procs = new Processes();
  const contracts: string[] = [];
  const PLAN: Array<[string, string]> = [
    ['2026-12-31', '6000.00'],
    ['2027-06-30', '4000.00'],
  ];

  beforeAll(async () => {
    t = await createTestApp();
    if (t.embedded) return;
    org = new Org(t);
    const admin = await adminToken(t);
    clerk = await org.user('sales.clerk', { admin });
    const manager = await org.user('sales.manager', { admin });
    const reps = [await org.user('sales.rep', { admin }), await org.user('sales.rep', { admin })];
    for (let i = 0; i < 8; i++) {
      const rep = reps[i % 2];
      const customerId = await org.customer(clerk, manager, rep, '回款韧性');
      contracts.push((await org.signedContract(rep, manager, customerId, PLAN)).id);
    }
  }, 120_000);
  afterAll(async () => {
    await procs.killAll();
    await t?.close();
  });

  it('retries, reversals, a SIGKILL mid-payment and a restart: every payment whole or absent, once; the books balance', async () => {
    if (embeddedNotice(t, 'payments across a killed server process')) return;
    const url = t.config.databaseUrl!;
    const q = (sql: string, params?: unknown[]) => t.ds.query(sql, params);
    const port = await freePort();
    const a = await procs.start(url, { port });
    const base = a.base; // the replacement process listens on the same address

    const body = (contractId: string, amount: string) => ({ contractId, amount, receivedAt: '2026-11-20', method: 'bank_transfer' });
    const pay = (contractId: string, amount: string, key: string, opts: { firstTimeoutMs?: number; log?: Retried['attempts'] } = {}) =>
      withRetries(
        (i) =>
          call(base, 'POST', '/api/v1/payments', {
            token: clerk.token,
            body: body(contractId, amount),
            headers: { 'idempotency-key': key },
            timeoutMs: i === 0 && opts.firstTimeoutMs ? opts.firstTimeoutMs : 5_000,
          }),
        { log: opts.log },
      );
    const reverse = (paymentId: string) =>
      withRetries(() => call(base, 'POST', `/api/v1/payments/${paymentId}/reverse`, { token: clerk.token, body: { reason: '银行退票，冲销' }, timeoutMs: 5_000 }));
    const paymentsOf = (contractId: string) => q('SELECT id, amount FROM payments WHERE contract_id = $1 ORDER BY created_at', [contractId]);
    /** Is some server session waiting on a lock that `holder` holds? */
    const blockedBy = async (holder: Client) => {
      const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      return async () => (await q('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))[0].n > 0;
    };
    const lockContracts = async (ids: string[]) => {
      const c = await pgClient(url);
      await c.query('BEGIN');
      await c.query('SELECT id FROM contracts WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
      return c;
    };
    /** Every payment request the client made: its key, what it asked, and how it ended. */
    const requests: Array<{ key: string; contractId: string; amount: string; result: Retried }> = [];
    const track = async (contractId: string, amount: string, key: string, p: Promise<Retried>) => {
      const result = await p;
      requests.push({ key, contractId, amount, result });
      return result;
    };

    // 1. Two reversals of one payment at once: one wins, the other is told it is already reversed.
    const [cDouble, cTimeout, cKilled, ...stormContracts] = contracts;
    const k0 = `pay-${randomUUID()}`;
    const p0 = await track(cDouble, '3000.00', k0, pay(cDouble, '3000.00', k0));
    expect(p0.final.status).toBe(201);
    const both = await Promise.all([reverse(p0.final.body.id), reverse(p0.final.body.id)]);
    expect(both.map((r) => r.final.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.final.status === 409)!.final.body.code).toBe('PAYMENT_ALREADY_REVERSED');
    const reversalId = both.find((r) => r.final.status === 201)!.final.body.id;
    expect((await reverse(reversalId)).final.body.code).toBe('PAYMENT_REVERSAL_NOT_REVERSIBLE');
    expect(await q('SELECT id FROM payments WHERE reverses_payment_id = $1', [p0.final.body.id])).toEqual([{ id: reversalId }]);

    // 2. The client times out while the server is still working (held up on the contract's lock);
    //    the retry with the same key gets the first request's payment, and there is only that one.
    {
      const key = `pay-${randomUUID()}`;
      const holder = await lockContracts([cTimeout]);
      const waiting = await blockedBy(holder);
      const log: Retried['attempts'] = [];
      const pending = track(cTimeout, '2500.00', key, pay(cTimeout, '2500.00', key, { firstTimeoutMs: 400, log }));
      await until('the first attempt to time out', async () => log.length >= 1);
      expect(log[0]).toEqual({ error: 'timeout' });
      expect(await waiting()).toBe(true); // the timed-out request is still in the server, mid-transaction
      await holder.query('COMMIT');
      await holder.end();
      const done = await pending;
      expect(done.final.status).toBe(201);
      expect(done.attempts.length).toBeGreaterThanOrEqual(2);
      expect(await paymentsOf(cTimeout)).toEqual([{ id: done.final.body.id, amount: '2500.00' }]);
    }

    // 3. The storm: payments (each with its own key, retried) on five contracts, more than they can
    //    take, reversals of some of them (some twice at once), and in the middle the process is
    //    SIGKILLed with requests inside it — one of them held mid-transaction — then replaced.
    const AMOUNTS = ['1500.00', '900.00', '1234.56', '2000.00', '750.25', '1800.00', '999.99', '1100.00', '650.00', '1300.00', '875.50', '1600.00', '420.00', '333.33', '1000.00', '555.55'];
    const queue: Array<{ contractId: string; amount: string }> = [];
    for (const amount of AMOUNTS) for (const contractId of stormContracts) queue.push({ contractId, amount });
    const stormResults: Array<{ key: string; result: Retried }> = [];
    const succeeded: string[] = [];
    const reversals: Array<{ paymentId: string; results: Retried[] }> = [];
    let stormDone = false;
    let answered = 0;

    // Held across the kill: the contract of the "killed mid-payment" request and one storm contract,
    // so that requests are certainly inside the server, mid-transaction, when it dies.
    const holder = await lockContracts([cKilled, stormContracts[0]]);
    const killedKey = `pay-${randomUUID()}`;
    const killedLog: Retried['attempts'] = [];
    const killedPayment = track(cKilled, '3000.00', killedKey, pay(cKilled, '3000.00', killedKey, { log: killedLog }));
    await until('the payment to be waiting inside the server', await blockedBy(holder));

    const stormStart = Date.now();
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const key = `pay-${randomUUID()}`;
        const result = await track(job.contractId, job.amount, key, pay(job.contractId, job.amount, key));
        stormResults.push({ key, result });
        answered++;
        if (result.final.status === 201) succeeded.push(result.final.body.id);
        await sleep(10 + Math.floor(Math.random() * 40));
      }
    };
    let picked = 0;
    const reverser = async () => {
      while (!stormDone || succeeded.length) {
        const id = succeeded.shift();
        if (!id) {
          await sleep(20);
          continue;
        }
        if (picked++ % 3 !== 0) continue; // every third successful payment is reversed
        const entry = { paymentId: id, results: [] as Retried[] };
        reversals.push(entry);
        entry.results = await Promise.all(Array.from({ length: reversals.length % 2 ? 2 : 1 }, () => reverse(id)));
      }
    };
    const workers = Promise.all(Array.from({ length: 12 }, worker)).then(() => {
      stormDone = true;
    });
    const reversers = Promise.all([reverser(), reverser()]);

    await until('part of the storm to be answered', async () => answered >= 15 || Date.now() - stormStart > 1_500, 30_000);
    const killedAt = Date.now();
    await a.kill();
    await until('the held request to fail', async () => killedLog.length >= 1);
    expect(killedLog[0].error).toEqual(expect.any(String)); // no answer: the process died under it
    await holder.query('COMMIT');
    await holder.end();
    const b = await procs.start(url, { port });
    expect(b.base).toBe(base);
    const restartedAfterMs = Date.now() - killedAt;

    await workers;
    await reversers;
    const killed = await killedPayment;

    // --- what the client saw ---
    const all = requests;
    const attempts = all.flatMap((r) => r.result.attempts);
    expect(attempts.filter((x) => x.status !== undefined && x.status >= 500)).toEqual([]);
    expect(reversals.flatMap((r) => r.results.flatMap((x) => x.attempts)).filter((x) => x.status !== undefined && x.status >= 500)).toEqual([]);
    const stormTransportErrors = stormResults.filter((r) => r.result.attempts.some((x) => x.error)).length;
    expect(stormTransportErrors).toBeGreaterThanOrEqual(1); // the kill did cut storm requests
    for (const r of stormResults) {
      const f = r.result.final;
      if (f.status !== 201) {
        expect(f.status).toBe(409);
        expect(['PAYMENT_EXCEEDS_OUTSTANDING', 'PAYMENT_CONTRACT_NOT_OPEN']).toContain(f.body.code);
      }
    }
    const storm201 = stormResults.filter((r) => r.result.final.status === 201).length;
    expect(storm201).toBeGreaterThanOrEqual(10);
    expect(stormResults.length - storm201).toBeGreaterThanOrEqual(1); // the ceiling was reached
    expect(killed.final.status).toBe(201);
    expect(await paymentsOf(cKilled)).toEqual([{ id: killed.final.body.id, amount: '3000.00' }]);

    // --- idempotency keys against the payments, by SQL ---
    const keyRows: { key: string; status_code: number; id: string | null }[] = await q(
      `SELECT key, status_code, response->>'id' AS id FROM idempotency_keys WHERE actor_id = $1 AND route = 'POST /payments'`,
      [clerk.id],
    );
    const positive: { id: string; contract_id: string; amount: string }[] = await q('SELECT id, contract_id, amount FROM payments WHERE amount > 0');
    // no stored key without its response, no key with two payments, no payment without its key
    expect(keyRows.filter((k) => k.status_code !== 201 || !k.id)).toEqual([]);
    expect(new Set(keyRows.map((k) => k.id)).size).toBe(keyRows.length);
    expect(keyRows.map((k) => k.id).sort()).toEqual(positive.map((p) => p.id).sort());
    const byKey = new Map(keyRows.map((k) => [k.key, k.id]));
    const byId = new Map(positive.map((p) => [p.id, p]));
    for (const r of all) {
      if (r.result.final.status === 201) {
        // exactly one payment for the key: the one the client was finally told about
        expect(byKey.get(r.key)).toBe(r.result.final.body.id);
        expect(byId.get(r.result.final.body.id)).toEqual({ id: r.result.final.body.id, contract_id: r.contractId, amount: r.amount });
      } else {
        expect(byKey.has(r.key)).toBe(false);
      }
    }
    expect(keyRows).toHaveLength(all.filter((r) => r.result.final.status === 201).length);

    // --- reversals ---
    const reversalRows: { id: string; reverses_payment_id: string }[] = await q('SELECT id, reverses_payment_id FROM payments WHERE amount < 0');
    const reversalOf = new Map<string, string[]>();
    for (const r of reversalRows) reversalOf.set(r.reverses_payment_id, [...(reversalOf.get(r.reverses_payment_id) ?? []), r.id]);
    expect([...reversalOf.values()].filter((ids) => ids.length !== 1)).toEqual([]);
    expect(reversals.length).toBeGreaterThanOrEqual(3);
    for (const entry of reversals) {
      const finals = entry.results.map((r) => r.final);
      for (const f of finals) if (f.status !== 201) expect([f.status, f.body.code]).toEqual([409, 'PAYMENT_ALREADY_REVERSED']);
      const won = finals.filter((f) => f.status === 201);
      expect(won.length).toBeLessThanOrEqual(1);
      // reversed exactly once, whether or not the client heard of it
      expect(reversalOf.get(entry.paymentId)).toEqual(won.length ? [won[0].body.id] : [expect.any(String)]);
    }
    // no reversal that nobody asked for
    const asked = new Set([p0.final.body.id, ...reversals.map((r) => r.paymentId)]);
    expect(reversalRows.filter((r) => !asked.has(r.reverses_payment_id))).toEqual([]);

    // --- the books ---
    expect(await moneyViolations(q)).toEqual(NO_VIOLATIONS);
    // each payment and reversal audited once, in its own transaction
    expect(
      await q(`SELECT p.id FROM payments p LEFT JOIN audit_log a ON a.entity = 'payment' AND a.entity_id = p.id::text GROUP BY p.id HAVING count(a.id) <> 1`),
    ).toEqual([]);

    console.log(
      `[resilience] money: ${all.length} payment requests (${all.filter((r) => r.result.final.status === 201).length} × 201, ` +
        `${all.filter((r) => r.result.final.status === 409).length} × 409), ${attempts.length} attempts, ` +
        `${stormTransportErrors} storm requests cut by the kill, ${reversals.length} reversal targets ` +
        `(${reversalRows.length} reversals in the ledger), replacement process answering ${restartedAfterMs} ms after the SIGKILL`,
    );
  }, 180_000);
});
