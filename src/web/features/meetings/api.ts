import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Meeting = S['MeetingDto'];
export type MeetingSummary = S['MeetingSummaryDto'];
export type MeetingInput = S['CreateMeetingDto'];
export type MeetingUpdate = S['UpdateMeetingDto'];
export type ActionItem = S['ActionItemDto'];

export const keys = {
  all: ['meetings'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
};

/** The list's URL parameters → GET /meetings. */
export function fetchMeetings(p: Record<string, string>): Promise<Page<MeetingSummary>> {
  return call(
    api.GET('/api/v1/meetings', {
      params: {
        query: {
          ...pageQuery(p),
          status: p.status as MeetingSummary['status'] | undefined,
          kind: p.kind as MeetingSummary['kind'] | undefined,
          attendeeId: p.attendeeId,
          chairId: p.chairId,
          from: p.from,
          to: p.to,
          q: p.q,
        },
      },
    }),
  );
}

export function useMeeting(id: string | undefined) {
  return useQuery({ queryKey: keys.detail(id ?? ''), enabled: !!id, queryFn: () => call(api.GET('/api/v1/meetings/{id}', { params: { path: { id: id! } } })) });
}

/** After any change: the minutes as they now stand, every list, and the 交办事项 and tasks publishing opened. */
function useSettle() {
  const qc = useQueryClient();
  return async (m: Meeting) => {
    qc.setQueryData(keys.detail(m.id), m);
    await qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    if (m.status === 'published') {
      await qc.invalidateQueries({ queryKey: ['assignments'] });
      await qc.invalidateQueries({ queryKey: ['tasks'] });
    }
  };
}

export function useCreateMeeting() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: MeetingInput) => call(api.POST('/api/v1/meetings', { body })), onSuccess: settle });
}

export function useUpdateMeeting(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: MeetingUpdate) => call(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id } }, body })), onSuccess: settle });
}

export function usePublishMeeting(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: () => call(api.POST('/api/v1/meetings/{id}/publish', { params: { path: { id } } })), onSuccess: settle });
}
