import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';
import type { ContractStatus } from './contract-status';

@Entity('contracts')
export class Contract {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) number: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ type: 'varchar' }) title: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ type: 'varchar' }) status: ContractStatus;
  /** The drafter (业务员 or whoever drafted it): owns it and signs it. */
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'submission_round', type: 'integer' }) submissionRound: number;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt: Date | null;
  @Column({ name: 'termination_reason', type: 'varchar', nullable: true }) terminationReason: string | null;
  @Column({ name: 'archive_no', type: 'varchar', nullable: true }) archiveNo: string | null;
  @Column({ name: 'archive_location', type: 'varchar', nullable: true }) archiveLocation: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Column({ name: 'archived_by', type: 'uuid', nullable: true }) archivedBy: string | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('contract_plan_lines')
export class ContractPlanLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @Column({ type: 'smallint' }) seq: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount: string;
}

@Entity('contract_approvals')
export class ContractApproval {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId: string;
  @Column({ type: 'integer' }) round: number;
  @Column({ type: 'varchar' }) level: 'manager' | 'gm';
  @Column({ name: 'approver_id', type: 'uuid' }) approverId: string;
  @Column({ type: 'varchar' }) decision: 'approve' | 'reject';
  @Column({ type: 'varchar', nullable: true }) comment: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
}
