import { Button, Tooltip, type ButtonProps } from 'antd';
import { useSession } from '../lib/session';

/** "依据 SAL-6.4、SAL-8.1" for the caller's grant of a permission. */
export function useClauseHint(permission: string): string | undefined {
  const grant = useSession().grant(permission);
  if (!grant) return undefined;
  return grant.clauses.length ? `依据 ${grant.clauses.join('、')}` : undefined;
}

/**
 * A button for an action of the duty matrix: not rendered at all when the role lacks the
 * permission, and on hover it names the clause that grants it. The API stays the authority.
 */
export function Action({ permission, when = true, children, ...rest }: ButtonProps & { permission: string; when?: boolean }) {
  const hint = useClauseHint(permission);
  const { can } = useSession();
  if (!can(permission) || !when) return null;
  return (
    <Tooltip title={hint}>
      <Button data-permission={permission} {...rest}>
        {children}
      </Button>
    </Tooltip>
  );
}
