import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';

type S = components['schemas'];
export type Scheme = S['SchemeDto'];
export type SchemeStatus = Scheme['status'];
export type PeriodType = Scheme['periodType'];
export type CriterionSource = S['CriterionDto']['source'];
export type Criterion = S['CriterionDto'];
export type Review = S['ReviewDto'];
export type ReviewStatus = Review['status'];
export type ReviewItem = S['ReviewItemDto'];
export type Figures = S['ReviewFiguresDto'];

export const keys = {
  schemes: ['review-schemes'] as const,
  scheme: (id: string) => ['review-schemes', 'detail', id] as const,
  reviews: ['reviews'] as const,
  review: (id: string) => ['reviews', 'detail', id] as const,
  mine: ['reviews', 'mine'] as const,
};

/** After a change: every list of the kind (a page, a filter) asks again; the record itself is set. */
const lists = (kind: string) => ({ queryKey: [kind], predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== 'detail' });

// ── 考核方案 ─────────────────────────────────────────────────────────────

export function fetchSchemes(p: Record<string, string>): Promise<Page<Scheme>> {
  return call(
    api.GET('/api/v1/reviews/schemes', {
      params: {
        query: { ...pageQuery(p), department: p.department as Scheme['department'] | undefined, status: p.status as SchemeStatus | undefined, periodType: p.periodType as PeriodType | undefined },
      },
    }),
  );
}

export function useScheme(id: string) {
  return useQuery({ queryKey: keys.scheme(id), queryFn: () => call(api.GET('/api/v1/reviews/schemes/{id}', { params: { path: { id } } })) });
}

/** The department's scheme in force (a 主管 and a 经理 read their own department's). */
export function useSchemeInForce(department: string | undefined) {
  return useQuery({
    queryKey: [...keys.schemes, 'in-force', department],
    enabled: !!department,
    queryFn: async () =>
      (await call(api.GET('/api/v1/reviews/schemes', { params: { query: { status: 'approved', department: department as Scheme['department'], pageSize: 1 } } }))).items[0] ?? null,
  });
}

export interface SchemeInput {
  name: string;
  periodType: PeriodType;
  criteria: Criterion[];
}

export function useSaveScheme(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: SchemeInput & { version?: number }) =>
      id
        ? call(api.PATCH('/api/v1/reviews/schemes/{id}', { params: { path: { id } }, body: { version: v.version!, name: v.name, periodType: v.periodType, criteria: v.criteria } }))
        : call(api.POST('/api/v1/reviews/schemes', { body: { name: v.name, periodType: v.periodType, criteria: v.criteria } })),
    onSuccess: (s) => {
      qc.setQueryData(keys.scheme(s.id), s);
      return qc.invalidateQueries(lists('review-schemes'));
    },
  });
}

export type SchemeDecision = { kind: 'submit' } | { kind: 'approve'; comment?: string } | { kind: 'reject'; comment: string };

export function useSchemeDecision(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: SchemeDecision) => {
      const path = { params: { path: { id } } };
      if (d.kind === 'submit') return call(api.POST('/api/v1/reviews/schemes/{id}/submit', path));
      if (d.kind === 'approve') return call(api.POST('/api/v1/reviews/schemes/{id}/approve', { ...path, body: { comment: d.comment || undefined } }));
      return call(api.POST('/api/v1/reviews/schemes/{id}/reject', { ...path, body: { comment: d.comment } }));
    },
    onSuccess: (s) => {
      qc.setQueryData(keys.scheme(s.id), s);
      return qc.invalidateQueries(lists('review-schemes'));
    },
  });
}

// ── 绩效考核 ─────────────────────────────────────────────────────────────

export function fetchReviews(p: Record<string, string>): Promise<Page<Review>> {
  return call(
    api.GET('/api/v1/reviews', {
      params: {
        query: { ...pageQuery(p), period: p.period, status: p.status as ReviewStatus | undefined, revieweeId: p.revieweeId, reviewerId: p.reviewerId },
      },
    }),
  );
}

export function useReview(id: string) {
  return useQuery({ queryKey: keys.review(id), queryFn: () => call(api.GET('/api/v1/reviews/{id}', { params: { path: { id } } })) });
}

/** 我的考核: the caller's own, from the reviewer's submission on. */
export function useMyReviews(page: number) {
  return useQuery({ queryKey: [...keys.mine, page], queryFn: () => call(api.GET('/api/v1/me/reviews', { params: { query: { page, pageSize: 10 } } })) });
}

export function useStartReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { revieweeId: string; period: string }) => call(api.POST('/api/v1/reviews', { body })),
    onSuccess: (r) => {
      qc.setQueryData(keys.review(r.id), r);
      return qc.invalidateQueries(lists('reviews'));
    },
  });
}

export interface ScoresInput {
  version: number;
  scores: Array<{ seq: number; score: number | null; comment: string | null }>;
  comment: string | null;
}

export function useSaveScores(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: ScoresInput & { submit: boolean }) => {
      const saved = await call(api.PATCH('/api/v1/reviews/{id}', { params: { path: { id } }, body: { version: v.version, scores: v.scores, comment: v.comment } }));
      // kept at once: should the submit be refused, the page still holds the saved version
      qc.setQueryData(keys.review(id), saved);
      return v.submit ? call(api.POST('/api/v1/reviews/{id}/submit', { params: { path: { id } } })) : saved;
    },
    onSuccess: (r) => {
      qc.setQueryData(keys.review(id), r);
      return qc.invalidateQueries(lists('reviews'));
    },
  });
}

export type ReviewDecision = { kind: 'confirm'; comment?: string } | { kind: 'return'; comment: string };

export function useReviewDecision(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: ReviewDecision) =>
      d.kind === 'confirm'
        ? call(api.POST('/api/v1/reviews/{id}/confirm', { params: { path: { id } }, body: { comment: d.comment || undefined } }))
        : call(api.POST('/api/v1/reviews/{id}/return', { params: { path: { id } }, body: { comment: d.comment } })),
    onSuccess: (r) => {
      qc.setQueryData(keys.review(id), r);
      return qc.invalidateQueries(lists('reviews'));
    },
  });
}

export { useDirectory };
