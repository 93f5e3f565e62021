import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MarketInfoCategory, MarketInfoStatus } from './market-info-rules';

/**
 * 市场信息: one piece of market information, collected by its owner (the writer) in the owner's
 * department, read by department (marketinfo.read), kept up to date by the department's curators.
 */
@Entity('market_info')
export class MarketInfo {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) category: MarketInfoCategory;
  @Column({ type: 'varchar' }) title: string;
  @Column({ type: 'varchar' }) body: string;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ type: 'varchar', nullable: true }) industry: string | null;
  @Column({ type: 'varchar', nullable: true }) source: string | null;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId: string | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: string;
  @Column({ type: 'varchar' }) status: MarketInfoStatus;
  /** Set by the stale check (过时); cleared by an update or a curator's confirmation. */
  @Column({ name: 'stale_since', type: 'timestamptz', nullable: true }) staleSince: Date | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
