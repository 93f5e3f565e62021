import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useIsPhone } from '../../lib/responsive';
import { Action } from '../../components/Action';
import { ReadableTag } from '../../components/ReadableTag';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime } from '../../lib/format';
import { fetchWorkReports, type WorkReport } from './api';
import { PERIOD, periodTitle, REPORT_STATUS } from './vocab';

const StatusTag = ({ r }: { r: WorkReport }) => <ReadableTag tone={REPORT_STATUS[r.status].tone}>{REPORT_STATUS[r.status].label}</ReadableTag>;

const columns: ColumnsType<WorkReport> = [
  { title: '报告', key: 'period', render: (_, r) => periodTitle(r) },
  { title: '填报人', dataIndex: 'ownerName' },
  { title: '状态', key: 'status', render: (_, r) => <StatusTag r={r} /> },
  { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
];

const filters: FilterSpec[] = [
  { name: 'period', label: '类型', kind: 'select', options: Object.entries(PERIOD).map(([value, label]) => ({ value, label })) },
  { name: 'status', label: '状态', kind: 'select', options: Object.entries(REPORT_STATUS).map(([value, s]) => ({ value, label: s.label })) },
];

/** 工作报告: mine, and for a reviewer the team's or department's, newest period first. */
export default function WorkReportListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  return (
    <ListPage<WorkReport>
      title="工作报告"
      resource="work-reports"
      fetch={fetchWorkReports}
      columns={columns}
      filters={filters}
      to={(r) => `/work-reports/${r.id}`}
      emptyText="暂无工作报告"
      card={(r) => ({
        title: periodTitle(r),
        description: `${r.ownerName} · 提交于 ${formatDateTime(r.createdAt)}`,
        extra: <StatusTag r={r} />,
      })}
      actions={
        <>
          {/* the team's reports still to review, in one tap */}
          <Action permission="workreport.review" when={params.status !== 'submitted'} size={isPhone ? 'large' : undefined} icon={<AuditOutlined />} onClick={() => update({ status: 'submitted' })}>
            待我审阅
          </Action>
          <Action permission="workreport.submit" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/work-reports/new')}>
            写报告
          </Action>
        </>
      }
    />
  );
}
