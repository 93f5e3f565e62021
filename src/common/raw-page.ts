import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import { CAPPED_COUNT_COLUMN, cappedCountSql, listCountCap, listTotal } from './list-total';
import type { ListQueryDto, Page } from './pagination';

/** A list in plain SQL: what to select, from where, the conditions and their positional parameters, the order. */
export interface RawList {
  select: string;
  from: string;
  where: string[];
  params: unknown[];
  /** ORDER BY expression, ending with a unique column so pages are stable */
  order: string;
}

/**
 * One page of a list written in plain SQL, with the total of the list convention (list-total.ts):
 * the page and its capped count in one statement. For the busiest lists, where building the query
 * through the ORM costs more than running it.
 */
export async function rawPage<T>(ds: DataSource, list: RawList, query: ListQueryDto, map: (row: Record<string, any>) => T): Promise<Page<T>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const cap = listCountCap(ds);
  const where = list.where.length ? list.where.join(' AND ') : 'TRUE';
  const source = `SELECT 1 FROM ${list.from} WHERE ${where}`;
  const rows: Record<string, any>[] = await ds.query(
    `SELECT ${list.select}, ${cappedCountSql(source, cap)} AS ${CAPPED_COUNT_COLUMN} FROM ${list.from} WHERE ${where}
     ORDER BY ${list.order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    list.params,
  );
  const capped = rows.length ? Number(rows[0][CAPPED_COUNT_COLUMN]) : null;
  const { total, totalExact } = await listTotal(ds, { sql: source, params: list.params }, { page, pageSize, rows: rows.length, capped }, cap);
  return { items: rows.map(map), total, totalExact, page, pageSize };
}

/**
 * The entity of a row of its table (`SELECT alias.*`): each column's value under its property
 * name, as the driver returned it. For entities whose columns need no conversion beyond the
 * driver's (no transformers, no JSON-as-text columns).
 */
export function entityOfRow<E extends ObjectLiteral>(meta: EntityMetadata, row: Record<string, unknown>): E {
  const e = meta.create() as E;
  for (const c of meta.columns) (e as Record<string, unknown>)[c.propertyName] = row[c.databaseName];
  return e;
}
