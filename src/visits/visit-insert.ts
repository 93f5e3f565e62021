import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { auditInsertSql } from '../audit/audit.service';
import { Visit } from './visit.entity';

/** A timestamp as JavaScript's `toISOString` writes it (milliseconds, UTC): both truncate the microseconds. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * 填写客户拜访记录表 as one statement, so the write needs no transaction of its own and one round
 * trip: the target (customer or prospect) in the caller's read scope, a prospect's first contact
 * (new → contacting), the visit, and its audit row — all or nothing; no row back means the target
 * is not in reach. The audit row's `after` is `known` (the response as far as the request tells
 * it: the response of the draft `v`) with what only the database knows — id, names, version,
 * timestamps — laid over it, so it is the response the caller gets.
 */
export function insertVisitSql(actor: Actor, v: Visit, known: object): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const target = v.customerId
    ? `SELECT c.id, c.name AS target_name FROM customers c WHERE c.id = ${p(v.customerId)}
         AND ${positionalScope(scopeCondition(actor, 'customer.read', { owner: 'c.owner_id', department: 'c.department' }), params)}`
    : `SELECT pr.id, pr.company_name AS target_name FROM prospects pr WHERE pr.id = ${p(v.prospectId)}
         AND ${positionalScope(scopeCondition(actor, 'prospect.read', { owner: 'pr.owner_id', department: 'pr.department' }), params)}`;
  // a first visit moves a new prospect to `contacting`; any visit counts as its activity
  const touch = v.prospectId
    ? `, touched AS (
         UPDATE prospects SET last_activity_at = now(),
           status = CASE WHEN status = 'new' THEN 'contacting' ELSE status END,
           version = CASE WHEN status = 'new' THEN version + 1 ELSE version END
         WHERE id = (SELECT id FROM target) RETURNING id)`
    : '';
  const values = [
    p(v.customerId),
    p(v.prospectId),
    p(actor.id),
    p(actor.department),
    p(v.visitedAt),
    p(v.method),
    p(v.purpose),
    p(v.summary),
    p(v.issues),
    p(v.suggestions),
    p(v.nextStep),
    p(v.nextVisitAt),
    `${p(v.locationLat)}::numeric`,
    `${p(v.locationLng)}::numeric`,
    p(v.locationAddress),
  ];
  const after = `${p(JSON.stringify(known))}::jsonb || jsonb_build_object('id', s.id, 'targetName', s.target_name, 'visitorName', s.visitor_name,
       'version', s.version, 'createdAt', ${iso('s.created_at')}, 'updatedAt', ${iso('s.updated_at')})`;
  const sql = `WITH target AS (${target})${touch},
     v AS (
       INSERT INTO visits (customer_id, prospect_id, visitor_id, department, visited_at, method, purpose, summary, issues, suggestions,
                           next_step, next_visit_at, location_lat, location_lng, location_address)
       SELECT ${values.join(', ')} FROM target
       RETURNING *
     ),
     saved AS (
       SELECT v.*, t.target_name, COALESCE(u.display_name, '') AS visitor_name
       FROM v JOIN target t ON true LEFT JOIN users u ON u.id = v.visitor_id
     ),
     audit AS (${auditInsertSql(actor, 'visit.create', 'visit', { from: 'saved s', entityId: 's.id', after }, p)})
     SELECT * FROM saved`;
  return { sql, params };
}

/** The visit of a row of `visits` (snake_case columns, as RETURNING gives them). */
export function visitOfRow(r: Record<string, any>): Visit {
  return Object.assign(new Visit(), {
    id: r.id,
    customerId: r.customer_id,
    prospectId: r.prospect_id,
    visitorId: r.visitor_id,
    department: r.department,
    visitedAt: r.visited_at,
    method: r.method,
    purpose: r.purpose,
    summary: r.summary,
    issues: r.issues,
    suggestions: r.suggestions,
    nextStep: r.next_step,
    nextVisitAt: r.next_visit_at,
    locationLat: r.location_lat,
    locationLng: r.location_lng,
    locationAddress: r.location_address,
    reviewedAt: r.reviewed_at,
    reviewerId: r.reviewer_id,
    reviewComment: r.review_comment,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}
