import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';
import type { CampaignStatus, ChannelKind, ChannelStatus, PlanStatus } from './campaign-rules';

/** 渠道: owned by whoever opened it, in their department (the scope columns). */
@Entity('channels')
export class Channel {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) name: string;
  @Column({ type: 'varchar' }) kind: ChannelKind;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ type: 'varchar', nullable: true }) description: string | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ type: 'varchar' }) status: ChannelStatus;
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** 渠道维护方案: a plan of a channel, read and written under the channel's scope. */
@Entity('channel_plans')
export class ChannelPlan {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'channel_id', type: 'uuid' }) channelId: string;
  @Column({ type: 'varchar' }) title: string;
  /** "YYYY-MM-DD", as the database returns a date. */
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ type: 'varchar' }) actions: string;
  @Column({ type: 'varchar' }) status: PlanStatus;
  @Column({ type: 'varchar', nullable: true }) result: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'cancel_reason', type: 'varchar', nullable: true }) cancelReason: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** 推广活动: planned by a 主管, owned by them in their department. Money as numeric text. */
@Entity('campaigns')
export class Campaign {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) name: string;
  @Column({ name: 'channel_id', type: 'uuid', nullable: true }) channelId: string | null;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ name: 'target_audience', type: 'varchar', nullable: true }) targetAudience: string | null;
  @Column({ name: 'target_prospects', type: 'integer', nullable: true }) targetProspects: number | null;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) budget: string;
  @Column({ name: 'actual_cost', type: 'numeric', precision: 14, scale: 2, nullable: true }) actualCost: string | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ type: 'varchar' }) status: CampaignStatus;
  @Column({ type: 'varchar', nullable: true }) conclusion: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'cancel_reason', type: 'varchar', nullable: true }) cancelReason: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
