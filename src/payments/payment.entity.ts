import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Department } from '../access/roles';

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'cheque', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment received (amount > 0) or the reversal of one (amount < 0, `reversesPaymentId` set). Never updated. */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'varchar' }) method: PaymentMethod;
  @Column({ type: 'varchar', nullable: true }) reference: string | null;
  @Column({ name: 'reverses_payment_id', type: 'uuid', nullable: true }) reversesPaymentId: string | null;
  @Column({ type: 'varchar', nullable: true }) reason: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
