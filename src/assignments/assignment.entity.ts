import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AssignmentKind, AssignmentPriority, AssignmentStatus, RequestDepartment } from './assignment-rules';

/** The records a client may link an assignment to (checked against the assigner's scope). */
export const LINK_ENTITIES = ['customer', 'prospect', 'contract', 'complaint', 'visit'] as const;
export type LinkEntity = (typeof LINK_ENTITIES)[number];
/** Every record an assignment may point back to: the client's links, and — set by the product only — the meeting whose action item it is (会议纪要). */
export const SOURCE_ENTITIES = [...LINK_ENTITIES, 'meeting'] as const;
export type SourceEntity = (typeof SOURCE_ENTITIES)[number];

/**
 * 交办事项: work handed by an assigner to an assignee, or a 协作请求 addressed to another
 * department's 经理. Scoped by the assignee (assignee_id, department = the assignee's department);
 * the assigner always sees what they handed out.
 */
@Entity('assignments')
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) kind: AssignmentKind;
  @Column({ type: 'varchar' }) title: string;
  @Column({ type: 'varchar', nullable: true }) description: string | null;
  @Column({ type: 'varchar' }) priority: AssignmentPriority;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  /** The business day of due_at (BUSINESS_TZ), as the database returns a date: "YYYY-MM-DD". */
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'varchar' }) status: AssignmentStatus;
  @Column({ name: 'assigner_id', type: 'uuid' }) assignerId: string;
  @Column({ name: 'assignee_id', type: 'uuid' }) assigneeId: string;
  @Column({ type: 'varchar' }) department: string;
  @Column({ name: 'to_department', type: 'varchar', nullable: true }) toDepartment: RequestDepartment | null;
  @Column({ name: 'delegated_by', type: 'uuid', nullable: true }) delegatedBy: string | null;
  @Column({ type: 'varchar', nullable: true }) entity: SourceEntity | null;
  @Column({ name: 'entity_id', type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'return_count', type: 'integer' }) returnCount: number;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
