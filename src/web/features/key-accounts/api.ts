import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
/** A key account as the list holds it: the customer's id doubles as the row's id. */
export type KeyAccount = S['KeyAccountDto'] & { id: string };
export type Tier = S['TierDto'];
export type Assessment = S['AssessmentDto'];
export type TierUpdate = S['UpdateTierDto'];
export type TierInput = S['CreateTierDto'];

/** The assessments' lists (ListPage's resource). */
export const ASSESSMENTS = 'key-account-assessments';

/** Everything here under 'key-accounts'; the tiers entry is the one the customer pages read too. */
export const keys = {
  all: ['key-accounts'] as const,
  tiers: ['key-accounts', 'tiers'] as const,
  assessment: (id: string) => ['key-accounts', 'assessment', id] as const,
};

/** The list's URL parameters → GET /key-accounts (default order: next visit due, soonest first). */
export async function fetchKeyAccounts(p: Record<string, string>): Promise<Page<KeyAccount>> {
  const page = await call(
    api.GET('/api/v1/key-accounts', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          tierCode: p.tierCode,
          ownerId: p.ownerId,
          visitOverdue: p.visitOverdue as 'true' | 'false' | undefined,
        },
      },
    }),
  );
  return { ...page, items: page.items.map((k) => ({ ...k, id: k.customerId })) };
}

/** The assessments; status "all" in the URL means no status filter. */
export function fetchAssessments(p: Record<string, string>): Promise<Page<Assessment>> {
  return call(
    api.GET('/api/v1/key-accounts/assessments', {
      params: {
        query: {
          ...pageQuery(p),
          status: p.status === 'all' ? undefined : (p.status as Assessment['status'] | undefined),
          source: p.source as Assessment['source'] | undefined,
          customerId: p.customerId,
        },
      },
    }),
  );
}

export function useTiers(enabled = true) {
  return useQuery({
    queryKey: keys.tiers,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => (await call(api.GET('/api/v1/key-accounts/tiers'))).items,
  });
}

export function tierLabel(tiers: Tier[] | undefined, code: string | null): string {
  if (!code) return '非大客户';
  return tiers?.find((t) => t.code === code)?.name ?? `${code} 级`;
}

/** 修改服务标准 (KA-4.3): with the version read; a 409 STALE_VERSION offers a reload. */
export function useUpdateTier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: TierUpdate }) =>
      call(api.PATCH('/api/v1/key-accounts/tiers/{code}', { params: { path: { code } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** 新增等级 (KA-4.3): a code already taken answers 409 TIER_EXISTS. */
export function useCreateTier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TierInput) => call(api.POST('/api/v1/key-accounts/tiers', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: keys.assessment(id),
    queryFn: () => call(api.GET('/api/v1/key-accounts/assessments/{id}', { params: { path: { id } } })),
  });
}

/** Customers by id (names for assessments), sharing the customer pages' cache entries. */
export function useCustomerNames(ids: string[]): (id: string) => string | undefined {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['customers', 'detail', id],
      staleTime: 60_000,
      retry: false,
      queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
    })),
  });
  const names = new Map(unique.map((id, i) => [id, results[i]?.data?.name]));
  return (id) => names.get(id);
}

export type Decision = { kind: 'approve'; assigneeId?: string; comment?: string } | { kind: 'reject'; comment: string };

/** 批准 / 驳回 (KA-4.1): the answer is the assessment as it now stands; the customer changes too. */
export function useDecide(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: Decision) =>
      d.kind === 'approve'
        ? call(
            api.POST('/api/v1/key-accounts/assessments/{id}/approve', {
              params: { path: { id } },
              body: { assigneeId: d.assigneeId, comment: d.comment || undefined },
            }),
          )
        : call(api.POST('/api/v1/key-accounts/assessments/{id}/reject', { params: { path: { id } }, body: { comment: d.comment } })),
    onSuccess: async (a) => {
      qc.setQueryData(keys.assessment(id), a);
      await qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] !== 'assessment' });
      await qc.invalidateQueries({ queryKey: [ASSESSMENTS] });
      await qc.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

/** 提出等级评定 (KA-5.4, KA-6.4); proposedTierCode null proposes "not a key account". */
export function usePropose() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; proposedTierCode: string | null; reason: string }) =>
      call(api.POST('/api/v1/key-accounts/assessments', { body })),
    onSuccess: (a) => {
      qc.setQueryData(keys.assessment(a.id), a);
      void qc.invalidateQueries({ queryKey: [ASSESSMENTS] });
      return qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export { useDirectory };
