import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type MarketInfo = S['MarketInfoDto'];
export type MarketInfoInput = S['CreateMarketInfoDto'];
export type MarketInfoUpdate = S['UpdateMarketInfoDto'];
export type Report = S['ResearchReportDto'];
export type ReportDetail = S['ResearchReportDetailDto'];
export type ReportInput = S['CreateResearchReportDto'];
export type ReportUpdate = S['UpdateResearchReportDto'];

export const keys = {
  info: ['market-info'] as const,
  entry: (id: string) => ['market-info', 'detail', id] as const,
  reports: ['research-reports'] as const,
  report: (id: string) => ['research-reports', 'detail', id] as const,
};

/** The list's URL parameters → GET /market-info. */
export function fetchMarketInfo(p: Record<string, string>): Promise<Page<MarketInfo>> {
  return call(
    api.GET('/api/v1/market-info', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          category: p.category as MarketInfo['category'] | undefined,
          region: p.region,
          industry: p.industry,
          customerId: p.customerId,
          ownerId: p.ownerId,
          stale: p.stale as 'true' | 'false' | undefined,
          status: p.status as MarketInfo['status'] | undefined,
        },
      },
    }),
  );
}

export function useMarketInfo(id: string) {
  return useQuery({ queryKey: keys.entry(id), queryFn: () => call(api.GET('/api/v1/market-info/{id}', { params: { path: { id } } })) });
}

/** After any change: the entry as it now stands, every list, and the tasks it closed. */
function useSettleEntry() {
  const qc = useQueryClient();
  return async (e: MarketInfo) => {
    qc.setQueryData(keys.entry(e.id), e);
    await qc.invalidateQueries({ queryKey: keys.info, predicate: (q) => q.queryKey[1] === 'list' });
    await qc.invalidateQueries({ queryKey: ['tasks'] });
  };
}

export function useCreateMarketInfo() {
  const settle = useSettleEntry();
  return useMutation({ mutationFn: (body: MarketInfoInput) => call(api.POST('/api/v1/market-info', { body })), onSuccess: settle });
}

export function useUpdateMarketInfo(id: string) {
  const settle = useSettleEntry();
  return useMutation({ mutationFn: (body: MarketInfoUpdate) => call(api.PATCH('/api/v1/market-info/{id}', { params: { path: { id } }, body })), onSuccess: settle });
}

export type EntryStep = 'confirm' | 'archive' | 'restore';

/** 确认仍然准确, 归档, 恢复 (a curator). */
export function useEntryStep(id: string) {
  const settle = useSettleEntry();
  return useMutation({
    mutationFn: (step: EntryStep) => {
      const path = { params: { path: { id } } };
      if (step === 'confirm') return call(api.POST('/api/v1/market-info/{id}/confirm', path));
      if (step === 'archive') return call(api.POST('/api/v1/market-info/{id}/archive', path));
      return call(api.POST('/api/v1/market-info/{id}/restore', path));
    },
    onSuccess: settle,
  });
}

/** The entries a report may cite: those matching `q` that the writer reads (for the picker). */
export function useEntryOptions(q: string) {
  return useQuery({
    queryKey: ['market-info', 'picker', q],
    queryFn: () => call(api.GET('/api/v1/market-info', { params: { query: { q: q || undefined, status: 'active', pageSize: 20 } } })),
  });
}

// ── research reports ─────────────────────────────────────────────────────

export function fetchReports(p: Record<string, string>): Promise<Page<Report>> {
  return call(
    api.GET('/api/v1/research-reports', {
      params: { query: { ...pageQuery(p), q: p.q, status: p.status as Report['status'] | undefined, ownerId: p.ownerId, region: p.region, entryId: p.entryId } },
    }),
  );
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: keys.report(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/research-reports/{id}', { params: { path: { id: id! } } })),
  });
}

function useSettleReport() {
  const qc = useQueryClient();
  return async (r: ReportDetail) => {
    qc.setQueryData(keys.report(r.id), r);
    await qc.invalidateQueries({ queryKey: keys.reports, predicate: (q) => q.queryKey[1] === 'list' });
    await qc.invalidateQueries({ queryKey: ['tasks'] });
  };
}

export function useCreateReport() {
  const settle = useSettleReport();
  return useMutation({ mutationFn: (body: ReportInput) => call(api.POST('/api/v1/research-reports', { body })), onSuccess: settle });
}

export function useUpdateReport(id: string) {
  const settle = useSettleReport();
  return useMutation({ mutationFn: (body: ReportUpdate) => call(api.PATCH('/api/v1/research-reports/{id}', { params: { path: { id } }, body })), onSuccess: settle });
}

export type ReportStep = { kind: 'submit' } | { kind: 'accept'; comment?: string } | { kind: 'return'; comment: string };

/** 提交审核 (the writer), 通过 / 退回 (the 经理): the answer is the report as it now stands. */
export function useReportStep(id: string) {
  const settle = useSettleReport();
  return useMutation({
    mutationFn: (s: ReportStep) => {
      const path = { params: { path: { id } } };
      if (s.kind === 'submit') return call(api.POST('/api/v1/research-reports/{id}/submit', path));
      if (s.kind === 'accept') return call(api.POST('/api/v1/research-reports/{id}/accept', { ...path, body: s.comment ? { comment: s.comment } : {} }));
      return call(api.POST('/api/v1/research-reports/{id}/return', { ...path, body: { comment: s.comment } }));
    },
    onSuccess: settle,
  });
}
