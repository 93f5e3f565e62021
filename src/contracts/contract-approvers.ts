import { EntityManager } from 'typeorm';
import { grantingRoles } from '../access/policy';
import type { Department, RoleCode } from '../access/roles';

export interface Approver {
  id: string;
  displayName: string;
  role: RoleCode;
}

/** Roles that approve contracts of their own department (the three 经理), read off the rules in force. */
export function departmentApproverRoles(): RoleCode[] {
  return grantingRoles('contract.approve')
    .filter((g) => g.scope === 'department')
    .map((g) => g.role);
}

/**
 * Who may decide a contract's current approval step. The manager level goes to the department's
 * approvers (the 总经理 only when the department has none left); the second level to the 总经理.
 * Never the drafter, and never the manager who already approved this round. Empty means the step
 * waits — nothing is ever approved automatically.
 */
export async function eligibleApprovers(
  m: EntityManager,
  c: { id: string; department: Department; createdBy: string; submissionRound: number },
  level: 'manager' | 'gm',
): Promise<Approver[]> {
  if (level === 'manager') {
    const managers: Approver[] = await m.query(
      `SELECT id, display_name AS "displayName", role FROM users
       WHERE active AND role = ANY($1) AND department = $2 AND id <> $3 ORDER BY display_name, id`,
      [departmentApproverRoles(), c.department, c.createdBy],
    );
    if (managers.length) return managers;
  }
  return m.query(
    `SELECT id, display_name AS "displayName", role FROM users
     WHERE active AND role = 'gm' AND id <> $1
       AND id NOT IN (SELECT approver_id FROM contract_approvals WHERE contract_id = $2 AND round = $3)
     ORDER BY display_name, id`,
    [c.createdBy, c.id, c.submissionRound],
  );
}
