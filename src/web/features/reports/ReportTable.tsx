import { Empty, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { formatMoney } from '../../lib/format';
import type { SalesFigures, SalesGroup, SalesReport } from './api';
import { formatRate } from './figures';

/** One column per figure of the report, in the order of the API's CSV/XLSX. */
export const FIGURES: { key: keyof SalesFigures; title: string; show: (f: SalesFigures) => string }[] = [
  { key: 'contractsSigned', title: '签约合同数', show: (f) => String(f.contractsSigned) },
  { key: 'contractAmount', title: '签约金额', show: (f) => formatMoney(f.contractAmount) },
  { key: 'paymentsReceived', title: '回款金额', show: (f) => formatMoney(f.paymentsReceived) },
  { key: 'amountDue', title: '到期应收', show: (f) => formatMoney(f.amountDue) },
  { key: 'amountCollected', title: '其中已收', show: (f) => formatMoney(f.amountCollected) },
  { key: 'collectionRate', title: '回款率', show: (f) => formatRate(f.collectionRate) },
  { key: 'newProspects', title: '新增潜在客户', show: (f) => String(f.newProspects) },
  { key: 'visits', title: '拜访次数', show: (f) => String(f.visits) },
  { key: 'complaintsOpened', title: '新增投诉', show: (f) => String(f.complaintsOpened) },
  { key: 'complaintsClosed', title: '关闭投诉', show: (f) => String(f.complaintsClosed) },
];

const cell = { whiteSpace: 'nowrap' } as const;
const nowrap = () => ({ style: cell });

/** A row per owner or department and the 合计 row; the table scrolls inside its own box on a phone. */
export function ReportTable({ report, loading }: { report: SalesReport | undefined; loading: boolean }) {
  const groupTitle = report?.groupBy === 'department' ? '部门' : '负责人';
  const groups = report?.groups ?? [];
  // 指标完成率 when a row has targets for the period (as the CSV and the workbook add it)
  const attainment = groups.some((g) => g.attainment);
  const columns: ColumnsType<SalesGroup> = [
    { title: groupTitle, dataIndex: 'name', onHeaderCell: nowrap, render: (v: string) => <span style={cell}>{v || '（未指定）'}</span> },
    ...FIGURES.map((f) => ({ title: f.title, key: f.key, align: 'right' as const, onHeaderCell: nowrap, render: (_: unknown, g: SalesGroup) => <span style={cell}>{f.show(g)}</span> })),
    ...(attainment
      ? [
          {
            title: '指标完成率',
            key: 'attainment',
            align: 'right' as const,
            onHeaderCell: nowrap,
            render: (_: unknown, g: SalesGroup) => (
              <span style={cell} data-testid="report-attainment" data-rate={g.attainment?.rate ?? ''}>
                {g.attainment ? formatRate(g.attainment.rate) : '—'}
              </span>
            ),
          },
        ]
      : []),
  ];
  // said above the columns, not centred in a table wider than a phone
  if (report && !loading && groups.length === 0) return <Empty description="该期间没有业务数据" />;
  // The figures scroll sideways inside their own box on a narrow screen; the box takes keyboard focus so
  // the columns out of view can be reached without a mouse.
  return (
    <div role="region" aria-label="报表数据" tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table<SalesGroup>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={groups}
        loading={loading}
        pagination={false}
        onRow={(g) => ({ 'data-testid': 'report-row', 'data-key': g.key }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: ' ' }}
        summary={() =>
          report && groups.length > 0 ? (
            <Table.Summary>
              <Table.Summary.Row data-testid="report-total" style={{ fontWeight: 600, background: '#fafafa' }}>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                {FIGURES.map((f, i) => (
                  <Table.Summary.Cell key={f.key} index={i + 1} align="right">
                    <span style={cell}>{f.show(report.total)}</span>
                  </Table.Summary.Cell>
                ))}
                {attainment && <Table.Summary.Cell index={FIGURES.length + 1} />}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </div>
  );
}
