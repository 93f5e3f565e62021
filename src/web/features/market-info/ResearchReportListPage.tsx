import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchReports, type Report } from './api';
import { ReportStatusTag } from './Tags';
import { options, REPORT_STATUS } from './vocab';

const columns: ColumnsType<Report> = [
  { title: '标题', dataIndex: 'title', sorter: true, render: (v: string) => <strong>{v}</strong> },
  { title: '调查主题', dataIndex: 'topic' },
  { title: '地区', dataIndex: 'region', render: (v: string | null) => v ?? '—' },
  { title: '编写人', dataIndex: 'ownerName' },
  { title: '提交时间', dataIndex: 'submittedAt', sorter: true, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
  { title: '状态', dataIndex: 'status', sorter: true, render: (_: unknown, r) => <ReportStatusTag r={r} /> },
];

const filters: FilterSpec[] = [
  { name: 'q', label: '搜索', kind: 'search', placeholder: '标题、主题、正文' },
  { name: 'status', label: '状态', kind: 'select', options: options(REPORT_STATUS) },
];

/** 调查报告 (MKT-5.2, KA-5.5): my reports and, for a 主管 or 经理, those of the team or department; filters in the URL. */
export default function ResearchReportListPage() {
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  return (
    <ListPage<Report>
      title="调查报告"
      resource="research-reports"
      fetch={fetchReports}
      columns={columns}
      filters={filters}
      to={(r) => `/research-reports/${r.id}`}
      emptyText="暂无调查报告"
      card={(r) => ({ title: r.title, description: `${r.topic} · ${r.ownerName}`, extra: <ReportStatusTag r={r} /> })}
      actions={
        <Action permission="research.write" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => navigate('/research-reports/new')}>
          新建报告
        </Action>
      }
    />
  );
}
