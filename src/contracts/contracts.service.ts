import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import type { Permission } from '../access/duty.types';
import { scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { fromCents, normaliseMoney, toCents } from '../common/money';
import { Page, paginateJoined } from '../common/pagination';
import { businessDate, toInstant } from '../common/time';
import { CustomersService } from '../customers/customers.service';
import { updateVersioned } from '../database/versioned-update';
import { LedgerService } from '../ledger/ledger.service';
import { TasksService } from '../tasks/tasks.service';
import { escapeLike } from '../users/users.service';
import { eligibleApprovers } from './contract-approvers';
import { toContractDetail, toContractSummary, ContractDetail } from './contract.mapper';
import { nextContractNumber } from './contract-numbering';
import { CONTRACT_TRANSITIONS, transition } from './contract-status';
import { Contract, ContractApproval, ContractPlanLine } from './contract.entity';
import { ContractsErrors } from './contracts.errors';
import type { ContractSummaryDto, CreateContractDto, ListContractsQueryDto, PaymentPlanLineDto, UpdateContractDto } from './dto/contract.dto';
import { findOneInScope } from '../database/find-in-scope';

export const CONTRACT_SCOPE_COLUMNS = { owner: 'k.owner_id', department: 'k.department' };

/** The states a contract can be filed (归档) in, from the one transition table. */
const ARCHIVABLE = CONTRACT_TRANSITIONS.find((t) => t.action === 'archive')!.from;

/** The plan must sum exactly to the amount, in integer cents; every amount above zero. */
export function assertPlan(amount: string, plan: PaymentPlanLineDto[]): void {
  if (toCents(amount) <= 0n) throw ContractsErrors.zeroAmount('amount');
  plan.forEach((l, i) => {
    if (toCents(l.amount) <= 0n) throw ContractsErrors.zeroAmount(`paymentPlan.${i}.amount`);
  });
  const total = plan.reduce((s, l) => s + toCents(l.amount), 0n);
  if (total !== toCents(amount)) throw ContractsErrors.planMismatch(fromCents(total), normaliseMoney(amount));
}

@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly customers: CustomersService,
    private readonly tasks: TasksService,
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 拟定销售合同: numbered at once; the drafter owns it. */
  async create(actor: Actor, dto: CreateContractDto): Promise<ContractDetail> {
    assertPlan(dto.amount, dto.paymentPlan);
    if (dto.endDate < dto.startDate) throw ContractsErrors.dates();
    return this.ds.transaction(async (m) => {
      await this.assertCustomerAllowed(m, actor, dto.customerId);
      const year = Number(businessDate(new Date(), this.config.businessTz).slice(0, 4));
      const contract = m.create(Contract, {
        number: await nextContractNumber(m, year),
        customerId: dto.customerId,
        title: dto.title,
        amount: normaliseMoney(dto.amount),
        startDate: dto.startDate,
        endDate: dto.endDate,
        status: 'draft',
        ownerId: actor.id,
        department: actor.department,
        createdBy: actor.id,
        submissionRound: 0,
        version: 1,
      });
      await m.save(contract);
      await this.replacePlan(m, contract.id, dto.paymentPlan);
      const out = await this.detail(m, actor, contract.id);
      await this.audit.record(m, actor, { action: 'contract.create', entity: 'contract', entityId: contract.id, after: out });
      return out;
    });
  }

  async list(actor: Actor, query: ListContractsQueryDto): Promise<Page<ContractSummaryDto>> {
    const qb = this.scoped(this.ds.manager, actor, 'contract.read');
    if (query.status) qb.andWhere('k.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('k.customer_id = :customerId', { customerId: query.customerId });
    if (query.ownerId) qb.andWhere('k.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.q) qb.andWhere("(k.number ILIKE :q ESCAPE '\\' OR k.title ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(query.q)}%` });
    if (query.signedFrom) qb.andWhere('k.signed_at >= :sf', { sf: toInstant(query.signedFrom, this.config.businessTz) });
    if (query.signedTo) qb.andWhere('k.signed_at < :st', { st: toInstant(query.signedTo, this.config.businessTz) });
    if (query.awaitingArchive) {
      const awaiting = 'k.archived_at IS NULL AND k.status IN (:...archivable)';
      qb.andWhere(query.awaitingArchive === 'true' ? `(${awaiting})` : `NOT (${awaiting})`, { archivable: ARCHIVABLE });
    }
    return paginateJoined(
      qb,
      query,
      { createdAt: 'k.created_at', number: 'k.number', amount: 'k.amount', signedAt: 'k.signed_at', status: 'k.status' },
      '-createdAt',
      toContractSummary,
    );
  }

  async get(actor: Actor, id: string): Promise<ContractDetail> {
    return this.detail(this.ds.manager, actor, id);
  }

  /** Edits a draft or a rejected contract; the plan is validated against the (new) amount. */
  async update(actor: Actor, id: string, dto: UpdateContractDto): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.create', true);
      transition(c.status, 'edit');
      if (c.version !== dto.version) throw CommonErrors.staleVersion();
      const before = await this.detail(m, actor, id);
      const amount = dto.amount ?? c.amount;
      const plan = dto.paymentPlan ?? before.paymentPlan;
      if (dto.amount !== undefined || dto.paymentPlan !== undefined) assertPlan(amount, plan);
      if ((dto.endDate ?? c.endDate) < (dto.startDate ?? c.startDate)) throw ContractsErrors.dates();
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.amount !== undefined) set.amount = normaliseMoney(dto.amount);
      if (dto.startDate !== undefined) set.start_date = dto.startDate;
      if (dto.endDate !== undefined) set.end_date = dto.endDate;
      await updateVersioned(m, 'contracts', id, dto.version, set);
      if (dto.paymentPlan) await this.replacePlan(m, id, dto.paymentPlan);
      return this.audited(m, actor, 'contract.update', before);
    });
  }

  /** 提交审核: a new approval round; each eligible approver gets a task. */
  async submit(actor: Actor, id: string): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.create', true);
      const to = transition(c.status, 'submit');
      const before = await this.detail(m, actor, id);
      const round = c.submissionRound + 1;
      await updateVersioned(m, 'contracts', id, c.version, { status: to, submission_round: round }, ['submitted_at = now()']);
      await this.tasks.closeByCause(m, `contract:${id}:r${c.submissionRound}:rejected`); // the drafter has acted on it
      await this.notifyApprovers(m, { ...c, submissionRound: round }, 'manager');
      return this.audited(m, actor, 'contract.submit', before);
    });
  }

  /** 审核 (SAL-4.6) and, at or above the threshold, 总经理审批 (SAL-4.4). */
  async approve(actor: Actor, id: string, comment: string | null): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.approve', true);
      const level = this.assertCanDecide(c, actor);
      await this.assertNotFirstLevelApprover(m, c, actor, level);
      const needsGm = level === 'manager' && toCents(c.amount) >= toCents(this.config.contractGmApprovalThreshold);
      const to = transition(c.status, needsGm ? 'approve_to_gm' : 'approve');
      const before = await this.detail(m, actor, id);
      await this.recordDecision(m, c, actor, level, 'approve', comment);
      await updateVersioned(m, 'contracts', id, c.version, { status: to }, to === 'approved' ? ['approved_at = now()'] : []);
      await this.tasks.closeByCause(m, `contract:${id}:r${c.submissionRound}:${level}:`);
      if (needsGm) await this.notifyApprovers(m, c, 'gm');
      if (to === 'approved') {
        await this.tasks.createMany(m, [
          { assigneeId: c.ownerId, kind: 'contract.sign', title: `合同 ${c.number} 已批准，请办理签订`, entity: 'contract', entityId: id, causeKey: `contract:${id}:sign` },
        ]);
      }
      return this.audited(m, actor, 'contract.approve', before, { level, comment });
    });
  }

  async reject(actor: Actor, id: string, comment: string): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.approve', true);
      const level = this.assertCanDecide(c, actor);
      await this.assertNotFirstLevelApprover(m, c, actor, level);
      const to = transition(c.status, 'reject');
      const before = await this.detail(m, actor, id);
      await this.recordDecision(m, c, actor, level, 'reject', comment);
      await updateVersioned(m, 'contracts', id, c.version, { status: to });
      await this.tasks.closeByCause(m, `contract:${id}:r${c.submissionRound}:`);
      await this.tasks.createMany(m, [
        { assigneeId: c.ownerId, kind: 'contract.rejected', title: `合同 ${c.number} 被退回：${comment.slice(0, 100)}`, entity: 'contract', entityId: id, causeKey: `contract:${id}:r${c.submissionRound}:rejected` },
      ]);
      return this.audited(m, actor, 'contract.reject', before, { level, comment });
    });
  }

  /** 签订: by the owner, or an approver in scope. The plan becomes receivables (应收); the ledger gets the sale. */
  async sign(actor: Actor, id: string, signedAt: string): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.read', true);
      const isOwner = c.ownerId === actor.id && grantFor(actor.role, 'contract.create') !== undefined;
      if (!isOwner && !(await this.inScope(m, actor, id, 'contract.approve'))) throw ContractsErrors.signForbidden();
      const to = transition(c.status, 'sign');
      const before = await this.detail(m, actor, id);
      const signedInstant = toInstant(signedAt, this.config.businessTz);
      await updateVersioned(m, 'contracts', id, c.version, { status: to, signed_at: signedInstant });
      await this.ledger.append(m, {
        customerId: c.customerId,
        contractId: id,
        ownerId: c.ownerId,
        department: c.department,
        kind: 'sale',
        debit: c.amount,
        description: `签订合同 ${c.number}「${c.title.slice(0, 100)}」`,
        occurredAt: signedInstant,
        recordedBy: actor.id,
      });
      await m.query(
        `INSERT INTO receivables (contract_id, plan_line_id, customer_id, owner_id, department, seq, due_date, amount_due)
         SELECT l.contract_id, l.id, $2, $3, $4, l.seq, l.due_date, l.amount FROM contract_plan_lines l WHERE l.contract_id = $1`,
        [id, c.customerId, c.ownerId, c.department],
      );
      await this.tasks.closeByCause(m, `contract:${id}:sign`);
      return this.audited(m, actor, 'contract.sign', before);
    });
  }

  async terminate(actor: Actor, id: string, reason: string): Promise<ContractDetail> {
    return this.ds.transaction(async (m) => {
      const c = await this.findInScope(m, actor, id, 'contract.approve', true);
      const to = transition(c.status, 'terminate');
      const before = await this.detail(m, actor, id);
      await updateVersioned(m, 'contracts', id, c.version, { status: to, termination_reason: reason }, ['terminated_at = now()']);
      return this.audited(m, actor, 'contract.terminate', before, { reason });
    });
  }

  /** A contract inside the caller's scope for `permission`, or 404. */
  async findInScope(m: EntityManager, actor: Actor, id: string, permission: Permission, lock = false): Promise<Contract> {
    return findOneInScope(m.getRepository(Contract).createQueryBuilder('k'), scopeCondition(actor, permission, CONTRACT_SCOPE_COLUMNS), id, '合同', lock);
  }

  async detail(m: EntityManager, actor: Actor, id: string): Promise<ContractDetail> {
    const { entities, raw } = await this.scoped(m, actor, 'contract.read').andWhere('k.id = :id', { id }).getRawAndEntities();
    if (!entities.length) throw CommonErrors.notFound('合同');
    const c = entities[0];
    const lines = await m.getRepository(ContractPlanLine).find({ where: { contractId: id }, order: { seq: 'ASC' } });
    const approvals = await m.getRepository(ContractApproval).find({ where: { contractId: id }, order: { decidedAt: 'ASC', id: 'ASC' } });
    const waiting = c.status === 'pending_approval' ? 'manager' : c.status === 'pending_gm' ? 'gm' : null;
    const awaiting = waiting ? await eligibleApprovers(m, c, waiting) : null;
    return toContractDetail(c, lines, approvals, awaiting, raw[0]);
  }

  private scoped(m: EntityManager, actor: Actor, permission: Permission): SelectQueryBuilder<Contract> {
    const scope = scopeCondition(actor, permission, CONTRACT_SCOPE_COLUMNS);
    return m
      .getRepository(Contract)
      .createQueryBuilder('k')
      .leftJoin('customers', 'cu', 'cu.id = k.customer_id')
      .addSelect('cu.name', 'customer_name')
      .where(scope.sql, scope.params);
  }

  private async inScope(m: EntityManager, actor: Actor, id: string, permission: Permission): Promise<boolean> {
    return this.findInScope(m, actor, id, permission).then(() => true, () => false);
  }

  /** The customer must be the drafter's to see; a 业务员 may not draft for a key account (SAL-7.3). */
  private async assertCustomerAllowed(m: EntityManager, actor: Actor, customerId: string): Promise<void> {
    const customer = await this.customers.findInScope(m, actor, customerId, 'customer.read');
    if (grantFor(actor.role, 'contract.create')?.constraint === 'general_customers_only' && customer.isKeyAccount) {
      throw ContractsErrors.keyAccountCustomer();
    }
  }

  /** Which level the caller decides, with separation of duties: never one's own draft. */
  private assertCanDecide(c: Contract, actor: Actor): 'manager' | 'gm' {
    if (c.createdBy === actor.id || c.ownerId === actor.id) throw ContractsErrors.selfApproval();
    if (c.status === 'pending_gm') {
      if (actor.role !== 'gm') throw ContractsErrors.gmLevel();
      return 'gm';
    }
    return 'manager';
  }

  private async assertNotFirstLevelApprover(m: EntityManager, c: Contract, actor: Actor, level: 'manager' | 'gm'): Promise<void> {
    if (level !== 'gm') return;
    const rows = await m.query('SELECT 1 FROM contract_approvals WHERE contract_id = $1 AND round = $2 AND approver_id = $3', [c.id, c.submissionRound, actor.id]);
    if (rows.length) throw ContractsErrors.sameApproverTwice();
  }

  private async recordDecision(m: EntityManager, c: Contract, actor: Actor, level: 'manager' | 'gm', decision: 'approve' | 'reject', comment: string | null) {
    await m.getRepository(ContractApproval).insert({ contractId: c.id, round: c.submissionRound, level, approverId: actor.id, decision, comment, decidedAt: new Date() });
  }

  private async notifyApprovers(m: EntityManager, c: Contract, level: 'manager' | 'gm'): Promise<void> {
    const approvers = await eligibleApprovers(m, c, level);
    const what = level === 'gm' ? '总经理审批' : '审核';
    await this.tasks.createMany(
      m,
      approvers.map((a) => ({
        assigneeId: a.id,
        kind: `contract.${level === 'gm' ? 'gm-approval' : 'approval'}`,
        title: `合同 ${c.number}「${c.title}」（${c.amount} 元）待${what}`,
        entity: 'contract',
        entityId: c.id,
        causeKey: `contract:${c.id}:r${c.submissionRound}:${level}:${a.id}`,
      })),
    );
  }

  private async replacePlan(m: EntityManager, contractId: string, plan: PaymentPlanLineDto[]): Promise<void> {
    await m.query('DELETE FROM contract_plan_lines WHERE contract_id = $1', [contractId]);
    const sorted = [...plan].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    await m.getRepository(ContractPlanLine).insert(sorted.map((l, i) => ({ contractId, seq: i + 1, dueDate: l.dueDate, amount: normaliseMoney(l.amount) })));
  }

  private async audited(m: EntityManager, actor: Actor, action: string, before: ContractDetail, extra: object = {}): Promise<ContractDetail> {
    const after = await this.detail(m, actor, before.id);
    await this.audit.record(m, actor, { action, entity: 'contract', entityId: before.id, before, after: { ...after, ...extra } });
    return after;
  }
}
