import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type Complaint = S['ComplaintDto'];
export type ComplaintInput = S['CreateComplaintDto'];
export type ResolveInput = S['ResolveComplaintDto'];
export type DirectoryEntry = S['DirectoryEntryDto'];

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
          overdue: p.overdue as 'true' | 'false' | undefined,
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

export { useDirectory };

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

/** Who holds a permission, by role (GET /duties/matrix, the matrix the running authorisation uses). */
export function useRolesWith(permission: string) {
  return useQuery({
    queryKey: ['duties', 'matrix'],
    staleTime: 30 * 60_000,
    queryFn: () => call(api.GET('/api/v1/duties/matrix')),
    select: (m) => new Set<string>(m.items.find((e) => e.permission === permission)?.grants.map((g) => g.role) ?? []),
  });
}

export type ComplaintAction =
  | { kind: 'assign'; assigneeId: string }
  | { kind: 'resolve'; body: ResolveInput }
  | { kind: 'approve' }
  | { kind: 'reopen' }
  | { kind: 'close'; satisfaction: number };

function send(id: string, a: ComplaintAction): Promise<Complaint> {
  const path = { params: { path: { id } } };
  switch (a.kind) {
    case 'assign':
      return call(api.POST('/api/v1/complaints/{id}/assign', { ...path, body: { assigneeId: a.assigneeId } }));
    case 'resolve':
      return call(api.POST('/api/v1/complaints/{id}/resolve', { ...path, body: a.body }));
    case 'approve':
      return call(api.POST('/api/v1/complaints/{id}/compensation/approve', path));
    case 'reopen':
      return call(api.POST('/api/v1/complaints/{id}/reopen', path));
    case 'close':
      return call(api.POST('/api/v1/complaints/{id}/close', { ...path, body: { satisfaction: a.satisfaction } }));
  }
}

/** 分派, 登记解决, 审批赔偿, 重新打开, 关闭: the answer is the complaint as it now stands. */
export function useComplaintAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ComplaintAction) => send(id, a),
    onSuccess: async (c) => {
      qc.setQueryData(keys.detail(id), c);
      await qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
      // an assignment makes a task for the assignee; a resolution closes it
      await qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
