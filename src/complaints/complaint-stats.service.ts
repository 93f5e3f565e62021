import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { positionalScope } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { startOfDayIn } from '../common/time';
import { complaintReadScope } from './complaint-scope';
import type { ComplaintStatsDto } from './dto/complaint.dto';

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * 投诉统计 for managers, in SQL under the caller's complaint.read scope: counts by status, average
 * hours to resolution, the share that missed (or are missing) their deadline, and the approved
 * compensation total. `from`/`to` select by the day the complaint came in (BUSINESS_TZ).
 */
@Injectable()
export class ComplaintStatsService {
  constructor(
    @InjectReadDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stats(actor: Actor, from?: string, to?: string): Promise<ComplaintStatsDto> {
    const params: unknown[] = [];
    const where = [positionalScope(complaintReadScope(actor), params)];
    if (from) where.push(`p.created_at >= $${params.push(startOfDayIn(from, this.config.businessTz))}`);
    if (to) where.push(`p.created_at < $${params.push(startOfDayIn(nextDay(to), this.config.businessTz))}`);
    const rows = await this.ds.query(
      `SELECT p.department,
              count(*)::int AS total,
              count(*) FILTER (WHERE p.status = 'open')::int AS open,
              count(*) FILTER (WHERE p.status = 'in_progress')::int AS in_progress,
              count(*) FILTER (WHERE p.status = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE p.status = 'closed')::int AS closed,
              count(*) FILTER (WHERE p.escalated)::int AS escalated,
              round((avg(extract(epoch FROM p.resolved_at - p.created_at) / 3600) FILTER (WHERE p.resolved_at IS NOT NULL))::numeric, 2)::text AS avg_resolution_hours,
              count(*) FILTER (WHERE COALESCE(p.resolved_at, now()) > p.due_at)::int AS breached,
              COALESCE(sum(p.compensation_amount) FILTER (WHERE p.compensation_status = 'approved'), 0)::numeric(14,2)::text AS compensation_total
       FROM complaints p WHERE ${where.join(' AND ')}
       GROUP BY ROLLUP (p.department) ORDER BY p.department NULLS LAST`,
      params,
    );
    const shape = (r: Record<string, any>) => ({
      total: r.total,
      open: r.open,
      inProgress: r.in_progress,
      resolved: r.resolved,
      closed: r.closed,
      escalated: r.escalated,
      averageResolutionHours: r.avg_resolution_hours,
      slaBreached: r.breached,
      slaBreachRate: r.total ? (r.breached / r.total).toFixed(4) : null,
      compensationTotal: r.compensation_total,
    });
    const total = rows.find((r: { department: string | null }) => r.department === null);
    return {
      from: from ?? null,
      to: to ?? null,
      byDepartment: rows.filter((r: { department: string | null }) => r.department !== null).map((r: Record<string, any>) => ({ department: r.department, ...shape(r) })),
      total: total ? shape(total) : shape({ total: 0, open: 0, in_progress: 0, resolved: 0, closed: 0, escalated: 0, avg_resolution_hours: null, breached: 0, compensation_total: '0.00' }),
    };
  }
}
