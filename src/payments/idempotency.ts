import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';

export const IdempotencyErrors = {
  reused: () =>
    new AppError(409, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key 已用于其他请求', '同一个 Idempotency-Key 只能用于内容完全相同的请求；请为新的请求使用新的键'),
  invalid: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', 'Idempotency-Key 必须是 1 到 200 个可见 ASCII 字符', {
      errors: [{ field: 'Idempotency-Key', message: 'Idempotency-Key 必须是 1 到 200 个可见 ASCII 字符' }],
    }),
};

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex');
}

/** JSON with sorted keys, so the same body sent with its keys in another order is the same request. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export type Replay<T> = { replay: true; status: number; body: T } | { replay: false };

/**
 * Claims (caller, key) inside the caller's transaction. A concurrent request with the same key waits
 * on the row until this transaction ends; if it committed, the stored response is replayed. A failed
 * request rolls its claim back, so a retry is evaluated afresh.
 */
export async function claimIdempotencyKey<T>(m: EntityManager, actorId: string, key: string, route: string, hash: string): Promise<Replay<T>> {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw IdempotencyErrors.invalid();
  const inserted: unknown[] = await m.query(
    `INSERT INTO idempotency_keys (actor_id, key, route, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
    [actorId, key, route, hash],
  );
  if (inserted.length) return { replay: false };
  const [row]: { route: string; request_hash: string; status_code: number; response: T }[] = await m.query(
    'SELECT route, request_hash, status_code, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2',
    [actorId, key],
  );
  if (row.route !== route || row.request_hash !== hash) throw IdempotencyErrors.reused();
  return { replay: true, status: row.status_code, body: row.response };
}

export async function storeIdempotentResponse(m: EntityManager, actorId: string, key: string, status: number, body: unknown): Promise<void> {
  await m.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE actor_id = $1 AND key = $2', [actorId, key, status, JSON.stringify(body)]);
}
