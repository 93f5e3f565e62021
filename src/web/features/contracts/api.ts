import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { ApiError } from '../../lib/api/problem';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';
import { dayjs } from '../../lib/format';

type S = components['schemas'];
export type Contract = S['ContractDetailDto'];
export type ContractSummary = S['ContractSummaryDto'];
export type Receivable = S['ReceivableDto'];
export type Payment = S['PaymentListItemDto'];

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
  payments: (id: string) => ['contracts', 'payments', id] as const,
  awaitingArchive: ['contracts', 'awaiting-archive'] as const,
};

/** "止" includes its day for a person; the API's upper bounds are exclusive. */
const dayAfter = (d: string | undefined) => (d ? dayjs(d).add(1, 'day').format('YYYY-MM-DD') : undefined);


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
          signedTo: dayAfter(p.signedTo),
        },
      },
    }),
  );
}

type ArchivableStatus = 'signed' | 'completed' | 'terminated';

/** 合同档案: the archive's URL parameters → GET /contracts/archive (filed contracts). */
export function fetchArchive(p: Record<string, string>): Promise<Page<ContractSummary>> {
  return call(
    api.GET('/api/v1/contracts/archive', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          customerId: p.customerId,
          status: p.status as ArchivableStatus | undefined,
          archivedFrom: p.archivedFrom,
          archivedTo: dayAfter(p.archivedTo),
        },
      },
    }),
  );
}

/** 待归档: signed, completed or terminated contracts not yet filed → GET /contracts?awaitingArchive=true. */
export function fetchAwaitingArchive(p: Record<string, string>): Promise<Page<ContractSummary>> {
  return call(
    api.GET('/api/v1/contracts', {
      params: {
        query: {
          ...pageQuery(p),
          awaitingArchive: 'true',
          q: p.q,
          status: p.status as ArchivableStatus | undefined,
          customerId: p.customerId,
          ownerId: p.ownerId,
          signedFrom: p.signedFrom,
          signedTo: dayAfter(p.signedTo),
        },
      },
    }),
  );
}

/** How many contracts wait to be filed (the worklist's badge). */
export function useAwaitingArchiveCount(enabled: boolean) {
  return useQuery({
    queryKey: keys.awaitingArchive,
    enabled,
    queryFn: async () => (await fetchAwaitingArchive({ pageSize: '1' })).total,
  });
}

/** The payments received on a contract (and their reversals), oldest first. */
export function useContractPayments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.payments(id),
    enabled,
    queryFn: () => call(api.GET('/api/v1/payments', { params: { query: { contractId: id, sort: 'receivedAt', pageSize: 100 } } })),
  });
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

export { useDirectory };

/** Puts a contract the API answered into the cache (its page shows it at once) and refreshes the lists. */
export function useSaved() {
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

export type ContractActionInput =
  | { kind: 'submit' }
  | { kind: 'approve'; comment?: string }
  | { kind: 'reject'; comment: string }
  | { kind: 'sign'; signedAt: string }
  | { kind: 'terminate'; reason: string };

/** submit / approve / reject / sign / terminate: each answers the contract as it now stands. */
export function useContractAction(id: string) {
  const saved = useSaved();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ContractActionInput) => {
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
        case 'terminate':
          return call(api.POST('/api/v1/contracts/{id}/terminate', { ...path, body: { reason: a.reason } }));
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

/**
 * 归档 (SAL-6.4, SAL-8.1): files a signed, completed or terminated contract at a location; the
 * answer carries its archive number. A 409 (filed meanwhile, or not in a fileable state) refreshes
 * what the page shows of it.
 */
export function useArchiveContract() {
  const saved = useSaved();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, location }: { id: string; location: string }) => call(api.POST('/api/v1/contracts/{id}/archive', { params: { path: { id } }, body: { location } })),
    onSuccess: saved,
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}
