import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import { bearer, createUser, TestUser } from '../setup/users';

/**
 * Shared pieces of the resilience suites (resilience-*.e2e-spec.ts): the built server spawned as
 * its own process on the test database, a small HTTP client that reports transport failures
 * instead of throwing, a retrying client, and the money invariants checked by SQL.
 */

export const MAIN = resolve(__dirname, '../../dist/src/main.js');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** These suites need a real Postgres server (several processes, killed sessions, locks). */
export function embeddedNotice(t: TestApp | undefined, what: string): boolean {
  if (t && !t.embedded) return false;
  console.warn(`[test] ${what}: needs a real PostgreSQL server (TEST_DATABASE_URL); skipped on embedded PGlite`);
  return true;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export interface Spawned {
  proc: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGKILL, and wait until the process is gone. */
  kill: () => Promise<void>;
}

/** Every process spawned by a suite, so afterAll can kill whatever is left. */
export class Processes {
  private readonly all: Spawned[] = [];

  async start(databaseUrl: string, opts: { port?: number; env?: Record<string, string> } = {}): Promise<Spawned> {
    const port = opts.port ?? (await freePort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SCHEDULER: 'off',
      ...opts.env,
    };
    delete env.NODE_OPTIONS;
    const proc = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d: Buffer) => {
      out = (out + d.toString()).slice(-20_000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
    const s: Spawned = {
      proc,
      port,
      base: `http://127.0.0.1:${port}`,
      output: () => out,
      exited,
      kill: async () => {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
        await exited;
      },
    };
    this.all.push(s);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited early (${proc.exitCode ?? proc.signalCode}):\n${out}`);
      try {
        if ((await fetch(`${s.base}/health`, { signal: AbortSignal.timeout(2000) })).status === 200) return s;
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    throw new Error(`server did not become healthy:\n${out}`);
  }

  async killAll(): Promise<void> {
    await Promise.all(this.all.map((s) => s.kill()));
  }
}

export type Outcome =
  | { ok: true; status: number; body: any; text: string; contentType: string; retryAfter: string | null }
  | { ok: false; error: string };

/** One HTTP call; a transport failure or a timeout is an outcome, not an exception. */
export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Outcome> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = bearer(opts.token);
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { ok: true, status: res.status, body, text, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const error = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { ok: false, error };
  }
}

export interface Retried {
  /** Every attempt, in order: a status or the transport error. */
  attempts: Array<{ status?: number; error?: string }>;
  final: Outcome & { ok: true };
}

/**
 * A client that retries the same request (same Idempotency-Key, if any) on timeouts, connection
 * errors and 5xx answers, with a short back-off, until it gets a non-5xx answer or gives up.
 */
export async function withRetries(
  send: (attempt: number) => Promise<Outcome>,
  opts: { deadlineMs?: number; log?: Retried['attempts'] } = {},
): Promise<Retried> {
  const attempts = opts.log ?? [];
  const deadline = Date.now() + (opts.deadlineMs ?? 90_000);
  for (let i = 0; ; i++) {
    const o = await send(i);
    attempts.push(o.ok ? { status: o.status } : { error: o.error });
    if (o.ok && o.status < 500) return { attempts, final: o };
    if (Date.now() > deadline) throw new Error(`gave up after ${attempts.length} attempts: ${JSON.stringify(attempts.slice(-5))}`);
    await sleep(Math.min(50 * 2 ** Math.min(i, 5), 1000));
  }
}

/** A pg client on the test database (for locks, kills and checks outside the app's pool). */
export async function pgClient(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  c.on('error', () => undefined); // a terminated session reports here; the tests look at the outcome
  await c.connect();
  return c;
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(50);
  }
}

/** An organisation set up through the API of the in-process app. */
export class Org {
  constructor(readonly t: TestApp) {}
  private phoneSeq = 0;
  private partySeq = 0;

  post(who: TestUser | string, path: string, body: object = {}) {
    return this.t.http().post(`/api/v1${path}`).set('authorization', bearer(who)).send(body);
  }

  user(role: Parameters<typeof createUser>[1], opts: Parameters<typeof createUser>[2] = {}) {
    return createUser(this.t, role, opts);
  }

  /** A general customer registered by the 内勤 and assigned to `owner` by the sales manager. */
  async customer(clerk: TestUser, manager: TestUser, owner: TestUser, label = '韧性测试'): Promise<string> {
    this.partySeq += 1;
    this.phoneSeq += 1;
    const c = await this.post(clerk, '/customers', {
      name: `${label}${this.partySeq}号贸易有限公司`,
      contactName: '财务联系人',
      contactPhone: `1370000${String(this.phoneSeq).padStart(4, '0')}`,
    });
    if (c.status !== 201) throw new Error(`customer: ${c.status} ${JSON.stringify(c.body)}`);
    const a = await this.post(manager, `/customers/${c.body.id}/assign`, { ownerId: owner.id });
    if (a.status !== 200) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
    return c.body.id;
  }

  /** A contract drafted and submitted by `rep`, approved by `manager`, signed by `rep` on 2026-01-10. */
  async signedContract(rep: TestUser, manager: TestUser, customerId: string, plan: Array<[string, string]>): Promise<{ id: string; amount: string }> {
    const cents = plan.reduce((s, [, a]) => s + BigInt(a.replace('.', '')), 0n);
    const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    const k = await this.post(rep, '/contracts', {
      customerId,
      title: `年度供货合同 ${amount}`,
      amount,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      paymentPlan: plan.map(([dueDate, a]) => ({ dueDate, amount: a })),
    });
    if (k.status !== 201) throw new Error(`contract: ${k.status} ${JSON.stringify(k.body)}`);
    const id = k.body.id as string;
    for (const [who, path, body] of [
      [rep, `/contracts/${id}/submit`, {}],
      [manager, `/contracts/${id}/approve`, { comment: '同意' }],
      [rep, `/contracts/${id}/sign`, { signedAt: '2026-01-10' }],
    ] as const) {
      const r = await this.post(who, path, body);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    return { id, amount };
  }
}

/**
 * The money invariants, by SQL over the whole database. Each entry lists the rows that break one
 * rule; all lists are empty when the books are consistent.
 */
export async function moneyViolations(q: (sql: string, params?: unknown[]) => Promise<any[]>): Promise<Record<string, unknown[]>> {
  return {
    // Σ payments (reversals are negative) never above the contract amount, never below zero
    contractOverCollected: await q(`
      SELECT c.id, c.amount, COALESCE(SUM(p.amount), 0) AS paid FROM contracts c LEFT JOIN payments p ON p.contract_id = c.id
      GROUP BY c.id, c.amount HAVING COALESCE(SUM(p.amount), 0) > c.amount OR COALESCE(SUM(p.amount), 0) < 0`),
    // a receivable's amount_paid is exactly the sum of the allocations made to it
    receivablePaidNotAllocations: await q(`
      SELECT r.id, r.amount_paid, a.total FROM receivables r
      LEFT JOIN (SELECT receivable_id, SUM(amount) AS total FROM payment_allocations GROUP BY receivable_id) a ON a.receivable_id = r.id
      WHERE r.amount_paid <> COALESCE(a.total, 0)`),
    // a customer's ledger balance Σ(debit − credit) equals what its receivables still owe
    customerBalanceNotLedger: await q(`
      SELECT c.id, l.balance, r.outstanding FROM customers c
      LEFT JOIN (SELECT customer_id, SUM(debit - credit) AS balance FROM ledger_entries GROUP BY customer_id) l ON l.customer_id = c.id
      LEFT JOIN (SELECT customer_id, SUM(amount_due - amount_paid) AS outstanding FROM receivables GROUP BY customer_id) r ON r.customer_id = c.id
      WHERE COALESCE(l.balance, 0) <> COALESCE(r.outstanding, 0)`),
    // every payment (and reversal) has exactly one ledger entry of its own kind, crediting its amount
    paymentLedgerEntry: await q(`
      SELECT p.id, count(l.id) AS entries FROM payments p LEFT JOIN ledger_entries l ON l.payment_id = p.id
      GROUP BY p.id, p.amount
      HAVING count(l.id) <> 1 OR COALESCE(SUM(l.credit), 0) <> p.amount
          OR bool_or(l.kind IS DISTINCT FROM CASE WHEN p.amount > 0 THEN 'payment' ELSE 'reversal' END)`),
    // the allocations of a payment add up to its amount
    paymentAllocations: await q(`
      SELECT p.id, p.amount, COALESCE(SUM(a.amount), 0) AS allocated FROM payments p LEFT JOIN payment_allocations a ON a.payment_id = p.id
      GROUP BY p.id, p.amount HAVING COALESCE(SUM(a.amount), 0) <> p.amount`),
    // a reversal mirrors the payment it reverses
    reversalMirrors: await q(`
      SELECT r.id FROM payments r JOIN payments o ON o.id = r.reverses_payment_id
      WHERE r.amount <> -o.amount OR r.contract_id <> o.contract_id OR o.amount < 0`),
    // every signed contract has one sale entry debiting its amount
    saleEntry: await q(`
      SELECT c.id FROM contracts c LEFT JOIN ledger_entries l ON l.contract_id = c.id AND l.kind = 'sale'
      WHERE c.status IN ('signed', 'completed') GROUP BY c.id, c.amount
      HAVING count(l.id) <> 1 OR COALESCE(SUM(l.debit), 0) <> c.amount`),
    // a signed contract is completed exactly when nothing is outstanding
    completionStatus: await q(`
      SELECT c.id, c.status, r.outstanding FROM contracts c
      JOIN (SELECT contract_id, SUM(amount_due - amount_paid) AS outstanding FROM receivables GROUP BY contract_id) r ON r.contract_id = c.id
      WHERE c.status IN ('signed', 'completed') AND (r.outstanding = 0) <> (c.status = 'completed')`),
  };
}

export const NO_VIOLATIONS = {
  contractOverCollected: [],
  receivablePaidNotAllocations: [],
  customerBalanceNotLedger: [],
  paymentLedgerEntry: [],
  paymentAllocations: [],
  reversalMirrors: [],
  saleEntry: [],
  completionStatus: [],
};

/** A 5xx body must be problem+json that names no internals (SQL, driver, stack, database). */
export function internalsLeaked(text: string): RegExpMatchArray | null {
  return text.match(/terminat|SQL|select |insert |update |pg_|postgres|QueryFailed|driver|stack|\n\s+at |\.ts:\d|\.js:\d|ECONN|57P01|55000|zhize_/i);
}
