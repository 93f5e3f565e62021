import { WarningOutlined } from '@ant-design/icons';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime, todayInBusinessTz } from '../../lib/format';
import type { Assignment } from './api';
import { KIND, PRIORITY, STATUS } from './vocab';

export const StatusTag = ({ a }: { a: Pick<Assignment, 'status'> }) => <ReadableTag tone={STATUS[a.status].tone}>{STATUS[a.status].label}</ReadableTag>;

export const PriorityTag = ({ a }: { a: Pick<Assignment, 'priority'> }) => <ReadableTag tone={PRIORITY[a.priority].tone}>{PRIORITY[a.priority].label}</ReadableTag>;

export const KindTag = ({ a }: { a: Pick<Assignment, 'kind'> }) => (a.kind === 'request' ? <ReadableTag tone="purple">{KIND.request}</ReadableTag> : null);

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The deadline, and where it stands in words: 逾期 N 天 (red, with an icon), 今天到期, 明天到期. */
export function Due({ a }: { a: Pick<Assignment, 'dueAt' | 'dueDate' | 'overdue' | 'status'> }) {
  const open = a.status === 'assigned' || a.status === 'in_progress';
  const ahead = days(todayInBusinessTz(), a.dueDate);
  let flag = null;
  if (a.overdue) {
    flag = (
      <ReadableTag tone="red" icon={<WarningOutlined aria-hidden />}>
        {ahead < 0 ? `逾期 ${-ahead} 天` : '已逾期'}
      </ReadableTag>
    );
  } else if (open && ahead === 0) flag = <ReadableTag tone="gold">今天到期</ReadableTag>;
  else if (open && ahead === 1) flag = <ReadableTag tone="gold">明天到期</ReadableTag>;
  return (
    <span data-testid="assignment-due" data-overdue={a.overdue ? 'true' : 'false'} style={{ whiteSpace: 'nowrap' }}>
      {formatDateTime(a.dueAt)} {flag}
    </span>
  );
}
