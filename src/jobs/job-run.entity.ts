import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One run of a job for one slot; the unique (job, slot) key makes each slot run once. */
@Entity('job_runs')
export class JobRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar' }) job: string;
  @Column({ type: 'varchar' }) slot: string;
  @Column({ name: 'as_of', type: 'date' }) asOf: string;
  @Column({ type: 'varchar' }) status: 'running' | 'succeeded' | 'failed';
  @Column({ type: 'varchar' }) trigger: 'schedule' | 'manual';
  @Column({ name: 'triggered_by', type: 'uuid', nullable: true }) triggeredBy: string | null;
  @Column({ type: 'jsonb', nullable: true }) summary: Record<string, unknown> | null;
  @Column({ type: 'varchar', nullable: true }) error: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
