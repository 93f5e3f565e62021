import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { centsToString, dayjs, toCents } from '../../lib/format';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Payment = S['PaymentListItemDto'];
export type RecordedPayment = S['RecordedPaymentDto'];
export type ContractSummary = S['ContractSummaryDto'];
export type Receivable = S['ReceivableDto'];

/** What the 登记回款 form sends (SPEC §6): money as a decimal string, the day as YYYY-MM-DD. */
export interface PaymentInput {
  contractId: string;
  amount: string;
  receivedAt: string;
  method: Payment['method'];
  reference?: string;
}

export const keys = {
  all: ['payments'] as const,
  outstanding: (contractId: string) => ['payments', 'outstanding', contractId] as const,
};

/** "至" includes its day for a person; the API's bound is exclusive. */
export const inclusiveTo = (day: string | undefined) => (day ? dayjs(day).add(1, 'day').format('YYYY-MM-DD') : undefined);

/** The list's URL parameters → GET /payments. */
export function fetchPayments(p: Record<string, string>): Promise<Page<Payment>> {
  return call(
    api.GET('/api/v1/payments', {
      params: { query: { ...pageQuery(p), contractId: p.contractId, customerId: p.customerId, from: p.from, to: inclusiveTo(p.to) } },
    }),
  );
}

export function useContractSummary(id: string | undefined) {
  return useQuery({
    queryKey: ['contracts', 'detail', id ?? ''],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/contracts/{id}', { params: { path: { id: id! } } })),
  });
}

/** A customer's name, for a picker whose value came from the URL. */
export function useCustomerName(id: string | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id ?? ''],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
    select: (c) => c.name,
  });
}

/** A contract's receivables (oldest due first) and what is still outstanding on them, in exact cents. */
export function useOutstanding(contractId: string | undefined) {
  return useQuery({
    queryKey: keys.outstanding(contractId ?? ''),
    enabled: !!contractId,
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/receivables', { params: { query: { contractId: contractId!, sort: 'dueDate', pageSize: 100 } } }));
      const open = page.items.filter((r) => (toCents(r.outstanding) ?? 0n) > 0n);
      const total = open.reduce((s, r) => s + (toCents(r.outstanding) ?? 0n), 0n);
      return { receivables: page.items, open: open.length, total: centsToString(total) };
    },
  });
}

/** POST /payments with the submission's Idempotency-Key: a retry with the same key is answered with the first response. */
export function useRecordPayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: PaymentInput; key: string }) =>
      call(api.POST('/api/v1/payments', { body, params: { header: { 'Idempotency-Key': key } } })),
    onSuccess: (p) => refreshAfter(qc, p.contractId),
  });
}

export function useReversePayment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => call(api.POST('/api/v1/payments/{id}/reverse', { params: { path: { id } }, body: { reason } })),
    onSuccess: (p) => refreshAfter(qc, p.contractId),
    // refused (e.g. reversed meanwhile elsewhere): the list shows how it stands now
    onError: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** A payment moves the list, the contract's receivables and status, and the ledger. */
async function refreshAfter(qc: ReturnType<typeof useQueryClient>, contractId: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: keys.all }),
    qc.invalidateQueries({ queryKey: ['receivables'] }),
    qc.invalidateQueries({ queryKey: ['ledger'] }),
    qc.invalidateQueries({ queryKey: ['contracts', 'detail', contractId] }),
  ]);
}
