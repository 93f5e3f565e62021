import { AuditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { fetchReviews, type Review } from './api';
import { periodLabel } from './figures';
import { ReviewStartModal } from './ReviewStartModal';
import { REVIEW_STATUS, ReviewStatusTag } from './vocab';

const columns: ColumnsType<Review> = [
  { title: '期间', dataIndex: 'period', sorter: true, render: (v: string) => periodLabel(v) },
  { title: '被考核人', dataIndex: 'revieweeName' },
  { title: '考核人', dataIndex: 'reviewerName' },
  { title: '总分', dataIndex: 'total', sorter: true, align: 'right', render: (v: string | null) => v ?? '—' },
  { title: '状态', key: 'status', render: (_, r) => <ReviewStatusTag status={r.status} /> },
  { title: '确认', key: 'confirmLevel', render: (_, r) => (r.confirmLevel === 'gm' ? '总经理' : '部门经理') },
  { title: '提交时间', dataIndex: 'submittedAt', sorter: true, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
];

const filters: FilterSpec[] = [
  { name: 'period', label: '期间', kind: 'search', placeholder: '如 2026-Q4、2026-12' },
  { name: 'status', label: '状态', kind: 'select', options: Object.entries(REVIEW_STATUS).map(([value, s]) => ({ value, label: s.label })) },
];

/** 绩效考核: the reviews in my scope — my team's, my department's — newest period first; 开始考核 for reviewers. */
export default function ReviewListPage() {
  const isPhone = useIsPhone();
  const { params, update } = useUrlParams();
  const [starting, setStarting] = useState(false);
  return (
    <>
      <ListPage<Review>
        title="绩效考核"
        resource="reviews"
        fetch={fetchReviews}
        columns={columns}
        filters={filters}
        to={(r) => `/reviews/${r.id}`}
        emptyText="暂无考核"
        card={(r) => ({
          title: `${periodLabel(r.period)} · ${r.revieweeName}`,
          description: `考核人 ${r.reviewerName} · 总分 ${r.total ?? '—'}`,
          extra: <ReviewStatusTag status={r.status} />,
        })}
        actions={
          <>
            <Action permission="review.confirm" when={params.status !== 'submitted'} size={isPhone ? 'large' : undefined} icon={<AuditOutlined />} onClick={() => update({ status: 'submitted' })}>
              待确认
            </Action>
            <Action permission="review.conduct" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setStarting(true)}>
              开始考核
            </Action>
          </>
        }
      />
      <ReviewStartModal open={starting} onClose={() => setStarting(false)} />
    </>
  );
}
