import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { dayjs } from '../../lib/format';
import { pageQuery } from '../../lib/list-params';

export type LedgerLine = components['schemas']['LedgerLineDto'];

export const KIND: Record<LedgerLine['kind'], { label: string; tone: 'blue' | 'green' | 'orange' }> = {
  sale: { label: '合同签订', tone: 'blue' },
  payment: { label: '回款', tone: 'green' },
  reversal: { label: '冲销', tone: 'orange' },
};

/** The ledger's filters as the API takes them: "至" includes its day for a person, the API's `to` does not. */
export function ledgerFilters(p: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.customerId) out.customerId = p.customerId;
  if (p.contractId) out.contractId = p.contractId;
  if (p.from) out.from = p.from;
  if (p.to) out.to = dayjs(p.to).add(1, 'day').format('YYYY-MM-DD');
  return out;
}

/** The list's URL parameters → GET /ledger (entries in ledger order, with running balances). */
export function fetchLedger(p: Record<string, string>): Promise<Page<LedgerLine>> {
  const { page, pageSize } = pageQuery(p);
  // JSON without ?format (the document also lists the CSV and XLSX answers of the same route)
  return call(api.GET('/api/v1/ledger', { params: { query: { page, pageSize, ...ledgerFilters(p) } }, parseAs: 'json' })) as Promise<Page<LedgerLine>>;
}

/** The same rows as a file: GET /ledger?format=csv|xlsx with the same filters. */
export function ledgerExportPath(p: Record<string, string>, format: 'csv' | 'xlsx'): string {
  return `/api/v1/ledger?${new URLSearchParams({ ...ledgerFilters(p), format }).toString()}`;
}

/** A customer's name and balance now (Σ debit − credit of the entries I may see), from GET /customers/:id/ledger. */
export function useCustomerBalance(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['ledger', 'customer', customerId ?? ''],
    enabled: enabled && !!customerId,
    queryFn: () => call(api.GET('/api/v1/customers/{id}/ledger', { params: { path: { id: customerId! }, query: { pageSize: 1 } } })),
    select: (l) => ({ customerName: l.customerName, balance: l.balance }),
  });
}
