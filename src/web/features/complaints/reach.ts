import type { Grant, Me } from '../../lib/session';
import type { Complaint, DirectoryEntry } from './api';

type User = Me['user'];

/**
 * Whether a grant reaches this complaint, as the API's scope does (complaints are scoped by their
 * handling department, and by reporter at `own`). The API stays the authority; this only hides
 * buttons it would refuse.
 */
export function reaches(grant: Grant | undefined, c: Pick<Complaint, 'handlingDepartment' | 'reporterId'>, me: User): boolean {
  if (!grant) return false;
  if (grant.scope === 'all') return true;
  if (grant.scope === 'department') return c.handlingDepartment === me.department;
  return c.reporterId === me.id;
}

/**
 * Whom the caller may make the handler (POST /complaints/:id/assign): active staff of the handling
 * department whose role handles complaints, within the caller's own reach of complaint.handle.
 */
export function handlerCandidates(users: DirectoryEntry[], handlerRoles: Set<string>, c: Pick<Complaint, 'handlingDepartment'>, grant: Grant | undefined, me: User): DirectoryEntry[] {
  if (!grant) return [];
  return users.filter((u) => {
    if (!handlerRoles.has(u.role) || u.department !== c.handlingDepartment) return false;
    if (grant.scope === 'all') return true;
    if (grant.scope === 'department') return u.department === me.department;
    if (grant.scope === 'team') return u.id === me.id || u.supervisorId === me.id;
    return false;
  });
}
