import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { resolveAssignee } from '../access/assignee';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { COMPLAINT_SCOPE_COLUMNS, complaintReadScope } from './complaint-scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { normaliseMoney, toCents } from '../common/money';
import { Page, paginate } from '../common/pagination';
import { updateVersioned } from '../database/versioned-update';
import { CustomersService } from '../customers/customers.service';
import { TasksService } from '../tasks/tasks.service';
import { Complaint } from './complaint.entity';
import { complaintTransition, responseHours } from './complaint-rules';
import { ComplaintsErrors } from './complaints.errors';
import type { ComplaintDto, CreateComplaintDto, ListComplaintsQueryDto, ResolveComplaintDto } from './dto/complaint.dto';
import { findOneInScope } from '../database/find-in-scope';


export function toComplaintResponse(c: Complaint): ComplaintDto {
  return {
    id: c.id,
    customerId: c.customerId,
    channel: c.channel,
    category: c.category,
    severity: c.severity,
    description: c.description,
    status: c.status,
    reporterId: c.ownerId,
    handlingDepartment: c.department,
    tierCode: c.tierCode,
    responseHours: c.responseHours,
    dueAt: c.dueAt.toISOString(),
    assigneeId: c.assigneeId,
    escalated: c.escalated,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    resolution: c.resolution,
    measures: c.measures,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedBy: c.resolvedBy,
    compensation:
      c.compensationStatus === 'none'
        ? null
        : {
            amount: c.compensationAmount!, // a CHECK ties the amount to a status other than none
            status: c.compensationStatus,
            proposedBy: c.compensationProposedBy,
            approvedBy: c.compensationApprovedBy,
            approvedAt: c.compensationApprovedAt?.toISOString() ?? null,
          },
    closedAt: c.closedAt?.toISOString() ?? null,
    satisfaction: c.satisfaction,
    reopenCount: c.reopenCount,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ComplaintResponse = ComplaintDto;

/**
 * 投诉处理 (SAL-8.5, SAL-4.5, KA-4.5, KA-5.6): routed by the customer — key accounts to 大客户部,
 * the rest to 销售部 — with a response deadline from the severity and the tier's promise.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly customers: CustomersService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateComplaintDto): Promise<ComplaintResponse> {
    return this.ds.transaction(async (m) => {
      const customer = await this.customers.findInScope(m, actor, dto.customerId, 'customer.read');
      const tier: { complaint_response_hours: number }[] =
        customer.isKeyAccount && customer.tierCode
          ? await m.query('SELECT complaint_response_hours FROM key_account_tiers WHERE code = $1', [customer.tierCode])
          : [];
      const hours = responseHours(dto.severity, tier[0]?.complaint_response_hours ?? null);
      const now = new Date();
      const complaint = m.create(Complaint, {
        ...dto,
        status: 'open',
        ownerId: actor.id,
        department: customer.isKeyAccount ? 'key_account' : 'sales',
        tierCode: customer.isKeyAccount ? customer.tierCode : null,
        responseHours: hours,
        dueAt: new Date(now.getTime() + hours * 3_600_000),
        createdAt: now,
        updatedAt: now,
        escalated: false,
        compensationStatus: 'none',
        reopenCount: 0,
        version: 1,
      });
      await m.save(complaint);
      const out = toComplaintResponse(complaint);
      await this.audit.record(m, actor, { action: 'complaint.create', entity: 'complaint', entityId: complaint.id, after: out });
      return out;
    });
  }

  async list(actor: Actor, q: ListComplaintsQueryDto): Promise<Page<ComplaintResponse>> {
    const qb = this.scoped(this.ds.manager, actor, 'complaint.read');
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.severity) qb.andWhere('p.severity = :severity', { severity: q.severity });
    if (q.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: q.customerId });
    if (q.assigneeId) qb.andWhere('p.assignee_id = :assigneeId', { assigneeId: q.assigneeId });
    if (q.escalated) qb.andWhere('p.escalated = :escalated', { escalated: q.escalated === 'true' });
    if (q.department) qb.andWhere('p.department = :department', { department: q.department });
    // past the response deadline and not yet resolved: what the SLA clock shows as 已超时
    const late = "p.status IN ('open', 'in_progress') AND p.due_at < now()";
    if (q.overdue === 'true') qb.andWhere(late);
    if (q.overdue === 'false') qb.andWhere(`NOT (${late})`);
    return paginate(qb, q, { createdAt: 'p.created_at', dueAt: 'p.due_at', severity: 'p.severity' }, '-createdAt', toComplaintResponse);
  }

  async get(actor: Actor, id: string): Promise<ComplaintResponse> {
    return toComplaintResponse(await this.findInScope(this.ds.manager, actor, id, 'complaint.read'));
  }

  /** 分派 to someone of the handling department who handles complaints; a task tells them. */
  async assign(actor: Actor, id: string, assigneeId: string): Promise<ComplaintResponse> {
    return this.change(actor, id, 'complaint.handle', 'complaint.assign', async (m, c) => {
      const to = complaintTransition(c.status, 'assign');
      const assignee = await resolveAssignee(m, actor, 'complaint.handle', 'complaint.handle', assigneeId, 'assigneeId');
      await updateVersioned(m, 'complaints', id, c.version, { status: to, assignee_id: assignee.id });
      await this.tasks.createMany(m, [
        {
          assigneeId: assignee.id,
          kind: 'complaint.assigned',
          title: `投诉待处理（${c.severity}）：${c.description.slice(0, 60)}`,
          entity: 'complaint',
          entityId: id,
          causeKey: `complaint:${id}:assigned:${assignee.id}`,
          dueAt: c.dueAt,
        },
      ]);
    });
  }

  /** 登记解决办法及措施; a compensation (赔偿) amount is a proposal that needs approval. */
  async resolve(actor: Actor, id: string, dto: ResolveComplaintDto): Promise<ComplaintResponse> {
    return this.change(actor, id, 'complaint.handle', 'complaint.resolve', async (m, c) => {
      const to = complaintTransition(c.status, 'resolve');
      const set: Record<string, unknown> = { status: to, resolution: dto.resolution, measures: dto.measures, resolved_by: actor.id, resolved_at: new Date() };
      if (dto.compensationAmount !== undefined) {
        if (toCents(dto.compensationAmount) <= 0n) throw ComplaintsErrors.zeroCompensation();
        if (!(await this.inScope(m, actor, id, 'complaint.compensate'))) throw ComplaintsErrors.compensationNotAllowed();
        if (c.compensationStatus === 'approved') throw ComplaintsErrors.compensationExists(c.compensationAmount!);
        Object.assign(set, {
          compensation_amount: normaliseMoney(dto.compensationAmount),
          compensation_status: 'proposed',
          compensation_proposed_by: actor.id,
          compensation_approved_by: null,
          compensation_approved_at: null,
        });
      }
      await updateVersioned(m, 'complaints', id, c.version, set);
      await this.tasks.closeByCause(m, `complaint:${id}:assigned:`);
    });
  }

  /** 赔偿审批: never by the proposer; at or above the threshold only the 总经理. */
  async approveCompensation(actor: Actor, id: string): Promise<ComplaintResponse> {
    return this.change(actor, id, 'complaint.approve_compensation', 'complaint.approve-compensation', async (m, c) => {
      if (c.compensationStatus !== 'proposed') throw ComplaintsErrors.noCompensation();
      if (c.compensationProposedBy === actor.id) throw ComplaintsErrors.selfApproval();
      const threshold = this.config.compensationGmApprovalThreshold;
      if (toCents(c.compensationAmount!) >= toCents(threshold) && actor.role !== 'gm') throw ComplaintsErrors.gmRequired(threshold);
      await updateVersioned(m, 'complaints', id, c.version, { compensation_status: 'approved', compensation_approved_by: actor.id, compensation_approved_at: new Date() });
    });
  }

  async reopen(actor: Actor, id: string): Promise<ComplaintResponse> {
    return this.change(actor, id, 'complaint.handle', 'complaint.reopen', async (m, c) => {
      // no longer resolved: the resolution stays on record in the audit log
      await updateVersioned(m, 'complaints', id, c.version, { status: complaintTransition(c.status, 'reopen'), resolved_at: null, resolved_by: null }, ['reopen_count = reopen_count + 1']);
    });
  }

  async close(actor: Actor, id: string, satisfaction: number): Promise<ComplaintResponse> {
    return this.change(actor, id, 'complaint.handle', 'complaint.close', async (m, c) => {
      const to = complaintTransition(c.status, 'close');
      if (c.compensationStatus === 'proposed') throw ComplaintsErrors.compensationPending();
      await updateVersioned(m, 'complaints', id, c.version, { status: to, satisfaction, closed_at: new Date() });
    });
  }

  /** One audited change of a complaint in the caller's `permission` scope, under a row lock. */
  private async change(actor: Actor, id: string, permission: Permission, action: string, apply: (m: EntityManager, c: Complaint) => Promise<void>) {
    return this.ds.transaction(async (m) => {
      const before = await this.findInScope(m, actor, id, permission, true);
      await apply(m, before);
      const after = toComplaintResponse(await m.getRepository(Complaint).findOneByOrFail({ id }));
      await this.audit.record(m, actor, { action, entity: 'complaint', entityId: id, before: toComplaintResponse(before), after });
      return after;
    });
  }

  private scopeFor(actor: Actor, permission: Permission) {
    return permission === 'complaint.read' ? complaintReadScope(actor) : scopeCondition(actor, permission, COMPLAINT_SCOPE_COLUMNS);
  }

  private scoped(m: EntityManager, actor: Actor, permission: Permission): SelectQueryBuilder<Complaint> {
    const scope = this.scopeFor(actor, permission);
    return m.getRepository(Complaint).createQueryBuilder('p').where(scope.sql, scope.params);
  }

  private async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Complaint> {
    return findOneInScope(m.getRepository(Complaint).createQueryBuilder('p'), this.scopeFor(actor, permission), id, '投诉', lock);
  }

  private async inScope(m: EntityManager, actor: Actor, id: string, permission: Permission): Promise<boolean> {
    if (!grantFor(actor.role, permission)) return false;
    return (await this.scoped(m, actor, permission).andWhere('p.id = :id', { id }).getCount()) > 0;
  }
}
