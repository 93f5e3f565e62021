import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { resolveAssignee } from '../access/assignee';
import { grantingRoles } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { paginate, Page } from '../common/pagination';
import { Customer } from '../customers/customer.entity';
import { CustomersService } from '../customers/customers.service';
import { TasksService } from '../tasks/tasks.service';
import type { ApproveAssessmentDto, AssessmentDto, ListAssessmentsQueryDto, ProposeTierDto, TierHistoryDto } from './dto/key-account.dto';
import { KeyAccountTier, TierAssessment } from './key-account.entities';
import { KeyAccountsErrors } from './key-accounts.errors';

const ASSESSMENT_SCOPE = { owner: 'a.owner_id', department: 'a.department' };
/** Who decides assessments: the roles holding tier.approve, read off the matrix. */
const tierApproverRoles = () => grantingRoles('tier.approve').map((g) => g.role);

export function toAssessmentResponse(a: TierAssessment): AssessmentDto {
  return {
    id: a.id,
    customerId: a.customerId,
    currentTierCode: a.currentTierCode,
    proposedTierCode: a.proposedTierCode,
    reason: a.reason,
    source: a.source,
    trailingAmount: a.trailingAmount,
    proposedBy: a.proposedBy,
    status: a.status,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionComment: a.decisionComment,
    assigneeId: a.assigneeId,
    createdAt: a.createdAt.toISOString(),
  };
}

export interface NewAssessment {
  customerId: string;
  currentTierCode: string | null;
  proposedTierCode: string | null;
  reason: string;
  source: 'manual' | 'system';
  trailingAmount?: string | null;
  proposedBy: string | null;
}

/**
 * 大客户等级评估: a 专员 or 主管 proposes (KA-6.4, KA-5.4), the 大客户经理 decides (KA-4.1, KA-4.3).
 * Approval changes the customer's tier and, for a new key account, moves it into 大客户部; every
 * change is kept in the customer's tier history. Nothing is ever applied without a decision.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly customers: CustomersService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async propose(actor: Actor, dto: ProposeTierDto): Promise<AssessmentDto> {
    return this.ds.transaction(async (m) => {
      const customer = await this.customers.findInScope(m, actor, dto.customerId, 'tier.propose', true);
      if (dto.proposedTierCode !== null && !(await m.getRepository(KeyAccountTier).existsBy({ code: dto.proposedTierCode }))) {
        throw KeyAccountsErrors.unknownTier(dto.proposedTierCode);
      }
      const current = customer.isKeyAccount ? customer.tierCode : null;
      if (current === dto.proposedTierCode) throw KeyAccountsErrors.noChange();
      const a = await this.insert(m, { customerId: customer.id, currentTierCode: current, proposedTierCode: dto.proposedTierCode, reason: dto.reason, source: 'manual', proposedBy: actor.id });
      const out = toAssessmentResponse(a);
      await this.audit.record(m, actor, { action: 'tier.propose', entity: 'tier_assessment', entityId: a.id, after: out });
      return out;
    });
  }

  /** Inserts a pending assessment (one per customer at a time) and tells the approvers. */
  async insert(m: EntityManager, n: NewAssessment): Promise<TierAssessment> {
    // ON CONFLICT on the one-pending-per-customer index: a concurrent proposal never aborts the transaction.
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO tier_assessments (customer_id, current_tier_code, proposed_tier_code, reason, source, trailing_amount, proposed_by, owner_id, department, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'key_account', 'pending')
       ON CONFLICT (customer_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
      [n.customerId, n.currentTierCode, n.proposedTierCode, n.reason, n.source, n.trailingAmount ?? null, n.proposedBy],
    );
    if (!inserted.length) {
      const [pending] = await m.query(`SELECT id FROM tier_assessments WHERE customer_id = $1 AND status = 'pending'`, [n.customerId]);
      throw KeyAccountsErrors.pendingExists(pending?.id ?? '');
    }
    const a = await m.getRepository(TierAssessment).findOneByOrFail({ id: inserted[0].id });
    const approvers: { id: string }[] = await m.query(`SELECT id FROM users WHERE active AND role = ANY($1) AND id IS DISTINCT FROM $2`, [tierApproverRoles(), n.proposedBy]);
    const [{ name }] = await m.query('SELECT name FROM customers WHERE id = $1', [n.customerId]);
    await this.tasks.createMany(
      m,
      approvers.map((u) => ({
        assigneeId: u.id,
        kind: 'tier.assessment',
        title: `大客户等级评估待审批：${name}（${n.currentTierCode ?? '非大客户'} → ${n.proposedTierCode ?? '非大客户'}）${n.source === 'system' ? '［系统评估］' : ''}`,
        entity: 'tier_assessment',
        entityId: a.id,
        causeKey: `tier-assessment:${a.id}:${u.id}`,
      })),
    );
    return a;
  }

  async list(actor: Actor, query: ListAssessmentsQueryDto): Promise<Page<AssessmentDto>> {
    const qb = this.scoped(this.ds.manager, actor, 'tier.read');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('a.customer_id = :customerId', { customerId: query.customerId });
    if (query.source) qb.andWhere('a.source = :source', { source: query.source });
    return paginate(qb, query, { createdAt: 'a.created_at', decidedAt: 'a.decided_at' }, '-createdAt', toAssessmentResponse);
  }

  async get(actor: Actor, id: string): Promise<AssessmentDto> {
    const a = await this.scoped(this.ds.manager, actor, 'tier.read').andWhere('a.id = :id', { id }).getOne();
    if (!a) throw CommonErrors.notFound('等级评估');
    return toAssessmentResponse(a);
  }

  async approve(actor: Actor, id: string, dto: ApproveAssessmentDto): Promise<AssessmentDto> {
    return this.ds.transaction(async (m) => {
      const a = await this.decidable(m, actor, id);
      const customer = await m.getRepository(Customer).createQueryBuilder('c').where('c.id = :id', { id: a.customerId }).setLock('pessimistic_write').getOne();
      if (!customer) throw CommonErrors.notFound('客户');
      const becomesKeyAccount = a.proposedTierCode !== null;
      let owner = { id: customer.ownerId, department: customer.department };
      if (dto.assigneeId) {
        owner = await resolveAssignee(m, actor, 'tier.approve', 'customer.read', dto.assigneeId, 'assigneeId');
      } else if (becomesKeyAccount && customer.department !== 'key_account') {
        throw KeyAccountsErrors.assigneeRequired();
      }
      await m.query(
        `UPDATE customers SET tier_code = $2, is_key_account = $3, owner_id = $4, department = $5,
           key_account_since = CASE WHEN $3 THEN COALESCE(CASE WHEN is_key_account THEN key_account_since END, now()) END,
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [customer.id, a.proposedTierCode, becomesKeyAccount, owner.id, owner.department],
      );
      await m.query(
        `INSERT INTO customer_tier_history (customer_id, assessment_id, from_tier_code, to_tier_code, from_owner_id, to_owner_id, from_department, to_department, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [customer.id, a.id, customer.isKeyAccount ? customer.tierCode : null, a.proposedTierCode, customer.ownerId, owner.id, customer.department, owner.department, actor.id],
      );
      await this.decide(m, a, actor, 'approved', dto.comment ?? null, owner.id);
      const out = toAssessmentResponse(await m.getRepository(TierAssessment).findOneByOrFail({ id }));
      await this.audit.record(m, actor, {
        action: 'tier.approve',
        entity: 'tier_assessment',
        entityId: id,
        after: { ...out, customer: { tierCode: a.proposedTierCode, isKeyAccount: becomesKeyAccount, ownerId: owner.id, department: owner.department } },
      });
      return out;
    });
  }

  async reject(actor: Actor, id: string, comment: string): Promise<AssessmentDto> {
    return this.ds.transaction(async (m) => {
      const a = await this.decidable(m, actor, id);
      await this.decide(m, a, actor, 'rejected', comment, null);
      const out = toAssessmentResponse(await m.getRepository(TierAssessment).findOneByOrFail({ id }));
      await this.audit.record(m, actor, { action: 'tier.reject', entity: 'tier_assessment', entityId: id, after: out });
      return out;
    });
  }

  /** The customer's tier history (大客户档案), for readers of the customer. */
  async history(actor: Actor, customerId: string): Promise<TierHistoryDto> {
    await this.customers.findInScope(this.ds.manager, actor, customerId, 'customer.read');
    const rows = await this.ds.query(
      `SELECT h.id, h.assessment_id, h.from_tier_code, h.to_tier_code, h.from_owner_id, h.to_owner_id, h.from_department, h.to_department,
              h.changed_by, u.display_name AS changed_by_name, h.changed_at, a.reason, a.source
       FROM customer_tier_history h JOIN tier_assessments a ON a.id = h.assessment_id JOIN users u ON u.id = h.changed_by
       WHERE h.customer_id = $1 ORDER BY h.changed_at, h.id`,
      [customerId],
    );
    return {
      customerId,
      items: rows.map((r: Record<string, any>) => ({
        id: r.id,
        assessmentId: r.assessment_id,
        fromTierCode: r.from_tier_code,
        toTierCode: r.to_tier_code,
        fromOwnerId: r.from_owner_id,
        toOwnerId: r.to_owner_id,
        fromDepartment: r.from_department,
        toDepartment: r.to_department,
        changedBy: r.changed_by,
        changedByName: r.changed_by_name,
        changedAt: new Date(r.changed_at).toISOString(),
        reason: r.reason,
        source: r.source,
      })),
    };
  }

  /** A pending assessment in the approver's scope, not their own proposal. */
  private async decidable(m: EntityManager, actor: Actor, id: string): Promise<TierAssessment> {
    const a = await this.scoped(m, actor, 'tier.approve').andWhere('a.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!a) throw CommonErrors.notFound('等级评估');
    if (a.status !== 'pending') throw KeyAccountsErrors.notPending(a.status);
    if (a.proposedBy === actor.id) throw KeyAccountsErrors.selfApproval();
    return a;
  }

  private async decide(m: EntityManager, a: TierAssessment, actor: Actor, status: 'approved' | 'rejected', comment: string | null, assigneeId: string | null) {
    await m.query(
      `UPDATE tier_assessments SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4, assignee_id = $5 WHERE id = $1 AND status = 'pending'`,
      [a.id, status, actor.id, comment, assigneeId],
    );
    await this.tasks.closeByCause(m, `tier-assessment:${a.id}:`);
  }

  private scoped(m: EntityManager, actor: Actor, permission: Permission) {
    const scope = scopeCondition(actor, permission, ASSESSMENT_SCOPE);
    return m.getRepository(TierAssessment).createQueryBuilder('a').where(scope.sql, scope.params);
  }
}
