import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';
import { dayjs, getBusinessTz } from '../../lib/format';
import type { Page } from '../../components/ListPage';
import { normaliseUscc, usccMessage } from '../../lib/uscc';

type S = components['schemas'];
export type Prospect = S['ProspectResponseDto'];
export type Evaluation = S['ProspectEvaluationDto'];
export type DuplicateMatch = S['DuplicateMatchDto'];
export type Visit = S['VisitResponseDto'];
export type DirectoryEntry = S['DirectoryEntryDto'];

/** The register/edit form's fields; optional ones are strings or empty. */
export interface ProspectInput {
  companyName: string;
  uscc?: string;
  contactName: string;
  contactPhone: string;
  region?: string;
  industry?: string;
  source?: string;
  notes?: string;
  /** 登记来源 (registration only): the campaign and channel it came through. */
  campaignId?: string;
  channelId?: string;
}

export interface EvaluationInput {
  registeredCapital?: string;
  capitalVerified: boolean;
  score: number;
  conclusion: 'pass' | 'fail' | 'pending';
  notes: string;
}

/** Cache keys: everything about prospects starts with 'prospects'; the pool list is apart. */
export const keys = {
  all: ['prospects'] as const,
  detail: (id: string) => ['prospects', 'detail', id] as const,
  evaluations: (id: string) => ['prospects', 'evaluations', id] as const,
  visits: (id: string) => ['prospects', 'visits', id] as const,
  pool: ['prospect-pool'] as const,
};

/** A business-time day boundary as an instant (the API compares created_at, a timestamp). */
const dayStart = (d: string, plusDays = 0) => dayjs.tz(d, getBusinessTz()).add(plusDays, 'day').toISOString();

/** The list's URL parameters → GET /prospects. "登记日期止" is inclusive for people: send the next day. */
export function fetchProspects(p: Record<string, string>): Promise<Page<Prospect>> {
  return call(
    api.GET('/api/v1/prospects', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          status: p.status as Prospect['status'] | undefined,
          region: p.region,
          industry: p.industry,
          source: p.source,
          campaignId: p.campaignId,
          channelId: p.channelId,
          createdFrom: p.createdFrom ? dayStart(p.createdFrom) : undefined,
          createdTo: p.createdTo ? dayStart(p.createdTo, 1) : undefined,
        },
      },
    }),
  );
}

export function fetchPool(p: Record<string, string>): Promise<Page<Prospect>> {
  return call(api.GET('/api/v1/prospects/pool', { params: { query: pageQuery(p) } }));
}

export function useProspect(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: () => call(api.GET('/api/v1/prospects/{id}', { params: { path: { id } } })) });
}

export function useEvaluations(id: string) {
  return useQuery({ queryKey: keys.evaluations(id), queryFn: () => call(api.GET('/api/v1/prospects/{id}/evaluations', { params: { path: { id } } })) });
}

export function useProspectVisits(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.visits(id),
    enabled,
    // the route also answers CSV (?format=csv); without it, JSON
    queryFn: async () => (await call(api.GET('/api/v1/visits', { params: { query: { prospectId: id, sort: '-visitedAt', pageSize: 20 } } }))) as S['VisitPageDto'],
  });
}

export { useDirectory };

export function useOwnerName(enabled: boolean): (id: string | null) => string {
  const dir = useDirectory(enabled);
  return (id) => (id ? (dir.data?.find((u) => u.id === id)?.displayName ?? '—') : '公海');
}

/** Empty optional fields are left out on create, and cleared (null) on edit. */
function body(v: ProspectInput, empty: undefined | null) {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : empty);
  return {
    companyName: v.companyName.trim(),
    uscc: v.uscc && v.uscc.trim() ? normaliseUscc(v.uscc) : empty,
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    region: opt(v.region),
    industry: opt(v.industry),
    source: opt(v.source),
    notes: opt(v.notes),
  };
}

export function useCreateProspect() {
  const qc = useQueryClient();
  return useMutation({
    // The generated request type has the optional strings as empty objects (no swagger type): cast once.
    mutationFn: (v: ProspectInput) =>
      call(api.POST('/api/v1/prospects', { body: { ...body(v, undefined), campaignId: v.campaignId || undefined, channelId: v.channelId || undefined } as S['CreateProspectDto'] })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useUpdateProspect(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: ProspectInput & { version: number }) =>
      call(api.PATCH('/api/v1/prospects/{id}', { params: { path: { id } }, body: { ...body(v, null), version: v.version } as unknown as S['UpdateProspectDto'] })),
    onSuccess: (p) => {
      qc.setQueryData(keys.detail(id), p);
      return qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useEvaluate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: EvaluationInput) =>
      call(
        api.POST('/api/v1/prospects/{id}/evaluations', {
          params: { path: { id } },
          body: { ...v, registeredCapital: v.registeredCapital?.trim() || undefined, notes: v.notes.trim() },
        }),
      ),
    onSuccess: (r) => {
      qc.setQueryData(keys.detail(id), r.prospect);
      return qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useConvert(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/prospects/{id}/convert', { params: { path: { id } } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.all }), qc.invalidateQueries({ queryKey: ['customers'] })]),
  });
}

export function useAssign(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ownerId: string) => call(api.POST('/api/v1/prospects/{id}/assign', { params: { path: { id } }, body: { ownerId } })),
    onSuccess: (p) => {
      qc.setQueryData(keys.detail(id), p);
      void qc.invalidateQueries({ queryKey: keys.pool });
      return qc.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/prospects/{id}/claim', { params: { path: { id } } })),
    onSuccess: (p) => {
      qc.setQueryData(keys.detail(p.id), p);
      return Promise.all([qc.invalidateQueries({ queryKey: keys.pool }), qc.invalidateQueries({ queryKey: keys.all })]);
    },
  });
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * 查重 while typing: ~400 ms after the last keystroke, asks GET /prospects/duplicates with the
 * keys typed so far that are worth asking about (a USCC only once it is valid — the API refuses
 * a malformed one; a phone once it has 7 digits).
 */
export function useLiveDuplicates(input: { companyName?: string; uscc?: string; contactPhone?: string }, except?: string) {
  const companyName = input.companyName?.trim() || undefined;
  const uscc = input.uscc?.trim() && !usccMessage(input.uscc) ? normaliseUscc(input.uscc) : undefined;
  const digits = (input.contactPhone ?? '').replace(/\D/g, '');
  const contactPhone = digits.length >= 7 && input.contactPhone!.trim().length <= 30 ? input.contactPhone!.trim() : undefined;
  const q = useDebounced({ companyName: companyName && companyName.length >= 2 ? companyName.slice(0, 200) : undefined, uscc, contactPhone }, 400);
  const query = useQuery({
    queryKey: ['prospects', 'duplicates', q],
    enabled: !!(q.companyName || q.uscc || q.contactPhone),
    staleTime: 10_000,
    queryFn: () => call(api.GET('/api/v1/prospects/duplicates', { params: { query: q } })),
  });
  const matches = (query.data?.matches ?? []).filter((m) => m.id !== except);
  // only report a match for what is still typed
  const current = { companyName: q.companyName === (companyName?.slice(0, 200)), uscc: q.uscc === uscc, contactPhone: q.contactPhone === contactPhone };
  const byField = (field: DuplicateMatch['field']) => (current[field] && q[field] ? matches.find((m) => m.field === field) : undefined);
  return { byField, checking: query.isFetching };
}
