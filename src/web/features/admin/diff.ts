/** One field of an audit row's before/after snapshots. */
export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
  /** absent in `before` (a creation) or in `after` */
  kind: 'changed' | 'added' | 'removed' | 'same';
}

type Snapshot = Record<string, unknown> | null | undefined;

/** JSON with sorted keys, so two equal objects compare equal whatever their key order. */
function stable(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/**
 * The fields of before and after side by side: changed ones first (in the record's order), then
 * the unchanged. A creation has only `after`: every field is "added".
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): FieldChange[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const rows = keys.map((key): FieldChange => {
    const inBefore = !!before && key in before;
    const inAfter = !!after && key in after;
    const b = inBefore ? before![key] : undefined;
    const a = inAfter ? after![key] : undefined;
    const kind = !inBefore ? 'added' : !inAfter ? 'removed' : stable(a) === stable(b) ? 'same' : 'changed';
    return { key, before: b, after: a, kind };
  });
  return [...rows.filter((r) => r.kind !== 'same'), ...rows.filter((r) => r.kind === 'same')];
}

/** A snapshot value as text: strings as they are, absent as "—", anything else as compact JSON. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');
}
