import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { grantingRoles } from '../../../src/access/policy';
import type { Permission } from '../../../src/access/duty.types';
import { CaseMap, Made, ok, PersonKey, Subject } from '../scope-world';

/** Prospects, customers and visits: the scope cases of their routes. */

/** Everyone in the world whose role holds `permission` (the product's own test for an owner). */
export function holders(permission: Permission): PersonKey[] {
  const roles = grantingRoles(permission).map((g) => g.role);
  return roles.flatMap((r) => (r === 'gm' || r === 'admin' ? [r] : [r, `${r}#2` as PersonKey]));
}

let serial = 0;
/** A company name no other fixture uses (the duplicate check compares names, phones and USCCs). */
export const uniqueName = (what: string) => `${what}${randomBytes(3).toString('hex')}有限公司${(serial += 1)}`;
/** A mobile number no other fixture uses. */
export const uniquePhone = () => `139${String(10_000_000 + ((Date.now() + (serial += 1) * 7919) % 89_999_999)).slice(0, 8)}`;

const items = (res: Response): Array<{ id: string }> => (Array.isArray(res.body?.items) ? res.body.items : []);
export const listed = (res: Response, made: Made) => items(res).some((i) => i.id === made.id);

export const subjects: Record<string, Subject> = {
  /** A prospect registered by its owner (MKT-6.2, KA-6.1): `new`, or `qualified` after a passing evaluation. */
  prospect: {
    table: 'prospects',
    owners: holders('prospect.create'),
    async make(w, owner, state) {
      const name = uniqueName('范围潜客');
      const res = ok(await w.as(owner).post('/prospects', { companyName: name, contactName: '张三', contactPhone: uniquePhone() }), 'register prospect');
      const id = res.body.id as string;
      if (state === 'qualified') await w.sql(`UPDATE prospects SET status = 'qualified', version = version + 1 WHERE id = $1`, [id]);
      return { id, name, version: (await w.sql(`SELECT version FROM prospects WHERE id = $1`, [id]))[0].version };
    },
  },
  /** A prospect in its department's pool (公海), released by someone other than the claimer. */
  'pool-prospect': {
    table: 'prospects',
    owners: holders('prospect.create'),
    async make(w, owner) {
      const made = await subjects.prospect.make(w, owner, 'default');
      await w.sql(`UPDATE prospects SET owner_id = NULL, released_from = NULL, released_at = now() - interval '30 days' WHERE id = $1`, [made.id]);
      return made;
    },
  },
  /** A customer registered by the 内勤 (SAL-5.1) and put under its owner (责任分区). */
  customer: {
    table: 'customers',
    owners: holders('customer.read').filter((k) => k !== 'gm'),
    async make(w, owner) {
      const name = uniqueName('范围客户');
      const res = ok(await w.as('sales.clerk').post('/customers', { name, contactName: '李四', contactPhone: uniquePhone() }), 'register customer');
      const id = res.body.id as string;
      if (owner.key !== 'sales.clerk') ok(await w.as('gm').post(`/customers/${id}/assign`, { ownerId: owner.id }), 'assign customer');
      return { id, name, version: (await w.sql(`SELECT version FROM customers WHERE id = $1`, [id]))[0].version };
    },
  },
  /** A visit logged by its visitor on a customer of theirs. */
  visit: {
    table: 'visits',
    owners: holders('visit.create'),
    async make(w, owner) {
      const customer = await subjects.customer.make(w, owner, 'default');
      const res = ok(await w.as(owner).post('/visits', visitBody({ customerId: customer.id })), 'log visit');
      return { id: res.body.id, version: res.body.version, customerId: customer.id, name: customer.name };
    },
  },
};

export const visitBody = (target: object) => ({
  ...target,
  method: 'in_person',
  purpose: '范围测试拜访',
  summary: '客户了解了新产品',
  visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
});

const evaluation = { capitalVerified: true, score: 80, conclusion: 'pass', notes: '资信良好' };

export const cases: CaseMap = {
  // ── prospects ──
  'POST /api/v1/prospects': {
    kind: 'open',
    reason: 'registers a prospect of the caller’s own (MKT-6.2)',
    call: (w, a) => w.as(a).post('/prospects', { companyName: uniqueName('范围登记'), contactName: '王五', contactPhone: uniquePhone() }),
  },
  'GET /api/v1/prospects': {
    kind: 'list',
    subject: 'prospect',
    call: (w, a, m) => w.as(a).get(`/prospects?q=${encodeURIComponent(String(m.name))}`),
    contains: listed,
  },
  'GET /api/v1/prospects/duplicates': {
    kind: 'open',
    reason: 'the duplicate check tells only whether a name is taken, across the company (MKT-6.2)',
    call: (w, a) => w.as(a).get(`/prospects/duplicates?companyName=${encodeURIComponent(uniqueName('查重'))}`),
  },
  'GET /api/v1/prospects/pool': {
    kind: 'list',
    subject: 'pool-prospect',
    scopeOf: () => 'department',
    call: (w, a) => w.as(a).get('/prospects/pool?pageSize=100'),
    contains: listed,
  },
  'GET /api/v1/prospects/:id': { kind: 'item', subject: 'prospect', call: (w, a, m) => w.as(a).get(`/prospects/${m.id}`) },
  'PATCH /api/v1/prospects/:id': {
    kind: 'item',
    subject: 'prospect',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/prospects/${m.id}`, { version: m.version, region: '华东' }),
  },
  'POST /api/v1/prospects/:id/assign': {
    kind: 'item',
    subject: 'prospect',
    fresh: true,
    // the assigner hands the prospect to themself: always a valid assignee (team or department)
    call: (w, a, m) => w.as(a).post(`/prospects/${m.id}/assign`, { ownerId: a.id }),
  },
  'POST /api/v1/prospects/:id/evaluations': {
    kind: 'item',
    subject: 'prospect',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/prospects/${m.id}/evaluations`, evaluation),
  },
  'GET /api/v1/prospects/:id/evaluations': { kind: 'item', subject: 'prospect', call: (w, a, m) => w.as(a).get(`/prospects/${m.id}/evaluations`) },
  'POST /api/v1/prospects/:id/convert': {
    kind: 'item',
    subject: 'prospect',
    state: 'qualified',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/prospects/${m.id}/convert`),
  },
  'POST /api/v1/prospects/:id/claim': {
    kind: 'item',
    subject: 'pool-prospect',
    fresh: true,
    scopeOf: () => 'department',
    call: (w, a, m) => w.as(a).post(`/prospects/${m.id}/claim`),
    skip: {
      'market.supervisor': 'only specialists claim from the pool (SPEC §7)',
      'market.manager': 'only specialists claim from the pool (SPEC §7)',
      'key_account.supervisor': 'only specialists claim from the pool (SPEC §7)',
    },
  },

  // ── customers ──
  'POST /api/v1/customers': {
    kind: 'open',
    reason: 'the 内勤 registers customers for the whole company (SAL-5.1)',
    call: (w, a) => w.as(a).post('/customers', { name: uniqueName('范围登记客户'), contactName: '赵六', contactPhone: uniquePhone() }),
  },
  'GET /api/v1/customers': {
    kind: 'list',
    subject: 'customer',
    call: (w, a, m) => w.as(a).get(`/customers?q=${encodeURIComponent(String(m.name))}`),
    contains: listed,
  },
  'GET /api/v1/customers/:id': { kind: 'item', subject: 'customer', call: (w, a, m) => w.as(a).get(`/customers/${m.id}`) },
  'PATCH /api/v1/customers/:id': {
    kind: 'item',
    subject: 'customer',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/customers/${m.id}`, { version: m.version, region: '华北' }),
  },
  'POST /api/v1/customers/:id/assign': {
    kind: 'item',
    subject: 'customer',
    fresh: true,
    // reassigned to its owner: inside the assigner's reach whenever the customer is
    call: (w, a, m) => w.as(a).post(`/customers/${m.id}/assign`, { ownerId: m.owner.id }),
  },
  'GET /api/v1/customers/:id/ledger': { kind: 'item', subject: 'customer', call: (w, a, m) => w.as(a).get(`/customers/${m.id}/ledger`) },

  // ── visits ──
  'POST /api/v1/visits': {
    kind: 'item',
    subject: 'customer',
    scopeBy: 'customer.read',
    call: (w, a, m) => w.as(a).post('/visits', visitBody({ customerId: m.id })),
  },
  'GET /api/v1/visits': [
    {
      kind: 'list',
      subject: 'visit',
      call: (w, a, m) => w.as(a).get(`/visits?customerId=${m.customerId}`),
      contains: listed,
    },
    {
      kind: 'list',
      subject: 'visit',
      call: (w, a, m) => w.as(a).get(`/visits?format=csv&customerId=${m.customerId}`),
      contains: (res, m) => res.text.includes(String(m.name)),
    },
  ],
  'GET /api/v1/visits/:id': { kind: 'item', subject: 'visit', call: (w, a, m) => w.as(a).get(`/visits/${m.id}`) },
  'PATCH /api/v1/visits/:id': {
    kind: 'item',
    subject: 'visit',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/visits/${m.id}`, { version: m.version, nextStep: '准备报价' }),
  },
  'POST /api/v1/visits/:id/review': {
    kind: 'item',
    subject: 'visit',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/visits/${m.id}/review`, { comment: '记录完整' }),
  },
};
