import { grantFor } from '../../../src/access/policy';
import type { RoleCode } from '../../../src/access/roles';
import { takesWork, withinReach } from '../../../src/assignments/assignment-rules';
import { CaseMap, ItemCase, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { listed } from './parties';

/**
 * 交办事项 and 协作请求: the scope cases of /assignments. An assignment is scoped by its assignee
 * (assignment.read: own / team / department / all by the assignee's position) and is always
 * visible to its assigner; the assignee's steps find it among the caller's own (assignment.work
 * own), the assigner's steps within the caller's reach of assignment.assign — and then only its
 * assigner takes them.
 */

/**
 * Who may be handed work, in the order the placements pick them: supervisors and the office
 * first (a 经理 hands them work directly), then the reports of each supervisor, then the managers
 * (handed work by the 总经理).
 */
const ASSIGNEES: PersonKey[] = [
  'market.supervisor', 'market.supervisor#2', 'sales.supervisor', 'sales.supervisor#2', 'key_account.supervisor', 'key_account.supervisor#2',
  'sales.clerk', 'sales.clerk#2', 'sales.assistant', 'sales.assistant#2',
  'market.specialist', 'market.specialist#2', 'sales.rep', 'sales.rep#2', 'key_account.specialist', 'key_account.specialist#2',
  'market.manager', 'market.manager#2', 'sales.manager', 'sales.manager#2', 'key_account.manager', 'key_account.manager#2',
];

/** Who hands `owner` their work in the fixtures: their supervisor, else their department's 经理, else (a 经理) the 总经理. */
function naturalAssigner(w: World, owner: Person): Person {
  if (owner.supervisorId) return [...w.people.values()].find((p) => p.id === owner.supervisorId)!;
  if (owner.role.endsWith('.manager')) return w.person('gm');
  return w.person(`${owner.department}.manager` as PersonKey);
}

/** Someone `actor` may hand work to (or pass it on to), other than `not`. */
function reachable(w: World, actor: Person, not: string[] = []): Person {
  const scope = grantFor(actor.role, 'assignment.assign')?.scope;
  const found = [...w.people.values()].find((p) => !not.includes(p.id) && takesWork(p.role, grantFor) && withinReach(scope, actor, p));
  if (!found) throw new Error(`scope fixture: nobody within the reach of ${actor.key}`);
  return found;
}

let serial = 0;
const due = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

/** The department a requester addresses: the other of 市场开拓部 and 销售部. */
const otherDepartment = (p: Person) => (p.department === 'market' ? 'sales' : 'market');

export const subjects: Record<string, Subject> = {
  /**
   * An assignment of its owner (the assignee), handed out by its natural assigner — or, for a state
   * ending in `@gm`, by the 总经理 — and taken to `default` (assigned), `in_progress` or `done`.
   */
  assignment: {
    table: 'assignments',
    owners: ASSIGNEES,
    async make(w, owner, state) {
      const [phase, by] = state.split('@');
      const assigner = by === 'gm' ? w.person('gm') : naturalAssigner(w, owner);
      const res = ok(
        await w.as(assigner).post('/assignments', { title: `范围测试交办 ${(serial += 1)}`, dueAt: due(), assigneeId: owner.id, priority: 'normal' }),
        `assign work to ${owner.key} by ${assigner.key}`,
      );
      const id = res.body.id as string;
      if (phase === 'in_progress' || phase === 'done') ok(await w.as(owner).post(`/assignments/${id}/start`), 'start');
      if (phase === 'done') ok(await w.as(owner).post(`/assignments/${id}/complete`, {}), 'complete');
      const [{ version }] = await w.sql(`SELECT version FROM assignments WHERE id = $1`, [id]);
      return { id, assigner, version };
    },
  },
  /** A 协作请求 of its owner (the requester, MKT-4.8 / SAL-5.1) to the other department's 经理. */
  'assignment-request': {
    table: 'assignments',
    owners: ['market.manager', 'market.manager#2', 'sales.supervisor', 'sales.supervisor#2'],
    async make(w, owner) {
      const to = otherDepartment(owner);
      const body = { toDepartment: to, managerId: w.person(`${to}.manager` as PersonKey).id, title: `范围测试协作请求 ${(serial += 1)}`, dueAt: due() };
      const res = ok(await w.as(owner).post('/assignments/requests', body), `request by ${owner.key}`);
      return { id: res.body.id as string };
    },
  },
};

/** The requester rule: a holder of assignment.request sees their own requests wherever they went. */
const requesterRule = (role: RoleCode) => (grantFor(role, 'assignment.request') ? ('own' as const) : null);
/** The assignee's steps: among the caller's own assignments, for those who hold the route's permission. */
const assigneeOwn = (role: RoleCode) => (grantFor(role, 'assignment.work') ? ('own' as const) : null);

const NOT_ASSIGNER = 'ASSIGNMENT_NOT_ASSIGNER';
const gmOnly = { skip: Object.fromEntries(['market.manager', 'market.supervisor', 'sales.manager', 'sales.supervisor', 'key_account.manager', 'key_account.supervisor'].map((r) => [r, 'the case of work the 总经理 handed out'])) };

/**
 * An assigner's step (assignment.assign): inside the caller's reach and handed out by them → 2xx,
 * outside → 404. The 总经理 reaches everyone: on work a 经理 handed out he is refused (only the
 * assigner takes the step), on work he handed out himself he takes it.
 */
function assignerStep(state: string, call: ItemCase['call']): ItemCase[] {
  return [
    { kind: 'item', subject: 'assignment', state, fresh: true, refused: { gm: NOT_ASSIGNER }, call },
    { kind: 'item', subject: 'assignment', state: `${state}@gm`, fresh: true, ...gmOnly, call },
  ];
}

export const cases: CaseMap = {
  'POST /api/v1/assignments': {
    kind: 'open',
    reason: 'a new assignment to someone within the caller’s reach (the reach itself: assignments e2e)',
    call: (w, a) => w.as(a).post('/assignments', { title: `范围测试新交办 ${(serial += 1)}`, dueAt: due(), assigneeId: reachable(w, a).id }),
  },
  'POST /api/v1/assignments/requests': {
    kind: 'open',
    reason: 'a new request of the caller’s own to another department’s 经理',
    call: (w, a) => w.as(a).post('/assignments/requests', { toDepartment: otherDepartment(a), title: `范围测试新协作请求 ${(serial += 1)}`, dueAt: due() }),
  },
  'GET /api/v1/assignments': [
    { kind: 'list', subject: 'assignment', call: (w, a, m) => w.as(a).get(`/assignments?assigneeId=${m.owner.id}&pageSize=100`), contains: listed },
    { kind: 'list', subject: 'assignment-request', scopeOf: requesterRule, call: (w, a) => w.as(a).get('/assignments?kind=request&pageSize=100'), contains: listed },
  ],
  'GET /api/v1/assignments/:id': [
    { kind: 'item', subject: 'assignment', call: (w, a, m) => w.as(a).get(`/assignments/${m.id}`) },
    { kind: 'item', subject: 'assignment-request', scopeOf: requesterRule, call: (w, a, m) => w.as(a).get(`/assignments/${m.id}`) },
  ],
  'PATCH /api/v1/assignments/:id': assignerStep('default', (w, a, m) => w.as(a).patch(`/assignments/${m.id}`, { version: m.version as number, title: '范围测试交办（改）', priority: 'high' })),
  'POST /api/v1/assignments/:id/return': assignerStep('done', (w, a, m) => w.as(a).post(`/assignments/${m.id}/return`, { comment: '请补充' })),
  'POST /api/v1/assignments/:id/confirm': assignerStep('done', (w, a, m) => w.as(a).post(`/assignments/${m.id}/confirm`, {})),
  'POST /api/v1/assignments/:id/cancel': assignerStep('default', (w, a, m) => w.as(a).post(`/assignments/${m.id}/cancel`, { comment: '范围测试取消' })),
  // the assignee's steps: assignment.work is an own grant
  'POST /api/v1/assignments/:id/start': { kind: 'item', subject: 'assignment', fresh: true, call: (w, a, m) => w.as(a).post(`/assignments/${m.id}/start`) },
  'POST /api/v1/assignments/:id/complete': { kind: 'item', subject: 'assignment', state: 'in_progress', fresh: true, call: (w, a, m) => w.as(a).post(`/assignments/${m.id}/complete`, {}) },
  // 转派 needs assignment.assign, and is taken by the assignee on their own work
  'POST /api/v1/assignments/:id/delegate': {
    kind: 'item',
    subject: 'assignment',
    fresh: true,
    scopeOf: assigneeOwn,
    skip: { gm: 'the 总经理 takes no assigned work, so has none to pass on' },
    call: (w, a, m) => w.as(a).post(`/assignments/${m.id}/delegate`, { assigneeId: reachable(w, a, [String((m.assigner as Person | undefined)?.id)]).id }),
  },
};
