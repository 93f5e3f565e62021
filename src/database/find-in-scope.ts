import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ScopeCondition } from '../access/scope';
import { CommonErrors } from '../common/app-error';

/**
 * The one record `id` of `qb`'s entity inside `scope`, optionally locked for update — or a 404 that
 * says nothing of whether it exists outside the scope. Every feature's single read goes through it.
 */
export async function findOneInScope<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  scope: Pick<ScopeCondition, 'sql' | 'params'>,
  id: string,
  what: string,
  lock = false,
): Promise<E> {
  qb.andWhere(`${qb.alias}.id = :id`, { id }).andWhere(scope.sql, scope.params);
  if (lock) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw CommonErrors.notFound(what);
  return row;
}
