import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';
import { dayjs } from '../../lib/format';

type S = components['schemas'];
export type Contract = S['ContractDetailDto'];
export type ContractSummary = S['ContractSummaryDto'];
export type Receivable = S['ReceivableDto'];

/** What the draft form sends: dates as YYYY-MM-DD, money as decimal strings. */
export interface ContractInput {
  customerId: string;
  title: string;
  amount: string;
  startDate: string;
  endDate: string;
  paymentPlan: { dueDate: string; amount: string }[];
}

export const keys = {
  all: ['contracts'] as const,
  detail: (id: string) => ['contracts', 'detail', id] as const,
  receivables: (id: string) => ['contracts', 'receivables', id] as const,
};


/** The list's URL parameters → GET /contracts. */
export function fetchContracts(p: Record<string, string>): Promise<Page<ContractSummary>> {
  return call(
    api.GET('/api/v1/contracts', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          status: p.status as Contract['status'] | undefined,
          customerId: p.customerId,
          signedFrom: p.signedFrom,
          // "签订日期止" includes its day for a person; the API's bound is exclusive.
          signedTo: p.signedTo ? dayjs(p.signedTo).add(1, 'day').format('YYYY-MM-DD') : undefined,
        },
      },
    }),
  );
}

export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: keys.detail(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/contracts/{id}', { params: { path: { id: id! } } })),
  });
}

/** A signed contract's receivables (one per plan line). */
export function useContractReceivables(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.receivables(id),
    enabled,
    queryFn: () => call(api.GET('/api/v1/receivables', { params: { query: { contractId: id, sort: 'dueDate', pageSize: 100 } } })),
  });
}

/** The customer named in ?customerId=, to show in the picker before any search. */
export function useCustomerName(id: string | null) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
  });
}

/** Active staff by id → name (approvers in the trail). */
export function useDirectory() {
  return useQuery({ queryKey: ['users', 'directory'], staleTime: 5 * 60_000, queryFn: () => call(api.GET('/api/v1/users/directory')) });
}

function useSaved() {
  const qc = useQueryClient();
  return (c: Contract) => {
    qc.setQueryData(keys.detail(c.id), c);
    return qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== c.id });
  };
}

export function useCreateContract() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (v: ContractInput) => call(api.POST('/api/v1/contracts', { body: v })),
    onSuccess: saved,
  });
}

export function useUpdateContract() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...v }: Omit<ContractInput, 'customerId'> & { id: string; version: number }) =>
      call(api.PATCH('/api/v1/contracts/{id}', { params: { path: { id } }, body: v })),
    onSuccess: saved,
  });
}

/** submit / approve / reject / sign: each answers the contract as it now stands. */
export function useContractAction(id: string) {
  const saved = useSaved();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { kind: 'submit' } | { kind: 'approve'; comment?: string } | { kind: 'reject'; comment: string } | { kind: 'sign'; signedAt: string }) => {
      const path = { params: { path: { id } } };
      switch (a.kind) {
        case 'submit':
          return call(api.POST('/api/v1/contracts/{id}/submit', path));
        case 'approve':
          return call(api.POST('/api/v1/contracts/{id}/approve', { ...path, body: a.comment ? { comment: a.comment } : {} }));
        case 'reject':
          return call(api.POST('/api/v1/contracts/{id}/reject', { ...path, body: { comment: a.comment } }));
        case 'sign':
          return call(api.POST('/api/v1/contracts/{id}/sign', { ...path, body: { signedAt: a.signedAt } }));
      }
    },
    onSuccess: async (c) => {
      await saved(c);
      // Signing makes receivables; an approval clears someone's task.
      await qc.invalidateQueries({ queryKey: ['receivables'] });
      await qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
