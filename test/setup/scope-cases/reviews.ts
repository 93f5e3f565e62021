import { grantFor } from '../../../src/access/policy';
import type { Scope } from '../../../src/access/duty.types';
import type { Department, RoleCode } from '../../../src/access/roles';
import { CaseMap, ItemCase, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { holders, listed } from './parties';

/** 绩效考核: schemes (考核方案) and reviews, the scope cases of their routes. */

const SCHEME = {
  name: '范围测试月度考核方案',
  periodType: 'month',
  criteria: [
    { name: '拜访量', weight: 60, source: 'visits' },
    { name: '工作态度', weight: 40, source: 'manual' },
  ],
};

let month = 0;
/** A month no other fixture used: one review per person and period. */
const nextPeriod = () => {
  const k = (month += 1);
  return `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** The department's 经理 of the scope world (the one who drafts and reviews). */
const managerOf = (w: World, department: Department): Person => w.person(`${department}.manager` as PersonKey);

/** A scheme drafted by `owner` (a 经理), taken to `state`: draft, submitted, or approved by the 总经理. */
async function scheme(w: World, owner: Person, state: 'default' | 'submitted' | 'approved') {
  const res = ok(await w.as(owner).post('/reviews/schemes', SCHEME), 'draft scheme');
  if (state !== 'default') ok(await w.as(owner).post(`/reviews/schemes/${res.body.id}/submit`), 'submit scheme');
  if (state === 'approved') ok(await w.as('gm').post(`/reviews/schemes/${res.body.id}/approve`, {}), 'approve scheme');
  return { id: res.body.id as string };
}

/** The department has a scheme in force (every fixture scheme is monthly, so any of them will do). */
const inForce = new WeakMap<World, Map<string, Promise<unknown>>>();
async function schemeInForce(w: World, department: Department): Promise<void> {
  let m = inForce.get(w);
  if (!m) inForce.set(w, (m = new Map()));
  if (!m.has(department)) m.set(department, scheme(w, managerOf(w, department), 'approved'));
  await m.get(department);
}

/**
 * Who reviews `owner`: their supervisor when the supervisor reviews at team scope (销售主管), else
 * the department's 经理 — or the 经理 whatever the line when `byManager`.
 */
function reviewerOf(w: World, owner: Person, byManager: boolean): Person {
  const sup = owner.supervisorId ? [...w.people.values()].find((p) => p.id === owner.supervisorId) : undefined;
  if (!byManager && sup && grantFor(sup.role, 'review.conduct')) return sup;
  return managerOf(w, owner.department);
}

/** Everyone who may be reviewed: below the 经理, in the three departments (reps first: they have a reviewing 主管). */
const REVIEWEES: PersonKey[] = [
  'sales.rep',
  'sales.rep#2',
  'market.specialist',
  'market.specialist#2',
  'key_account.specialist',
  'key_account.specialist#2',
  'sales.clerk',
  'sales.clerk#2',
  'sales.assistant',
  'sales.assistant#2',
  'sales.supervisor',
  'sales.supervisor#2',
  'market.supervisor',
  'market.supervisor#2',
  'key_account.supervisor',
  'key_account.supervisor#2',
];
const REVIEWEE_ROLES = new Set(REVIEWEES.map((k) => k.split('#')[0]));

export const subjects: Record<string, Subject> = {
  /** A scheme of its drafter's department: `default` a draft, `submitted`, or `approved`. */
  'review-scheme': {
    table: 'review_schemes',
    owners: holders('review.scheme'),
    make: (w, owner, state) => scheme(w, owner, state as 'default' | 'submitted' | 'approved'),
  },
  /** A person to review: the record is the user; the department has a scheme in force. */
  reviewee: {
    table: 'users',
    owners: REVIEWEES,
    async make(w, owner) {
      await schemeInForce(w, owner.department);
      return { id: owner.id };
    },
  },
  /**
   * A review of `owner` for a month of its own: `default` a draft, `scored`, `submitted`; by the
   * reviewing 主管 where there is one, else the 经理 — `…-by-manager` by the 经理 in any case.
   */
  review: {
    table: 'reviews',
    owners: REVIEWEES,
    async make(w, owner, state) {
      const byManager = state.endsWith('by-manager');
      const stage = state.replace(/-?by-manager$/, '') || 'default';
      await schemeInForce(w, owner.department);
      const reviewer = reviewerOf(w, owner, byManager);
      const period = nextPeriod();
      const res = ok(await w.as(reviewer).post('/reviews', { revieweeId: owner.id, period }), 'open review');
      if (stage === 'scored' || stage === 'submitted') {
        ok(await w.as(reviewer).patch(`/reviews/${res.body.id}`, { version: res.body.version, scores: [1, 2].map((seq) => ({ seq, score: 80 })) }), 'score review');
      }
      if (stage === 'submitted') ok(await w.as(reviewer).post(`/reviews/${res.body.id}/submit`), 'submit review');
      return { id: res.body.id as string, period };
    },
  },
};

/** Schemes are a department's rules: a team-scope reader reads the whole department's. */
const schemeReadScope = (role: RoleCode): Scope | null => {
  const s = grantFor(role, 'review.read')?.scope;
  return s === 'team' ? 'department' : (s ?? null);
};

const version = async (w: World, table: string, id: string): Promise<number> => (await w.sql(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;

const NOT_BY_SUPERVISOR = '在市场开拓部和大客户部只有经理考核（review.conduct），经理所做的考核由总经理确认';
/** Confirm and return: the 经理 decides a 主管's review, the 总经理 a 经理's. */
const decision = (call: ItemCase['call']): ItemCase[] => [
  {
    kind: 'item',
    subject: 'review',
    state: 'submitted',
    fresh: true,
    refused: { 'market.manager': 'REVIEW_SELF_CONFIRM', 'key_account.manager': 'REVIEW_SELF_CONFIRM' },
    skip: { gm: 'the 总经理 confirms a 经理’s review (the next case), not a 主管’s' },
    call,
  },
  {
    kind: 'item',
    subject: 'review',
    state: 'submitted-by-manager',
    fresh: true,
    skip: {
      'sales.manager': 'a 经理’s review is the 总经理’s to confirm; the 经理’s own decisions are the previous case',
      'market.manager': NOT_BY_SUPERVISOR,
      'key_account.manager': NOT_BY_SUPERVISOR,
    },
    call,
  },
];

export const cases: CaseMap = {
  // ── 考核方案 ──
  'POST /api/v1/reviews/schemes': { kind: 'open', reason: 'a 经理 drafts for their own department', call: (w, a) => w.as(a).post('/reviews/schemes', SCHEME) },
  'GET /api/v1/reviews/schemes': {
    kind: 'list',
    subject: 'review-scheme',
    state: 'approved',
    scopeOf: schemeReadScope,
    call: (w, a, m) => w.as(a).get(`/reviews/schemes?department=${m.owner.department}&pageSize=100`),
    contains: listed,
  },
  'GET /api/v1/reviews/schemes/:id': { kind: 'item', subject: 'review-scheme', state: 'approved', scopeOf: schemeReadScope, call: (w, a, m) => w.as(a).get(`/reviews/schemes/${m.id}`) },
  'PATCH /api/v1/reviews/schemes/:id': {
    kind: 'item',
    subject: 'review-scheme',
    fresh: true,
    call: async (w, a, m) => w.as(a).patch(`/reviews/schemes/${m.id}`, { version: await version(w, 'review_schemes', m.id), name: '范围测试方案（修订）' }),
  },
  'POST /api/v1/reviews/schemes/:id/submit': { kind: 'item', subject: 'review-scheme', fresh: true, call: (w, a, m) => w.as(a).post(`/reviews/schemes/${m.id}/submit`) },
  'POST /api/v1/reviews/schemes/:id/approve': { kind: 'item', subject: 'review-scheme', state: 'submitted', fresh: true, call: (w, a, m) => w.as(a).post(`/reviews/schemes/${m.id}/approve`, {}) },
  'POST /api/v1/reviews/schemes/:id/reject': {
    kind: 'item',
    subject: 'review-scheme',
    state: 'submitted',
    fresh: true,
    call: (w, a, m) => w.as(a).post(`/reviews/schemes/${m.id}/reject`, { comment: '请补充考核指标' }),
  },

  // ── 绩效考核 ──
  'POST /api/v1/reviews': {
    kind: 'item',
    subject: 'reviewee',
    call: (w, a, m) => w.as(a).post('/reviews', { revieweeId: m.id, period: nextPeriod() }),
  },
  'GET /api/v1/reviews': {
    kind: 'list',
    subject: 'review',
    call: (w, a, m) => w.as(a).get(`/reviews?revieweeId=${m.owner.id}&period=${m.period}`),
    contains: listed,
  },
  'GET /api/v1/reviews/:id': { kind: 'item', subject: 'review', call: (w, a, m) => w.as(a).get(`/reviews/${m.id}`) },
  'PATCH /api/v1/reviews/:id': [
    {
      kind: 'item',
      subject: 'review',
      fresh: true,
      skip: { 'sales.manager': 'in 销售部 a rep’s review is the 主管’s to score; the 经理 scores his own (the next case)' },
      call: async (w, a, m) => w.as(a).patch(`/reviews/${m.id}`, { version: await version(w, 'reviews', m.id), scores: [{ seq: 1, score: 75, comment: '拜访量达标' }] }),
    },
    {
      kind: 'item',
      subject: 'review',
      state: 'by-manager',
      fresh: true,
      skip: { 'sales.supervisor': 'the previous case', 'market.manager': 'the previous case', 'key_account.manager': 'the previous case' },
      call: async (w, a, m) => w.as(a).patch(`/reviews/${m.id}`, { version: await version(w, 'reviews', m.id), scores: [{ seq: 2, score: 90 }] }),
    },
  ],
  'POST /api/v1/reviews/:id/submit': [
    {
      kind: 'item',
      subject: 'review',
      state: 'scored',
      fresh: true,
      skip: { 'sales.manager': 'in 销售部 a rep’s review is the 主管’s to submit; the 经理 submits his own (the next case)' },
      call: (w, a, m) => w.as(a).post(`/reviews/${m.id}/submit`),
    },
    {
      kind: 'item',
      subject: 'review',
      state: 'scored-by-manager',
      fresh: true,
      skip: { 'sales.supervisor': 'the previous case', 'market.manager': 'the previous case', 'key_account.manager': 'the previous case' },
      call: (w, a, m) => w.as(a).post(`/reviews/${m.id}/submit`),
    },
  ],
  'POST /api/v1/reviews/:id/confirm': decision((w, a, m) => w.as(a).post(`/reviews/${m.id}/confirm`, {})),
  'POST /api/v1/reviews/:id/return': decision((w, a, m) => w.as(a).post(`/reviews/${m.id}/return`, { comment: '请复核评分' })),
  // the reviewee's own, from submission on; a 经理, the 总经理 and admin are never reviewed, and read nobody's here
  'GET /api/v1/me/reviews': {
    kind: 'list',
    subject: 'review',
    state: 'submitted',
    scopeOf: (role) => (REVIEWEE_ROLES.has(role) ? 'own' : null),
    call: (w, a) => w.as(a).get('/me/reviews?pageSize=100'),
    contains: listed,
  },
};
