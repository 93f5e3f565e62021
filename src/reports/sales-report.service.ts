import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InjectReadDataSource } from '../database/read-data-source';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { DEPARTMENT_NAMES } from '../access/roles';
import type { Department } from '../access/roles';
import { APP_CONFIG } from '../app.tokens';
import { fromCents, ratio, toCents } from '../common/money';
import { coalescedQuery } from '../common/coalesce';
import { salesReportQuery } from './sales-report.query';
import { businessDate, ReportPeriod } from '../common/time';
import { attainmentByKey } from '../targets/attainment';
import { periodOf } from '../targets/target-rules';
import type { SalesFiguresDto, SalesReportDto } from './dto/report.dto';

/** The DTOs are the one source of the report's shape (SalesReportDto documents it). */
export type SalesFigures = SalesFiguresDto;
export type SalesReport = SalesReportDto;

/** 销售统计报表 (SAL-6.1, SAL-8.2, SAL-4.10): weeks, months, quarters and years in BUSINESS_TZ, in SQL. */
@Injectable()
export class SalesReportService {
  constructor(
    @InjectReadDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(actor: Pick<Actor, 'id' | 'role' | 'department'>, period: ReportPeriod, date: string | undefined, groupBy: 'owner' | 'department', m: EntityManager = this.ds.manager): Promise<SalesReport> {
    const day = date ?? businessDate(new Date(), this.config.businessTz);
    const q = salesReportQuery(actor, period, day, groupBy, this.config.businessTz);
    const b = q.bounds;
    // outside a transaction, concurrent identical requests share one run that started after each arrived (coalesce.ts)
    const rows: Record<string, any>[] = m.queryRunner ? await m.query(q.sql, q.params) : await coalescedQuery(m, q.sql, q.params);
    const groups: SalesReport['groups'] = rows.map((r) => ({
      key: r.key as string,
      name: groupBy === 'owner' ? String(r.name ?? '') : DEPARTMENT_NAMES[r.key as Department] ?? String(r.key),
      ...figures(r),
    }));
    // 指标完成情况 beside each row whose owner (person targets) or department has targets for this
    // month, quarter or year — weeks have no targets
    if (period !== 'week') {
      const tz = this.config.businessTz;
      const attainment = await attainmentByKey(m, actor, groupBy === 'owner' ? 'person' : 'department', groups.map((g) => g.key), period, periodOf(period, day), tz);
      for (const g of groups) {
        const a = attainment.get(g.key);
        if (a) g.attainment = { periodType: period, period: periodOf(period, day), ...a };
      }
    }
    return { period, date: day, from: b.from, to: previousDay(b.until), groupBy, groups, total: sum(groups) };
  }
}

function figures(r: Record<string, any>): SalesFigures {
  return {
    contractsSigned: r.contracts_signed,
    contractAmount: r.contract_amount,
    paymentsReceived: r.payments_received,
    amountDue: r.amount_due,
    amountCollected: r.amount_collected,
    collectionRate: ratio(toCents(r.amount_collected), toCents(r.amount_due)),
    newProspects: r.new_prospects,
    visits: r.visits,
    complaintsOpened: r.complaints_opened,
    complaintsClosed: r.complaints_closed,
  };
}

function sum(groups: SalesFigures[]): SalesFigures {
  const money = (f: (g: SalesFigures) => string) => groups.reduce((s, g) => s + toCents(f(g)), 0n);
  const count = (f: (g: SalesFigures) => number) => groups.reduce((s, g) => s + f(g), 0);
  const due = money((g) => g.amountDue);
  const collected = money((g) => g.amountCollected);
  return {
    contractsSigned: count((g) => g.contractsSigned),
    contractAmount: fromCents(money((g) => g.contractAmount)),
    paymentsReceived: fromCents(money((g) => g.paymentsReceived)),
    amountDue: fromCents(due),
    amountCollected: fromCents(collected),
    collectionRate: ratio(collected, due),
    newProspects: count((g) => g.newProspects),
    visits: count((g) => g.visits),
    complaintsOpened: count((g) => g.complaintsOpened),
    complaintsClosed: count((g) => g.complaintsClosed),
  };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
