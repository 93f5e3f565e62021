import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 待办: made by workflow events and jobs, one per cause (a unique cause key), for one assignee. */
@Entity('tasks')
export class Task {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'assignee_id', type: 'uuid' }) assigneeId: string;
  @Column({ type: 'varchar' }) kind: string;
  @Column({ type: 'varchar' }) title: string;
  @Column({ type: 'varchar', nullable: true }) entity: string | null;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ name: 'cause_key', type: 'varchar' }) causeKey: string;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ type: 'varchar' }) status: 'open' | 'done';
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
