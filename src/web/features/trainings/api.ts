import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Training = S['TrainingDto'];
export type TrainingSummary = S['TrainingSummaryDto'];
export type TrainingInput = S['CreateTrainingDto'];
export type TrainingUpdate = S['UpdateTrainingDto'];
export type Attendance = S['AttendanceDto'];
export type Figures = S['TrainingFiguresDto'];

export const keys = {
  all: ['trainings'] as const,
  detail: (id: string) => ['trainings', 'detail', id] as const,
};

/** The list's URL parameters → GET /trainings. */
export function fetchTrainings(p: Record<string, string>): Promise<Page<TrainingSummary>> {
  return call(
    api.GET('/api/v1/trainings', {
      params: {
        query: {
          ...pageQuery(p),
          status: p.status as TrainingSummary['status'] | undefined,
          kind: p.kind as TrainingSummary['kind'] | undefined,
          organiserId: p.organiserId,
          attendeeId: p.attendeeId,
          from: p.from,
          to: p.to,
          q: p.q,
        },
      },
    }),
  );
}

export function useTraining(id: string) {
  return useQuery({ queryKey: keys.detail(id), enabled: !!id, queryFn: () => call(api.GET('/api/v1/trainings/{id}', { params: { path: { id } } })) });
}

/** After any change: the session as it now stands, every list, and the invitees' tasks. */
function useSettle() {
  const qc = useQueryClient();
  return async (t: Training) => {
    qc.setQueryData(keys.detail(t.id), t);
    await qc.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] === 'list' });
    await qc.invalidateQueries({ queryKey: ['tasks'] });
  };
}

export function useCreateTraining() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: TrainingInput) => call(api.POST('/api/v1/trainings', { body })), onSuccess: settle });
}

export function useUpdateTraining(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: TrainingUpdate) => call(api.PATCH('/api/v1/trainings/{id}', { params: { path: { id } }, body })), onSuccess: settle });
}

export type Step = { kind: 'hold'; attendance: Attendance[] } | { kind: 'evaluate'; assessment: string } | { kind: 'cancel'; reason?: string };

function send(id: string, s: Step): Promise<Training> {
  const path = { params: { path: { id } } };
  switch (s.kind) {
    case 'hold':
      return call(api.POST('/api/v1/trainings/{id}/hold', { ...path, body: { attendance: s.attendance } }));
    case 'evaluate':
      return call(api.POST('/api/v1/trainings/{id}/evaluate', { ...path, body: { assessment: s.assessment } }));
    case 'cancel':
      return call(api.POST('/api/v1/trainings/{id}/cancel', { ...path, body: s.reason ? { reason: s.reason } : {} }));
  }
}

/** 记录培训情况, 评估效果, 取消: the answer is the session as it now stands. */
export function useTrainingStep(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (s: Step) => send(id, s), onSuccess: settle });
}
