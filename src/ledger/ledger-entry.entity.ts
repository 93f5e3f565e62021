import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Department } from '../access/roles';

export const LEDGER_KINDS = ['sale', 'payment', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** 销售台账: append-only; debit = owed by a signed contract, credit = received (negative for a reversal). */
@Entity('ledger_entries')
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @Column({ name: 'payment_id', type: 'uuid', nullable: true }) paymentId: string | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ type: 'varchar' }) kind: LedgerKind;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) debit: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) credit: string;
  @Column({ type: 'varchar' }) description: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
