import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';
import type { ProspectStatus } from './prospect-status';

@Entity('prospects')
export class Prospect {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'company_name', type: 'varchar' }) companyName: string;
  @Column({ name: 'name_key', type: 'varchar' }) nameKey: string;
  @Column({ type: 'char', length: 18, nullable: true }) uscc: string | null;
  @Column({ name: 'contact_name', type: 'varchar' }) contactName: string;
  @Column({ name: 'contact_phone', type: 'varchar' }) contactPhone: string;
  @Column({ name: 'phone_key', type: 'varchar' }) phoneKey: string;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ type: 'varchar', nullable: true }) industry: string | null;
  @Column({ type: 'varchar', nullable: true }) source: string | null;
  @Column({ type: 'varchar', nullable: true }) notes: string | null;
  @Column({ type: 'varchar' }) status: ProspectStatus;
  /** Null while the prospect is in the shared pool (公海). */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'registered_capital', type: 'numeric', precision: 14, scale: 2, nullable: true }) registeredCapital: string | null;
  @Column({ name: 'capital_verified', type: 'boolean', default: false }) capitalVerified: boolean;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId: string | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  @Column({ name: 'released_from', type: 'uuid', nullable: true }) releasedFrom: string | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz' }) lastActivityAt: Date;
  /** 登记来源: the campaign and channel it was registered through (src/campaigns/attribution.ts). */
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId: string | null;
  @Column({ name: 'channel_id', type: 'uuid', nullable: true }) channelId: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('prospect_evaluations')
export class ProspectEvaluation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'prospect_id', type: 'uuid' }) prospectId: string;
  @Column({ name: 'evaluator_id', type: 'uuid' }) evaluatorId: string;
  @Column({ name: 'registered_capital', type: 'numeric', precision: 14, scale: 2, nullable: true }) registeredCapital: string | null;
  @Column({ name: 'capital_verified', type: 'boolean' }) capitalVerified: boolean;
  @Column({ type: 'smallint' }) score: number;
  @Column({ type: 'varchar' }) conclusion: 'pass' | 'fail' | 'pending';
  @Column({ type: 'varchar' }) notes: string;
  @Column({ name: 'status_before', type: 'varchar' }) statusBefore: ProspectStatus;
  @Column({ name: 'status_after', type: 'varchar' }) statusAfter: ProspectStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
