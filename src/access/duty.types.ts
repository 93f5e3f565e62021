import type { Department, RoleCode } from './roles';

/** MKT = 市场开拓部门责任制度, SAL = 销售部门管理责任制度, KA = 大客户部管理责任制度. */
export type RuleCode = 'MKT' | 'SAL' | 'KA';

/**
 * One clause of the duty rules. `id` is `<rule>-<article>` for a whole article (`MKT-8`)
 * or `<rule>-<article>.<item>` for one numbered item of it (`SAL-6.4` = 第6条 第4款).
 */
export interface DutyClause {
  id: string;
  rule: RuleCode;
  article: number;
  item: number | null;
  /** The department the clause is about (the rule's department). */
  department: Department;
  /** The position whose duty it is, or null for general articles (purpose, scope, approval...). */
  role: RoleCode | null;
  /** A short summary in our own words (Chinese). */
  summary: string;
}

/** Data scopes of SPEC §3. */
export const SCOPES = ['own', 'team', 'department', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = [
  'prospect.create',
  'prospect.read',
  'prospect.update',
  'prospect.assign',
  'prospect.evaluate',
  'prospect.convert',
  'customer.create',
  'customer.read',
  'customer.update',
  'customer.assign',
  'visit.create',
  'visit.read',
  'visit.review',
  'contract.create',
  'contract.read',
  'contract.approve',
  'contract.archive',
  'receivable.read',
  'payment.record',
  'collection.log',
  'report.receivables',
  'tier.read',
  'tier.manage',
  'tier.propose',
  'tier.approve',
  'complaint.create',
  'complaint.read',
  'complaint.handle',
  'complaint.compensate',
  'complaint.approve_compensation',
  'report.sales',
  'workreport.submit',
  'workreport.review',
  'audit.read',
  'user.manage',
  'job.run',
  'notification.manage',
  'assignment.assign',
  'assignment.work',
  'assignment.read',
  'assignment.request',
  'target.manage',
  'target.read',
  'workplan.write',
  'workplan.read',
  'review.scheme',
  'review.approve_scheme',
  'review.conduct',
  'review.confirm',
  'review.read',
  'marketinfo.write',
  'marketinfo.read',
  'marketinfo.curate',
  'research.write',
  'research.review',
  'research.read',
  'channel.manage',
  'channel.read',
  'campaign.manage',
  'campaign.read',
  'meeting.record',
  'meeting.read',
  'training.manage',
  'training.read',
  'duty.revise',
  'duty.approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** One grant: a role holds a permission at a scope, citing the clauses that give it. */
export interface Grant {
  role: RoleCode;
  scope: Scope;
  clauses: string[];
  /** Why the grant reads as it does, where the clause needs a word of interpretation. */
  note?: string;
  /** A limit the clause puts on the grant beyond its scope, enforced by the feature that owns it. */
  constraint?: GrantConstraint;
}

/** `general_customers_only`: SAL-7.3 — a 业务员 signs contracts with 一般性客户 only, never key accounts. */
export type GrantConstraint = 'general_customers_only';

export interface PermissionEntry {
  permission: Permission;
  /** Chinese name of the duty, e.g. 潜在客户登记备案. */
  name: string;
  grants: Grant[];
}
