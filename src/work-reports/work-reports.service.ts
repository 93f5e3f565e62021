import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { grantFor } from '../access/policy';
import { positionalScope, scopeCondition } from '../access/scope';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { AppError, CommonErrors } from '../common/app-error';
import { fromCents, toCents } from '../common/money';
import type { Page } from '../common/pagination';
import { businessDate, periodBounds } from '../common/time';
import { personAttainment } from '../targets/attainment';
import { periodOf, ratePercent } from '../targets/target-rules';
import type { ListWorkReportsQueryDto, SubmitWorkReportDto, WorkActivityDto, WorkReportDraftDto, WorkReportDto } from './dto/work-report.dto';

const SCOPE = { owner: 'w.owner_id', department: 'w.department' };

export const WorkReportsErrors = {
  duplicate: () => new AppError(409, 'WORK_REPORT_EXISTS', '本期已提交', '该期间的工作报告已经提交过'),
  reviewed: () => new AppError(409, 'WORK_REPORT_REVIEWED', '已审阅', '该工作报告已经审阅过'),
  selfReview: () => new AppError(403, 'WORK_REPORT_SELF_REVIEW', '无权审阅', '不能审阅自己的工作报告'),
};

/**
 * 周报、月报 (MKT-6.5, SAL-7.6, KA-6.5): a draft is generated from the caller's own activity in the
 * period; the submitted report keeps that activity as it was; a supervisor or manager reviews it.
 */
@Injectable()
export class WorkReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async draft(actor: Actor, period: 'week' | 'month', date?: string, m: EntityManager = this.ds.manager): Promise<WorkReportDraftDto> {
    const day = date ?? businessDate(new Date(), this.config.businessTz);
    const b = periodBounds(period, day, this.config.businessTz);
    const p = [actor.id, b.start, b.end];
    // One after another: inside a transaction they share one connection.
    const queries: [string, unknown[]][] = [
      [
        `SELECT v.id, v.visited_at, v.method, v.purpose, COALESCE(c.name, pr.company_name) AS target FROM visits v
         LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN prospects pr ON pr.id = v.prospect_id
         WHERE v.visitor_id = $1 AND v.visited_at >= $2 AND v.visited_at < $3 ORDER BY v.visited_at LIMIT 200`,
        p,
      ],
      [`SELECT id, company_name, status, created_at FROM prospects WHERE created_by = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at LIMIT 200`, p],
      [`SELECT count(*)::int AS n, COALESCE(sum(amount), 0)::text AS amount FROM contracts WHERE created_by = $1 AND created_at >= $2 AND created_at < $3`, p],
      [`SELECT count(*)::int AS n, COALESCE(sum(amount), 0)::text AS amount FROM contracts WHERE owner_id = $1 AND signed_at >= $2 AND signed_at < $3`, p],
      [`SELECT count(*)::int AS n FROM collections WHERE collector_id = $1 AND contacted_at >= $2 AND contacted_at < $3`, p],
      [`SELECT COALESCE(sum(amount), 0)::text AS amount FROM payments WHERE owner_id = $1 AND received_at >= $2 AND received_at < $3`, p],
    ];
    const results: Record<string, any>[][] = [];
    for (const [sql, params] of queries) results.push(await m.query(sql, params));
    const [visits, prospects, contracts, signed, collections, received] = results;
    const money = (v: string) => fromCents(toCents(String(v)));
    const activity: WorkActivityDto = {
      visits: { count: visits.length, items: visits.map((v: Record<string, any>) => ({ id: v.id, visitedAt: new Date(v.visited_at).toISOString(), method: v.method, purpose: v.purpose, target: v.target })) },
      prospectsRegistered: { count: prospects.length, items: prospects.map((r: Record<string, any>) => ({ id: r.id, companyName: r.company_name, status: r.status })) },
      contractsDrafted: { count: contracts[0].n, amount: money(contracts[0].amount) },
      contractsSigned: { count: signed[0].n, amount: money(signed[0].amount) },
      collectionsLogged: { count: collections[0].n },
      paymentsReceived: { amount: money(received[0].amount) },
    };
    const summary =
      `本${period === 'week' ? '周' : '月'}拜访客户 ${activity.visits.count} 次，登记潜在客户 ${activity.prospectsRegistered.count} 家，` +
      `拟定合同 ${activity.contractsDrafted.count} 份，签订合同 ${activity.contractsSigned.count} 份（${activity.contractsSigned.amount} 元），` +
      `催收 ${activity.collectionsLogged.count} 次，回款 ${activity.paymentsReceived.amount} 元。`;
    // the author's own targets for the month (a week: the month of the chosen day), from the records
    const month = periodOf('month', day);
    const a = await personAttainment(m, actor.id, 'month', month, this.config.businessTz);
    const attainment = a.items.length ? { periodType: 'month' as const, period: month, ...a } : null;
    const withRate = attainment?.rate ? `${summary}${month} 个人指标完成率 ${ratePercent(attainment.rate)}。` : summary;
    return { period, from: b.from, to: new Date(Date.parse(`${b.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), summary: withRate, activity, attainment };
  }

  async submit(actor: Actor, dto: SubmitWorkReportDto): Promise<WorkReportDto> {
    return this.ds
      .transaction(async (m) => {
        const d = await this.draft(actor, dto.period, dto.date, m);
        const [row] = await m.query(
          `INSERT INTO work_reports (owner_id, department, period, period_from, period_until, summary, plan, issues, activity)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [actor.id, actor.department, dto.period, d.from, d.to, dto.summary, dto.plan ?? null, dto.issues ?? null, JSON.stringify(d.activity)],
        );
        const out = await this.read(m, row.id);
        await this.audit.record(m, actor, { action: 'workreport.submit', entity: 'work_report', entityId: row.id, after: out });
        return out;
      })
      .catch((err: unknown) => {
        if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') throw WorkReportsErrors.duplicate();
        throw err;
      });
  }

  /** Own reports for a submitter; the team's or department's for a reviewer; nothing otherwise. */
  async list(actor: Actor, q: ListWorkReportsQueryDto): Promise<Page<WorkReportDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [this.visible(actor, params)];
    if (q.period) where.push(`w.period = $${params.push(q.period)}`);
    if (q.status) where.push(`w.status = $${params.push(q.status)}`);
    if (q.ownerId) where.push(`w.owner_id = $${params.push(q.ownerId)}`);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM work_reports w WHERE ${where.join(' AND ')}`, params);
    const ids: { id: string }[] = await this.ds.query(
      `SELECT w.id FROM work_reports w WHERE ${where.join(' AND ')} ORDER BY w.period_from DESC, w.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const items = ids.length ? await this.readMany(this.ds.manager, ids.map((r) => r.id)) : [];
    return { items, total, totalExact: true, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<WorkReportDto> {
    const params: unknown[] = [id];
    const rows = await this.ds.query(`SELECT w.id FROM work_reports w WHERE w.id = $1 AND ${this.visible(actor, params)}`, params);
    if (!rows.length) throw CommonErrors.notFound('工作报告');
    return this.read(this.ds.manager, id);
  }

  async review(actor: Actor, id: string, comment: string): Promise<WorkReportDto> {
    return this.ds.transaction(async (m) => {
      const params: unknown[] = [id];
      const scope = positionalScope(scopeCondition(actor, 'workreport.review', SCOPE), params);
      const [row] = await m.query(`SELECT w.owner_id, w.status FROM work_reports w WHERE w.id = $1 AND ${scope} FOR UPDATE`, params);
      if (!row) throw CommonErrors.notFound('工作报告');
      if (row.owner_id === actor.id) throw WorkReportsErrors.selfReview();
      if (row.status === 'reviewed') throw WorkReportsErrors.reviewed();
      const before = await this.read(m, id);
      await m.query(
        `UPDATE work_reports SET status = 'reviewed', reviewer_id = $2, review_comment = $3, reviewed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, actor.id, comment],
      );
      const after = await this.read(m, id);
      await this.audit.record(m, actor, { action: 'workreport.review', entity: 'work_report', entityId: id, before, after });
      return after;
    });
  }

  private visible(actor: Actor, params: unknown[]): string {
    const review = grantFor(actor.role, 'workreport.review') ? positionalScope(scopeCondition(actor, 'workreport.review', SCOPE), params) : 'FALSE';
    const own = grantFor(actor.role, 'workreport.submit') ? positionalScope(scopeCondition(actor, 'workreport.submit', SCOPE), params) : 'FALSE';
    return `(${review} OR ${own})`;
  }

  private async read(m: EntityManager, id: string): Promise<WorkReportDto> {
    return (await this.readMany(m, [id]))[0];
  }

  private async readMany(m: EntityManager, ids: string[]): Promise<WorkReportDto[]> {
    const rows = await m.query(
      `SELECT w.*, to_char(w.period_from, 'YYYY-MM-DD') AS from_date, to_char(w.period_until, 'YYYY-MM-DD') AS to_date, u.display_name AS owner_name
       FROM work_reports w JOIN users u ON u.id = w.owner_id WHERE w.id = ANY($1) ORDER BY w.period_from DESC, w.id`,
      [ids],
    );
    return rows.map((r: Record<string, any>): WorkReportDto => ({
      id: r.id,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      department: r.department,
      period: r.period,
      from: r.from_date,
      to: r.to_date,
      summary: r.summary,
      plan: r.plan,
      issues: r.issues,
      activity: r.activity,
      status: r.status,
      reviewerId: r.reviewer_id,
      reviewComment: r.review_comment,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
      version: r.version,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
