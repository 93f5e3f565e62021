import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Customer = S['CustomerResponseDto'];
export type KeyAccount = S['KeyAccountDto'];
export type Tier = S['TierDto'];
export type TierChange = S['TierChangeDto'];
export type VisitItem = S['VisitResponseDto'];
export type ContractItem = S['ContractSummaryDto'];
export type ReceivableItem = S['ReceivableDto'];
export type ComplaintItem = S['ComplaintDto'];

/** The edit form's fields; empty optional ones are cleared (null) on save. */
export interface CustomerInput {
  name: string;
  uscc?: string;
  contactName: string;
  contactPhone: string;
  address?: string;
  region?: string;
  industry?: string;
}

/** Cache keys: 'customers' for the customer itself, and each related list under its own resource. */
export const customerKeys = {
  all: ['customers'] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  keyAccount: (id: string) => ['customers', 'key-account', id] as const,
  tierHistory: (id: string) => ['customers', 'tier-history', id] as const,
};


export function fetchCustomers(p: Record<string, string>): Promise<Page<Customer>> {
  return call(
    api.GET('/api/v1/customers', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          region: p.region,
          industry: p.industry,
          isKeyAccount: p.isKeyAccount as 'true' | 'false' | undefined,
          tierCode: p.tierCode,
        },
      },
    }),
  );
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })) });
}

/** The tiers, for names and the filter (tier.read holders only). */
export function useTiers(enabled: boolean) {
  return useQuery({
    queryKey: ['key-accounts', 'tiers'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => (await call(api.GET('/api/v1/key-accounts/tiers'))).items,
  });
}

/**
 * A key account's tier, last visit and next visit due, from GET /key-accounts (which has no
 * customer filter): search by name, then pick this customer by id.
 */
export function useKeyAccount(customer: Customer | undefined, enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.keyAccount(customer?.id ?? ''),
    enabled: enabled && !!customer?.isKeyAccount,
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/key-accounts', { params: { query: { q: customer!.name.slice(0, 100), pageSize: 100 } } }));
      return page.items.find((k) => k.customerId === customer!.id) ?? null;
    },
  });
}

export function useTierHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.tierHistory(id),
    enabled,
    queryFn: async () => (await call(api.GET('/api/v1/customers/{id}/tier-history', { params: { path: { id } } }))).items,
  });
}

/** Related lists; each under its resource's key, so a change there refreshes this page too. */
export function useCustomerVisits(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['visits', 'customer', customerId],
    enabled,
    queryFn: () =>
      call(api.GET('/api/v1/visits', { params: { query: { customerId, sort: '-visitedAt', pageSize: 10 } }, parseAs: 'json' })) as Promise<Page<VisitItem>>,
  });
}

export function useCustomerContracts(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contracts', 'customer', customerId],
    enabled,
    queryFn: () => call(api.GET('/api/v1/contracts', { params: { query: { customerId, sort: '-createdAt', pageSize: 20 } } })),
  });
}

export function useCustomerReceivables(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['receivables', 'customer', customerId],
    enabled,
    queryFn: () => call(api.GET('/api/v1/receivables', { params: { query: { customerId, sort: 'dueDate', pageSize: 50 } } })),
  });
}

export function useCustomerComplaints(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['complaints', 'customer', customerId],
    enabled,
    queryFn: () => call(api.GET('/api/v1/complaints', { params: { query: { customerId, sort: '-createdAt', pageSize: 20 } } })),
  });
}

export { useDirectory };

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** 新建客户 (SAL-6.3): the API answers 409 DUPLICATE_PARTY when the name, USCC or phone is taken. */
export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: CustomerInput) =>
      call(
        api.POST('/api/v1/customers', {
          body: {
            name: v.name.trim(),
            uscc: orNull(v.uscc),
            contactName: v.contactName.trim(),
            contactPhone: v.contactPhone.trim(),
            address: orNull(v.address),
            region: orNull(v.region),
            industry: orNull(v.industry),
          },
        }),
      ),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: customerKeys.all });
      void qc.invalidateQueries({ queryKey: ['party-picker'] });
    },
  });
}

export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ v, version }: { v: CustomerInput; version: number }) =>
      call(
        api.PATCH('/api/v1/customers/{id}', {
          params: { path: { id } },
          body: {
            version,
            name: v.name.trim(),
            uscc: orNull(v.uscc),
            contactName: v.contactName.trim(),
            contactPhone: v.contactPhone.trim(),
            address: orNull(v.address),
            region: orNull(v.region),
            industry: orNull(v.industry),
          },
        }),
      ),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(id), c);
      void qc.invalidateQueries({ queryKey: customerKeys.all });
      void qc.invalidateQueries({ queryKey: ['party-picker'] });
    },
  });
}
