import { createHash } from 'node:crypto';
import { PARENTS, PARENT_TYPES, ParentType } from '../../../src/attachments/attachment-parents';
import { grantFor } from '../../../src/access/policy';
import { Scope, SCOPES } from '../../../src/access/duty.types';
import { ROLES, RoleCode } from '../../../src/access/roles';
import { files } from '../files';
import { CaseMap, ItemCase, Person, Subject, World } from '../scope-world';
import { bearer } from '../users';
import { subjects as complaintSubjects } from './complaints';
import { subjects as contractSubjects } from './contracts';
import { subjects as partySubjects } from './parties';

/**
 * Attachments follow their record (SPEC §14): listing and downloading at the record's read scope,
 * uploading and deleting at the widest scope of the permissions that write it. A role without the
 * read (or any write) permission is refused with 403 naming it — covered in attachments.e2e — and
 * is left out here, where a signed-in route's roles without scope are expected to find nothing.
 */

const PARENT_SUBJECTS: Record<ParentType, Subject> = {
  contract: contractSubjects.contract,
  visit: partySubjects.visit,
  complaint: complaintSubjects.complaint,
  assessment: complaintSubjects.assessment,
};

/** The widest scope among `permissions` held by `role` (scopes nest: own ⊂ team ⊂ department ⊂ all). */
const widest = (role: RoleCode, permissions: readonly string[]): Scope | null => {
  const held = permissions.map((p) => grantFor(role, p as never)?.scope).filter((s): s is Scope => !!s);
  return held.length ? SCOPES[Math.max(...held.map((s) => SCOPES.indexOf(s)))] : null;
};
const readScope = (type: ParentType) => (role: RoleCode) => grantFor(role, PARENTS[type].read)?.scope ?? null;
const writeScope = (type: ParentType) => (role: RoleCode) => (grantFor(role, PARENTS[type].read) ? widest(role, PARENTS[type].write) : null);
/** Roles the case leaves to attachments.e2e: those answered 403 for lacking the permission outright. */
const lacking = (scopeOf: (r: RoleCode) => Scope | null, what: string) =>
  Object.fromEntries(ROLES.filter((r) => !scopeOf(r)).map((r) => [r, `holds no ${what}: 403 PERMISSION_DENIED (attachments.e2e)`])) as Partial<Record<RoleCode, string>>;

/** A file on a record of `owner`, put in by SQL (who may upload is the upload case's question). */
async function fileOn(w: World, type: ParentType, owner: Person) {
  const parent = await PARENT_SUBJECTS[type].make(w, owner, 'default');
  const bytes = files.png();
  const [{ id }] = await w.sql(
    `INSERT INTO attachments (parent_type, parent_id, file_name, content_type, size_bytes, sha256, status, uploaded_by)
     VALUES ($1, $2, '范围测试.png', 'image/png', $3, $4, 'ready', $5) RETURNING id`,
    [type, parent.id, bytes.length, createHash('sha256').update(bytes).digest('hex'), owner.id],
  );
  await w.sql(`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES ($1, 0, $2)`, [id, bytes]);
  return { id: id as string, parentId: parent.id };
}

export const subjects: Record<string, Subject> = Object.fromEntries(
  PARENT_TYPES.map((type) => [
    `${type}-file`,
    { table: 'attachments', owners: PARENT_SUBJECTS[type].owners, make: (w: World, owner: Person) => fileOn(w, type, owner) } satisfies Subject,
  ]),
);

const as = (w: World, a: Person) => ({
  upload: (type: ParentType, id: string) => w.t.http().post(`/api/v1/attachments?parentType=${type}&parentId=${id}`).set('authorization', bearer(a.token)).attach('file', files.png(), '范围测试.png').then((r) => r),
  get: (path: string) => w.t.http().get(`/api/v1${path}`).set('authorization', bearer(a.token)).then((r) => r),
  del: (path: string) => w.t.http().delete(`/api/v1${path}`).set('authorization', bearer(a.token)).then((r) => r),
});

const perParent = (make: (type: ParentType) => ItemCase): ItemCase[] => PARENT_TYPES.map(make);

export const cases: CaseMap = {
  'GET /api/v1/attachments': perParent((type) => ({
    kind: 'item',
    subject: type,
    scopeOf: readScope(type),
    skip: lacking(readScope(type), PARENTS[type].read),
    call: (w, a, m) => as(w, a).get(`/attachments?parentType=${type}&parentId=${m.id}`),
  })),
  'POST /api/v1/attachments': perParent((type) => ({
    kind: 'item',
    subject: type,
    fresh: true,
    scopeOf: writeScope(type),
    skip: lacking(writeScope(type), `${PARENTS[type].read} with any of ${PARENTS[type].write.join(', ')}`),
    call: (w, a, m) => as(w, a).upload(type, m.id),
  })),
  'GET /api/v1/attachments/:id': perParent((type) => ({
    kind: 'item',
    subject: `${type}-file`,
    scopeOf: readScope(type),
    skip: lacking(readScope(type), PARENTS[type].read),
    call: (w, a, m) => as(w, a).get(`/attachments/${m.id}`),
  })),
  'DELETE /api/v1/attachments/:id': perParent((type) => ({
    kind: 'item',
    subject: `${type}-file`,
    fresh: true,
    scopeOf: writeScope(type),
    skip: lacking(writeScope(type), `${PARENTS[type].read} with any of ${PARENTS[type].write.join(', ')}`),
    call: (w, a, m) => as(w, a).del(`/attachments/${m.id}`),
  })),
};
