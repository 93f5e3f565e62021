import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonErrors } from './app-error';
import { CAPPED_COUNT_COLUMN, cappedCountSql, listCountCap, listTotal } from './list-total';

/** `?page=1&pageSize=20&sort=-createdAt` — the list convention of SPEC §5. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是整数' })
  @Min(1, { message: 'page 最小为 1' })
  @Max(100000, { message: 'page 最大为 100000' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是整数' })
  @Min(1, { message: 'pageSize 最小为 1' })
  @Max(100, { message: 'pageSize 最大为 100' })
  pageSize?: number;

  @ApiPropertyOptional({ description: '排序字段，前缀 - 表示倒序，如 -createdAt' })
  @IsOptional()
  @MaxLength(40)
  @Matches(/^-?[A-Za-z]+$/, { message: 'sort 格式为 field 或 -field' })
  sort?: string;
}

export interface Page<T> {
  items: T[];
  /** Exact when `totalExact`; otherwise the planner's estimate (never below what is known to exist). */
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

const pageClasses = new Map<Class, Class<Page<unknown>>>();

/**
 * The OpenAPI schema of a page of `item`: one named class per item type (`ProspectResponseDto` →
 * `ProspectPageDto`), made once and reused, so every list of prospects shares one schema.
 */
export function PageDto<T>(item: Class<T>): Class<Page<T>> {
  const cached = pageClasses.get(item);
  if (cached) return cached as Class<Page<T>>;
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: 'integer', description: '符合条件的总条数；totalExact 为 false 时是估计值（约数）', example: 42 }) total: number;
    @ApiProperty({ description: 'total 是否精确：条数超过上限（LIST_COUNT_CAP）时只估计，为 false', example: true }) totalExact: boolean;
    @ApiProperty({ type: 'integer', description: '页码，从 1 开始', example: 1 }) page: number;
    @ApiProperty({ type: 'integer', description: '每页条数', example: 20 }) pageSize: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name.replace(/(Response)?Dto$/, '')}PageDto` });
  pageClasses.set(item, PageOfItems);
  return PageOfItems;
}

/**
 * Applies sort and paging to a query builder and reads one page with its total: one query for the
 * page and the capped count together (the total is exact up to the cap), plus an EXPLAIN only when
 * the rows pass the cap. `sortable` maps API field names to SQL expressions; the id breaks ties so
 * pages are stable.
 */
export async function paginate<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  sortable: Record<string, string>,
  defaultSort: string,
  map: (row: E) => T,
): Promise<Page<T>> {
  return paginateJoined(qb, query, sortable, defaultSort, (e) => map(e));
}

/**
 * Like `paginate`, for queries that join display columns (names) beside the entity: the entities
 * and the raw joined columns of one page together.
 */
export async function paginateJoined<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  sortable: Record<string, string>,
  defaultSort: string,
  map: (row: E, raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const cap = listCountCap(qb.connection);
  const source = countSource(qb);
  applySort(qb, query.sort ?? defaultSort, sortable);
  qb.addSelect(cappedCountSql(source.getQuery(), cap), CAPPED_COUNT_COLUMN);
  const { entities, raw } = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities();
  const capped = raw.length ? Number(raw[0][CAPPED_COUNT_COLUMN]) : null;
  const sourceOf = () => {
    const [sql, params] = source.getQueryAndParameters();
    return { sql, params };
  };
  const { total, totalExact } = await listTotal(qb.connection, sourceOf, { page, pageSize, rows: entities.length, capped }, cap);
  return { items: entities.map((e, i) => map(e, raw[i])), total, totalExact, page, pageSize };
}

/** The query's rows as `SELECT 1`, without order or paging: what its total counts. */
function countSource<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  return qb.clone().orderBy().offset(undefined).limit(undefined).select('1');
}

/** `sort` (`field` or `-field`) as a column of `sortable` and a direction; any other field is a 400 naming the choices. */
export function sortColumn(sort: string, sortable: Record<string, string>): { column: string; dir: 'ASC' | 'DESC' } {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const column = sortable[field];
  if (!column) {
    throw CommonErrors.validation([{ field: 'sort', message: `不能按 ${field} 排序，可选: ${Object.keys(sortable).join(', ')}` }]);
  }
  return { column, dir: desc ? 'DESC' : 'ASC' };
}

export function applySort<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, sort: string, sortable: Record<string, string>): void {
  const { column, dir } = sortColumn(sort, sortable);
  qb.orderBy(column, dir).addOrderBy(`${qb.alias}.id`, dir);
}
