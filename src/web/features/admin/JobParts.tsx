import { ReadableTag } from '../../components/ReadableTag';
import { RUN_STATUS, SUMMARY_LABELS } from './vocab';
import { formatDateTime } from '../../lib/format';

export function RunStatusTag({ status }: { status: string }) {
  const s = RUN_STATUS[status] ?? { label: status, tone: 'gold' as const };
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}

/** A run's counts in words: "提醒 3 · 标记逾期 2". */
export function JobSummary({ summary }: { summary?: Record<string, unknown> | null }) {
  const entries = Object.entries(summary ?? {});
  if (!entries.length) return null;
  const show = (k: string, v: unknown) => (k === 'checkedAt' && typeof v === 'string' ? formatDateTime(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <div data-testid="job-summary" style={{ marginTop: 4 }}>
      {entries.map(([k, v]) => `${SUMMARY_LABELS[k] ?? k} ${show(k, v)}`).join(' · ')}
    </div>
  );
}

/**
 * A recorded failure, readable: its first line (a stack trace, if one was kept, is cut off), the
 * whole text behind 详细信息.
 */
export function RunError({ error }: { error: string }) {
  const lines = error.split('\n');
  const message = lines.filter((l) => !/^\s+at\s/.test(l)).join(' ').trim();
  const first = message.length > 200 ? `${message.slice(0, 200)}…` : message;
  return (
    <div data-testid="job-error" style={{ color: '#a8071a' }}>
      {first || '任务执行失败'}
      {(message.length > 200 || lines.length > 1) && (
        <details style={{ color: '#595959' }}>
          <summary style={{ cursor: 'pointer' }}>详细信息</summary>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12, margin: 0 }}>{error}</pre>
        </details>
      )}
    </div>
  );
}
