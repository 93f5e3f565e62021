import { grantFor } from '../../../src/access/policy';
import type { Scope } from '../../../src/access/duty.types';
import type { RoleCode } from '../../../src/access/roles';
import { CaseMap, ok, Person, Subject, World } from '../scope-world';
import { holders, listed } from './parties';

/**
 * 职责制度的修订 (/duties/revisions): a revision belongs to its drafting department (duty.revise,
 * department: any of its 经理 works on it); the 总经理 reads every one once submitted and decides
 * it (duty.approve, all). Each fixture changes one clause's text with a new number, so that every
 * approval here writes a version that changes no one's permissions.
 */

let serial = 0;
/** A harmless change of the drafter's own rule: a clause text, numbered. */
const change = (p: Person) =>
  p.department === 'key_account'
    ? { kind: 'clause.change', clauseId: 'KA-6.7', text: `完成领导交办的其他任务。（范围测试 ${(serial += 1)}）` }
    : { kind: 'clause.change', clauseId: 'SAL-7.7', text: `完成营销部长临时交办的其他任务。（范围测试 ${(serial += 1)}）` };

const version = async (w: World, id: string): Promise<number> => (await w.sql(`SELECT version FROM duty_revisions WHERE id = $1`, [id]))[0].version;

export const subjects: Record<string, Subject> = {
  /** A revision drafted by `owner` on the latest version: `default` a draft, `submitted` with the 总经理. */
  'duty-revision': {
    table: 'duty_revisions',
    owners: holders('duty.revise'),
    async make(w, owner, state) {
      const res = ok(await w.as(owner).post('/duties/revisions', { title: `范围测试修订 ${serial + 1}`, changes: [change(owner)] }), `draft a revision by ${owner.key}`);
      if (state === 'submitted') ok(await w.as(owner).post(`/duties/revisions/${res.body.id}/submit`, { version: res.body.version }), 'submit');
      return { id: res.body.id as string };
    },
  },
};

/** Reading revisions: the drafting departments' 经理 their department's, the 总经理 every submitted one. */
const readScope = (role: RoleCode): Scope | null => (grantFor(role, 'duty.approve') ? 'all' : (grantFor(role, 'duty.revise')?.scope ?? null));

export const cases: CaseMap = {
  'POST /api/v1/duties/revisions': { kind: 'open', reason: 'a 经理 drafts for the rules of their own department', call: (w, a) => w.as(a).post('/duties/revisions', { title: '范围测试修订', changes: [change(a)] }) },
  'GET /api/v1/duties/revisions': {
    kind: 'list',
    subject: 'duty-revision',
    state: 'submitted',
    scopeOf: readScope,
    call: (w, a) => w.as(a).get('/duties/revisions?status=submitted&pageSize=100'),
    contains: listed,
  },
  'GET /api/v1/duties/revisions/:id': { kind: 'item', subject: 'duty-revision', state: 'submitted', scopeOf: readScope, call: (w, a, m) => w.as(a).get(`/duties/revisions/${m.id}`) },
  'PATCH /api/v1/duties/revisions/:id': {
    kind: 'item',
    subject: 'duty-revision',
    fresh: true,
    call: async (w, a, m) => w.as(a).patch(`/duties/revisions/${m.id}`, { version: await version(w, m.id), title: '范围测试修订（改）', changes: [change(m.owner)] }),
  },
  'POST /api/v1/duties/revisions/:id/submit': { kind: 'item', subject: 'duty-revision', fresh: true, call: async (w, a, m) => w.as(a).post(`/duties/revisions/${m.id}/submit`, { version: await version(w, m.id) }) },
  'POST /api/v1/duties/revisions/:id/withdraw': { kind: 'item', subject: 'duty-revision', fresh: true, call: async (w, a, m) => w.as(a).post(`/duties/revisions/${m.id}/withdraw`, { version: await version(w, m.id) }) },
  'POST /api/v1/duties/revisions/:id/approve': {
    kind: 'item',
    subject: 'duty-revision',
    state: 'submitted',
    fresh: true,
    call: async (w, a, m) => w.as(a).post(`/duties/revisions/${m.id}/approve`, { version: await version(w, m.id) }),
  },
  'POST /api/v1/duties/revisions/:id/reject': {
    kind: 'item',
    subject: 'duty-revision',
    state: 'submitted',
    fresh: true,
    call: async (w, a, m) => w.as(a).post(`/duties/revisions/${m.id}/reject`, { version: await version(w, m.id), comment: '请补充理由' }),
  },
};
