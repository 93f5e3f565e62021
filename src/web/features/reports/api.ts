import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type SalesReport = S['SalesReportDto'];
export type SalesGroup = S['SalesGroupDto'];
export type SalesFigures = S['SalesFiguresDto'];
export type Period = SalesReport['period'];
export type GroupBy = SalesReport['groupBy'];

export interface ReportParams {
  period: Period;
  date: string;
  groupBy: GroupBy;
}

/** The URL of the report (JSON, or the API's CSV/XLSX file). */
export function salesReportUrl(p: ReportParams, format?: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams({ period: p.period, date: p.date, groupBy: p.groupBy });
  if (format) q.set('format', format);
  return `/api/v1/reports/sales?${q.toString()}`;
}

async function fetchSalesReport(p: ReportParams): Promise<SalesReport> {
  const report = await call(api.GET('/api/v1/reports/sales', { params: { query: { period: p.period, date: p.date, groupBy: p.groupBy } } }));
  // Without ?format the API answers JSON; the document also lists the file types of the same route.
  if (typeof report === 'string') throw new ApiError({ title: '报表格式错误', status: 0, code: 'UNEXPECTED_FORMAT', detail: '服务器没有返回报表数据' });
  return report;
}

export function useSalesReport(p: ReportParams) {
  return useQuery({ queryKey: ['reports', 'sales', p], queryFn: () => fetchSalesReport(p), placeholderData: keepPreviousData });
}
