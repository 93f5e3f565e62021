import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { ReadableTag } from '../../components/ReadableTag';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchWorkPlans, type WorkPlan } from './api';
import { PERIOD_TYPES, periodName, PLAN_STATUS } from './vocab';

export const PlanStatus = ({ p }: { p: Pick<WorkPlan, 'status'> }) => <ReadableTag tone={PLAN_STATUS[p.status].tone}>{PLAN_STATUS[p.status].label}</ReadableTag>;

const columns: ColumnsType<WorkPlan> = [
  { title: '计划', dataIndex: 'title', render: (v: string) => <strong>{v}</strong> },
  { title: '期间', key: 'period', sorter: true, render: (_, p) => periodName(p.period) },
  { title: '计划人', dataIndex: 'ownerName' },
  { title: '起草人', dataIndex: 'authorName' },
  { title: '状态', key: 'status', render: (_, p) => <PlanStatus p={p} /> },
  { title: '更新于', key: 'updatedAt', sorter: true, render: (_, p) => formatDateTime(p.updatedAt) },
];

const filters: FilterSpec[] = [
  { name: 'status', label: '状态', kind: 'select', options: Object.entries(PLAN_STATUS).map(([value, s]) => ({ value, label: s.label })) },
  { name: 'periodType', label: '期间类型', kind: 'select', options: PERIOD_TYPES.map((t) => ({ value: t.value, label: `${t.label}度计划` })) },
];

/** 工作计划 (MKT-6.3, SAL-5.3): my plans, and those of my team or department, newest period first. */
export default function WorkPlanListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  return (
    <ListPage<WorkPlan>
      title="工作计划"
      resource="work-plans"
      fetch={fetchWorkPlans}
      columns={columns}
      filters={filters}
      to={(p) => `/work-plans/${p.id}`}
      emptyText="暂无工作计划"
      card={(p) => ({ title: p.title, description: `${periodName(p.period)} · ${p.ownerName}`, extra: <PlanStatus p={p} /> })}
      actions={
        <Action permission="workplan.write" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/work-plans/new')}>
          新建计划
        </Action>
      }
    />
  );
}
