import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Department } from '../access/roles';

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) name: string;
  @Column({ name: 'name_key', type: 'varchar' }) nameKey: string;
  @Column({ type: 'char', length: 18, nullable: true }) uscc: string | null;
  @Column({ name: 'contact_name', type: 'varchar' }) contactName: string;
  @Column({ name: 'contact_phone', type: 'varchar' }) contactPhone: string;
  @Column({ name: 'phone_key', type: 'varchar' }) phoneKey: string;
  @Column({ type: 'varchar', nullable: true }) address: string | null;
  @Column({ type: 'varchar', nullable: true }) region: string | null;
  @Column({ type: 'varchar', nullable: true }) industry: string | null;
  @Column({ name: 'is_key_account', type: 'boolean', default: false }) isKeyAccount: boolean;
  @Column({ name: 'tier_code', type: 'varchar', nullable: true }) tierCode: string | null;
  @Column({ name: 'key_account_since', type: 'timestamptz', nullable: true }) keyAccountSince: Date | null;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'varchar' }) department: Department;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
