import { Card, Empty, Flex, Result, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatMoney, todayInBusinessTz } from '../../lib/format';
import { useSession } from '../../lib/session';
import { DEPARTMENT, usePendingGm, type ContractSummary } from './dashboard-api';
import { AgingPanel, CollectionRatePanel, HEADER_LINK, OverdueCustomersPanel, Scroll, TITLE } from './ReceivablePanels';
import { ReportControls, useReportParams } from './ReportControls';
import { ReportTabs } from './ReportTabs';
import { SalesPanels } from './SalesPanels';

const cell = { whiteSpace: 'nowrap' } as const;
const nowrap = () => ({ style: cell });

/** The contracts waiting for the 总经理 (second level, at or above the threshold — SAL-4.4). */
function PendingGmPanel() {
  const q = usePendingGm();
  const items = q.data?.items ?? [];
  const columns: ColumnsType<ContractSummary> = [
    {
      title: '合同编号',
      onHeaderCell: nowrap,
      dataIndex: 'number',
      render: (v: string, c) => (
        <Link to={`/contracts/${c.id}`} style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px', whiteSpace: 'nowrap' }}>
          {v}
        </Link>
      ),
    },
    { title: '客户', onHeaderCell: nowrap, dataIndex: 'customerName', render: (v: string) => <span style={cell}>{v}</span> },
    { title: '合同名称', onHeaderCell: nowrap, dataIndex: 'title', render: (v: string) => <span style={cell}>{v}</span> },
    { title: '合同金额', onHeaderCell: nowrap, dataIndex: 'amount', align: 'right', render: (v: string) => <span style={cell}>{formatMoney(v)}</span> },
    { title: '部门', onHeaderCell: nowrap, dataIndex: 'department', render: (v: string) => <span style={cell}>{DEPARTMENT[v] ?? v}</span> },
    { title: '提交时间', onHeaderCell: nowrap, dataIndex: 'submittedAt', render: (v: string | null) => <span style={cell}>{formatDateTime(v)}</span> },
  ];
  return (
    <Card
      size="small"
      title={<h2 style={TITLE}>待总经理审批的合同{q.data ? `（${q.data.total}）` : ''}</h2>}
      extra={<Link to="/contracts?status=pending_gm" style={HEADER_LINK}>全部</Link>}
    >
      <ProblemAlert error={q.error} />
      {q.data && items.length === 0 ? (
        <Empty description="没有待您审批的合同" />
      ) : (
        <Scroll label="待审批合同">
          <Table<ContractSummary>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={q.isFetching}
            pagination={false}
            onRow={(c) => ({ 'data-testid': 'pending-gm-row', 'data-key': c.id }) as HTMLAttributes<HTMLElement>}
          />
        </Scroll>
      )}
    </Card>
  );
}

/**
 * 公司概览 for the 总经理 (scope all): the contracts awaiting the second level, the sales of the
 * chosen period and its trend by department, the company's aging, 回款率 by department and the
 * receivables overdue longest — the same pieces as the two dashboards.
 */
export default function OverviewPage() {
  const session = useSession();
  const { p, update } = useReportParams({ groupBy: 'department' });
  if (session.me.user.role !== 'gm') {
    return <Result status="403" title="公司概览仅供总经理查看" subTitle="请使用报表中的销售看板或应收看板。" extra={<Link to="/reports">返回报表</Link>} />;
  }
  return (
    <>
      <ReportTabs />
      <PageHeader title="公司概览" />
      <Flex vertical gap={16}>
        <PendingGmPanel />
        <section aria-label="销售">
          <ReportControls p={p} update={update} label="销售条件" />
          <SalesPanels params={p} />
        </section>
        <AgingPanel asOf={todayInBusinessTz()} />
        <CollectionRatePanel today={todayInBusinessTz()} groupBy="department" />
        <OverdueCustomersPanel asOf={todayInBusinessTz()} />
      </Flex>
    </>
  );
}
