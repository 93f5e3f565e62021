import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { permissionDenied } from '../access/access.errors';
import type { Permission } from '../access/duty.types';
import { policyFor } from '../access/policy';
import { scopeCondition, ScopeColumns, ScopeCondition } from '../access/scope';
import { CommonErrors } from '../common/app-error';
import { complaintReadScope } from '../complaints/complaint-scope';

export const PARENT_TYPES = ['contract', 'visit', 'complaint', 'assessment'] as const;
export type ParentType = (typeof PARENT_TYPES)[number];

interface ParentKind {
  /** The record's name in messages. */
  label: string;
  table: string;
  alias: string;
  cols: ScopeColumns;
  /** Who may list and download the record's files: its own read permission and scope. */
  read: Permission;
  /** Who may add and remove files: any of these, within its scope on the record. */
  write: Permission[];
  /** A condition under which the record's files may no longer be removed (SQL over `alias`). */
  lockedWhen?: string;
}

/**
 * Every attachment belongs to a record and follows that record's scope (SPEC §14): reading needs
 * the record's read permission, adding or removing a file one of the permissions that write it —
 * the 内勤 filing a contract (contract.archive, SAL-6.4) or its drafter (contract.create), the visitor,
 * the complaint's reporter or handler, the assessment's proposer or approver.
 */
export const PARENTS: Record<ParentType, ParentKind> = {
  contract: {
    label: '合同',
    table: 'contracts',
    alias: 'k',
    cols: { owner: 'k.owner_id', department: 'k.department' },
    read: 'contract.read',
    write: ['contract.archive', 'contract.create'],
    lockedWhen: 'k.signed_at IS NOT NULL',
  },
  visit: {
    label: '拜访记录',
    table: 'visits',
    alias: 'v',
    cols: { owner: 'v.visitor_id', department: 'v.department' },
    read: 'visit.read',
    write: ['visit.create'],
  },
  complaint: {
    label: '投诉',
    table: 'complaints',
    alias: 'p',
    cols: { owner: 'p.owner_id', department: 'p.department' },
    read: 'complaint.read',
    write: ['complaint.handle', 'complaint.create'],
  },
  assessment: {
    label: '等级评估',
    table: 'tier_assessments',
    alias: 'a',
    cols: { owner: 'a.owner_id', department: 'a.department' },
    read: 'tier.read',
    write: ['tier.propose', 'tier.approve'],
  },
};

/** Every permission an attachment route may check, for the route table. */
export const ATTACHMENT_PERMISSIONS: Permission[] = [...new Set(PARENT_TYPES.flatMap((t) => [PARENTS[t].read, ...PARENTS[t].write]))];

function condition(actor: Actor, type: ParentType, permission: Permission): ScopeCondition {
  const kind = PARENTS[type];
  return type === 'complaint' && permission === 'complaint.read' ? complaintReadScope(actor, kind.cols) : scopeCondition(actor, permission, kind.cols);
}

export interface ParentAccess {
  /** The record may be read (else the caller got a 404). */
  canWrite: boolean;
  /** Files may be removed (writable and not locked). */
  canDelete: boolean;
  locked: boolean;
}

/**
 * The caller's access to the record: 403 naming the read permission when the role lacks it, 404
 * when the record does not exist or lies outside the scope (saying nothing of which).
 */
/** `lock`: `share` holds the record against a change of state (a contract being signed); `update` also serialises uploads to it. */
export async function parentAccess(m: EntityManager, actor: Actor, type: ParentType, id: string, lock?: 'share' | 'update'): Promise<ParentAccess> {
  const kind = PARENTS[type];
  const policy = policyFor(actor);
  if (!policy.grantFor(actor.role, kind.read)) throw permissionDenied(kind.read, undefined, policy);
  const read = condition(actor, type, kind.read);
  const qb = m
    .createQueryBuilder()
    .from(kind.table, kind.alias)
    .select(`${kind.alias}.id`, 'id')
    .addSelect(kind.lockedWhen ?? 'FALSE', 'locked')
    .where(`${kind.alias}.id = :parentId`, { parentId: id })
    .andWhere(read.sql, read.params);
  const writers = kind.write.filter((p) => policy.grantFor(actor.role, p));
  writers.forEach((p, i) => {
    const c = condition(actor, type, p);
    // Each condition's parameters renamed, so two scopes' :scopeActorId never clash.
    const sql = c.sql.replace(/:(\w+)/g, (_, n: string) => `:w${i}_${n}`);
    qb.addSelect(`(${sql})`, `w${i}`);
    qb.setParameters(Object.fromEntries(Object.entries(c.params).map(([k, v]) => [`w${i}_${k}`, v])));
  });
  if (lock) qb.setLock(lock === 'share' ? 'pessimistic_read' : 'pessimistic_write');
  const row: Record<string, unknown> | undefined = await qb.getRawOne();
  if (!row) throw CommonErrors.notFound(kind.label);
  const canWrite = writers.some((_, i) => row[`w${i}`] === true);
  const locked = row.locked === true;
  return { canWrite, canDelete: canWrite && !locked, locked };
}

/** Like parentAccess, and refuses unless the caller may add files: 403 naming the permissions. */
export async function requireWrite(m: EntityManager, actor: Actor, type: ParentType, id: string, lock?: 'share' | 'update'): Promise<ParentAccess> {
  const access = await parentAccess(m, actor, type, id, lock);
  if (!access.canWrite) {
    const kind = PARENTS[type];
    const held = kind.write.filter((p) => policyFor(actor).grantFor(actor.role, p));
    if (!held.length) throw permissionDenied(kind.write[0], undefined, policyFor(actor));
    // Holding one whose scope does not reach the record: not found, as for every write outside its scope.
    throw CommonErrors.notFound(kind.label);
  }
  return access;
}
