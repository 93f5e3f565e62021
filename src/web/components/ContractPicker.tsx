import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { api, call } from '../lib/api/client';
import type { components } from '../lib/api/schema';

type ContractSummary = components['schemas']['ContractSummaryDto'];
type ContractStatus = ContractSummary['status'];
type Labelled = Pick<ContractSummary, 'id' | 'number' | 'title' | 'customerName'>;

export const contractLabel = (c: Pick<ContractSummary, 'number' | 'title' | 'customerName'>) => `${c.number} · ${c.title} · ${c.customerName}`;

/**
 * Contracts in `statuses` matching a number, a title or a customer's name: GET /contracts searches
 * number and title; the customers found by name add their contracts.
 */
async function searchContracts(q: string, statuses: ContractStatus[]): Promise<ContractSummary[]> {
  const status = statuses.length === 1 ? statuses[0] : undefined;
  const wanted = (c: ContractSummary) => statuses.includes(c.status);
  if (!q) {
    const page = await call(api.GET('/api/v1/contracts', { params: { query: { status, sort: status === 'signed' ? '-signedAt' : '-createdAt', pageSize: 30 } } }));
    return page.items.filter(wanted);
  }
  const [byText, customers] = await Promise.all([
    call(api.GET('/api/v1/contracts', { params: { query: { status, q, pageSize: 30 } } })),
    call(api.GET('/api/v1/customers', { params: { query: { q, pageSize: 5 } } })).catch(() => ({ items: [] as { id: string }[] })),
  ]);
  const byCustomer = await Promise.all(
    customers.items.map((c) => call(api.GET('/api/v1/contracts', { params: { query: { status, customerId: c.id, pageSize: 30 } } }))),
  );
  const out = new Map<string, ContractSummary>();
  for (const c of [...byText.items, ...byCustomer.flatMap((p) => p.items)]) if (wanted(c)) out.set(c.id, c);
  return [...out.values()];
}

/**
 * Picks a contract by its number, its title or its customer's name — signed ones by default, the
 * only ones that take payments. A contract already chosen (e.g. from the URL) shows by its label.
 */
export function ContractPicker(props: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  statuses?: ContractStatus[];
  placeholder?: string;
  allowClear?: boolean;
}) {
  const statuses = props.statuses ?? ['signed'];
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const found = useQuery({
    queryKey: ['contract-picker', statuses, q],
    queryFn: () => searchContracts(q, statuses),
    staleTime: 30_000,
  });
  const chosen = useQuery({
    queryKey: ['contracts', 'detail', props.value ?? ''],
    enabled: !!props.value,
    queryFn: () => call(api.GET('/api/v1/contracts/{id}', { params: { path: { id: props.value! } } })),
  });
  const options = useMemo(() => {
    const all = new Map<string, Labelled>();
    if (chosen.data) all.set(chosen.data.id, chosen.data);
    for (const c of found.data ?? []) all.set(c.id, c);
    return [...all.values()].map((c) => ({ value: c.id, label: contractLabel(c), title: contractLabel(c) }));
  }, [chosen.data, found.data]);

  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={props.allowClear ?? true}
      value={props.value}
      placeholder={props.placeholder ?? '输入合同编号、名称或客户名称搜索'}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? '搜索中…' : '没有匹配的合同'}
      onChange={(v?: string) => props.onChange?.(v)}
      style={{ width: '100%' }}
    />
  );
}
