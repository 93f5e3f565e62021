import { useDirectory } from '../../lib/directory';
import { useSession } from '../../lib/session';

/**
 * Whether the caller's grant of `permission` reaches a record of `owner` in `department` — the
 * scope rule the API applies (own: mine; team: mine or a direct report's; department: the
 * department's; all). A button the API would refuse with 404 is not shown. The API stays the authority.
 */
export function useReaches(permission: string, record: { ownerId: string; department: string } | undefined): boolean {
  const session = useSession();
  const grant = session.grant(permission);
  const directory = useDirectory(grant?.scope === 'team');
  if (!grant || !record) return false;
  const me = session.me.user;
  switch (grant.scope) {
    case 'all':
      return true;
    case 'department':
      return record.department === me.department;
    case 'team':
      return record.ownerId === me.id || directory.data?.find((u) => u.id === record.ownerId)?.supervisorId === me.id;
    case 'own':
      return record.ownerId === me.id;
    default:
      return false;
  }
}
