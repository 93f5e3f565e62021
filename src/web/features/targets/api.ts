import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';
import type { Measure } from './vocab';

type S = components['schemas'];
export type Target = S['TargetDto'];
export type TargetDetail = S['TargetDetailDto'];
export type MyTargets = S['MyTargetsDto'];
export type TargetInput = S['CreateTargetDto'];
export type TargetUpdate = S['UpdateTargetDto'];
export type WorkPlan = S['WorkPlanDto'];
export type WorkPlanInput = S['CreateWorkPlanDto'];
export type WorkPlanUpdate = S['UpdateWorkPlanDto'];

export const keys = {
  targets: ['targets'] as const,
  period: (period: string, measure: Measure) => ['targets', 'period', period, measure] as const,
  target: (id: string) => ['targets', 'detail', id] as const,
  mine: (period: string | undefined) => ['targets', 'mine', period ?? 'now'] as const,
  plans: ['work-plans'] as const,
  plan: (id: string) => ['work-plans', 'detail', id] as const,
};

/** Every target of a period and measure in the caller's scope (the tree needs them all: pages of 100). */
export function usePeriodTargets(period: string, measure: Measure) {
  return useQuery({
    queryKey: keys.period(period, measure),
    queryFn: async () => {
      const all: Target[] = [];
      for (let page = 1; page <= 50; page += 1) {
        const res = await call(api.GET('/api/v1/targets', { params: { query: { period, measure, page, pageSize: 100, sort: 'level' } } }));
        all.push(...res.items);
        // a short page ends the list (past the server's count cap `total` is only an estimate)
        if (res.items.length < 100 || (res.totalExact && all.length >= res.total)) break;
      }
      return all;
    },
  });
}

export function useTarget(id: string | null) {
  return useQuery({
    queryKey: keys.target(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/targets/{id}', { params: { path: { id: id! } } })),
  });
}

export function useMyTargets(period: string | undefined) {
  return useQuery({ queryKey: keys.mine(period), queryFn: () => call(api.GET('/api/v1/targets/mine', { params: { query: { period } } })) });
}

const refreshTargets = (qc: ReturnType<typeof useQueryClient>) => qc.invalidateQueries({ queryKey: keys.targets });

export function useCreateTarget() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: TargetInput) => call(api.POST('/api/v1/targets', { body })), onSuccess: () => refreshTargets(qc) });
}

export function useUpdateTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TargetUpdate }) => call(api.PATCH('/api/v1/targets/{id}', { params: { path: { id } }, body })),
    onSuccess: () => refreshTargets(qc),
  });
}

export function useDeleteTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, withParts }: { id: string; withParts: boolean }) =>
      call(api.DELETE('/api/v1/targets/{id}', { params: { path: { id }, query: withParts ? { withParts: 'true' } : {} } })),
    onSuccess: () => refreshTargets(qc),
  });
}

// ── work plans ──────────────────────────────────────────────────────────

export function fetchWorkPlans(p: Record<string, string>): Promise<Page<WorkPlan>> {
  return call(
    api.GET('/api/v1/work-plans', {
      params: { query: { ...pageQuery(p), status: p.status as WorkPlan['status'] | undefined, ownerId: p.ownerId, period: p.period, periodType: p.periodType as WorkPlan['periodType'] | undefined } },
    }),
  );
}

export function useWorkPlan(id: string | undefined) {
  return useQuery({ queryKey: keys.plan(id ?? ''), enabled: !!id, queryFn: () => call(api.GET('/api/v1/work-plans/{id}', { params: { path: { id: id! } } })) });
}

export function useCreateWorkPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkPlanInput) => call(api.POST('/api/v1/work-plans', { body })),
    onSuccess: (p) => {
      qc.setQueryData(keys.plan(p.id), p);
      return qc.invalidateQueries({ queryKey: keys.plans, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useUpdateWorkPlan(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkPlanUpdate) => call(api.PATCH('/api/v1/work-plans/{id}', { params: { path: { id } }, body })),
    onSuccess: (p) => {
      qc.setQueryData(keys.plan(id), p);
      return qc.invalidateQueries({ queryKey: keys.plans, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
