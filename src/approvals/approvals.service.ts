import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { COMPLAINT_SCOPE_COLUMNS } from '../complaints/complaint-scope';
import { departmentApproverRoles } from '../contracts/contract-approvers';
import { CONTRACT_SCOPE_COLUMNS } from '../contracts/contracts.service';
import { REVIEW_SCOPE_COLUMNS, SCHEME_SCOPE_COLUMNS } from '../reviews/review-scope';
import { VISIT_SCOPE_COLUMNS } from '../visits/visits.service';
import { APPROVAL_KINDS, ApprovalCountsDto, ApprovalGroupDto, ApprovalInboxDto, ApprovalInboxQueryDto, ApprovalItemDto, ApprovalKind } from './dto/approval.dto';

/** One kind of waiting record: the permission it needs, and its FROM/WHERE with the row's columns. */
interface Source {
  permission: Permission;
  /** `SELECT … FROM … WHERE …` producing the ApprovalRow columns; pushes its parameters onto `params`. */
  sql(actor: Actor, params: unknown[]): string;
}

interface ApprovalRow {
  id: string;
  title: string;
  number: string | null;
  customer_id: string | null;
  customer_name: string | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  waiting_since: Date;
  amount: string | null;
  level: 'manager' | 'gm' | null;
  round: number | null;
  needs_gm: boolean | null;
}

const COLUMNS = (c: Record<keyof ApprovalRow, string>) =>
  Object.entries(c)
    .map(([alias, expr]) => `${expr} AS ${alias}`)
    .join(', ');

/**
 * 审批: everything the caller can decide now, each kind behind its permission and within its scope,
 * with the same rules the deciding services apply — never one's own record (separation of duties),
 * a contract only at the caller's level, a compensation at or above the threshold only for the 总经理.
 */
@Injectable()
export class ApprovalsService {
  private readonly sources: Record<ApprovalKind, Source>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sources = {
      contract: { permission: 'contract.approve', sql: (a, p) => this.contractSql(a, p) },
      tier: { permission: 'tier.approve', sql: (a, p) => this.tierSql(a, p) },
      compensation: { permission: 'complaint.approve_compensation', sql: (a, p) => this.compensationSql(a, p) },
      workReport: { permission: 'workreport.review', sql: (a, p) => this.workReportSql(a, p) },
      visit: { permission: 'visit.review', sql: (a, p) => this.visitSql(a, p) },
      reviewScheme: { permission: 'review.approve_scheme', sql: (a, p) => this.reviewSchemeSql(a, p) },
      review: { permission: 'review.confirm', sql: (a, p) => this.reviewSql(a, p) },
    };
  }

  async inbox(actor: Actor, q: ApprovalInboxQueryDto): Promise<ApprovalInboxDto> {
    const kinds = APPROVAL_KINDS.filter((k) => grantFor(actor.role, this.sources[k].permission));
    const counts: ApprovalCountsDto = { contract: 0, tier: 0, compensation: 0, workReport: 0, visit: 0, reviewScheme: 0, review: 0, total: 0 };
    for (const kind of kinds) {
      const params: unknown[] = [];
      const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM (${this.sources[kind].sql(actor, params)}) x`, params);
      counts[kind] = n;
      counts.total += n;
    }
    const page = q.kind ? (q.page ?? 1) : 1;
    const pageSize = q.pageSize ?? (q.kind ? 20 : 5);
    const groups: ApprovalGroupDto[] = [];
    for (const kind of q.kind ? [q.kind] : kinds) {
      const items = kinds.includes(kind) ? await this.items(actor, kind, page, pageSize) : [];
      groups.push({ kind, items, total: counts[kind], page, pageSize });
    }
    return {
      counts,
      kinds,
      contractGmThreshold: this.config.contractGmApprovalThreshold,
      compensationGmThreshold: this.config.compensationGmApprovalThreshold,
      groups,
    };
  }

  /** The oldest waiting first. */
  private async items(actor: Actor, kind: ApprovalKind, page: number, pageSize: number): Promise<ApprovalItemDto[]> {
    const params: unknown[] = [];
    const rows: ApprovalRow[] = await this.ds.query(
      `SELECT * FROM (${this.sources[kind].sql(actor, params)}) x ORDER BY x.waiting_since, x.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return rows.map((r) => ({
      kind,
      id: r.id,
      title: r.title,
      number: r.number,
      customerId: r.customer_id,
      customerName: r.customer_name,
      submittedBy: r.submitted_by,
      submittedByName: r.submitted_by_name,
      waitingSince: new Date(r.waiting_since).toISOString(),
      amount: r.amount,
      ...(kind === 'contract' ? { level: r.level!, round: Number(r.round), needsGm: r.needs_gm === true } : {}),
    }));
  }

  private scope(actor: Actor, permission: Permission, cols: { owner: string; department: string }, params: unknown[]): string {
    return positionalScope(scopeCondition(actor, permission, cols), params);
  }

  /**
   * 审核 (SAL-4.6) and 总经理审批 (SAL-4.4): the rule of the contracts module — the first level to the
   * department's approvers (to the 总经理 only when the department has none besides the drafter),
   * the second to the 总经理; never one's own draft, never twice in one round.
   */
  private contractSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'contract.approve', CONTRACT_SCOPE_COLUMNS, params);
    const me = `$${params.push(actor.id)}`;
    const threshold = `$${params.push(this.config.contractGmApprovalThreshold)}::numeric`;
    const levels: string[] = [];
    if (departmentApproverRoles().includes(actor.role)) levels.push(`(k.status = 'pending_approval' AND k.department = $${params.push(actor.department)})`);
    if (actor.role === 'gm') {
      levels.push(`k.status = 'pending_gm'`);
      const roles = `$${params.push(departmentApproverRoles())}`;
      levels.push(
        `(k.status = 'pending_approval' AND NOT EXISTS (SELECT 1 FROM users au WHERE au.active AND au.role = ANY(${roles}) AND au.department = k.department AND au.id <> k.created_by))`,
      );
    }
    const level = levels.length ? `(${levels.join(' OR ')})` : 'FALSE';
    const columns = COLUMNS({
      id: 'k.id',
      title: 'k.title',
      number: 'k.number',
      customer_id: 'k.customer_id',
      customer_name: 'cu.name',
      submitted_by: 'k.owner_id',
      submitted_by_name: 'u.display_name',
      waiting_since: `CASE WHEN k.status = 'pending_gm' THEN COALESCE((SELECT max(d.decided_at) FROM contract_approvals d WHERE d.contract_id = k.id AND d.round = k.submission_round), k.submitted_at, k.updated_at) ELSE COALESCE(k.submitted_at, k.updated_at) END`,
      amount: 'k.amount::text',
      level: `CASE WHEN k.status = 'pending_gm' THEN 'gm' ELSE 'manager' END`,
      round: 'k.submission_round',
      needs_gm: `(k.status = 'pending_approval' AND k.amount >= ${threshold})`,
    });
    return `SELECT ${columns} FROM contracts k JOIN customers cu ON cu.id = k.customer_id JOIN users u ON u.id = k.owner_id
      WHERE ${scope} AND ${level} AND k.created_by <> ${me} AND k.owner_id <> ${me}
        AND NOT EXISTS (SELECT 1 FROM contract_approvals ca WHERE ca.contract_id = k.id AND ca.round = k.submission_round AND ca.approver_id = ${me})`;
  }

  /** 大客户等级评估 pending the 大客户经理 (KA-4.1, KA-4.3); not one's own proposal. */
  private tierSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'tier.approve', { owner: 'a.owner_id', department: 'a.department' }, params);
    const me = `$${params.push(actor.id)}`;
    const columns = COLUMNS({
      id: 'a.id',
      title: `'等级评估：' || COALESCE(ft.name, a.current_tier_code, '非大客户') || ' → ' || COALESCE(tt.name, a.proposed_tier_code, '非大客户')`,
      number: 'NULL::varchar',
      customer_id: 'a.customer_id',
      customer_name: 'cu.name',
      submitted_by: 'a.proposed_by',
      submitted_by_name: 'u.display_name',
      waiting_since: 'a.created_at',
      amount: 'a.trailing_amount::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM tier_assessments a JOIN customers cu ON cu.id = a.customer_id LEFT JOIN users u ON u.id = a.proposed_by
      LEFT JOIN key_account_tiers ft ON ft.code = a.current_tier_code LEFT JOIN key_account_tiers tt ON tt.code = a.proposed_tier_code
      WHERE ${scope} AND a.status = 'pending' AND (a.proposed_by IS NULL OR a.proposed_by <> ${me})`;
  }

  /** 投诉赔偿 proposed and not yet approved; not one's own proposal; at or above the threshold only the 总经理. */
  private compensationSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'complaint.approve_compensation', COMPLAINT_SCOPE_COLUMNS, params);
    const me = `$${params.push(actor.id)}`;
    const limit = actor.role === 'gm' ? 'TRUE' : `p.compensation_amount < $${params.push(this.config.compensationGmApprovalThreshold)}::numeric`;
    const columns = COLUMNS({
      id: 'p.id',
      title: 'left(p.description, 80)',
      number: 'NULL::varchar',
      customer_id: 'p.customer_id',
      customer_name: 'cu.name',
      submitted_by: 'p.compensation_proposed_by',
      submitted_by_name: 'u.display_name',
      waiting_since: 'p.updated_at',
      amount: 'p.compensation_amount::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM complaints p JOIN customers cu ON cu.id = p.customer_id LEFT JOIN users u ON u.id = p.compensation_proposed_by
      WHERE ${scope} AND p.compensation_status = 'proposed' AND p.compensation_proposed_by IS DISTINCT FROM ${me} AND ${limit}`;
  }

  /** 工作报告 submitted and not reviewed; never one's own. */
  private workReportSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'workreport.review', { owner: 'w.owner_id', department: 'w.department' }, params);
    const me = `$${params.push(actor.id)}`;
    const columns = COLUMNS({
      id: 'w.id',
      title: `CASE w.period WHEN 'week' THEN '周报' ELSE '月报' END || ' ' || to_char(w.period_from, 'YYYY-MM-DD') || ' 至 ' || to_char(w.period_until, 'YYYY-MM-DD')`,
      number: 'NULL::varchar',
      customer_id: 'NULL::uuid',
      customer_name: 'NULL::varchar',
      submitted_by: 'w.owner_id',
      submitted_by_name: 'u.display_name',
      waiting_since: 'w.created_at',
      amount: 'NULL::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM work_reports w JOIN users u ON u.id = w.owner_id WHERE ${scope} AND w.status = 'submitted' AND w.owner_id <> ${me}`;
  }

  /** 绩效考核方案 submitted to the 总经理 (SAL-4.9); never one's own draft. */
  private reviewSchemeSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'review.approve_scheme', SCHEME_SCOPE_COLUMNS, params);
    const me = `$${params.push(actor.id)}`;
    const columns = COLUMNS({
      id: 's.id',
      title: `'考核方案：' || s.name`,
      number: 'NULL::varchar',
      customer_id: 'NULL::uuid',
      customer_name: 'NULL::varchar',
      submitted_by: 's.owner_id',
      submitted_by_name: 'u.display_name',
      waiting_since: 's.submitted_at',
      amount: 'NULL::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM review_schemes s JOIN users u ON u.id = s.owner_id WHERE ${scope} AND s.status = 'submitted' AND s.owner_id <> ${me}`;
  }

  /**
   * 绩效考核 submitted and waiting for the next level above the reviewer — the 经理 (department scope)
   * for a 主管's review, the 总经理 (all) for a 经理's; never one's own review or one about oneself.
   */
  private reviewSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'review.confirm', REVIEW_SCOPE_COLUMNS, params);
    const me = `$${params.push(actor.id)}`;
    const grant = grantFor(actor.role, 'review.confirm');
    const level = grant?.scope === 'all' ? `r.confirm_level = 'gm'` : grant?.scope === 'department' ? `r.confirm_level = 'manager'` : 'FALSE';
    const columns = COLUMNS({
      id: 'r.id',
      title: `'绩效考核 ' || r.period || '：' || e.display_name`,
      number: 'NULL::varchar',
      customer_id: 'NULL::uuid',
      customer_name: 'NULL::varchar',
      submitted_by: 'r.reviewer_id',
      submitted_by_name: 'v.display_name',
      waiting_since: 'r.submitted_at',
      amount: 'NULL::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM reviews r JOIN users e ON e.id = r.owner_id JOIN users v ON v.id = r.reviewer_id
      WHERE ${scope} AND r.status = 'submitted' AND ${level} AND r.reviewer_id <> ${me} AND r.owner_id <> ${me}`;
  }

  /** 拜访记录 not yet reviewed; never one's own. */
  private visitSql(actor: Actor, params: unknown[]): string {
    const scope = this.scope(actor, 'visit.review', VISIT_SCOPE_COLUMNS, params);
    const me = `$${params.push(actor.id)}`;
    const columns = COLUMNS({
      id: 'v.id',
      title: 'v.purpose',
      number: 'NULL::varchar',
      customer_id: 'COALESCE(v.customer_id, v.prospect_id)',
      customer_name: 'COALESCE(c.name, pr.company_name)',
      submitted_by: 'v.visitor_id',
      submitted_by_name: 'u.display_name',
      waiting_since: 'v.created_at',
      amount: 'NULL::text',
      level: 'NULL::varchar',
      round: 'NULL::int',
      needs_gm: 'NULL::boolean',
    });
    return `SELECT ${columns} FROM visits v LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN prospects pr ON pr.id = v.prospect_id JOIN users u ON u.id = v.visitor_id
      WHERE ${scope} AND v.reviewed_at IS NULL AND v.visitor_id <> ${me}`;
  }
}
