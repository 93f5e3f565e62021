import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per write (and per authorisation denial). Append-only: a trigger refuses UPDATE/DELETE. */
@Entity('audit_log')
export class AuditLog {
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar' })
  action: string;

  @Column({ type: 'varchar' })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'varchar', nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', nullable: true })
  ip: string | null;

  /** The version of the duty rules the request was decided under (SPEC §12); null for the system. */
  @Column({ name: 'policy_version', type: 'integer', nullable: true })
  policyVersion: number | null;
}
