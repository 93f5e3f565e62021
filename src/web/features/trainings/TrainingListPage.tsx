import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchTrainings, type Training, type TrainingSummary } from './api';
import { TrainingDrawer } from './TrainingDrawer';
import { KIND_OPTIONS, kindName, showHours, showRate, STATUS } from './vocab';

export const TrainingStatus = ({ t }: { t: Pick<TrainingSummary, 'status'> }) => <ReadableTag tone={STATUS[t.status].tone}>{STATUS[t.status].label}</ReadableTag>;

const columns: ColumnsType<TrainingSummary> = [
  { title: '培训', key: 'title', render: (_, t) => <strong>{t.title}</strong> },
  { title: '类型', key: 'kind', render: (_, t) => kindName(t.kind) },
  { title: '培训时间', key: 'heldAt', sorter: true, render: (_, t) => formatDateTime(t.heldAt) },
  { title: '学时', key: 'hours', render: (_, t) => showHours(t.hours) },
  { title: '组织者', dataIndex: 'organiserName' },
  { title: '讲师', dataIndex: 'trainerName' },
  { title: '到课率', key: 'attendanceRate', render: (_, t) => showRate(t.figures?.attendanceRate) },
  { title: '及格率', key: 'passRate', render: (_, t) => showRate(t.figures?.passRate) },
  { title: '状态', key: 'status', render: (_, t) => <TrainingStatus t={t} /> },
];

const filters: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '培训名称' },
  { name: 'status', label: '状态', kind: 'select', options: Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label })) },
  { name: 'kind', label: '培训类型', kind: 'select', options: KIND_OPTIONS },
  { name: 'from', label: '培训日期从', kind: 'date' },
  { name: 'to', label: '培训日期至', kind: 'date' },
];

/**
 * 培训 (MKT-4.4, MKT-5.7, SAL-5.5, KA-4.7): the sessions the reader attended or organised, or
 * their team's or department's, newest first, with the computed attendance and pass rates; 组织培训
 * in a drawer for whoever holds training.manage.
 */
export default function TrainingListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const saved = (t: Training) => {
    setOpen(false);
    navigate(`/trainings/${t.id}`);
  };
  return (
    <>
      <ListPage<TrainingSummary>
        title="培训"
        resource="trainings"
        fetch={fetchTrainings}
        columns={columns}
        filters={filters}
        defaults={{ sort: '-heldAt' }}
        to={(t) => `/trainings/${t.id}`}
        emptyText="暂无培训"
        card={(t) => ({
          title: t.title,
          description: `${formatDateTime(t.heldAt)} · ${kindName(t.kind)} · ${showHours(t.hours)} · 组织 ${t.organiserName}${t.figures ? ` · 及格率 ${showRate(t.figures.passRate)}` : ''}`,
          extra: <TrainingStatus t={t} />,
        })}
        actions={
          <Action permission="training.manage" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            组织培训
          </Action>
        }
      />
      <TrainingDrawer open={open} onClose={() => setOpen(false)} onSaved={saved} />
    </>
  );
}
