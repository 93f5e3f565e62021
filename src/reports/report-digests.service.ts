import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { Actor } from '../access/actor';
import { grantingRoles } from '../access/policy';
import type { RoleCode } from '../access/roles';
import type { ListQueryDto, Page } from '../common/pagination';
import { periodBounds } from '../common/time';
import type { JobContext } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { OutboxService } from '../notifications/outbox.service';
import type { ReportDigestDto } from './dto/report.dto';
import { SalesReportService } from './sales-report.service';

/** The managers who get the weekly digest: holders of report.sales at department scope (the three 经理) and the 总经理. */
const digestRoles = () =>
  grantingRoles('report.sales')
    .filter((g) => g.scope === 'department' || g.role === 'gm')
    .map((g) => g.role);

/**
 * `reports.weekly-digest` (Mondays 08:00): last week's sales report, computed for each manager under
 * their own scope, stored for them (one per manager and week), with a task saying it is ready.
 */
@Injectable()
export class ReportDigestsService implements OnModuleInit {
  constructor(
    @InjectReadDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly sales: SalesReportService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'reports.weekly-digest',
      description: '每周一生成上周销售周报，按各经理的数据范围保存并通知',
      cron: '0 8 * * 1',
      slotFor: (asOf, _now, tz) => periodBounds('week', asOf, tz).from,
      run: (ctx) => this.weeklyDigest(ctx),
    });
  }

  async weeklyDigest({ asOf, tz, manager: m }: JobContext) {
    const thisMonday = periodBounds('week', asOf, tz).from;
    const previousMonday = new Date(Date.parse(`${thisMonday}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const managers: { id: string; role: RoleCode; department: Actor['department'] }[] = await m.query(
      `SELECT id, role, department FROM users WHERE active AND role = ANY($1) ORDER BY id`,
      [digestRoles()],
    );
    let stored = 0;
    for (const u of managers) {
      const report = await this.sales.report(u, 'week', previousMonday, 'owner', m);
      const inserted: unknown[] = await m.query(
        `INSERT INTO report_digests (kind, period_from, recipient_id, content) VALUES ('weekly-sales', $1, $2, $3)
         ON CONFLICT (kind, period_from, recipient_id) DO NOTHING RETURNING id`,
        [report.from, u.id, JSON.stringify(report)],
      );
      if (!inserted.length) continue;
      stored++;
      const task: { id: string }[] = await m.query(
        `INSERT INTO tasks (assignee_id, kind, title, cause_key) VALUES ($1, 'report.digest', $2, $3) ON CONFLICT (cause_key) DO NOTHING RETURNING id`,
        [u.id, `上周销售周报（${report.from} 至 ${report.to}）已生成`, `weekly-digest:${report.from}:${u.id}`],
      );
      await this.outbox.enqueueTasks(m, task.map((t) => t.id));
    }
    return { week: previousMonday, managers: managers.length, stored };
  }

  async mine(actor: Actor, q: ListQueryDto): Promise<Page<ReportDigestDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM report_digests WHERE recipient_id = $1', [actor.id]);
    const rows = await this.ds.query(
      `SELECT id, kind, to_char(period_from, 'YYYY-MM-DD') AS period_from, content, created_at FROM report_digests
       WHERE recipient_id = $1 ORDER BY period_from DESC, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [actor.id],
    );
    return {
      items: rows.map((r: Record<string, any>): ReportDigestDto => ({ id: r.id, kind: r.kind, periodFrom: r.period_from, report: r.content, createdAt: new Date(r.created_at).toISOString() })),
      total,
      totalExact: true,
      page,
      pageSize,
    };
  }
}
