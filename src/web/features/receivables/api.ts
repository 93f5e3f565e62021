import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Receivable = S['ReceivableDto'];
export type Collection = S['CollectionEntryDto'];
export type ContractPayment = S['PaymentListItemDto'];

export interface CollectionInput {
  contactedAt: string;
  method: Collection['method'];
  result: Collection['result'];
  promisedDate?: string;
  note: string;
}

export const keys = {
  all: ['receivables'] as const,
  detail: (id: string) => ['receivables', 'detail', id] as const,
  collections: (id: string) => ['receivables', 'collections', id] as const,
};


/** The list's URL parameters → GET /receivables. */
export function fetchReceivables(p: Record<string, string>): Promise<Page<Receivable>> {
  return call(
    api.GET('/api/v1/receivables', {
      params: {
        query: {
          ...pageQuery(p),
          status: p.status as Receivable['status'] | undefined,
          overdue: p.overdue as 'true' | 'false' | undefined,
          customerId: p.customerId,
          contractId: p.contractId,
          ownerId: p.ownerId,
          dueBefore: p.dueBefore,
        },
      },
    }),
  );
}

export function useReceivable(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => call(api.GET('/api/v1/receivables/{id}', { params: { path: { id } } })) });
}

export function useCollections(id: string) {
  return useQuery({ queryKey: keys.collections(id), queryFn: () => call(api.GET('/api/v1/receivables/{id}/collections', { params: { path: { id } } })) });
}

export function useLogCollection(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: CollectionInput) => call(api.POST('/api/v1/receivables/{id}/collections', { params: { path: { id } }, body: v })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.collections(id) });
      // A logged 催收 may close the collection task on the 待办 page.
      await qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** The payments (and reversals) received on the receivable's contract, newest first. */
export function useContractPayments(contractId: string | undefined) {
  return useQuery({
    queryKey: ['payments', 'of-contract', contractId ?? ''],
    enabled: !!contractId,
    queryFn: () => call(api.GET('/api/v1/payments', { params: { query: { contractId: contractId!, sort: '-receivedAt', pageSize: 50 } } })),
  });
}

export { useDirectory };

/** A customer's name, for the filter whose value came from the URL. */
export function useCustomerName(id: string | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id ?? ''],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
    select: (c) => c.name,
  });
}
