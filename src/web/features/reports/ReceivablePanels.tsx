import { Card, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import type { GroupBy } from './api';
import { Chart, moneyValue, rateValue, type ChartSeries } from './Chart';
import { BUCKETS, DEPARTMENT, lastMonths, useAging, useCollectionRates, useOverdueCustomers, type AgingBuckets, type CollectionRateItem, type OverdueCustomer } from './dashboard-api';
import { formatRate } from './figures';

const cell = { whiteSpace: 'nowrap' } as const;
const nowrap = () => ({ style: cell });
const rowProps = (testId: string, key: string) => ({ 'data-testid': testId, 'data-key': key }) as HTMLAttributes<HTMLElement>;

/** A table that scrolls sideways inside its own box on a phone (the box takes keyboard focus). */
export function Scroll({ label, view, children }: { label: string; view?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }} data-view={view}>
      {children}
    </div>
  );
}

type AgingRow = AgingBuckets & { key: string; name: string };

/** 账龄: the buckets of the caller's scope as a bar chart, and per owner with the 合计 in a table. */
export function AgingPanel({ asOf }: { asOf: string }) {
  const q = useAging(asOf);
  const aging = q.data;
  const series = useMemo<ChartSeries[]>(() => (aging ? [{ name: '未收金额', type: 'bar', data: BUCKETS.map((b) => moneyValue(aging.total[b.key])) }] : []), [aging]);
  const categories = useMemo(() => BUCKETS.map((b) => b.label), []);
  const columns: ColumnsType<AgingRow> = [
    { title: '负责人', dataIndex: 'name', onHeaderCell: nowrap, render: (v: string) => <span style={cell}>{v}</span> },
    ...BUCKETS.map((b) => ({ title: b.label, key: b.key, align: 'right' as const, onHeaderCell: nowrap, render: (_: unknown, r: AgingRow) => <span style={cell}>{formatMoney(r[b.key])}</span> })),
    { title: '合计', key: 'total', align: 'right', onHeaderCell: nowrap, render: (_: unknown, r: AgingRow) => <span style={cell}>{formatMoney(r.total)}</span> },
  ];
  const rows: AgingRow[] = (aging?.owners ?? []).map((o) => ({ ...o, key: o.ownerId, name: o.ownerName }));
  return (
    <Card size="small" title={<h2 style={TITLE}>应收账龄</h2>} extra={aging && <Typography.Text type="secondary" data-testid="aging-asof">截至 {aging.asOf}</Typography.Text>}>
      <ProblemAlert error={q.error} />
      {aging && rows.length === 0 && !q.isFetching ? (
        <Empty description="没有未收的应收款" />
      ) : (
        <>
          {aging && <Chart name="应收账龄" categories={categories} series={series} unit="yuan" />}
          <Scroll label="账龄明细">
            <Table<AgingRow>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={rows}
              loading={q.isFetching}
              pagination={false}
              onRow={(r) => rowProps('aging-row', r.key)}
              summary={() =>
                aging && rows.length > 0 ? (
                  <Table.Summary.Row data-testid="aging-total" style={{ fontWeight: 600, background: '#fafafa' }}>
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    {[...BUCKETS.map((b) => b.key), 'total' as const].map((k, i) => (
                      <Table.Summary.Cell key={k} index={i + 1} align="right">
                        <span style={cell}>{formatMoney(aging.total[k])}</span>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Scroll>
        </>
      )}
    </Card>
  );
}

const groupKey = (i: CollectionRateItem) => i.ownerId ?? i.department ?? '';
const groupName = (i: CollectionRateItem) => i.ownerName ?? (i.department ? DEPARTMENT[i.department] : '（未指定）');

interface RateRow {
  key: string;
  name: string;
  /** Per month: the group's figures that month, or undefined when nothing of it fell due. */
  months: ({ due: string; received: string; rate: string | null } | undefined)[];
}

/**
 * 回款率 of the last `months` months (receivables falling due in each month, what was received for
 * them by its end), per owner or department: a line per group and the 合计 as bars; the same in a table.
 */
export function CollectionRatePanel({ today, groupBy, months: n = 6, extra }: { today: string; groupBy: GroupBy; months?: number; extra?: ReactNode }) {
  const months = useMemo(() => lastMonths(today, n), [today, n]);
  const results = useCollectionRates(months, groupBy);
  const data = results.map((r) => r.data);
  const ready = data.every((d) => d && d.groupBy === groupBy);
  const loading = results.some((r) => r.isFetching);
  const error = results.find((r) => r.error)?.error ?? null;

  const rows = useMemo<RateRow[]>(() => {
    if (!ready) return [];
    const byKey = new Map<string, RateRow>();
    data.forEach((d, m) => {
      for (const item of d!.items) {
        const k = groupKey(item);
        const row = byKey.get(k) ?? { key: k, name: groupName(item), months: months.map(() => undefined) };
        row.months[m] = { due: item.due, received: item.received, rate: item.rate };
        byKey.set(k, row);
      }
    });
    return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, ...data]);
  const totals = ready ? data.map((d) => d!.total) : [];
  const categories = useMemo(() => months.map((m) => m.label), [months]);
  const series = useMemo<ChartSeries[]>(
    () =>
      ready
        ? [
            { name: '合计', type: 'bar', data: totals.map((t) => rateValue(t.rate)) },
            ...rows.map((r) => ({ name: r.name, type: 'line' as const, data: r.months.map((m) => (m ? rateValue(m.rate) : null)) })),
          ]
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, rows],
  );

  const columns: ColumnsType<RateRow> = [
    { title: groupBy === 'department' ? '部门' : '负责人', dataIndex: 'name', onHeaderCell: nowrap, render: (v: string) => <span style={cell}>{v}</span> },
    ...months.map((m, i) => ({
      title: m.label,
      key: m.label,
      align: 'right' as const,
      onHeaderCell: nowrap,
      render: (_: unknown, r: RateRow) => <span style={cell}>{r.months[i] ? formatRate(r.months[i]!.rate) : '—'}</span>,
    })),
  ];
  const anythingDue = totals.some((t) => t.due !== '0.00');
  return (
    <Card size="small" title={<h2 style={TITLE}>回款率（近 {n} 个月）</h2>} extra={extra}>
      <ProblemAlert error={error} />
      {ready && !anythingDue && !loading ? (
        <Empty description="这几个月没有到期的应收款" />
      ) : (
        <>
          {ready && <Chart name="回款率" categories={categories} series={series} unit="percent" />}
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
            回款率 = 当月到期应收中截至月末已收回的金额 ÷ 当月到期应收；“—” 表示当月没有到期的应收。
          </Typography.Paragraph>
          <Scroll label="回款率明细" view={ready && !loading ? `${groupBy}/${months[0].from}` : 'loading'}>
            <Table<RateRow>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={rows}
              loading={loading}
              pagination={false}
              onRow={(r) => rowProps('rate-row', r.key)}
              summary={() =>
                ready && rows.length > 0 ? (
                  <Table.Summary.Row data-testid="rate-total" style={{ fontWeight: 600, background: '#fafafa' }}>
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    {totals.map((t, i) => (
                      <Table.Summary.Cell key={months[i].label} index={i + 1} align="right">
                        <span style={cell}>{formatRate(t.rate)}</span>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Scroll>
        </>
      )}
    </Card>
  );
}

const TAP = { display: 'inline-block', minHeight: 44, lineHeight: '44px', whiteSpace: 'nowrap' } as const;

/**
 * 逾期最久的客户 at the end of `asOf`: per customer the overdue sum, how many receivables, the
 * oldest due date and its days; the name opens that oldest receivable (its 催收 log), the count
 * all of the customer's overdue receivables.
 */
export function OverdueCustomersPanel({ asOf, limit = 10 }: { asOf: string; limit?: number }) {
  const q = useOverdueCustomers(asOf, limit);
  const data = q.data;
  const items = data?.items ?? [];
  const isPhone = useIsPhone();
  const nameLink = (r: OverdueCustomer) => (
    <Link to={`/receivables/${r.oldestReceivableId}`} style={TAP} aria-label={`${r.customerName}：最早逾期的应收`}>
      {r.customerName}
    </Link>
  );
  const countLink = (r: OverdueCustomer) => (
    <Link to={`/receivables?customerId=${r.customerId}&overdue=true&sort=dueDate`} style={TAP} aria-label={`${r.customerName}的 ${r.receivables} 笔逾期应收`}>
      {r.receivables} 笔
    </Link>
  );
  const amount = { title: '逾期金额', dataIndex: 'overdue', align: 'right' as const, onHeaderCell: nowrap, render: (v: string) => <span style={cell}>{formatMoney(v)}</span> };
  // on a phone one column: the name, the amount and count, the age
  const columns: ColumnsType<OverdueCustomer> = isPhone
    ? [
        {
          title: '客户',
          key: 'customer',
          render: (_: unknown, r) => (
            <>
              <div>{nameLink(r)}</div>
              <div>
                <strong>{formatMoney(r.overdue)}</strong> · {countLink(r)}
              </div>
              <Typography.Text type="secondary">
                逾期 {r.daysOverdue} 天（自 {r.oldestDueDate}）
              </Typography.Text>
            </>
          ),
        },
      ]
    : [
        { title: '客户', dataIndex: 'customerName', onHeaderCell: nowrap, render: (_: string, r) => nameLink(r) },
        { title: '逾期笔数', dataIndex: 'receivables', align: 'right', onHeaderCell: nowrap, render: (_: number, r) => countLink(r) },
        { title: '最早到期日', dataIndex: 'oldestDueDate', onHeaderCell: nowrap, render: (v: string) => <span style={cell}>{v}</span> },
        { title: '逾期天数', dataIndex: 'daysOverdue', align: 'right', onHeaderCell: nowrap, render: (v: number) => <span style={cell}>{v} 天</span> },
        amount,
      ];
  return (
    <Card
      size="small"
      title={<h2 style={TITLE}>逾期最久的客户（前 {limit} 位）</h2>}
      extra={<Link to="/receivables?overdue=true&sort=dueDate" style={HEADER_LINK}>全部逾期</Link>}
    >
      <ProblemAlert error={q.error} />
      {data && items.length === 0 && !q.isFetching ? (
        <Empty description={`截至 ${data.asOf} 没有逾期的客户`} />
      ) : (
        <>
          {data && (
            <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }} data-testid="overdue-summary">
              截至 {data.asOf}，共 {data.total} 位客户逾期，逾期金额合计 {formatMoney(data.totalOverdue)}
            </Typography.Paragraph>
          )}
          <Scroll label="逾期客户" view={data && !q.isFetching ? data.asOf : 'loading'}>
            <Table<OverdueCustomer>
              size="small"
              rowKey="customerId"
              columns={columns}
              dataSource={items}
              loading={q.isFetching}
              pagination={false}
              onRow={(r) => rowProps('overdue-row', r.customerId)}
            />
          </Scroll>
        </>
      )}
    </Card>
  );
}

export const TITLE = { margin: 0, fontSize: 16, fontWeight: 600 } as const;
/** A link in a card's header: a 44 px tap target on a phone. */
export const HEADER_LINK = { display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minHeight: 44, minWidth: 44 } as const;
