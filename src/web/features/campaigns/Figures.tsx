import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatMoney } from '../../lib/format';
import type { ChannelEvaluation, Evaluation } from './api';

/** "0.4000" → "40.00%", by string; null → "—". */
export function showRate(rate: string | null | undefined): string {
  const m = rate ? /^(-?)(\d+)\.(\d{2})(\d{2})$/.exec(rate) : null;
  if (!m) return '—';
  const [, sign, int, a, b] = m;
  return `${sign}${Number(`${int}${a}`)}.${b}%`;
}

interface Tile {
  key: string;
  title: string;
  value: string;
  hint?: string;
}

function tiles(e: Evaluation | ChannelEvaluation, target?: number | null): Tile[] {
  return [
    { key: 'prospects', title: '潜在客户', value: `${e.prospects} 家`, hint: target !== undefined && target !== null ? `目标 ${target} 家` : undefined },
    { key: 'converted', title: '转化为客户', value: `${e.converted} 家` },
    { key: 'conversionRate', title: '转化率', value: showRate(e.conversionRate) },
    { key: 'contracts', title: '签订合同', value: `${e.contracts} 份` },
    { key: 'contractAmount', title: '合同金额', value: formatMoney(e.contractAmount) },
    { key: 'paymentsCollected', title: '已回款', value: formatMoney(e.paymentsCollected) },
    { key: 'actualCost', title: '实际费用', value: formatMoney(e.actualCost), hint: e.budget !== null ? `预算 ${formatMoney(e.budget)}` : undefined },
    { key: 'budgetUsedRate', title: '预算使用率', value: showRate(e.budgetUsedRate) },
    { key: 'costPerProspect', title: '每个潜在客户费用', value: formatMoney(e.costPerProspect) },
    { key: 'costPerConverted', title: '每个转化客户费用', value: formatMoney(e.costPerConverted) },
  ];
}

/**
 * 评估 as statistic cards: every figure computed by the API from the records (prospects attributed
 * at registration, their conversions, those customers' signed contracts and payments) — nothing
 * here is typed in. "—" where there is nothing to divide by or no cost entered yet.
 */
export function Figures({ data, error, loading, target, basis }: { data?: Evaluation | ChannelEvaluation; error: unknown; loading: boolean; target?: number | null; basis: string }) {
  if (error) return <ProblemAlert error={error} />;
  if (loading || !data) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles(data, target).map((t) => (
          <Col key={t.key} xs={12} sm={8} lg={6}>
            <Card size="small" data-testid={`figure-${t.key}`} style={{ height: '100%' }}>
              <Statistic title={t.title} value={t.value} styles={{ content: { fontSize: 20 } }} />
              {t.hint && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t.hint}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
        {basis}（计算于 {formatDateTime(data.computedAt)}）
      </Typography.Paragraph>
    </>
  );
}
