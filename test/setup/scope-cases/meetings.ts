import { grantFor } from '../../../src/access/policy';
import type { Scope } from '../../../src/access/duty.types';
import type { RoleCode } from '../../../src/access/roles';
import { mayInvite } from '../../../src/trainings/training-rules';
import { CaseMap, ok, Person, PersonKey, Subject, World } from '../scope-world';
import { listed } from './parties';

/**
 * 会议纪要 and 培训: the scope cases of /meetings and /trainings. Minutes are recorded by the 销售助理
 * (meeting.record, department) and read, once published, by their attendees, chair and recorder
 * (own), the department, or all. A training is read by its invitees and organiser (own), the
 * team, the department, or all; it is managed by organiser (training.manage: a 主管's team scope
 * reaches the sessions he organised — his reports organise none — a 经理's the department's).
 */

let serial = 0;
const heldAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** The department's 经理 of the scope world. */
const managerOf = (w: World, p: Person): Person => w.person(`${p.department}.manager` as PersonKey);

/** Attendees whose minutes a reader may see: the 销售部's people first, then other departments' (placed there). */
const ATTENDEES: PersonKey[] = [
  'sales.rep', 'sales.rep#2', 'sales.clerk', 'sales.clerk#2', 'sales.supervisor', 'sales.supervisor#2', 'sales.manager',
  'market.specialist', 'market.specialist#2', 'key_account.specialist',
];

/** Who may be invited to a training (the readers at own scope among them), reports of a 主管 first. */
const TRAINEES: PersonKey[] = [
  'market.specialist', 'market.specialist#2', 'sales.rep', 'sales.rep#2', 'key_account.specialist', 'key_account.specialist#2',
  'key_account.supervisor', 'key_account.supervisor#2', 'sales.clerk', 'sales.assistant',
];

/** Who organises trainings: the 主管 with a team grant and the 经理 with a department grant of training.manage. */
const ORGANISERS: PersonKey[] = [
  'market.supervisor', 'market.supervisor#2', 'sales.supervisor', 'sales.supervisor#2',
  'market.manager', 'market.manager#2', 'key_account.manager', 'key_account.manager#2',
];

/** The first person `organiser` may invite. */
function invitee(w: World, organiser: Person): Person {
  const scope = grantFor(organiser.role, 'training.manage')?.scope;
  const found = [...w.people.values()].find((p) => mayInvite(scope, organiser, p));
  if (!found) throw new Error(`scope fixture: nobody ${organiser.key} may invite`);
  return found;
}

/** Who trains `owner`: the 主管 above them if he holds training.manage, else their department's 经理 if he does. */
function organiserOf(w: World, owner: Person): Person | undefined {
  const sup = [...w.people.values()].find((p) => p.id === owner.supervisorId);
  if (sup && mayInvite(grantFor(sup.role, 'training.manage')?.scope, sup, owner)) return sup;
  const mgr = managerOf(w, owner);
  if (mayInvite(grantFor(mgr.role, 'training.manage')?.scope, mgr, owner)) return mgr;
  return undefined;
}

const session = (attendeeIds: string[]) => ({ title: `范围测试培训 ${(serial += 1)}`, kind: 'business', trainerName: '范围测试讲师', heldAt: heldAt(), hours: 2, attendeeIds });

export const subjects: Record<string, Subject> = {
  /**
   * Minutes recorded by the 销售助理, chaired by the 销售部经理, attended by their owner: `default` a
   * draft, or `published`. Minutes of another department (which only that department's 助理 could
   * record) are placed there, chaired by its 经理.
   */
  meeting: {
    table: 'meetings',
    owners: ATTENDEES,
    async make(w, owner, state) {
      const body = { title: `范围测试会议 ${(serial += 1)}`, kind: 'regular', heldAt: heldAt(), chairId: w.person('sales.manager').id, attendeeIds: [owner.id] };
      const res = ok(await w.as('sales.assistant').post('/meetings', body), `record minutes attended by ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'published') ok(await w.as('sales.assistant').post(`/meetings/${id}/publish`), 'publish minutes');
      if (owner.department !== 'sales') await w.sql(`UPDATE meetings SET department = $2, chair_id = $3 WHERE id = $1`, [id, owner.department, managerOf(w, owner).id]);
      const [{ version }] = await w.sql(`SELECT version FROM meetings WHERE id = $1`, [id]);
      return { id, version };
    },
  },
  /**
   * A session its owner is invited to, organised by the one who trains them. The 销售部经理 holds no
   * training.manage, so nobody can invite a 内勤 or 助理 (who report to him): theirs is placed — a
   * 主管's session with them on the list instead.
   */
  training: {
    table: 'trainings',
    owners: TRAINEES,
    async make(w, owner) {
      const organiser = organiserOf(w, owner) ?? w.person(`${owner.department}.supervisor` as PersonKey);
      const first = organiserOf(w, owner) ? owner : invitee(w, organiser);
      const res = ok(await w.as(organiser).post('/trainings', session([first.id])), `organise a training for ${owner.key}`);
      const id = res.body.id as string;
      if (first.id !== owner.id) await w.sql(`UPDATE training_attendees SET user_id = $2 WHERE training_id = $1`, [id, owner.id]);
      return { id };
    },
  },
  /** A session organised by its owner (a 主管 or 经理) for the first person they may invite: `default` planned, or `held`. */
  'training-session': {
    table: 'trainings',
    owners: ORGANISERS,
    async make(w, owner, state) {
      const who = invitee(w, owner);
      const res = ok(await w.as(owner).post('/trainings', session([who.id])), `organise a training by ${owner.key}`);
      const id = res.body.id as string;
      if (state === 'held') ok(await w.as(owner).post(`/trainings/${id}/hold`, { attendance: [{ userId: who.id, attended: true, score: 80 }] }), 'hold');
      const [{ version }] = await w.sql(`SELECT version FROM trainings WHERE id = $1`, [id]);
      return { id, version, attendeeIds: [who.id] };
    },
  },
};

/** training.manage by organiser: a 主管's team grant reaches the sessions he organised (his reports organise none). */
const manageScope = (role: RoleCode): Scope | null => {
  const s = grantFor(role, 'training.manage')?.scope;
  return s === 'team' ? 'own' : (s ?? null);
};

export const cases: CaseMap = {
  // ── 会议纪要 ──
  'POST /api/v1/meetings': {
    kind: 'open',
    reason: 'new minutes of the 助理’s own department',
    call: (w, a) => w.as(a).post('/meetings', { title: `范围测试新会议 ${(serial += 1)}`, kind: 'topic', heldAt: heldAt(), chairId: managerOf(w, a).id, attendeeIds: [w.person('sales.rep').id] }),
  },
  'GET /api/v1/meetings': { kind: 'list', subject: 'meeting', state: 'published', call: (w, a, m) => w.as(a).get(`/meetings?attendeeId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/meetings/:id': { kind: 'item', subject: 'meeting', state: 'published', call: (w, a, m) => w.as(a).get(`/meetings/${m.id}`) },
  'PATCH /api/v1/meetings/:id': {
    kind: 'item',
    subject: 'meeting',
    fresh: true,
    call: (w, a, m) => w.as(a).patch(`/meetings/${m.id}`, { version: m.version as number, title: '范围测试会议（改）', decisions: ['范围测试决议'] }),
  },
  'POST /api/v1/meetings/:id/publish': { kind: 'item', subject: 'meeting', fresh: true, call: (w, a, m) => w.as(a).post(`/meetings/${m.id}/publish`) },

  // ── 培训 ──
  'POST /api/v1/trainings': {
    kind: 'open',
    reason: 'a new session of the caller’s, for someone within their reach (the reach itself: trainings e2e)',
    call: (w, a) => w.as(a).post('/trainings', session([invitee(w, a).id])),
  },
  'GET /api/v1/trainings': { kind: 'list', subject: 'training', call: (w, a, m) => w.as(a).get(`/trainings?attendeeId=${m.owner.id}&pageSize=100`), contains: listed },
  'GET /api/v1/trainings/:id': { kind: 'item', subject: 'training', call: (w, a, m) => w.as(a).get(`/trainings/${m.id}`) },
  'PATCH /api/v1/trainings/:id': {
    kind: 'item',
    subject: 'training-session',
    fresh: true,
    scopeOf: manageScope,
    call: (w, a, m) => w.as(a).patch(`/trainings/${m.id}`, { version: m.version as number, title: '范围测试培训（改）' }),
  },
  'POST /api/v1/trainings/:id/hold': {
    kind: 'item',
    subject: 'training-session',
    fresh: true,
    scopeOf: manageScope,
    call: (w, a, m) => w.as(a).post(`/trainings/${m.id}/hold`, { attendance: (m.attendeeIds as string[]).map((userId) => ({ userId, attended: true, score: 75 })) }),
  },
  'POST /api/v1/trainings/:id/evaluate': {
    kind: 'item',
    subject: 'training-session',
    state: 'held',
    fresh: true,
    scopeOf: manageScope,
    call: (w, a, m) => w.as(a).post(`/trainings/${m.id}/evaluate`, { assessment: '范围测试评估' }),
  },
  'POST /api/v1/trainings/:id/cancel': { kind: 'item', subject: 'training-session', fresh: true, scopeOf: manageScope, call: (w, a, m) => w.as(a).post(`/trainings/${m.id}/cancel`, {}) },
};
