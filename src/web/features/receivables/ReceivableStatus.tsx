import { ReadableTag } from '../../components/ReadableTag';
import type { Receivable } from './api';
import { RECEIVABLE_STATUS } from './vocab';

/** 已逾期 N 天 in red when past due and unpaid; otherwise the status. */
export function ReceivableStatus({ r }: { r: Receivable }) {
  if (r.overdue) return <ReadableTag tone="red">逾期 {r.daysOverdue} 天</ReadableTag>;
  const s = RECEIVABLE_STATUS[r.status];
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}
