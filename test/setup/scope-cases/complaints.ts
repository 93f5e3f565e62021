import { randomBytes, randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { grantFor } from '../../../src/access/policy';
import type { RoleCode } from '../../../src/access/roles';
import { fromCents, toCents } from '../../../src/common/money';
import { CaseMap, Made, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { holders, listed, subjects as parties } from './parties';

/** Complaints and key accounts (tiers, assessments, the key-account list): the scope cases of their routes. */

/** Once per world: its fixtures (the tier, key accounts per owner) are made once and reused. */
const perWorld = new WeakMap<World, { tier?: Promise<string>; keyAccounts: Map<string, Promise<{ id: string; name: string }>> }>();
const memo = (w: World) => {
  let m = perWorld.get(w);
  if (!m) perWorld.set(w, (m = { keyAccounts: new Map() }));
  return m;
};

/** A tier of its own: a code, rank and threshold no other tier uses (all three are unique). */
async function newTier(w: World, what: string) {
  const tiers = ok(await w.as('key_account.manager').get('/key-accounts/tiers'), 'list tiers').body.items as Array<{ rank: number }>;
  const taken = new Set(tiers.map((t) => t.rank));
  let rank = 99;
  while (taken.has(rank)) rank -= 1;
  const body = {
    code: `${what}${randomBytes(3).toString('hex').toUpperCase()}`,
    name: `范围测试等级 ${what}`,
    rank,
    minAnnualAmount: `${randomInt(1_000_000, 90_000_000)}.${String(randomInt(0, 100)).padStart(2, '0')}`,
    visitIntervalDays: 30,
    complaintResponseHours: 24,
  };
  return ok(await w.as('key_account.manager').post('/key-accounts/tiers', body), 'create tier').body as { code: string; version: number };
}

/** The tier the fixtures' key accounts are put in. */
function scopeTier(w: World): Promise<string> {
  const m = memo(w);
  m.tier ??= newTier(w, 'SC').then((t) => t.code);
  return m.tier;
}

/** A pending tier assessment of a new customer of `proposer` (a 大客户专员 or 主管, KA-6.4, KA-5.4). */
async function propose(w: World, proposer: Person | PersonKey) {
  const p = typeof proposer === 'string' ? w.person(proposer) : proposer;
  const customer = await parties.customer.make(w, p, 'default');
  const body = { customerId: customer.id, proposedTierCode: await scopeTier(w), reason: '近一年签约额与合作深度符合该等级' };
  const res = ok(await w.as(p).post('/key-accounts/assessments', body), 'propose tier');
  return { id: res.body.id as string, customerId: customer.id, name: customer.name as string };
}

/** A key account (大客户) of `owner` (大客户部): proposed by its owner, approved by the 大客户经理 (KA-4.1). Once per owner. */
function keyAccount(w: World, owner: PersonKey): Promise<{ id: string; name: string }> {
  const m = memo(w).keyAccounts;
  if (!m.has(owner)) {
    m.set(
      owner,
      (async () => {
        const a = await propose(w, owner);
        ok(await w.as('key_account.manager').post(`/key-accounts/assessments/${a.id}/approve`, {}), 'approve tier');
        return { id: a.customerId, name: a.name };
      })(),
    );
  }
  return m.get(owner)!;
}

/** A general customer of `owner` (any holder of customer.read), once per owner. */
const generalCustomers = new WeakMap<World, Map<string, Promise<string>>>();
function generalCustomer(w: World, owner: Person): Promise<string> {
  let m = generalCustomers.get(w);
  if (!m) generalCustomers.set(w, (m = new Map()));
  if (!m.has(owner.key)) m.set(owner.key, parties.customer.make(w, owner, 'default').then((c) => c.id));
  return m.get(owner.key)!;
}

/** Who works a complaint of each handling department — twins, so no runner actor handles its own fixtures (the approver never proposed). */
const HANDLER: Record<'sales' | 'key_account', PersonKey> = { sales: 'sales.manager#2', key_account: 'key_account.supervisor#2' };
const resolveBody = (extra: object = {}) => ({ resolution: '补发三箱产品，运费由我方承担', measures: '更换承运商，包装增加防潮层', ...extra });

/** Compensation amounts below and at the gm approval threshold (COMPENSATION_GM_APPROVAL_THRESHOLD). */
const belowThreshold = (w: World) => fromCents(toCents(w.t.config.compensationGmApprovalThreshold) / 2n);
const atThreshold = (w: World) => w.t.config.compensationGmApprovalThreshold;

/**
 * Reports a complaint on `customerId` as `reporter`, and takes it to `state`: `default` (open),
 * `in_progress` (assigned), `resolved`, `proposed` (resolved with a compensation below the gm
 * threshold) or `proposed-gm` (at the threshold: only the 总经理 approves).
 */
async function complaint(w: World, reporter: Person, customerId: string, state: string) {
  const res = ok(
    await w.as(reporter).post('/complaints', { customerId, channel: 'phone', category: 'product', severity: 'medium', description: `范围测试投诉 ${randomBytes(3).toString('hex')}` }),
    'report complaint',
  );
  const id = res.body.id as string;
  const department = res.body.handlingDepartment as 'sales' | 'key_account';
  if (state !== 'default') {
    const handler = w.person(HANDLER[department]);
    ok(await w.as(handler).post(`/complaints/${id}/assign`, { assigneeId: handler.id }), 'assign complaint');
    if (state !== 'in_progress') {
      const compensation = state === 'proposed' ? { compensationAmount: belowThreshold(w) } : state === 'proposed-gm' ? { compensationAmount: atThreshold(w) } : {};
      ok(await w.as(handler).post(`/complaints/${id}/resolve`, resolveBody(compensation)), 'resolve complaint');
    }
  }
  return { id, customerId, department };
}

/** Reporters: every holder of complaint.create. */
const REPORTERS = holders('complaint.create');

export const subjects: Record<string, Subject> = {
  /**
   * A complaint (投诉), owned by its reporter and handled by the reporter's own department: a
   * sales reporter on a general customer (→ 销售部), a key-account reporter on a key account of
   * theirs (→ 大客户部).
   */
  complaint: {
    table: 'complaints',
    owners: REPORTERS,
    async make(w, owner, state) {
      const customerId = owner.department === 'key_account' ? (await keyAccount(w, owner.key)).id : await generalCustomer(w, owner);
      return complaint(w, owner, customerId, state);
    },
  },
  /**
   * A complaint its reporter took down for the OTHER department (complaint-scope.ts): a 销售助理 on
   * a key account (→ 大客户部), a 大客户主管 on a general customer of theirs (→ 销售部). Its owner
   * is the reporter, its department is not the reporter's — only the reporter rule reaches it.
   */
  'complaint-elsewhere': {
    table: 'complaints',
    owners: ['sales.assistant', 'sales.assistant#2', 'key_account.supervisor', 'key_account.supervisor#2'],
    async make(w, owner, state) {
      const customerId = owner.department === 'sales' ? (await keyAccount(w, 'key_account.specialist')).id : await generalCustomer(w, owner);
      const made = await complaint(w, owner, customerId, state);
      if (made.department === owner.department) throw new Error(`scope fixture: the complaint of ${owner.key} stayed in ${owner.department}`);
      return made;
    },
  },
  /** A key account (customers.is_key_account) of its owner; one of 销售部 given to a rep by the 总经理 (customer.assign all). */
  'key-account': {
    table: 'customers',
    owners: ['key_account.specialist', 'key_account.specialist#2', 'key_account.supervisor', 'key_account.supervisor#2', 'sales.rep'],
    async make(w, owner) {
      if (owner.department === 'key_account') return keyAccount(w, owner.key);
      const ka = await propose(w, 'key_account.specialist#2');
      ok(await w.as('key_account.manager').post(`/key-accounts/assessments/${ka.id}/approve`, {}), 'approve tier');
      ok(await w.as('gm').post(`/customers/${ka.customerId}/assign`, { ownerId: owner.id }), 'assign key account');
      return { id: ka.customerId, name: ka.name };
    },
  },
  /** A pending tier assessment (等级评估), owned by its proposer; always of 大客户部 unless placed elsewhere. */
  assessment: {
    table: 'tier_assessments',
    owners: ['key_account.specialist', 'key_account.specialist#2', 'key_account.supervisor', 'key_account.supervisor#2', 'sales.manager'],
    async make(w, owner) {
      if (owner.department === 'key_account') return propose(w, owner);
      const a = await propose(w, 'key_account.specialist#2');
      // the API files every assessment under 大客户部: an outside one for the department scope needs SQL
      await w.place('tier_assessments', a.id, owner);
      return a;
    },
  },
};

/** The roles whose complaint.read the reporter rule widens: reporters reading at department (or team) scope. */
const reporterRuleOf = (role: RoleCode) => {
  const read = grantFor(role, 'complaint.read')?.scope;
  return grantFor(role, 'complaint.create') && (read === 'department' || read === 'team') ? ('own' as const) : null;
};

const statsTotal = (res: Response) => Number(res.body?.total?.total);
/** Only holders of complaint.compensate (销售部经理, 大客户主管; SAL-4.5, KA-5.6) propose compensation. */
const compensationForbidden = 'COMPLAINT_COMPENSATION_FORBIDDEN';
/** A compensation at or above COMPENSATION_GM_APPROVAL_THRESHOLD is approved by the 总经理 only (SAL-10, KA-8). */
const gmOnly = 'COMPLAINT_COMPENSATION_GM';

export const cases: CaseMap = {
  // ── complaints ──
  'POST /api/v1/complaints': {
    kind: 'item',
    subject: 'customer',
    scopeBy: 'customer.read',
    fresh: true,
    call: (w, a, m) => w.as(a).post('/complaints', { customerId: m.id, channel: 'email', category: 'service', severity: 'low', description: '范围测试：服务响应慢' }),
  },
  'GET /api/v1/complaints': [
    {
      kind: 'list',
      subject: 'complaint',
      call: (w, a, m) => w.as(a).get(`/complaints?pageSize=100&customerId=${m.customerId}`),
      contains: listed,
    },
    {
      // a reporter at department scope lists their own complaint of the other department, not a colleague's
      kind: 'list',
      subject: 'complaint-elsewhere',
      scopeOf: reporterRuleOf,
      call: (w, a, m) => w.as(a).get(`/complaints?pageSize=100&customerId=${m.customerId}`),
      contains: listed,
    },
  ],
  'GET /api/v1/complaints/stats': [
    {
      kind: 'aggregate',
      subject: 'complaint',
      call: (w, a) => w.as(a).get('/complaints/stats'),
      measure: statsTotal,
      weight: () => 1,
    },
    {
      kind: 'aggregate',
      subject: 'complaint-elsewhere',
      scopeOf: reporterRuleOf,
      call: (w, a) => w.as(a).get('/complaints/stats'),
      measure: statsTotal,
      weight: () => 1,
    },
  ],
  'GET /api/v1/complaints/:id': [
    { kind: 'item', subject: 'complaint', call: (w, a, m) => w.as(a).get(`/complaints/${m.id}`) },
    { kind: 'item', subject: 'complaint-elsewhere', scopeOf: reporterRuleOf, call: (w, a, m) => w.as(a).get(`/complaints/${m.id}`) },
  ],
  'POST /api/v1/complaints/:id/assign': {
    kind: 'item',
    subject: 'complaint',
    fresh: true,
    // the handler takes it on: always a valid assignee (a complaint.handle holder of their department)
    call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/assign`, { assigneeId: a.id }),
  },
  'POST /api/v1/complaints/:id/resolve': [
    {
      kind: 'item',
      subject: 'complaint',
      state: 'in_progress',
      fresh: true,
      call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/resolve`, resolveBody()),
    },
    {
      kind: 'item',
      subject: 'complaint',
      state: 'in_progress',
      fresh: true,
      call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/resolve`, resolveBody({ compensationAmount: '800.00' })),
      refused: { 'sales.assistant': compensationForbidden, 'key_account.manager': compensationForbidden },
    },
  ],
  'POST /api/v1/complaints/:id/compensation/approve': [
    {
      kind: 'item',
      subject: 'complaint',
      state: 'proposed',
      fresh: true,
      call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/compensation/approve`),
    },
    {
      kind: 'item',
      subject: 'complaint',
      state: 'proposed-gm',
      fresh: true,
      call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/compensation/approve`),
      refused: { 'sales.manager': gmOnly, 'key_account.manager': gmOnly },
    },
  ],
  'POST /api/v1/complaints/:id/reopen': {
    kind: 'item',
    subject: 'complaint',
    state: 'resolved',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/reopen`),
  },
  'POST /api/v1/complaints/:id/close': {
    kind: 'item',
    subject: 'complaint',
    state: 'resolved',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/complaints/${m.id}/close`, { satisfaction: 4 }),
  },

  // ── key accounts ──
  'GET /api/v1/key-accounts': {
    kind: 'list',
    subject: 'key-account',
    call: (w, a, m) => w.as(a).get(`/key-accounts?q=${encodeURIComponent(String(m.name))}`),
    contains: (res: Response, m: Made) => (Array.isArray(res.body?.items) ? res.body.items : []).some((i: { customerId: string }) => i.customerId === m.id),
  },
  'GET /api/v1/key-accounts/tiers': {
    kind: 'open',
    reason: 'tier definitions are the company’s service standard, not owned records (KA-4.6)',
    call: (w, a) => w.as(a).get('/key-accounts/tiers'),
  },
  'POST /api/v1/key-accounts/tiers': {
    kind: 'open',
    reason: 'tier.manage is granted at all: tier definitions are not owned records (KA-4.3, KA-4.9)',
    call: async (w, a) => {
      const res = await w.as(a).get('/key-accounts/tiers');
      const taken = new Set(((res.body?.items ?? []) as Array<{ rank: number }>).map((t) => t.rank));
      let rank = 98;
      while (taken.has(rank)) rank -= 1;
      return w.as(a).post('/key-accounts/tiers', {
        code: `NEW${randomBytes(3).toString('hex').toUpperCase()}`,
        name: '范围测试新等级',
        rank,
        minAnnualAmount: `${randomInt(1_000_000, 90_000_000)}.00`,
        visitIntervalDays: 60,
        complaintResponseHours: 48,
      });
    },
  },
  'PATCH /api/v1/key-accounts/tiers/:code': {
    kind: 'open',
    reason: 'tier.manage is granted at all: tier definitions are not owned records (KA-4.3, KA-4.9)',
    call: async (w, a) => {
      const tier = await newTier(w, 'PT');
      return w.as(a).patch(`/key-accounts/tiers/${tier.code}`, { version: tier.version, name: '范围测试等级（改名）' });
    },
  },
  'POST /api/v1/key-accounts/assessments': {
    kind: 'item',
    subject: 'customer',
    // the proposal looks the customer up at tier.propose (AssessmentsService.propose); one pending per customer, hence fresh
    scopeBy: 'tier.propose',
    fresh: true,
    call: async (w, a, m) => w.as(a).post('/key-accounts/assessments', { customerId: m.id, proposedTierCode: await scopeTier(w), reason: '近一年签约额符合该等级' }),
  },
  'GET /api/v1/key-accounts/assessments': {
    kind: 'list',
    subject: 'assessment',
    call: (w, a, m) => w.as(a).get(`/key-accounts/assessments?customerId=${m.customerId}`),
    contains: listed,
  },
  'GET /api/v1/key-accounts/assessments/:id': { kind: 'item', subject: 'assessment', call: (w, a, m) => w.as(a).get(`/key-accounts/assessments/${m.id}`) },
  'POST /api/v1/key-accounts/assessments/:id/approve': {
    kind: 'item',
    subject: 'assessment',
    fresh: true,
    // the customer is already of 大客户部 (owned by the proposer): no assignee needed
    call: (w, a, m) => w.as(a).post(`/key-accounts/assessments/${m.id}/approve`, { comment: '同意' }),
  },
  'POST /api/v1/key-accounts/assessments/:id/reject': {
    kind: 'item',
    subject: 'assessment',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/key-accounts/assessments/${m.id}/reject`, { comment: '签约额未持续达到标准' }),
  },
  'GET /api/v1/customers/:id/tier-history': { kind: 'item', subject: 'customer', call: (w, a, m) => w.as(a).get(`/customers/${m.id}/tier-history`) },
};
