import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type Task = components['schemas']['TaskDto'];
type TaskPage = components['schemas']['TaskPageDto'];

export interface TaskQuery {
  status: 'open' | 'done';
  sort: string;
  page: number;
  pageSize: number;
}

const KEY = ['tasks'] as const;

export function useMyTasks(q: TaskQuery) {
  return useQuery({
    queryKey: [...KEY, 'mine', q],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/me/tasks', { params: { query: q } })),
  });
}

/** 完成: the task leaves the open list at once; on a refusal it comes back and the error shows. */
export function useDone(q: TaskQuery) {
  const qc = useQueryClient();
  const key = [...KEY, 'mine', q];
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/tasks/{id}/done', { params: { path: { id } } })),
    onMutate: async (id) => {
      await qc.cancelQueries({ queryKey: KEY });
      const before = qc.getQueryData<TaskPage>(key);
      if (before && q.status === 'open') {
        qc.setQueryData<TaskPage>(key, { ...before, items: before.items.filter((t) => t.id !== id), total: Math.max(0, before.total - 1) });
      }
      return { before };
    },
    onError: (_e, _id, ctx) => {
      if (ctx?.before) qc.setQueryData(key, ctx.before);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
