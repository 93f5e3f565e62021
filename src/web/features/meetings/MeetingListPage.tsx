import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useSession } from '../../lib/session';
import { fetchMeetings, type MeetingSummary } from './api';
import { KIND_OPTIONS, kindName, STATUS } from './vocab';

export const MeetingStatus = ({ m }: { m: Pick<MeetingSummary, 'status'> }) => <ReadableTag tone={STATUS[m.status].tone}>{STATUS[m.status].label}</ReadableTag>;

const columns: ColumnsType<MeetingSummary> = [
  { title: '会议', key: 'title', render: (_, m) => <strong>{m.title}</strong> },
  { title: '类型', key: 'kind', render: (_, m) => kindName(m.kind) },
  { title: '开会时间', key: 'heldAt', sorter: true, render: (_, m) => formatDateTime(m.heldAt) },
  { title: '主持人', dataIndex: 'chairName' },
  { title: '记录人', dataIndex: 'recorderName' },
  { title: '参会', key: 'attendeeCount', render: (_, m) => `${m.attendeeCount} 人` },
  { title: '行动项', key: 'actionItemCount', render: (_, m) => `${m.actionItemCount} 项` },
  { title: '状态', key: 'status', render: (_, m) => <MeetingStatus m={m} /> },
];

/**
 * 会议纪要 (SAL-8.6): the minutes the reader may see — published ones within their scope, and the
 * drafts of those who record or chair them — newest meeting first; filters, sort and page in the URL.
 */
export default function MeetingListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const drafts = useSession().can('meeting.record');
  const filters: FilterSpec[] = [
    { name: 'q', label: '搜索', kind: 'search', placeholder: '会议名称' },
    ...(drafts ? [{ name: 'status', label: '状态', kind: 'select' as const, options: Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label })) }] : []),
    { name: 'kind', label: '会议类型', kind: 'select', options: KIND_OPTIONS },
    { name: 'from', label: '开会日期从', kind: 'date' },
    { name: 'to', label: '开会日期至', kind: 'date' },
  ];
  return (
    <ListPage<MeetingSummary>
      title="会议纪要"
      resource="meetings"
      fetch={fetchMeetings}
      columns={columns}
      filters={filters}
      defaults={{ sort: '-heldAt' }}
      to={(m) => `/meetings/${m.id}`}
      emptyText="暂无会议纪要"
      card={(m) => ({
        title: m.title,
        description: `${formatDateTime(m.heldAt)} · ${kindName(m.kind)} · 主持 ${m.chairName} · 行动项 ${m.actionItemCount} 项`,
        extra: <MeetingStatus m={m} />,
      })}
      actions={
        <Action permission="meeting.record" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/meetings/new')}>
          记录会议
        </Action>
      }
    />
  );
}
