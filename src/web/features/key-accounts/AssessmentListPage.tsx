import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Action } from '../../components/Action';
import { ListPage, type FilterSpec } from '../../components/ListPage';
import { useUrlParams } from '../../components/url-state';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { ASSESSMENTS, fetchAssessments, tierLabel, useCustomerNames, useTiers, type Assessment } from './api';
import { ProposeModal } from './ProposeModal';
import { AssessmentStatusTag, SOURCE } from './vocab';

const filters: FilterSpec[] = [
  {
    name: 'status',
    label: '状态',
    kind: 'select',
    options: [
      { value: 'pending', label: '待审批' },
      { value: 'approved', label: '已批准' },
      { value: 'rejected', label: '已驳回' },
      { value: 'all', label: '全部' },
    ],
  },
  { name: 'source', label: '来源', kind: 'select', options: Object.entries(SOURCE).map(([value, label]) => ({ value, label })) },
];

/**
 * 大客户等级评定: the pending ones first (the default view), then the decided ones on 状态. A
 * specialist or supervisor proposes one; the manager decides on its page.
 */
export default function AssessmentListPage() {
  const isPhone = useIsPhone();
  const tiers = useTiers();
  const [proposing, setProposing] = useState(false);
  const { params } = useUrlParams({ page: '1', pageSize: '20', status: 'pending', sort: '-createdAt' });
  // the same query the list runs (same cache entry), to name the customers of the page shown
  const shown = useQuery({ queryKey: [ASSESSMENTS, 'list', params], queryFn: () => fetchAssessments(params) });
  const customerName = useCustomerNames((shown.data?.items ?? []).map((a) => a.customerId));
  const change = (a: Assessment) => `${tierLabel(tiers.data, a.currentTierCode)} → ${tierLabel(tiers.data, a.proposedTierCode)}`;

  const columns: ColumnsType<Assessment> = [
    { title: '提出时间', dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: (v: string) => formatDateTime(v) },
    { title: '客户', dataIndex: 'customerId', render: (v: string) => <strong>{customerName(v) ?? '…'}</strong> },
    { title: '等级变更', key: 'change', render: (_: unknown, a) => change(a) },
    { title: '来源', dataIndex: 'source', render: (v: Assessment['source']) => SOURCE[v] },
    { title: '状态', dataIndex: 'status', render: (_: unknown, a) => <AssessmentStatusTag a={a} /> },
  ];

  return (
    <>
      <ListPage<Assessment>
        title="等级评定"
        resource={ASSESSMENTS}
        fetch={fetchAssessments}
        columns={columns}
        filters={filters}
        defaults={{ status: 'pending', sort: '-createdAt' }}
        to={(a) => `/key-accounts/assessments/${a.id}`}
        emptyText={params.status === 'pending' ? '没有待审批的等级评定' : '暂无等级评定'}
        card={(a) => ({
          title: customerName(a.customerId) ?? '…',
          description: (
            <>
              <div>{change(a)}</div>
              <div>
                {SOURCE[a.source]} · {formatDateTime(a.createdAt)}
              </div>
            </>
          ),
          extra: <AssessmentStatusTag a={a} />,
        })}
        actions={
          <Action permission="tier.propose" type="primary" size={isPhone ? 'large' : undefined} icon={<PlusOutlined />} onClick={() => setProposing(true)}>
            提出评定
          </Action>
        }
      />
      <ProposeModal open={proposing} onClose={() => setProposing(false)} />
    </>
  );
}
