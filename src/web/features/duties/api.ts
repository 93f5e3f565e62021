import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';
import { pageQuery } from '../../lib/list-params';
import { ME_KEY } from '../../lib/session';

type S = components['schemas'];
export type DutyCatalogue = S['DutyCatalogueDto'];
export type DutyClause = S['DutyClauseCoverageDto'];
export type DutyMatrix = S['DutyMatrixDto'];
export type DutyVersion = S['DutyVersionDto'];
export type Revision = S['RevisionDto'];
export type RevisionDetail = S['RevisionDetailDto'];
export type RevisionStatus = Revision['status'];
export type RevisionChange = S['RevisionChangeDto'];
export type RevisionGrant = S['RevisionGrantDto'];
export type Permission = S['DutyMatrixEntryDto']['permission'];
export type RoleCode = S['DutyGrantDto']['role'];
export type Scope = S['DutyGrantDto']['scope'];

/** A version's content never changes once approved: it is asked for again only after a decision. */
const STABLE = 5 * 60_000;

/** The clause catalogue of a version (default: in force), with how each clause is served. */
export function useDuties(version?: number) {
  return useQuery({
    queryKey: ['duties', 'catalogue', version ?? 'current'],
    queryFn: () => call(api.GET('/api/v1/duties', { params: { query: { version } } })),
    staleTime: STABLE,
  });
}

/** The duty matrix of a version (default: in force): the permissions' Chinese names and who holds them. */
export function useDutyMatrix(version?: number) {
  return useQuery({
    queryKey: ['duties', 'matrix', version ?? 'current'],
    queryFn: () => call(api.GET('/api/v1/duties/matrix', { params: { query: { version } } })),
    staleTime: STABLE,
  });
}

/** Every approved version, newest first, the one in force marked. */
export function useDutyVersions() {
  return useQuery({ queryKey: ['duties', 'versions'], queryFn: () => call(api.GET('/api/v1/duties/versions')), staleTime: 60_000 });
}

// ── 制度修订 ─────────────────────────────────────────────────────────────

export const revisionKey = (id: string) => ['duty-revisions', 'detail', id] as const;
const lists = { queryKey: ['duty-revisions'], predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== 'detail' };

export function fetchRevisions(p: Record<string, string>): Promise<Page<Revision>> {
  return call(api.GET('/api/v1/duties/revisions', { params: { query: { ...pageQuery(p), status: p.status as RevisionStatus | undefined } } }));
}

export function useRevision(id: string) {
  return useQuery({ queryKey: revisionKey(id), enabled: !!id, queryFn: () => call(api.GET('/api/v1/duties/revisions/{id}', { params: { path: { id } } })) });
}

export interface RevisionInput {
  title: string;
  reason?: string;
  changes: RevisionChange[];
}

/** 保存草稿: a new draft, or the whole draft again (`version` is the one read). */
export function useSaveRevision(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: RevisionInput & { version?: number }) =>
      id
        ? call(api.PATCH('/api/v1/duties/revisions/{id}', { params: { path: { id } }, body: { version: v.version!, title: v.title, reason: v.reason, changes: v.changes } }))
        : call(api.POST('/api/v1/duties/revisions', { body: { title: v.title, reason: v.reason, changes: v.changes } })),
    onSuccess: (r) => {
      qc.setQueryData(revisionKey(r.id), r);
      return qc.invalidateQueries(lists);
    },
  });
}

export type RevisionStep =
  | { kind: 'submit' | 'withdraw' }
  | { kind: 'approve'; effectiveFrom?: string; comment?: string }
  | { kind: 'reject'; comment: string };

/** 提交审批, 撤回, 批准, 退回 — each with the revision's version as read. */
export function useRevisionStep(r: RevisionDetail | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: RevisionStep) => {
      const path = { params: { path: { id: r!.id } } };
      const version = r!.version;
      if (s.kind === 'approve') return call(api.POST('/api/v1/duties/revisions/{id}/approve', { ...path, body: { version, effectiveFrom: s.effectiveFrom, comment: s.comment || undefined } }));
      if (s.kind === 'reject') return call(api.POST('/api/v1/duties/revisions/{id}/reject', { ...path, body: { version, comment: s.comment } }));
      if (s.kind === 'submit') return call(api.POST('/api/v1/duties/revisions/{id}/submit', { ...path, body: { version } }));
      return call(api.POST('/api/v1/duties/revisions/{id}/withdraw', { ...path, body: { version } }));
    },
    onSuccess: async (next, s) => {
      qc.setQueryData(revisionKey(next.id), next);
      await qc.invalidateQueries(lists);
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      if (s.kind === 'approve') {
        // a new version: the rules, the matrix and what I may do may all have changed
        await qc.invalidateQueries({ queryKey: ['duties'] });
        await qc.invalidateQueries({ queryKey: ME_KEY });
      }
    },
  });
}
