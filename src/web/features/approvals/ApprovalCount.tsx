import { Badge } from 'antd';
import { useSession } from '../../lib/session';
import { useApprovalCount } from './api';

/** The number of records waiting on me, next to the 审批 menu entry; nothing when none. */
export function ApprovalCount({ permissions }: { permissions: string[] }) {
  const session = useSession();
  const q = useApprovalCount(permissions.some((p) => session.can(p)));
  const n = q.data ?? 0;
  if (!n) return null;
  return <Badge count={n} overflowCount={99} data-testid="approvals-count" aria-label={`${n} 条待审批`} style={{ marginInlineStart: 8 }} />;
}
