import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonErrors } from './app-error';

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
  total: number;
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
    @ApiProperty({ type: 'integer', description: '符合条件的总条数', example: 42 }) total: number;
    @ApiProperty({ type: 'integer', description: '页码，从 1 开始', example: 1 }) page: number;
    @ApiProperty({ type: 'integer', description: '每页条数', example: 20 }) pageSize: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name.replace(/(Response)?Dto$/, '')}PageDto` });
  pageClasses.set(item, PageOfItems);
  return PageOfItems;
}

/**
 * Applies sort and paging to a query builder and reads one page plus the total: two queries,
 * whatever the page size. `sortable` maps API field names to SQL expressions; the id breaks ties
 * so pages are stable.
 */
export async function paginate<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  query: ListQueryDto,
  sortable: Record<string, string>,
  defaultSort: string,
  map: (row: E) => T,
): Promise<Page<T>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const total = await countRows(qb);
  applySort(qb, query.sort ?? defaultSort, sortable);
  const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getMany();
  return { items: rows.map(map), total, page, pageSize };
}

/**
 * Like `paginate`, for queries that join display columns (names) beside the entity: one query for
 * the page (entities and raw joined columns together), one for the total.
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
  const total = await countRows(qb);
  applySort(qb, query.sort ?? defaultSort, sortable);
  const { entities, raw } = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities();
  return { items: entities.map((e, i) => map(e, raw[i])), total, page, pageSize };
}

/**
 * `count(*)` over the query's rows — not TypeORM's `COUNT(DISTINCT id)`, which costs a sort or hash
 * of every matching id on large lists.
 */
export async function countRows<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<number> {
  const row: { n: number } | undefined = await qb.clone().orderBy().offset(undefined).limit(undefined).select('count(*)::int', 'n').getRawOne();
  return row?.n ?? 0;
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
