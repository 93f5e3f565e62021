import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { CommonErrors } from '../common/app-error';
import type { Page } from '../common/pagination';
import { businessDate } from '../common/time';
import { escapeLike } from '../users/users.service';
import type { KeyAccountDto, ListKeyAccountsQueryDto } from './dto/key-account.dto';

/**
 * The date a key account's next visit is due (KA-5.1, KA-6.3): its tier's visit interval after the
 * last visit — or after it became a key account, if never visited since — as a business date.
 * `$tz` is the business time zone parameter.
 */
export const NEXT_VISIT_DUE_SQL = (tz: string) =>
  `((GREATEST(lv.last_visit, COALESCE(c.key_account_since, c.created_at)) AT TIME ZONE ${tz})::date + t.visit_interval_days)`;

export const LAST_VISIT_JOIN = `LEFT JOIN LATERAL (SELECT max(v.visited_at) AS last_visit FROM visits v WHERE v.customer_id = c.id) lv ON true`;

@Injectable()
export class KeyAccountsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `GET /key-accounts`: tier, owner, last visit, next visit due and whether it is overdue. */
  async list(actor: Actor, q: ListKeyAccountsQueryDto): Promise<Page<KeyAccountDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [this.config.businessTz, businessDate(new Date(), this.config.businessTz)];
    const where = ['c.is_key_account', positionalScope(scopeCondition(actor, 'tier.read', { owner: 'c.owner_id', department: 'c.department' }), params)];
    if (q.tierCode) where.push(`c.tier_code = $${params.push(q.tierCode)}`);
    if (q.ownerId) where.push(`c.owner_id = $${params.push(q.ownerId)}`);
    if (q.q) where.push(`c.name ILIKE $${params.push(`%${escapeLike(q.q)}%`)} ESCAPE '\\'`);
    const due = NEXT_VISIT_DUE_SQL('$1');
    if (q.visitOverdue) where.push(`(${due} < $2::date) = ${q.visitOverdue === 'true'}`);
    const sortable: Record<string, string> = { name: 'c.name', nextVisitDue: 'next_visit_due', tier: 't.rank', lastVisit: 'lv.last_visit' };
    const sort = q.sort ?? 'nextVisitDue';
    const field = sort.replace(/^-/, '');
    if (!sortable[field]) {
      throw CommonErrors.validation([{ field: 'sort', message: `不能按 ${field} 排序，可选: ${Object.keys(sortable).join(', ')}` }]);
    }
    const from = `FROM customers c JOIN key_account_tiers t ON t.code = c.tier_code JOIN users u ON u.id = c.owner_id ${LAST_VISIT_JOIN} WHERE ${where.join(' AND ')}`;
    // $1 (time zone) and $2 (today) appear in the count only with the visitOverdue filter; an
    // unreferenced parameter has no type and Postgres refuses the query, so they are named here
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total, $1::text AS tz, $2::date AS today ${from}`, params);
    const rows = await this.ds.query(
      `SELECT c.id, c.name, c.tier_code, t.name AS tier_name, t.rank, t.visit_interval_days, c.owner_id, u.display_name AS owner_name,
              c.department, c.key_account_since, lv.last_visit, to_char(${due}, 'YYYY-MM-DD') AS next_visit_due, ${due} < $2::date AS visit_overdue
       ${from} ORDER BY ${sortable[field]} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map((r: Record<string, any>): KeyAccountDto => ({
        customerId: r.id,
        name: r.name,
        tierCode: r.tier_code,
        tierName: r.tier_name,
        tierRank: r.rank,
        visitIntervalDays: r.visit_interval_days,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        department: r.department,
        keyAccountSince: r.key_account_since ? new Date(r.key_account_since).toISOString() : null,
        lastVisitAt: r.last_visit ? new Date(r.last_visit).toISOString() : null,
        nextVisitDue: r.next_visit_due,
        visitOverdue: r.visit_overdue,
      })),
      total,
      totalExact: true,
      page,
      pageSize,
    };
  }
}
