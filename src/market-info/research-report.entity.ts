import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ResearchStatus } from './research-report-rules';

/** 市场调查报告: written by its owner in the owner's department, reviewed by the department's 经理. */
@Entity('research_reports')
export class ResearchReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) title: string;
  @Column({ type: 'varchar' }) topic: string;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ type: 'varchar', nullable: true }) body: string | null;
  @Column({ type: 'varchar', nullable: true }) conclusions: string | null;
  @Column({ type: 'varchar' }) status: ResearchStatus;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: string;
  @Column({ name: 'submission_round', type: 'integer' }) submissionRound: number;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_comment', type: 'varchar', nullable: true }) decisionComment: string | null;
  @Column({ name: 'return_count', type: 'integer' }) returnCount: number;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
