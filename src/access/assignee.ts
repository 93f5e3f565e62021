import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import type { Actor } from './actor';
import { grantFor } from './policy';
import type { Permission } from './duty.types';
import { isRole } from './roles';
import type { Department, RoleCode } from './roles';

export interface Assignee {
  id: string;
  role: RoleCode;
  department: Department;
}

const invalid = (detail: string, field: string) => new AppError(400, 'ASSIGNEE_INVALID', '负责人无效', detail, { errors: [{ field, message: detail }] });

/**
 * Whom `actor` may make the owner of a record through `assignPermission` (分派 / 责任分区): an
 * active user whose role can read such records (`readPermission`), within the assigner's own reach —
 * themselves or a direct report at `team` scope, their department at `department` scope.
 */
export async function resolveAssignee(
  m: EntityManager,
  actor: Pick<Actor, 'id' | 'role' | 'department'>,
  assignPermission: Permission,
  readPermission: Permission,
  ownerId: string,
  field = 'ownerId',
): Promise<Assignee> {
  const rows: { id: string; role: string; department: Department; active: boolean; supervisor_id: string | null }[] = await m.query(
    'SELECT id, role, department, active, supervisor_id FROM users WHERE id = $1',
    [ownerId],
  );
  const u = rows[0];
  if (!u || !u.active || !isRole(u.role)) throw invalid('负责人必须是一个已启用的用户', field);
  if (!grantFor(u.role, readPermission)) throw invalid(`该用户的角色无权查看此类记录（缺少 ${readPermission}），不能作为负责人`, field);
  const scope = grantFor(actor.role, assignPermission)?.scope;
  if (scope === 'team' && u.id !== actor.id && u.supervisor_id !== actor.id) throw invalid('只能分派给自己或直接下属', field);
  if (scope === 'department' && u.department !== actor.department) throw invalid('只能分派给本部门的人员', field);
  if (!scope || scope === 'own') throw invalid('无权分派', field);
  return { id: u.id, role: u.role, department: u.department };
}
