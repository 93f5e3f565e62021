import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Complaint = S['ComplaintDto'];
export type ComplaintInput = S['CreateComplaintDto'];

export const keys = {
  all: ['complaints'] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
};


/** The list's URL parameters → GET /complaints. */
export function fetchComplaints(p: Record<string, string>): Promise<Page<Complaint>> {
  return call(
    api.GET('/api/v1/complaints', {
      params: {
        query: {
          ...pageQuery(p),
          status: p.status as Complaint['status'] | undefined,
          severity: p.severity as Complaint['severity'] | undefined,
          escalated: p.escalated as 'true' | 'false' | undefined,
          department: p.department as Complaint['handlingDepartment'] | undefined,
          customerId: p.customerId,
        },
      },
    }),
  );
}

export function useComplaint(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => call(api.GET('/api/v1/complaints/{id}', { params: { path: { id } } })) });
}

/** The complaint's customer by name, when the caller may read it (a 404 leaves just the link). */
export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
  });
}

export function useDirectory() {
  return useQuery({ queryKey: ['users', 'directory'], staleTime: 5 * 60_000, queryFn: () => call(api.GET('/api/v1/users/directory')) });
}

export function useCreateComplaint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: ComplaintInput) => call(api.POST('/api/v1/complaints', { body: v })),
    onSuccess: (c) => {
      qc.setQueryData(keys.detail(c.id), c);
      return qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}
