import { Descriptions, Table } from 'antd';
import { formatDateTime, formatMoney } from '../../lib/format';
import type { Figures, ReviewItem } from './api';
import { formatMeasured, formatRate, SOURCE_LABEL, type Source } from './figures';

const MEASURE_LABEL: Record<string, string> = {
  contract_amount: '签约金额',
  payments: '回款金额',
  new_prospects: '新增潜在客户',
  visits: '拜访次数',
  new_key_accounts: '新增大客户',
};
const isMoney = (measure: string) => measure === 'contract_amount' || measure === 'payments';

/** The figure beside a criterion: what the records say, read-only. */
export function Measured({ item }: { item: Pick<ReviewItem, 'seq' | 'source' | 'measured'> }) {
  return (
    <span data-testid={`measured-${item.seq}`} data-value={item.measured ?? ''} style={{ color: '#434343' }}>
      {item.source === 'manual' ? '考核人评价' : `实测 ${SOURCE_LABEL[item.source as Source]}：${formatMeasured(item.source as Source, item.measured)}`}
    </span>
  );
}

/** Where each measured figure comes from: the counts and sums behind the rates, as found when the review was opened. */
export function FiguresDetail({ figures, at, phone }: { figures: Figures; at: string; phone: boolean }) {
  const t = figures.targetAttainment;
  return (
    <>
      <Descriptions
        size="small"
        column={phone ? 1 : 2}
        items={[
          { key: 'v', label: '拜访次数', children: <span data-testid="figure-visits">{figures.visits.count} 次</span> },
          {
            key: 'c',
            label: '回款率',
            children: (
              <span data-testid="figure-collection">
                {formatRate(figures.collectionRate.rate)}（到期 {formatMoney(figures.collectionRate.due)}，已收 {formatMoney(figures.collectionRate.received)}）
              </span>
            ),
          },
          {
            key: 's',
            label: '投诉处理及时率',
            children: (
              <span data-testid="figure-complaints">
                {formatRate(figures.complaintSla.rate)}（{figures.complaintSla.total} 件中按时解决 {figures.complaintSla.kept} 件）
              </span>
            ),
          },
          { key: 't', label: '指标完成率', children: <span data-testid="figure-attainment">{t.items.length ? formatRate(t.rate) : '本期没有个人指标'}</span> },
          { key: 'at', label: '计算时间', children: formatDateTime(at) },
        ]}
      />
      {t.items.length > 0 && (
        <Table
          rowKey="measure"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={t.items}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '指标', dataIndex: 'measure', render: (v: string) => MEASURE_LABEL[v] ?? v },
            { title: '目标', dataIndex: 'target', align: 'right', render: (v: string, r) => (isMoney(r.measure) ? formatMoney(v) : v) },
            { title: '实际', dataIndex: 'actual', align: 'right', render: (v: string, r) => (isMoney(r.measure) ? formatMoney(v) : v) },
            { title: '完成率', dataIndex: 'rate', align: 'right', render: (v: string | null) => formatRate(v) },
          ]}
        />
      )}
    </>
  );
}
