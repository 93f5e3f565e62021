import { ReadableTag } from '../../components/ReadableTag';
import type { Complaint } from './api';
import { isOverdue, SEVERITY, STATUS } from './vocab';

export function SeverityTag({ c }: { c: Complaint }) {
  const s = SEVERITY[c.severity];
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}

/** Status, then the flags a handler must not miss: past the deadline, escalated. */
export function StatusTags({ c }: { c: Complaint }) {
  const s = STATUS[c.status];
  return (
    <>
      <ReadableTag tone={s.tone}>{s.label}</ReadableTag>
      {isOverdue(c) && <ReadableTag tone="red">已超时</ReadableTag>}
      {c.escalated && <ReadableTag tone="red">已升级</ReadableTag>}
    </>
  );
}
