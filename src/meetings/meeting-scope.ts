import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { scopeCondition, type ScopeCondition } from '../access/scope';

type Who = Pick<Actor, 'id' | 'role' | 'department'>;

/** Minutes belong to their recorder (the 助理) and the department the meeting was held in. */
export const MEETING_SCOPE_COLUMNS = { owner: 'm.recorder_id', department: 'm.department' };

/** Mine: a meeting I attended, chaired or recorded. */
const MINE = `(m.recorder_id = :readerId OR m.chair_id = :readerId OR EXISTS (SELECT 1 FROM meeting_attendees ma WHERE ma.meeting_id = m.id AND ma.user_id = :readerId))`;

/**
 * meeting.read: published minutes within the reader's scope (own: the meetings I attended,
 * chaired or recorded; department: the department's; all). A draft is the recorders' working copy:
 * only those who may record it (meeting.record) and its chair see it before it is published.
 */
export function meetingReadScope(actor: Who): ScopeCondition {
  const scope = grantFor(actor.role, 'meeting.read')?.scope;
  if (!scope) return { scope: null, sql: 'FALSE', params: {} };
  const published = scope === 'all' ? 'TRUE' : scope === 'department' ? 'm.department = :readerDepartment' : MINE;
  const record = meetingRecordScope(actor);
  return {
    scope,
    sql: `((m.status = 'published' AND ${published}) OR m.chair_id = :readerId OR ${record.sql})`,
    params: { ...record.params, readerId: actor.id, readerDepartment: actor.department },
  };
}

/** meeting.record: the minutes of the recorder's department (the 助理 records for the 经理 and 主管). */
export function meetingRecordScope(actor: Who): ScopeCondition {
  return scopeCondition(actor, 'meeting.record', MEETING_SCOPE_COLUMNS);
}
