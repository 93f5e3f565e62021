import type { Dayjs } from 'dayjs';
import { fieldErrors, type Problem } from '../../lib/api/problem';
import { dayjs, formatDate, getBusinessTz, nowIso } from '../../lib/format';
import type { CreateVisitBody, UpdateVisitBody, Visit, VisitMethod } from './api';

/** The visit form's values. Times are wall-clock in business time (the picker shows them as such). */
export interface VisitFormValues {
  party?: string;
  method?: VisitMethod;
  visitedAt?: Dayjs | null;
  purpose?: string;
  summary?: string;
  issues?: string;
  suggestions?: string;
  nextStep?: string;
  nextVisitAt?: Dayjs | null;
  location?: { lat: number; lng: number } | null;
  address?: string;
}

/** API limits (src/visits/dto/visit.dto.ts), mirrored so most mistakes never leave the phone. */
export const LIMITS = { purpose: 200, summary: 4000, issues: 2000, suggestions: 2000, nextStep: 500, address: 300 } as const;
/** The API allows ten minutes of clock skew between a phone and the server. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

const WALL = 'YYYY-MM-DDTHH:mm:ss';
/** An instant → the same moment as business wall-clock time (a plain local dayjs for the picker). */
export const toWall = (iso: string): Dayjs => dayjs(dayjs(iso).tz(getBusinessTz()).format(WALL));
/** Business wall-clock time → ISO timestamp with the business offset, as the API wants it. */
export const fromWall = (d: Dayjs): string => dayjs.tz(d.format(WALL), getBusinessTz()).format();
export const nowWall = (): Dayjs => toWall(nowIso());
export const isInFuture = (d: Dayjs): boolean => dayjs(fromWall(d)).valueOf() > Date.now() + FUTURE_TOLERANCE_MS;

/** A new visit: now, no method chosen (a wrong default would go unnoticed), no check-in. */
export function defaultValues(party?: string): VisitFormValues {
  return { party, visitedAt: nowWall(), location: null };
}

export function valuesOf(v: Visit): VisitFormValues {
  return {
    party: v.customerId ? `customer:${v.customerId}` : `prospect:${v.prospectId}`,
    method: v.method,
    visitedAt: toWall(v.visitedAt),
    purpose: v.purpose,
    summary: v.summary,
    issues: v.issues ?? undefined,
    suggestions: v.suggestions ?? undefined,
    nextStep: v.nextStep ?? undefined,
    nextVisitAt: v.nextVisitAt ? dayjs(formatDate(v.nextVisitAt)) : null,
    location: v.location ? { lat: v.location.lat, lng: v.location.lng } : null,
    address: v.location?.address ?? undefined,
  };
}

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

function fields(v: VisitFormValues) {
  return {
    method: v.method!,
    visitedAt: fromWall(v.visitedAt!),
    purpose: v.purpose!.trim(),
    summary: v.summary!.trim(),
    issues: text(v.issues),
    suggestions: text(v.suggestions),
    nextStep: text(v.nextStep),
    nextVisitAt: v.nextVisitAt ? v.nextVisitAt.format('YYYY-MM-DD') : null,
    location: v.location ? { lat: v.location.lat, lng: v.location.lng, address: text(v.address) } : null,
  };
}

/** A new visit: empty optional fields are left out. */
export function createBody(v: VisitFormValues): CreateVisitBody {
  const [kind, id] = (v.party ?? '').split(':');
  const { location, ...rest } = fields(v);
  const body: CreateVisitBody = { ...(kind === 'customer' ? { customerId: id } : { prospectId: id }), ...rest, ...(location ? { location } : {}) };
  for (const k of ['issues', 'suggestions', 'nextStep', 'nextVisitAt'] as const) if (body[k] === null) delete body[k];
  return body;
}

/** An edit sends every field (null clears an optional one) with the version it started from. */
export function updateBody(v: VisitFormValues, version: number): UpdateVisitBody {
  return { version, ...fields(v) };
}

/** A 400's per-field messages, keyed by the form's field names. */
export function formErrors(problem: Problem): { name: keyof VisitFormValues; errors: string[] }[] {
  const rename: Record<string, keyof VisitFormValues> = {
    customerId: 'party',
    prospectId: 'party',
    'location.lat': 'location',
    'location.lng': 'location',
    location: 'location',
    'location.address': 'address',
  };
  const known = new Set(['method', 'visitedAt', 'purpose', 'summary', 'issues', 'suggestions', 'nextStep', 'nextVisitAt']);
  return Object.entries(fieldErrors(problem))
    .map(([field, errors]) => ({ name: rename[field] ?? (known.has(field) ? (field as keyof VisitFormValues) : undefined), errors }))
    .filter((e): e is { name: keyof VisitFormValues; errors: string[] } => !!e.name);
}

/**
 * The typed form survives a reload or a sign-in after the session expired: kept per page
 * (URL) in sessionStorage — the form values only, never a token — and removed once saved.
 */
interface Draft {
  values: Omit<VisitFormValues, 'visitedAt' | 'nextVisitAt'> & { visitedAt?: string; nextVisitAt?: string };
  partyName?: string;
  version?: number;
}

const draftKey = (where: string) => `zhize.visit-draft:${where}`;

export function saveDraft(where: string, v: VisitFormValues, partyName: string | undefined, version?: number): void {
  const draft: Draft = {
    values: { ...v, visitedAt: v.visitedAt ? v.visitedAt.format(WALL) : undefined, nextVisitAt: v.nextVisitAt ? v.nextVisitAt.format('YYYY-MM-DD') : undefined },
    partyName,
    version,
  };
  try {
    sessionStorage.setItem(draftKey(where), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the form still works, only the safety net is gone
  }
}

export function loadDraft(where: string): { values: VisitFormValues; partyName?: string; version?: number } | null {
  try {
    const raw = sessionStorage.getItem(draftKey(where));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return {
      values: { ...d.values, visitedAt: d.values.visitedAt ? dayjs(d.values.visitedAt) : null, nextVisitAt: d.values.nextVisitAt ? dayjs(d.values.nextVisitAt) : null },
      partyName: d.partyName,
      version: d.version,
    };
  } catch {
    return null;
  }
}

export function clearDraft(where: string): void {
  try {
    sessionStorage.removeItem(draftKey(where));
  } catch {
    // nothing to clear
  }
}
