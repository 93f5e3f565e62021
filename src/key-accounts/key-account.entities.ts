import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** 大客户等级与服务标准 (KA-4.3, KA-4.9): thresholds and the service each tier is owed. */
@Entity('key_account_tiers')
export class KeyAccountTier {
  @PrimaryColumn({ type: 'varchar' }) code: string;
  @Column({ type: 'varchar' }) name: string;
  /** 1 is the highest tier. */
  @Column({ type: 'smallint' }) rank: number;
  @Column({ name: 'min_annual_amount', type: 'numeric', precision: 14, scale: 2 }) minAnnualAmount: string;
  @Column({ name: 'visit_interval_days', type: 'smallint' }) visitIntervalDays: number;
  @Column({ name: 'complaint_response_hours', type: 'smallint' }) complaintResponseHours: number;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A proposed tier (or "not a key account") for a customer, pending the 大客户经理's decision. */
@Entity('tier_assessments')
export class TierAssessment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ name: 'current_tier_code', type: 'varchar', nullable: true }) currentTierCode: string | null;
  @Column({ name: 'proposed_tier_code', type: 'varchar', nullable: true }) proposedTierCode: string | null;
  @Column({ type: 'varchar' }) reason: string;
  @Column({ type: 'varchar' }) source: 'manual' | 'system';
  @Column({ name: 'trailing_amount', type: 'numeric', precision: 14, scale: 2, nullable: true }) trailingAmount: string | null;
  @Column({ name: 'proposed_by', type: 'uuid', nullable: true }) proposedBy: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ type: 'varchar' }) department: string;
  @Column({ type: 'varchar' }) status: 'pending' | 'approved' | 'rejected';
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_comment', type: 'varchar', nullable: true }) decisionComment: string | null;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
