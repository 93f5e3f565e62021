import { grantFor } from '../../../src/access/policy';
import type { RoleCode } from '../../../src/access/roles';
import { bearer } from '../users';
import { CaseMap, Made, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { listed } from './parties';

/** 计划与指标: targets (/targets) and work plans (/work-plans). */

let serial = 0;
/** A month no other target fixture used: one target per subject, period and measure. */
const nextPeriod = () => {
  serial += 1;
  return `${2040 + Math.floor(serial / 12)}-${String((serial % 12) + 1).padStart(2, '0')}`;
};

const SUPERVISORS: PersonKey[] = ['sales.supervisor', 'sales.supervisor#2', 'market.supervisor', 'market.supervisor#2', 'key_account.supervisor', 'key_account.supervisor#2'];
const PEOPLE: PersonKey[] = ['sales.rep', 'sales.rep#2', 'market.specialist', 'market.specialist#2', 'key_account.specialist', 'key_account.specialist#2'];

const managerOf = (w: World, p: Person) => w.person(`${p.department}.manager` as PersonKey);
const supervisorOf = (w: World, p: Person) => [...w.people.values()].find((x) => x.id === p.supervisorId)!;
/** A direct report of a supervisor in the world. */
const reportOf = (w: World, p: Person) => [...w.people.values()].find((x) => x.supervisorId === p.id)!;

/**
 * A target of `owner` for a fresh month, set the way the product sets them: the 经理 sets the
 * department's target and splits a team's share to the supervisor; the supervisor splits a person's
 * share to a report.
 */
async function makeTarget(w: World, owner: Person): Promise<{ id: string; version: number; period: string }> {
  const period = nextPeriod();
  const manager = managerOf(w, owner);
  const whole = ok(await w.as(manager).post('/targets', { level: 'department', period, measure: 'visits', value: '100' }), 'department target');
  const supervisor = owner.role.endsWith('.supervisor') ? owner : supervisorOf(w, owner);
  const team = ok(await w.as(manager).post('/targets', { level: 'team', parentId: whole.body.id, userId: supervisor.id, value: '50' }), 'team target');
  if (supervisor === owner) return { id: team.body.id, version: team.body.version, period };
  const part = ok(await w.as(supervisor).post('/targets', { level: 'person', parentId: team.body.id, userId: owner.id, value: '10' }), 'person target');
  return { id: part.body.id, version: part.body.version, period };
}

export const subjects: Record<string, Subject> = {
  /** A team's target (of its supervisor) or a person's (of a 业务员 or 专员), split down from the department's. */
  target: { table: 'targets', owners: [...SUPERVISORS, ...PEOPLE], make: (w, owner) => makeTarget(w, owner) },
  /** A team's target: a whole a supervisor (or the 经理) splits further. */
  'team-target': { table: 'targets', owners: SUPERVISORS, make: (w, owner) => makeTarget(w, owner) },
  /** A work plan of its person: their own (专员, 主管), or drafted for a 业务员 by their supervisor. */
  'work-plan': {
    table: 'work_plans',
    owners: ['market.specialist', 'market.specialist#2', 'sales.rep', 'sales.rep#2', 'market.supervisor', 'market.supervisor#2', 'sales.supervisor', 'sales.supervisor#2'],
    async make(w, owner) {
      const writer = grantFor(owner.role, 'workplan.write') ? owner : supervisorOf(w, owner);
      const body = { ...(writer === owner ? {} : { ownerId: owner.id }), period: '2026-12', title: '范围测试工作计划', items: [{ content: '拜访重点客户', measure: 'visits', plannedValue: '8' }] };
      const res = ok(await w.as(writer).post('/work-plans', body), 'work plan');
      return { id: res.body.id, version: res.body.version };
    },
  },
};

const roleScope = (role: RoleCode) => grantFor(role, 'target.manage')?.scope ?? null;
/** Roles holding no target of their own: department targets belong to no one. */
const noOwnTargets: Partial<Record<RoleCode, string>> = Object.fromEntries(
  (['sales.manager', 'market.manager', 'key_account.manager', 'sales.clerk', 'sales.assistant', 'gm'] as RoleCode[]).map((r) => [r, 'holds no target of their own (department targets belong to no one)']),
);
const teamSetters: Partial<Record<RoleCode, string>> = Object.fromEntries(
  (['sales.supervisor', 'market.supervisor', 'key_account.supervisor'] as RoleCode[]).map((r) => [r, 'a 主管 sets no department target (403 TARGET_DEPARTMENT_LEVEL)']),
);

const del = (w: World, a: Person, path: string) => w.t.http().delete(`/api/v1${path}`).set('authorization', bearer(a.token)).then((r) => r);

export const cases: CaseMap = {
  'POST /api/v1/targets': [
    {
      kind: 'open',
      reason: 'a 经理 sets the targets of their own department',
      skip: teamSetters,
      call: (w, a) => w.as(a).post('/targets', { level: 'department', period: nextPeriod(), measure: 'new_prospects', value: '30' }),
    },
    {
      // splitting: the whole must be within reach — a 经理's department, a 主管's own team target
      kind: 'item',
      subject: 'team-target',
      fresh: true,
      scopeOf: (role) => (roleScope(role) === 'team' ? 'own' : roleScope(role)),
      call: (w, a, m: Made) => w.as(a).post('/targets', { level: 'person', parentId: m.id, userId: reportOf(w, m.owner).id, value: '5' }),
    },
  ],
  'GET /api/v1/targets': { kind: 'list', subject: 'target', call: (w, a, m) => w.as(a).get(`/targets?userId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/targets/mine': {
    kind: 'list',
    subject: 'target',
    scopeOf: () => 'own',
    skip: noOwnTargets,
    call: (w, a, m) => w.as(a).get(`/targets/mine?period=${m.period}`),
    contains: (res, m) => (res.body?.periods ?? []).some((p: { items: Array<{ id: string }> }) => p.items.some((i) => i.id === m.id)),
  },
  'GET /api/v1/targets/:id': { kind: 'item', subject: 'target', call: (w, a, m) => w.as(a).get(`/targets/${m.id}`) },
  'PATCH /api/v1/targets/:id': { kind: 'item', subject: 'target', fresh: true, call: (w, a, m) => w.as(a).patch(`/targets/${m.id}`, { version: m.version, value: '9' }) },
  'DELETE /api/v1/targets/:id': { kind: 'item', subject: 'target', fresh: true, call: (w, a, m) => del(w, a, `/targets/${m.id}`) },

  'POST /api/v1/work-plans': {
    kind: 'open',
    reason: 'a writer’s own plan',
    call: (w, a) => w.as(a).post('/work-plans', { period: '2026-12', title: '我的十二月计划', items: [{ content: '整理客户资料', dueDate: '2026-12-15' }] }),
  },
  'GET /api/v1/work-plans': { kind: 'list', subject: 'work-plan', call: (w, a, m) => w.as(a).get(`/work-plans?ownerId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/work-plans/:id': { kind: 'item', subject: 'work-plan', call: (w, a, m) => w.as(a).get(`/work-plans/${m.id}`) },
  'PATCH /api/v1/work-plans/:id': { kind: 'item', subject: 'work-plan', fresh: true, call: (w, a, m) => w.as(a).patch(`/work-plans/${m.id}`, { version: m.version, title: '范围测试工作计划（修订）' }) },
};
