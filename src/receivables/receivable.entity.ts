import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';

export const RECEIVABLE_STATUSES = ['open', 'partially_paid', 'paid', 'overdue'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

/** 应收 / 回款计划: one per payment-plan line of a signed contract. */
@Entity('receivables')
export class Receivable {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @Column({ name: 'plan_line_id', type: 'uuid' }) planLineId: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ type: 'smallint' }) seq: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ name: 'amount_due', type: 'numeric', precision: 14, scale: 2 }) amountDue: string;
  @Column({ name: 'amount_paid', type: 'numeric', precision: 14, scale: 2 }) amountPaid: string;
  @Column({ type: 'varchar' }) status: ReceivableStatus;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/**
 * A receivable's status from its amounts and due date, as SQL over `r` (one rule, used after every
 * payment, reversal and overdue scan). `$today` is the business date: overdue flips at midnight in
 * BUSINESS_TZ, the day after the due date.
 */
export const RECEIVABLE_STATUS_SQL = (today: string) => `CASE
  WHEN amount_paid >= amount_due THEN 'paid'
  WHEN due_date < ${today}::date THEN 'overdue'
  WHEN amount_paid > 0 THEN 'partially_paid'
  ELSE 'open' END`;
