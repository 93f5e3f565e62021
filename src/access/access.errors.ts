import { AppError } from '../common/app-error';
import { CLAUSE_BY_ID } from './duty-clauses';
import { DutyPolicy, effectivePolicy } from './policy';
import type { Permission } from './duty.types';
import { ROLE_INFO } from './roles';

/** 403 naming the permission, who holds it under which clauses, and the version of the rules that says so (SPEC §5, §12). */
export function permissionDenied(permission: Permission, detail?: string, policy: DutyPolicy = effectivePolicy()): AppError {
  const grantedTo = policy.grantingRoles(permission).map((g) => ({
    role: g.role,
    roleName: ROLE_INFO[g.role].name,
    scope: g.scope,
    clauses: g.clauses.map((id) => ({ id, summary: policy.clause(id)?.summary ?? CLAUSE_BY_ID.get(id)?.summary ?? '' })),
  }));
  const holders = grantedTo.map((g) => `${g.roleName}（${g.clauses.map((c) => c.id).join('、') || '系统管理'}）`).join('；');
  return new AppError(
    403,
    'PERMISSION_DENIED',
    '无权限',
    detail ?? `您的角色没有「${permission}」权限。依据职责制度（第 ${policy.version} 版），拥有该权限的是：${holders || '无'}`,
    { permission, policyVersion: policy.version, grantedTo },
  );
}

export const AccessErrors = {
  permissionDenied,
  undeclaredRoute: () =>
    new AppError(403, 'ROUTE_NOT_DECLARED', '无权限', '该接口未声明访问权限，按默认拒绝处理'),
  /** A rule-specific refusal that cites its clause, e.g. SAL-7.3 for a 业务员 and a key account. */
  clauseRefusal: (code: string, detail: string, clauses: string[]) =>
    new AppError(403, code, '无权限', detail, {
      clauses: clauses.map((id) => ({ id, summary: CLAUSE_BY_ID.get(id)?.summary ?? '' })),
    }),
};
