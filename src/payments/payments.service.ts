import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { fromCents, normaliseMoney, toCents } from '../common/money';
import { Page, paginateJoined } from '../common/pagination';
import { businessDate, toInstant } from '../common/time';
import type { Contract } from '../contracts/contract.entity';
import { transition } from '../contracts/contract-status';
import type { ContractStatus } from '../contracts/contract-status';
import { ContractsService } from '../contracts/contracts.service';
import { updateVersioned } from '../database/versioned-update';
import { LedgerService } from '../ledger/ledger.service';
import { RECEIVABLE_STATUS_SQL } from '../receivables/receivable.entity';
import { allocateOldestFirst } from './allocation';
import type { ListPaymentsQueryDto, PaymentDto, PaymentListItemDto, RecordedPaymentDto, RecordPaymentDto } from './dto/payment.dto';
import { claimIdempotencyKey, requestHash, storeIdempotentResponse } from './idempotency';
import { Payment } from './payment.entity';
import { PaymentsErrors } from './payments.errors';
import { findOneInScope } from '../database/find-in-scope';

export interface Created<T> {
  status: number;
  body: T;
}

export function toPaymentResponse(p: Payment, allocations: { receivableId: string; amount: string }[] = []): PaymentDto {
  return {
    id: p.id,
    contractId: p.contractId,
    customerId: p.customerId,
    amount: p.amount,
    receivedAt: p.receivedAt.toISOString(),
    method: p.method,
    reference: p.reference,
    reversesPaymentId: p.reversesPaymentId,
    reason: p.reason,
    recordedBy: p.recordedBy,
    createdAt: p.createdAt.toISOString(),
    allocations,
  };
}
export type PaymentResponse = RecordedPaymentDto;

/** A day's slack for a receipt dated by another clock. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

/**
 * 回款 and 冲销 (SAL-6.5). The contract row is locked first and its receivables after it
 * (`SELECT … FOR UPDATE`, always in that order), so concurrent payments on one contract queue and
 * can never together collect more than is outstanding.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly contracts: ContractsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, dto: RecordPaymentDto, idempotencyKey?: string): Promise<Created<PaymentResponse>> {
    const cents = toCents(dto.amount);
    if (cents <= 0n) throw PaymentsErrors.zero();
    const receivedAt = toInstant(dto.receivedAt, this.config.businessTz);
    if (receivedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw PaymentsErrors.inFuture();
    return this.ds.transaction(async (m) => {
      if (idempotencyKey) {
        const replay = await claimIdempotencyKey<PaymentResponse>(m, actor.id, idempotencyKey, 'POST /payments', requestHash('POST /payments', dto));
        if (replay.replay) return { status: replay.status, body: replay.body };
      }
      const contract = await this.contracts.findInScope(m, actor, dto.contractId, 'payment.record', true);
      if (contract.status !== 'signed') throw PaymentsErrors.contractNotSigned(contract.status);
      const signedOn = businessDate(contract.signedAt!, this.config.businessTz);
      if (businessDate(receivedAt, this.config.businessTz) < signedOn) throw PaymentsErrors.beforeSigning(signedOn);
      const open = await this.lockReceivables(m, contract.id);
      const outstanding = open.reduce((s, r) => s + r.outstandingCents, 0n);
      if (cents > outstanding) throw PaymentsErrors.exceedsOutstanding(fromCents(outstanding));

      const payment = await m.save(
        m.create(Payment, {
          contractId: contract.id,
          customerId: contract.customerId,
          ownerId: contract.ownerId,
          department: contract.department,
          amount: normaliseMoney(dto.amount),
          receivedAt,
          method: dto.method,
          reference: dto.reference ?? null,
          recordedBy: actor.id,
        }),
      );
      const allocations = allocateOldestFirst(open, cents).map((a) => ({ receivableId: a.receivableId, amount: fromCents(a.cents) }));
      await this.applyAllocations(m, payment.id, allocations, businessDate(receivedAt, this.config.businessTz));
      await this.ledger.append(m, {
        customerId: contract.customerId,
        contractId: contract.id,
        paymentId: payment.id,
        ownerId: contract.ownerId,
        department: contract.department,
        kind: 'payment',
        credit: payment.amount,
        description: `回款 ${contract.number}${dto.reference ? `（${dto.reference}）` : ''}`,
        occurredAt: receivedAt,
        recordedBy: actor.id,
      });
      const contractStatus = cents === outstanding ? await this.moveContract(m, contract, 'complete') : contract.status;
      const body = { ...toPaymentResponse(payment, allocations), contractStatus };
      await this.audit.record(m, actor, { action: 'payment.record', entity: 'payment', entityId: payment.id, after: body });
      if (idempotencyKey) await storeIdempotentResponse(m, actor.id, idempotencyKey, 201, body);
      return { status: 201, body };
    });
  }

  /** 冲销: a new negative payment and ledger entry pointing at the original; nothing is updated or deleted. */
  async reverse(actor: Actor, id: string, reason: string): Promise<PaymentResponse> {
    return this.ds
      .transaction(async (m) => {
        const original = await this.findInScope(m, actor, id);
        if (toCents(original.amount) < 0n) throw PaymentsErrors.reversalOfReversal();
        const contract = await this.contracts.findInScope(m, actor, original.contractId, 'payment.record', true);
        const reversed = await m.query('SELECT 1 FROM payments WHERE reverses_payment_id = $1', [id]);
        if (reversed.length) throw PaymentsErrors.alreadyReversed();
        await this.lockReceivables(m, contract.id);
        const now = new Date();
        const reversal = await m.save(
          m.create(Payment, {
            contractId: original.contractId,
            customerId: original.customerId,
            ownerId: original.ownerId,
            department: original.department,
            amount: fromCents(-toCents(original.amount)),
            receivedAt: now,
            method: original.method,
            reference: original.reference,
            reversesPaymentId: original.id,
            reason,
            recordedBy: actor.id,
          }),
        );
        const undo: { receivable_id: string; amount: string }[] = await m.query('SELECT receivable_id, amount FROM payment_allocations WHERE payment_id = $1', [id]);
        const allocations = undo.map((a) => ({ receivableId: a.receivable_id, amount: fromCents(-toCents(a.amount)) }));
        await this.applyAllocations(m, reversal.id, allocations, businessDate(now, this.config.businessTz));
        await this.ledger.append(m, {
          customerId: original.customerId,
          contractId: original.contractId,
          paymentId: reversal.id,
          ownerId: original.ownerId,
          department: original.department,
          kind: 'reversal',
          credit: reversal.amount,
          description: `冲销回款 ${contract.number}：${reason.slice(0, 200)}`,
          occurredAt: now,
          recordedBy: actor.id,
        });
        const contractStatus = contract.status === 'completed' ? await this.moveContract(m, contract, 'reopen') : contract.status;
        const body = { ...toPaymentResponse(reversal, allocations), contractStatus };
        await this.audit.record(m, actor, { action: 'payment.reverse', entity: 'payment', entityId: reversal.id, before: toPaymentResponse(original), after: body });
        return body;
      })
      .catch((err: unknown) => {
        // Two concurrent reversals of one payment: the unique reverses_payment_id decides.
        if (err instanceof QueryFailedError && (err.driverError as { code?: string })?.code === '23505') throw PaymentsErrors.alreadyReversed();
        throw err;
      });
  }

  async list(actor: Actor, query: ListPaymentsQueryDto): Promise<Page<PaymentListItemDto>> {
    const scope = scopeCondition(actor, 'receivable.read', { owner: 'p.owner_id', department: 'p.department' });
    const qb = this.ds
      .getRepository(Payment)
      .createQueryBuilder('p')
      .leftJoin('contracts', 'k', 'k.id = p.contract_id')
      .leftJoin('customers', 'cu', 'cu.id = p.customer_id')
      // reverses_payment_id is unique: at most one reversal per payment
      .leftJoin('payments', 'rv', 'rv.reverses_payment_id = p.id')
      .addSelect('k.number', 'contract_number')
      .addSelect('cu.name', 'customer_name')
      .addSelect('rv.id', 'reversed_by')
      .where(scope.sql, scope.params);
    if (query.contractId) qb.andWhere('p.contract_id = :contractId', { contractId: query.contractId });
    if (query.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: query.customerId });
    if (query.from) qb.andWhere('p.received_at >= :from', { from: toInstant(query.from, this.config.businessTz) });
    if (query.to) qb.andWhere('p.received_at < :to', { to: toInstant(query.to, this.config.businessTz) });
    return paginateJoined(qb, query, { receivedAt: 'p.received_at', amount: 'p.amount', createdAt: 'p.created_at' }, '-receivedAt', (p, raw) => ({
      ...toPaymentResponse(p),
      contractNumber: String(raw.contract_number),
      customerName: String(raw.customer_name),
      reversedByPaymentId: (raw.reversed_by as string | null) ?? null,
    }));
  }

  private async findInScope(m: EntityManager, actor: Actor, id: string): Promise<Payment> {
    const scope = scopeCondition(actor, 'payment.record', { owner: 'p.owner_id', department: 'p.department' });
    return findOneInScope(m.getRepository(Payment).createQueryBuilder('p'), scope, id, '回款记录');
  }

  private async lockReceivables(m: EntityManager, contractId: string) {
    const rows: { id: string; due_date: string; seq: number; amount_due: string; amount_paid: string }[] = await m.query(
      `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due_date, seq, amount_due, amount_paid
       FROM receivables WHERE contract_id = $1 ORDER BY due_date, seq FOR UPDATE`,
      [contractId],
    );
    return rows.map((r) => ({ id: r.id, dueDate: r.due_date, seq: r.seq, outstandingCents: toCents(r.amount_due) - toCents(r.amount_paid) }));
  }

  private async applyAllocations(m: EntityManager, paymentId: string, allocations: { receivableId: string; amount: string }[], effectiveDate: string) {
    const today = businessDate(new Date(), this.config.businessTz);
    for (const a of allocations) {
      await m.query('INSERT INTO payment_allocations (payment_id, receivable_id, amount, effective_date) VALUES ($1, $2, $3, $4)', [paymentId, a.receivableId, a.amount, effectiveDate]);
      await m.query(
        `UPDATE receivables SET amount_paid = amount_paid + $2::numeric, version = version + 1, updated_at = now() WHERE id = $1`,
        [a.receivableId, a.amount],
      );
      await m.query(`UPDATE receivables SET status = ${RECEIVABLE_STATUS_SQL('$2')} WHERE id = $1`, [a.receivableId, today]);
    }
  }

  private async moveContract(m: EntityManager, contract: Contract, action: 'complete' | 'reopen'): Promise<ContractStatus> {
    const to = transition(contract.status, action);
    await updateVersioned(m, 'contracts', contract.id, contract.version, { status: to, completed_at: action === 'complete' ? new Date() : null });
    return to;
  }
}
