import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';

export const VISIT_METHODS = ['phone', 'in_person', 'video', 'other'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const VISIT_METHOD_NAMES: Record<VisitMethod, string> = { phone: '电话', in_person: '面谈', video: '视频', other: '其他' };

/** 客户拜访记录表: one visit of a customer or a prospect, by its visitor (the owner of the record). */
@Entity('visits')
export class Visit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId: string | null;
  @Column({ name: 'prospect_id', type: 'uuid', nullable: true }) prospectId: string | null;
  @Column({ name: 'visitor_id', type: 'uuid' }) visitorId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ name: 'visited_at', type: 'timestamptz' }) visitedAt: Date;
  @Column({ type: 'varchar' }) method: VisitMethod;
  @Column({ type: 'varchar' }) purpose: string;
  @Column({ type: 'varchar' }) summary: string;
  @Column({ type: 'varchar', nullable: true }) issues: string | null;
  @Column({ type: 'varchar', nullable: true }) suggestions: string | null;
  @Column({ name: 'next_step', type: 'varchar', nullable: true }) nextStep: string | null;
  @Column({ name: 'next_visit_at', type: 'timestamptz', nullable: true }) nextVisitAt: Date | null;
  @Column({ name: 'location_lat', type: 'numeric', precision: 9, scale: 6, nullable: true }) locationLat: string | null;
  @Column({ name: 'location_lng', type: 'numeric', precision: 9, scale: 6, nullable: true }) locationLng: string | null;
  @Column({ name: 'location_address', type: 'varchar', nullable: true }) locationAddress: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true }) reviewerId: string | null;
  @Column({ name: 'review_comment', type: 'varchar', nullable: true }) reviewComment: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
