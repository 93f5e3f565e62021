import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const COMPLAINT_CHANNELS = ['phone', 'email', 'visit', 'letter', 'other'] as const;
export const COMPLAINT_CATEGORIES = ['product', 'service', 'delivery', 'billing', 'other'] as const;
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * 投诉: owned by its reporter (complaint.read own), handled by the department it was routed to —
 * 大客户部 for a key account, 销售部 otherwise (SAL-8.5, SAL-4.5, KA-4.5, KA-5.6).
 */
@Entity('complaints')
export class Complaint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ type: 'varchar' }) channel: (typeof COMPLAINT_CHANNELS)[number];
  @Column({ type: 'varchar' }) category: (typeof COMPLAINT_CATEGORIES)[number];
  @Column({ type: 'varchar' }) severity: ComplaintSeverity;
  @Column({ type: 'varchar' }) description: string;
  @Column({ type: 'varchar' }) status: ComplaintStatus;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  /** The handling department. */
  @Column({ type: 'varchar' }) department: 'sales' | 'key_account';
  @Column({ name: 'tier_code', type: 'varchar', nullable: true }) tierCode: string | null;
  @Column({ name: 'response_hours', type: 'smallint' }) responseHours: number;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'boolean' }) escalated: boolean;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ type: 'varchar', nullable: true }) resolution: string | null;
  @Column({ type: 'varchar', nullable: true }) measures: string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true }) resolvedBy: string | null;
  @Column({ name: 'compensation_amount', type: 'numeric', precision: 14, scale: 2, nullable: true }) compensationAmount: string | null;
  @Column({ name: 'compensation_status', type: 'varchar' }) compensationStatus: 'none' | 'proposed' | 'approved';
  @Column({ name: 'compensation_proposed_by', type: 'uuid', nullable: true }) compensationProposedBy: string | null;
  @Column({ name: 'compensation_approved_by', type: 'uuid', nullable: true }) compensationApprovedBy: string | null;
  @Column({ name: 'compensation_approved_at', type: 'timestamptz', nullable: true }) compensationApprovedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'smallint', nullable: true }) satisfaction: number | null;
  @Column({ name: 'reopen_count', type: 'integer' }) reopenCount: number;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
