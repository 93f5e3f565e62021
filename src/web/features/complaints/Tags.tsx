import { ClockCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { ReadableTag } from '../../components/ReadableTag';
import type { Complaint } from './api';
import { isOverdue, SEVERITY, STATUS } from './vocab';

export function SeverityTag({ c }: { c: Complaint }) {
  const s = SEVERITY[c.severity];
  return <ReadableTag tone={s.tone}>{s.label}</ReadableTag>;
}

/** Status, then the flags a handler must not miss — in words with an icon, not by colour alone. */
export function StatusTags({ c }: { c: Complaint }) {
  const s = STATUS[c.status];
  return (
    <>
      <ReadableTag tone={s.tone}>{s.label}</ReadableTag>
      {isOverdue(c) && (
        <ReadableTag tone="red" icon={<ClockCircleOutlined aria-hidden />}>
          已超时
        </ReadableTag>
      )}
      {c.escalated && (
        <ReadableTag tone="red" icon={<RiseOutlined aria-hidden />} data-testid="escalated-flag">
          已升级
        </ReadableTag>
      )}
    </>
  );
}
