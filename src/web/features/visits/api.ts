import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import { pageQuery } from '../../lib/list-params';
import type { components } from '../../lib/api/schema';
import { dayjs, getBusinessTz } from '../../lib/format';

type S = components['schemas'];
export type Visit = S['VisitResponseDto'];
export type VisitMethod = Visit['method'];
export type DirectoryEntry = S['DirectoryEntryDto'];

export const METHOD_LABEL: Record<VisitMethod, string> = { phone: '电话', in_person: '上门', video: '视频', other: '其他' };
export const METHODS = Object.keys(METHOD_LABEL) as VisitMethod[];

/** What the console sends for a visit. */
export interface VisitFields {
  method: VisitMethod;
  visitedAt: string;
  purpose: string;
  summary: string;
  issues: string | null;
  suggestions: string | null;
  nextStep: string | null;
  nextVisitAt: string | null;
  location: { lat: number; lng: number; address: string | null } | null;
}
export type CreateVisitBody = S['CreateVisitDto'];
/** As the API takes it: `location: null` removes a check-in (the OpenAPI document does not say null yet). */
export type UpdateVisitBody = Partial<VisitFields> & { version: number };

/** Cache keys: everything about visits starts with 'visits' (the customer page's timeline too). */
export const visitKeys = {
  all: ['visits'] as const,
  detail: (id: string) => ['visits', 'detail', id] as const,
};

/** A business-time day as an instant; "至" is inclusive for people, the API's `to` is not. */
const dayStart = (d: string, plusDays = 0) => dayjs.tz(d, getBusinessTz()).add(plusDays, 'day').format();

/** The list's URL parameters → the API's query (shared by the list and its CSV export). */
export function visitQuery(p: Record<string, string>, myId: string) {
  const party = /^(customer|prospect):(.+)$/.exec(p.party ?? '');
  return {
    ...pageQuery(p),
    visitorId: p.scope === 'mine' ? myId : undefined,
    customerId: party?.[1] === 'customer' ? party[2] : undefined,
    prospectId: party?.[1] === 'prospect' ? party[2] : undefined,
    from: p.from ? dayStart(p.from) : undefined,
    to: p.to ? dayStart(p.to, 1) : undefined,
    method: p.method as VisitMethod | undefined,
    reviewed: p.reviewed as 'true' | 'false' | undefined,
  };
}

export function fetchVisits(query: ReturnType<typeof visitQuery>): Promise<Page<Visit>> {
  return call(api.GET('/api/v1/visits', { params: { query }, parseAs: 'json' })) as Promise<Page<Visit>>;
}

/** `GET /visits?format=csv` with the same filters, as a path for download(). */
export function visitCsvPath(query: ReturnType<typeof visitQuery>): string {
  const qs = new URLSearchParams({ format: 'csv' });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'page' && k !== 'pageSize') qs.set(k, String(v));
  return `/api/v1/visits?${qs.toString()}`;
}

export function useVisit(id: string | undefined) {
  return useQuery({
    queryKey: visitKeys.detail(id ?? ''),
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/visits/{id}', { params: { path: { id: id! } } })),
  });
}

/** The name of a party named in the URL (?customerId= / ?prospectId=), to show it in the picker. */
export function usePartyName(kind: 'customer' | 'prospect' | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['visits', 'party-name', kind, id],
    enabled: !!kind && !!id,
    queryFn: async () =>
      kind === 'customer'
        ? (await call(api.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } }))).name
        : (await call(api.GET('/api/v1/prospects/{id}', { params: { path: { id: id! } } }))).companyName,
  });
}

export { useDirectory };

function useInvalidateVisits() {
  const qc = useQueryClient();
  return (v: Visit) => {
    qc.setQueryData(visitKeys.detail(v.id), v);
    void qc.invalidateQueries({ queryKey: visitKeys.all });
    void qc.invalidateQueries({ queryKey: ['party-picker'] });
    // A key account's next visit due moves with its visits.
    void qc.invalidateQueries({ queryKey: ['customers'] });
  };
}

export function useCreateVisit() {
  const done = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: CreateVisitBody) => call(api.POST('/api/v1/visits', { body })),
    onSuccess: done,
  });
}

export function useUpdateVisit(id: string) {
  const done = useInvalidateVisits();
  return useMutation({
    // The one cast: the document's UpdateVisitDto has no `location: null` (see UpdateVisitBody).
    mutationFn: (body: UpdateVisitBody) => call(api.PATCH('/api/v1/visits/{id}', { params: { path: { id } }, body: body as S['UpdateVisitDto'] })),
    onSuccess: done,
  });
}

export function useReviewVisit(id: string) {
  const done = useInvalidateVisits();
  return useMutation({
    mutationFn: (comment: string) => call(api.POST('/api/v1/visits/{id}/review', { params: { path: { id } }, body: { comment } })),
    onSuccess: done,
  });
}
