/** Departments of the marketing organisation, plus the general manager's office and system administration. */
export const DEPARTMENTS = ['market', 'sales', 'key_account', 'management', 'system'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_NAMES: Record<Department, string> = {
  market: '市场开拓部',
  sales: '销售部',
  key_account: '大客户部',
  management: '总经理办公室',
  system: '系统管理',
};

/** A role is a department and a position; a user has exactly one (SPEC §3). */
export const ROLES = [
  'market.manager',
  'market.supervisor',
  'market.specialist',
  'sales.manager',
  'sales.supervisor',
  'sales.clerk',
  'sales.rep',
  'sales.assistant',
  'key_account.manager',
  'key_account.supervisor',
  'key_account.specialist',
  'gm',
  'admin',
] as const;
export type RoleCode = (typeof ROLES)[number];

export interface RoleInfo {
  code: RoleCode;
  name: string;
  department: Department;
}

export const ROLE_INFO: Record<RoleCode, RoleInfo> = {
  'market.manager': { code: 'market.manager', name: '市场开拓部经理', department: 'market' },
  'market.supervisor': { code: 'market.supervisor', name: '市场开拓主管', department: 'market' },
  'market.specialist': { code: 'market.specialist', name: '市场开拓专员', department: 'market' },
  'sales.manager': { code: 'sales.manager', name: '销售部经理', department: 'sales' },
  'sales.supervisor': { code: 'sales.supervisor', name: '销售主管', department: 'sales' },
  'sales.clerk': { code: 'sales.clerk', name: '销售内勤', department: 'sales' },
  'sales.rep': { code: 'sales.rep', name: '销售业务员', department: 'sales' },
  'sales.assistant': { code: 'sales.assistant', name: '销售助理', department: 'sales' },
  'key_account.manager': { code: 'key_account.manager', name: '大客户经理', department: 'key_account' },
  'key_account.supervisor': { code: 'key_account.supervisor', name: '大客户主管', department: 'key_account' },
  'key_account.specialist': { code: 'key_account.specialist', name: '大客户专员', department: 'key_account' },
  gm: { code: 'gm', name: '总经理', department: 'management' },
  admin: { code: 'admin', name: '系统管理员', department: 'system' },
};

export function departmentOf(role: RoleCode): Department {
  return ROLE_INFO[role].department;
}

export function isRole(value: unknown): value is RoleCode {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
