import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatMoney } from '../../lib/format';
import type { Period, ReportParams, SalesReport } from './api';
import { Chart, moneyValue, type ChartSeries } from './Chart';
import { useSalesTrend } from './dashboard-api';
import { formatRate } from './figures';
import { Scroll, TITLE } from './ReceivablePanels';
import { ReportTable } from './ReportTable';

export const PERIOD_NAME: Record<Period, string> = { week: '周', month: '月', quarter: '季度', year: '年' };

/** How a period reads on the axis and in the trend table, from the report's first day. */
function periodLabel(period: Period, from: string): string {
  const [y, m] = from.split('-');
  if (period === 'year') return `${y}年`;
  if (period === 'quarter') return `${y}年Q${Math.floor((Number(m) - 1) / 3) + 1}`;
  if (period === 'month') return `${y}-${m}`;
  return `${from.slice(5)}起`;
}

interface TrendRow {
  key: string;
  label: string;
  report: SalesReport;
}

const cell = { whiteSpace: 'nowrap' } as const;
const nowrap = () => ({ style: cell });

/**
 * 销售看板's figures: the last `n` periods of the chosen kind (签约金额 and 回款金额 as bars,
 * the same in a table) and the chosen period's table per owner or department.
 */
export function SalesPanels({ params, n = 6, extra }: { params: ReportParams; n?: number; extra?: ReactNode }) {
  const trend = useSalesTrend(params, n);
  const reports = trend.reports;
  const ready = reports.every((r) => r && r.period === params.period && r.groupBy === params.groupBy);
  const rows = useMemo<TrendRow[]>(() => (ready ? reports.map((r) => ({ key: r!.from, label: periodLabel(r!.period, r!.from), report: r! })) : []), [ready, reports]);
  const categories = useMemo(() => rows.map((r) => r.label), [rows]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { name: '签约金额', type: 'bar', data: rows.map((r) => moneyValue(r.report.total.contractAmount)) },
      { name: '回款金额', type: 'bar', data: rows.map((r) => moneyValue(r.report.total.paymentsReceived)) },
    ],
    [rows],
  );
  const columns: ColumnsType<TrendRow> = [
    { title: '期间', dataIndex: 'label', onHeaderCell: nowrap, render: (v: string, r) => <span style={cell} title={`${r.report.from} 至 ${r.report.to}`}>{v}</span> },
    { title: '签约合同数', key: 'n', align: 'right', onHeaderCell: nowrap, render: (_, r) => <span style={cell}>{r.report.total.contractsSigned}</span> },
    { title: '签约金额', key: 'a', align: 'right', onHeaderCell: nowrap, render: (_, r) => <span style={cell}>{formatMoney(r.report.total.contractAmount)}</span> },
    { title: '回款金额', key: 'p', align: 'right', onHeaderCell: nowrap, render: (_, r) => <span style={cell}>{formatMoney(r.report.total.paymentsReceived)}</span> },
    { title: '回款率', key: 'r', align: 'right', onHeaderCell: nowrap, render: (_, r) => <span style={cell}>{formatRate(r.report.total.collectionRate)}</span> },
  ];
  const current = trend.current.data;
  return (
    <>
      <ProblemAlert error={trend.error} />
      <Card size="small" title={<h2 style={TITLE}>近 {n} 个{PERIOD_NAME[params.period]}的趋势</h2>} style={{ marginBottom: 16 }}>
        {ready && <Chart name="销售趋势" categories={categories} series={series} unit="yuan" />}
        <Scroll label="趋势数据" view={ready && !trend.loading ? `${params.period}/${params.groupBy}/${params.date}` : 'loading'}>
          <Table<TrendRow>
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={rows}
            loading={trend.loading}
            pagination={false}
            onRow={(r) => ({ 'data-testid': 'trend-row', 'data-key': r.key }) as HTMLAttributes<HTMLElement>}
          />
        </Scroll>
      </Card>
      <Card size="small" title={<h2 style={TITLE}>本期明细</h2>} extra={extra}>
        <Typography.Paragraph type="secondary" data-testid="report-range" style={{ marginBottom: 12 }}>
          {current ? `统计期间：${current.from} 至 ${current.to}（含）` : '正在统计…'}
        </Typography.Paragraph>
        <ReportTable report={current} loading={trend.current.isFetching} />
      </Card>
    </>
  );
}
