import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { paginateJoined, Page } from '../common/pagination';
import { AuditLog } from './audit-log.entity';
import type { AuditEntryDto, ListAuditQueryDto } from './audit.dto';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** Who did it, when they are not a signed-in user (start-up bootstrap, scheduled jobs). */
export interface SystemActor {
  id: null;
  role: 'system';
  requestId: string | null;
  ip: null;
}

/** The part of the caller an audit row keeps. */
export type AuditActor = (Pick<Actor, 'id' | 'role' | 'requestId' | 'ip'> & { policyVersion?: number }) | SystemActor;

/** The version of the rules a signed-in caller's request was decided under; none for the system. */
const policyVersionOf = (actor: AuditActor): number | null => ('policyVersion' in actor ? (actor.policyVersion ?? null) : null);

/**
 * The audit row of a change made in one SQL statement, as its own data-modifying CTE body: an
 * `INSERT … SELECT` over `from` (the CTE holding the changed row), `entityId` and `after` being SQL
 * expressions over it. Same columns as `record`; `param` adds a positional parameter and returns its
 * placeholder. The caller's snapshot must hold no secrets (`record` would drop them).
 */
export function auditInsertSql(actor: AuditActor, action: string, entity: string, row: { from: string; entityId: string; after: string }, param: (value: unknown) => string): string {
  return `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, before, after, request_id, ip, policy_version)
       SELECT ${param(actor.id)}, ${param(actor.role)}, ${param(action)}, ${param(entity)}, ${row.entityId}, NULL, ${row.after},
              ${param(actor.requestId)}, ${param(actor.ip)}, ${param(policyVersionOf(actor))}
       FROM ${row.from}`;
}

const SECRET_KEYS = new Set(['password', 'passwordHash', 'password_hash']);

/** Drops secrets from before/after snapshots; everything else is kept as it was. */
function redact(value: object | null | undefined): object | null {
  if (value === null || value === undefined) return null;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEYS.has(k)));
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Writes the audit row through the caller's transaction manager, so the row commits or rolls
   * back with the change it records.
   */
  async record(manager: EntityManager, actor: AuditActor, rec: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, before, after, request_id, ip, policy_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor.id,
        actor.role,
        rec.action,
        rec.entity,
        rec.entityId ?? null,
        rec.before ? JSON.stringify(redact(rec.before)) : null,
        rec.after ? JSON.stringify(redact(rec.after)) : null,
        actor.requestId,
        actor.ip,
        policyVersionOf(actor),
      ],
    );
  }

  /**
   * Many audit rows of one actor in one statement, through the caller's transaction (an import's
   * batch: one row per record it creates).
   */
  async recordMany(manager: EntityManager, actor: AuditActor, recs: AuditRecord[]): Promise<void> {
    if (!recs.length) return;
    const params: unknown[] = [actor.id, actor.role, actor.requestId, actor.ip, policyVersionOf(actor)];
    const tuples = recs.map((rec) => {
      params.push(rec.action, rec.entity, rec.entityId ?? null, rec.before ? JSON.stringify(redact(rec.before)) : null, rec.after ? JSON.stringify(redact(rec.after)) : null);
      const n = params.length;
      return `($1, $2, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::jsonb, $3, $4, $5)`;
    });
    await manager.query(`INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, before, after, request_id, ip, policy_version) VALUES ${tuples.join(', ')}`, params);
  }

  /** Authorisation denials are logged on their own: there is no change to ride along with. */
  async recordDenial(actor: Actor, permission: string, method: string, url: string): Promise<void> {
    await this.record(this.ds.manager, actor, {
      action: 'access.denied',
      entity: 'permission',
      entityId: permission,
      after: { method, url: url.slice(0, 500) },
    });
  }

  async list(query: ListAuditQueryDto): Promise<Page<AuditEntryDto>> {
    // The actor's name beside each row (one join, no query per row), so a reader sees who, not an id.
    const qb = this.ds
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .leftJoin('users', 'actor', 'actor.id = a.actor_id')
      .addSelect('actor.display_name', 'actor_name');
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from || query.to) {
      qb.andWhere(
        new Brackets((w) => {
          if (query.from) w.andWhere('a.at >= :from', { from: query.from });
          if (query.to) w.andWhere('a.at < :to', { to: query.to });
        }),
      );
    }
    return paginateJoined(qb, query, { at: 'a.at', id: 'a.id' }, '-at', (a, raw) => ({
      id: a.id,
      at: a.at.toISOString(),
      actorId: a.actorId,
      actorName: (raw.actor_name as string | null) ?? null,
      actorRole: a.actorRole,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      before: a.before,
      after: a.after,
      requestId: a.requestId,
      policyVersion: a.policyVersion,
    }));
  }
}
