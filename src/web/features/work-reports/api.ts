import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Period = 'week' | 'month';
/** The caller's activity in the period (kept with the report as it was at submission). */
export type Activity = S['WorkActivityDto'];
export type WorkReportDraft = S['WorkReportDraftDto'];
export type WorkReport = S['WorkReportDto'];

export interface WorkReportInput {
  period: Period;
  date: string;
  summary: string;
  plan?: string;
  issues?: string;
}

export const keys = {
  all: ['work-reports'] as const,
  detail: (id: string) => ['work-reports', 'detail', id] as const,
};


export function fetchWorkReports(p: Record<string, string>): Promise<Page<WorkReport>> {
  return call(
    api.GET('/api/v1/work-reports', {
      params: { query: { ...pageQuery(p), period: p.period as Period | undefined, status: p.status as WorkReport['status'] | undefined, ownerId: p.ownerId } },
    }),
  );
}

export function fetchDraft(period: Period, date: string): Promise<WorkReportDraft> {
  return call(api.GET('/api/v1/work-reports/draft', { params: { query: { period, date } } }));
}

export function useWorkReport(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: () => call(api.GET('/api/v1/work-reports/{id}', { params: { path: { id } } })),
  });
}

export { useDirectory };

export function useSubmitWorkReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: WorkReportInput) => call(api.POST('/api/v1/work-reports', { body: v })),
    onSuccess: (r) => {
      qc.setQueryData(keys.detail(r.id), r);
      return qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useReviewWorkReport(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (comment: string) => call(api.POST('/api/v1/work-reports/{id}/review', { params: { path: { id } }, body: { comment } })),
    onSuccess: (r) => {
      qc.setQueryData(keys.detail(id), r);
      return qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
