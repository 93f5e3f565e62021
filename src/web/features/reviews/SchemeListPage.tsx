import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchSchemes, type Scheme } from './api';
import { PERIOD_TYPE_LABEL } from './figures';
import { DEPARTMENT_LABEL, SCHEME_STATUS, SchemeStatusTag } from './vocab';

const columns: ColumnsType<Scheme> = [
  { title: '方案', dataIndex: 'name' },
  { title: '部门', dataIndex: 'department', render: (v: string) => DEPARTMENT_LABEL[v] ?? v },
  { title: '周期', dataIndex: 'periodType', render: (v: Scheme['periodType']) => PERIOD_TYPE_LABEL[v] },
  { title: '指标', key: 'criteria', render: (_, s) => s.criteria.map((c) => `${c.name} ${c.weight}%`).join('、') },
  { title: '状态', key: 'status', render: (_, s) => <SchemeStatusTag status={s.status} /> },
  { title: '起草人', dataIndex: 'draftedByName' },
  { title: '生效时间', dataIndex: 'effectiveFrom', sorter: true, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
  { title: '起草时间', dataIndex: 'createdAt', sorter: true, render: (v: string) => formatDateTime(v) },
];

const filters: FilterSpec[] = [
  { name: 'status', label: '状态', kind: 'select', options: Object.entries(SCHEME_STATUS).map(([value, s]) => ({ value, label: s.label })) },
  { name: 'department', label: '部门', kind: 'select', options: Object.entries(DEPARTMENT_LABEL).map(([value, label]) => ({ value, label })) },
  { name: 'periodType', label: '周期', kind: 'select', options: Object.entries(PERIOD_TYPE_LABEL).map(([value, label]) => ({ value, label })) },
];

/** 考核方案 (SAL-4.9): the department's weighted schemes — drafted by the 经理, in force once the 总经理 approves. */
export default function SchemeListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  return (
    <ListPage<Scheme>
      title="考核方案"
      resource="review-schemes"
      fetch={fetchSchemes}
      columns={columns}
      filters={filters}
      to={(s) => `/review-schemes/${s.id}`}
      emptyText="暂无考核方案"
      card={(s) => ({
        title: s.name,
        description: `${DEPARTMENT_LABEL[s.department]} · ${PERIOD_TYPE_LABEL[s.periodType]} · ${s.criteria.length} 项指标`,
        extra: <SchemeStatusTag status={s.status} />,
      })}
      actions={
        <Action permission="review.scheme" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/review-schemes/new')}>
          起草方案
        </Action>
      }
    />
  );
}
