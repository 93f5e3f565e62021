import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Assignment = S['AssignmentDto'];
export type AssignmentDetail = S['AssignmentDetailDto'];
export type AssignmentInput = S['CreateAssignmentDto'];
export type RequestInput = S['CreateRequestDto'];
export type AssignmentUpdate = S['UpdateAssignmentDto'];
export type DirectoryEntry = S['DirectoryEntryDto'];

export const keys = {
  all: ['assignments'] as const,
  detail: (id: string) => ['assignments', 'detail', id] as const,
};

/** The list's URL parameters → GET /assignments; `mine=all` in the URL is the 团队 tab (no mine filter). */
export function fetchAssignments(p: Record<string, string>): Promise<Page<Assignment>> {
  return call(
    api.GET('/api/v1/assignments', {
      params: {
        query: {
          ...pageQuery(p),
          mine: p.mine === 'assigned' || p.mine === 'created' ? p.mine : undefined,
          status: p.status as Assignment['status'] | undefined,
          kind: p.kind as Assignment['kind'] | undefined,
          overdue: p.overdue as 'true' | 'false' | undefined,
          dueBefore: p.dueBefore,
          assigneeId: p.assigneeId,
          q: p.q,
        },
      },
    }),
  );
}

export function useAssignment(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => call(api.GET('/api/v1/assignments/{id}', { params: { path: { id } } })) });
}

export { useDirectory };

/** After any change: the record as it now stands, every list, and the tasks it opened or closed. */
function useSettle() {
  const qc = useQueryClient();
  return async (a: AssignmentDetail) => {
    qc.setQueryData(keys.detail(a.id), a);
    await qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    await qc.invalidateQueries({ queryKey: ['tasks'] });
  };
}

export function useCreateAssignment() {
  const settle = useSettle();
  return useMutation({ mutationFn: (v: AssignmentInput) => call(api.POST('/api/v1/assignments', { body: v })), onSuccess: settle });
}

export function useCreateRequest() {
  const settle = useSettle();
  return useMutation({ mutationFn: (v: RequestInput) => call(api.POST('/api/v1/assignments/requests', { body: v })), onSuccess: settle });
}

export function useUpdateAssignment(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (v: AssignmentUpdate) => call(api.PATCH('/api/v1/assignments/{id}', { params: { path: { id } }, body: v })), onSuccess: settle });
}

export type Step =
  | { kind: 'start' }
  | { kind: 'complete' | 'confirm' | 'cancel'; comment?: string }
  | { kind: 'return'; comment: string }
  | { kind: 'delegate'; assigneeId: string; comment?: string };

function send(id: string, s: Step): Promise<AssignmentDetail> {
  const path = { params: { path: { id } } };
  const note = 'comment' in s && s.comment ? { comment: s.comment } : {};
  switch (s.kind) {
    case 'start':
      return call(api.POST('/api/v1/assignments/{id}/start', path));
    case 'complete':
      return call(api.POST('/api/v1/assignments/{id}/complete', { ...path, body: note }));
    case 'confirm':
      return call(api.POST('/api/v1/assignments/{id}/confirm', { ...path, body: note }));
    case 'cancel':
      return call(api.POST('/api/v1/assignments/{id}/cancel', { ...path, body: note }));
    case 'return':
      return call(api.POST('/api/v1/assignments/{id}/return', { ...path, body: { comment: s.comment } }));
    case 'delegate':
      return call(api.POST('/api/v1/assignments/{id}/delegate', { ...path, body: { assigneeId: s.assigneeId, ...note } }));
  }
}

/** 开始, 完成, 退回, 确认, 取消, 转派: the answer is the assignment as it now stands. */
export function useAssignmentStep(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (s: Step) => send(id, s), onSuccess: settle });
}
