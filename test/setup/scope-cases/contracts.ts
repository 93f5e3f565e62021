import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { grantFor } from '../../../src/access/policy';
import type { RoleCode } from '../../../src/access/roles';
import { fromCents, toCents } from '../../../src/common/money';
import { CaseMap, Made, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { listed, subjects as parties } from './parties';
import { xlsxRows, type XlsxBody } from '../http';
import { bearer } from '../users';

/** Contracts, receivables, payments and the sales ledger: the scope cases of their routes. */

/**
 * Who owns contracts (the drafter), and so their receivables, payments and ledger entries. The
 * market and key-account specialists draft none themselves, but their supervisor's team scope
 * (market) and their own collection.log (key account) reach records they own.
 */
const OWNERS: readonly PersonKey[] = [
  'sales.rep',
  'sales.rep#2',
  'sales.manager',
  'sales.manager#2',
  'market.supervisor',
  'market.supervisor#2',
  'market.specialist',
  'key_account.manager',
  'key_account.manager#2',
  'key_account.specialist',
];

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** Contracts are signed ten days back, so that payments can be dated after the signing and aging counts them today. */
const SIGNED_ON = day(10);
/** The one due date of every fixture contract's plan (a single line: the contract's amount is its receivable's). */
const DUE = '2027-06-30';

let serial = 0;
/** A distinct amount below the 总经理 threshold, with cents, so that a figure off by a record is visible. */
const nextAmount = () => fromCents(BigInt(1_000_000 + (serial += 1) * 10_101 + (serial % 97)));
const uniqueTitle = () => `范围合同${randomBytes(3).toString('hex')}-${(serial += 1)}`;
/** Money as exact integer cents (a JS number: fixture amounts are far below 2^53 cents). */
const cents = (amount: unknown) => Number(toCents(String(amount)));

const holds = (role: RoleCode, permission: 'contract.create' | 'contract.approve') => grantFor(role, permission) !== undefined;

/** The drafter of a contract for `owner`: the owner, else the nearest drafter whose scope reaches the owner's customers. */
function drafterFor(w: World, owner: Person): Person {
  if (holds(owner.role, 'contract.create')) return owner;
  const supervisor = [...w.people.values()].find((p) => p.id === owner.supervisorId);
  if (supervisor && holds(supervisor.role, 'contract.create')) return supervisor;
  return w.person(`${owner.department}.manager` as PersonKey);
}

/** The department's manager who decides the contract: never its owner or drafter (separation of duties). */
function approverFor(w: World, owner: Person, drafter: Person): Person {
  const managers = [`${owner.department}.manager`, `${owner.department}.manager#2`].map((k) => w.person(k as PersonKey));
  const found = managers.find((p) => p.id !== owner.id && p.id !== drafter.id);
  if (!found) throw new Error(`scope fixture: no approver for a contract of ${owner.key}`);
  return found;
}

const contractBody = (customerId: string, title: string, amount: string) => ({
  customerId,
  title,
  amount,
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  paymentPlan: [{ dueDate: DUE, amount }],
});

const collectionBody = () => ({
  contactedAt: new Date(Date.now() - 3_600_000).toISOString(),
  method: 'phone',
  result: 'promised',
  promisedDate: DUE,
  note: '财务答应月底前安排付款',
});

const items = (res: Response): Array<Record<string, unknown>> => (Array.isArray(res.body?.items) ? res.body.items : []);

const CONTRACT_STATES = ['default', 'draft', 'pending', 'approved', 'signed', 'archived'] as const;

export const subjects: Record<string, Subject> = {
  /**
   * A contract drafted through the API for a customer of its owner and taken to `state`: `draft`
   * (default), `pending` (submitted), `approved` (by the department's manager), `signed` (by the
   * owner, or the approver where the owner drafts none), `archived` (filed by the 内勤).
   */
  contract: {
    table: 'contracts',
    owners: OWNERS,
    async make(w, owner, state) {
      if (!(CONTRACT_STATES as readonly string[]).includes(state)) throw new Error(`scope fixture: no contract state ${state}`);
      const drafter = drafterFor(w, owner);
      const customer = await parties.customer.make(w, owner, 'default');
      const title = uniqueTitle();
      const amount = nextAmount();
      const res = ok(await w.as(drafter).post('/contracts', contractBody(customer.id, title, amount)), 'draft contract');
      const id = res.body.id as string;
      // the drafter always owns a new contract and no route reassigns one: a specialist's contract is placed with them
      if (drafter.id !== owner.id) await w.place('contracts', id, owner);
      const made = { id, number: res.body.number as string, title, amount, customerId: customer.id, version: res.body.version as number };
      if (state === 'default' || state === 'draft') return made;
      ok(await w.as(drafter).post(`/contracts/${id}/submit`), 'submit contract');
      if (state === 'pending') return made;
      const approver = approverFor(w, owner, drafter);
      ok(await w.as(approver).post(`/contracts/${id}/approve`, { comment: '同意' }), 'approve contract');
      if (state === 'approved') return made;
      const signer = holds(owner.role, 'contract.create') ? owner : approver;
      ok(await w.as(signer).post(`/contracts/${id}/sign`, { signedAt: SIGNED_ON }), 'sign contract');
      if (state === 'signed') return made;
      ok(await w.as('sales.clerk').post(`/contracts/${id}/archive`, { location: '档案室 A 柜 3 层' }), 'archive contract');
      return made;
    },
  },
  /** The receivable (应收) the signing makes of a contract's single plan line; owned with the contract. */
  receivable: {
    table: 'receivables',
    owners: OWNERS,
    async make(w, owner) {
      const k = await subjects.contract.make(w, owner, 'signed');
      const res = ok(await w.as('sales.clerk').get(`/receivables?contractId=${k.id}`), 'find receivable');
      const [r] = items(res);
      if (!r || items(res).length !== 1) throw new Error(`scope fixture: contract ${k.id} should have one receivable, has ${items(res).length}`);
      return { id: String(r.id), contractId: k.id, number: k.number, amountDue: String(r.amountDue) };
    },
  },
  /** A part payment recorded by the 内勤 (SAL-6.5) on a signed contract; owned with the contract. */
  payment: {
    table: 'payments',
    owners: OWNERS,
    async make(w, owner) {
      const k = await subjects.contract.make(w, owner, 'signed');
      const res = ok(
        await w.as('sales.clerk').post('/payments', { contractId: k.id, amount: '100.00', receivedAt: day(2), method: 'bank_transfer', reference: '范围测试回单' }),
        'record payment',
      );
      return { id: res.body.id as string, contractId: k.id, number: k.number };
    },
  },
};

/** Signing: the owner (a drafter of contracts) signs their own; an approver signs any in their approval scope (SAL-4.6). */
const signScope = (role: RoleCode) => grantFor(role, 'contract.approve')?.scope ?? (holds(role, 'contract.create') ? 'own' : grantFor(role, 'contract.read')?.scope ?? null);
/** Only the contract’s owner or an approver in scope registers the signing. */
const SIGN_FORBIDDEN = 'CONTRACT_SIGN_FORBIDDEN';

export const cases: CaseMap = {
  // ── contracts ──
  'POST /api/v1/contracts': {
    kind: 'item',
    subject: 'customer',
    // the drafter must see the customer (customer.read scope, SAL-7.3); reps draft for general customers, as these are
    scopeBy: 'customer.read',
    call: (w, a, m) => w.as(a).post('/contracts', contractBody(m.id, uniqueTitle(), nextAmount())),
  },
  'GET /api/v1/contracts': {
    kind: 'list',
    subject: 'contract',
    call: (w, a, m) => w.as(a).get(`/contracts?q=${encodeURIComponent(String(m.title))}`),
    contains: listed,
  },
  'GET /api/v1/contracts/archive': {
    kind: 'list',
    subject: 'contract',
    state: 'archived',
    call: (w, a, m) => w.as(a).get(`/contracts/archive?q=${encodeURIComponent(String(m.number))}`),
    contains: listed,
  },
  'GET /api/v1/contracts/:id': { kind: 'item', subject: 'contract', call: (w, a, m) => w.as(a).get(`/contracts/${m.id}`) },
  'PATCH /api/v1/contracts/:id': {
    kind: 'item',
    subject: 'contract',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/contracts/${m.id}`, { version: m.version, title: `${String(m.title)}（修订）` }),
  },
  'POST /api/v1/contracts/:id/submit': {
    kind: 'item',
    subject: 'contract',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/submit`),
  },
  'POST /api/v1/contracts/:id/approve': {
    kind: 'item',
    subject: 'contract',
    state: 'pending',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/approve`, { comment: '同意' }),
  },
  'POST /api/v1/contracts/:id/reject': {
    kind: 'item',
    subject: 'contract',
    state: 'pending',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/reject`, { comment: '付款条件需要调整' }),
  },
  'POST /api/v1/contracts/:id/sign': {
    kind: 'item',
    subject: 'contract',
    state: 'approved',
    fresh: true,
    scopeOf: signScope,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/sign`, { signedAt: SIGNED_ON }),
    // readers who are neither owner nor approver may not sign
    refused: { 'sales.supervisor': SIGN_FORBIDDEN, 'sales.clerk': SIGN_FORBIDDEN, 'sales.assistant': SIGN_FORBIDDEN },
  },
  'POST /api/v1/contracts/:id/terminate': {
    kind: 'item',
    subject: 'contract',
    state: 'signed',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/terminate`, { reason: '客户经营困难，双方协商终止' }),
  },
  'POST /api/v1/contracts/:id/archive': {
    kind: 'item',
    subject: 'contract',
    state: 'signed',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/contracts/${m.id}/archive`, { location: '档案室 B 柜 1 层' }),
  },

  // ── receivables ──
  'GET /api/v1/receivables': {
    kind: 'list',
    subject: 'receivable',
    call: (w, a, m) => w.as(a).get(`/receivables?contractId=${m.contractId}`),
    contains: listed,
  },
  'GET /api/v1/receivables/aging': {
    kind: 'aggregate',
    subject: 'receivable',
    call: (w, a) => w.as(a).get('/receivables/aging'),
    // all outstanding as of today, in cents; a new signed contract adds its one unpaid line
    measure: (res) => cents(res.body.total.total),
    weight: (m: Made) => cents(m.amountDue),
  },
  'GET /api/v1/receivables/collection-rate': {
    kind: 'aggregate',
    subject: 'receivable',
    call: (w, a) => w.as(a).get(`/receivables/collection-rate?from=${DUE}&to=${DUE}`),
    // what falls due in the period, in cents
    measure: (res) => cents(res.body.total.due),
    weight: (m: Made) => cents(m.amountDue),
  },
  'GET /api/v1/receivables/overdue-customers': {
    kind: 'aggregate',
    subject: 'receivable',
    // a month after the fixtures' one due date every unpaid line is overdue; the sum covers all pages
    call: (w, a) => w.as(a).get('/receivables/overdue-customers?asOf=2027-07-31&pageSize=1'),
    measure: (res) => cents(res.body.totalOverdue),
    weight: (m: Made) => cents(m.amountDue),
  },
  'GET /api/v1/receivables/:id': { kind: 'item', subject: 'receivable', call: (w, a, m) => w.as(a).get(`/receivables/${m.id}`) },
  'POST /api/v1/receivables/:id/collections': {
    kind: 'item',
    subject: 'receivable',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/receivables/${m.id}/collections`, collectionBody()),
  },
  'GET /api/v1/receivables/:id/collections': {
    kind: 'item',
    subject: 'receivable',
    call: (w, a, m) => w.as(a).get(`/receivables/${m.id}/collections`),
  },

  // ── payments and the sales ledger ──
  'POST /api/v1/payments': {
    kind: 'item',
    subject: 'contract',
    state: 'signed',
    fresh: true,
    // the service looks the contract up under payment.record
    scopeBy: 'payment.record',
    call: (w, a, m) => w.as(a).post('/payments', { contractId: m.id, amount: '250.50', receivedAt: day(1), method: 'bank_transfer' }),
  },
  'POST /api/v1/payments/:id/reverse': {
    kind: 'item',
    subject: 'payment',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/payments/${m.id}/reverse`, { reason: '银行退票' }),
  },
  'GET /api/v1/payments': {
    kind: 'list',
    subject: 'payment',
    call: (w, a, m) => w.as(a).get(`/payments?contractId=${m.contractId}`),
    contains: listed,
  },
  'GET /api/v1/ledger': [
    {
      kind: 'list',
      subject: 'contract',
      state: 'signed',
      call: (w, a, m) => w.as(a).get(`/ledger?contractId=${m.id}`),
      contains: (res, m) => items(res).some((e) => e.contractId === m.id && e.kind === 'sale'),
    },
    {
      kind: 'list',
      subject: 'contract',
      state: 'signed',
      call: (w, a, m) => w.as(a).get(`/ledger?format=csv&contractId=${m.id}`),
      contains: (res, m) => res.text.includes(String(m.number)),
    },
    {
      kind: 'list',
      subject: 'contract',
      state: 'signed',
      call: (w, a, m) =>
        w.t
          .http()
          .get(`/api/v1/ledger?format=xlsx&contractId=${m.id}`)
          .set('authorization', bearer(a.token))
          .buffer(true)
          .parse(xlsxRows)
          .then((r) => r),
      contains: (res, m) => (res.body as XlsxBody).rows.some((r) => r[4] === m.number),
    },
  ],
};
