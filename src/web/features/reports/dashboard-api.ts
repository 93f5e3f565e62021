import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { dayjs } from '../../lib/format';
import { useSalesReport, type GroupBy, type Period, type ReportParams, type SalesReport } from './api';
import { ApiError } from '../../lib/api/problem';

type S = components['schemas'];
export type Aging = S['AgingReportDto'];
export type AgingBuckets = S['AgingBucketsDto'];
export type CollectionRate = S['CollectionRateDto'];
export type CollectionRateItem = S['CollectionRateItemDto'];
export type OverdueCustomer = S['OverdueCustomerDto'];
export type ContractSummary = S['ContractSummaryDto'];

/** The aging buckets in the API's order, named as the console shows them. */
export const BUCKETS: { key: keyof Omit<AgingBuckets, 'total'>; label: string }[] = [
  { key: 'current', label: '未到期' },
  { key: '1-30', label: '逾期1–30天' },
  { key: '31-60', label: '逾期31–60天' },
  { key: '61-90', label: '逾期61–90天' },
  { key: '90+', label: '逾期90天以上' },
];

export const DEPARTMENT: Record<string, string> = { market: '市场开拓部', sales: '销售部', key_account: '大客户部', management: '公司', system: '系统' };

/** 账龄 as of the end of `asOf`, for the caller's receivable.read scope. */
export function useAging(asOf: string) {
  return useQuery({
    queryKey: ['dashboards', 'aging', asOf],
    queryFn: () => call(api.GET('/api/v1/receivables/aging', { params: { query: { asOf } } })),
    placeholderData: keepPreviousData,
  });
}

/** The months ending with the one holding `today`, oldest first: [from, to] of each, both included. */
export function lastMonths(today: string, n: number): { from: string; to: string; label: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const m = dayjs(today).startOf('month').subtract(n - 1 - i, 'month');
    return { from: m.format('YYYY-MM-DD'), to: m.endOf('month').format('YYYY-MM-DD'), label: m.format('YYYY-MM') };
  });
}

/** 回款率 of each month (one request per month), by owner or department. */
export function useCollectionRates(months: { from: string; to: string }[], groupBy: GroupBy) {
  return useQueries({
    queries: months.map((m) => ({
      queryKey: ['dashboards', 'collection-rate', m.from, m.to, groupBy],
      queryFn: () => call(api.GET('/api/v1/receivables/collection-rate', { params: { query: { from: m.from, to: m.to, groupBy } } })),
      placeholderData: keepPreviousData,
    })),
  });
}

/** The customers overdue longest at the end of `asOf` (the API orders them), with the sum over all of them. */
export function useOverdueCustomers(asOf: string, limit = 10) {
  return useQuery({
    queryKey: ['dashboards', 'overdue-customers', asOf, limit],
    queryFn: () => call(api.GET('/api/v1/receivables/overdue-customers', { params: { query: { asOf, pageSize: limit } } })),
    placeholderData: keepPreviousData,
  });
}

/** The contracts at the second level of approval, waiting for the 总经理 (SAL-4.4). */
export function usePendingGm(limit = 20) {
  return useQuery({
    queryKey: ['dashboards', 'pending-gm', limit],
    queryFn: () => call(api.GET('/api/v1/contracts', { params: { query: { status: 'pending_gm', sort: 'createdAt', pageSize: limit } } })),
  });
}

/** The day inside the period `back` periods before the one holding `date`. */
export function periodBefore(period: Period, date: string, back: number): string {
  const d = dayjs(date);
  const moved = period === 'week' ? d.subtract(back, 'week') : period === 'month' ? d.subtract(back, 'month') : period === 'quarter' ? d.subtract(3 * back, 'month') : d.subtract(back, 'year');
  return moved.format('YYYY-MM-DD');
}

async function fetchReport(p: ReportParams): Promise<SalesReport> {
  const report = await call(api.GET('/api/v1/reports/sales', { params: { query: { period: p.period, date: p.date, groupBy: p.groupBy } } }));
  if (typeof report === 'string') throw new ApiError({ title: '报表格式错误', status: 0, code: 'UNEXPECTED_FORMAT', detail: '服务器没有返回报表数据' });
  return report;
}

/**
 * The chosen period's report and the `n - 1` before it (one request each, the current one shared
 * with the 销售统计表's cache): oldest first.
 */
export function useSalesTrend(p: ReportParams, n: number) {
  const current = useSalesReport(p);
  const earlier = useQueries({
    queries: Array.from({ length: n - 1 }, (_, i) => {
      const q: ReportParams = { ...p, date: periodBefore(p.period, p.date, n - 1 - i) };
      return { queryKey: ['reports', 'sales', q], queryFn: () => fetchReport(q), placeholderData: keepPreviousData };
    }),
  });
  const all = [...earlier, current];
  return {
    current,
    reports: all.map((q) => q.data),
    loading: all.some((q) => q.isFetching),
    error: all.find((q) => q.error)?.error ?? null,
  };
}
