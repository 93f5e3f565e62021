import { CalendarOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Form, Row, Skeleton, Statistic, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadableTag } from '../../components/ReadableTag';
import { useUrlParams } from '../../components/url-state';
import { todayInBusinessTz } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { useMyTargets, type MyTargets, type Target } from './api';
import { RateBar } from './Attainment';
import { showRate, showValue } from './format';
import { PeriodPicker } from './PeriodPicker';
import { MEASURE_OF, periodName, periodOf, periodTypeOf } from './vocab';

type Section = MyTargets['periods'][number];

function TargetCard({ t }: { t: Target }) {
  const m = MEASURE_OF[t.measure];
  return (
    <Card size="small" data-testid="my-target" data-measure={t.measure} data-period={t.period} style={{ height: '100%' }}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <strong style={{ fontSize: 16 }}>{m.label}</strong>
        {t.level === 'team' && <ReadableTag tone="blue">本团队</ReadableTag>}
      </Flex>
      <Flex gap={16} style={{ margin: '8px 0' }} wrap>
        <Statistic title="已完成" value={showValue(t.measure, t.actual)} styles={{ content: { fontSize: 20 } }} />
        <Statistic title="指标" value={showValue(t.measure, t.value)} styles={{ content: { fontSize: 20 } }} />
      </Flex>
      <RateBar rate={t.rate} label={m.label} />
      {t.note && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
          {t.note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function PeriodSection({ s }: { s: Section }) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="my-period"
      data-period={s.period}
      title={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <span>{periodName(s.period)}</span>
          <span data-testid="my-period-rate" data-rate={s.rate ?? ''} style={{ fontWeight: 400 }}>
            综合完成率 {showRate(s.rate)}
          </span>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {s.from} 至 {s.to}
      </Typography.Paragraph>
      {s.items.length === 0 ? (
        <Empty description="这一期没有下达给我的指标" />
      ) : (
        <Row gutter={[12, 12]}>
          {s.items.map((t) => (
            <Col key={t.id} xs={24} md={12} xl={8}>
              <TargetCard t={t} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

/**
 * 我的指标 (SAL-7.2, MKT-6.3, KA-6.4): the targets set for me — this month, quarter and year by
 * default, or a period I pick — with what my records add up to and the 完成率. Cards, for a phone.
 */
export default function MyTargetsPage() {
  const { params, update } = useUrlParams();
  const isPhone = useIsPhone();
  const period = periodTypeOf(params.period) ? params.period : undefined;
  const q = useMyTargets(period);
  const size = isPhone ? 'large' : undefined;
  return (
    <>
      <PageHeader title="我的指标" subTitle="完成数按我的签约、回款、登记、拜访记录实时计算" />
      <Form layout={isPhone ? 'vertical' : 'inline'} role="search" aria-label="我的指标期间" style={{ marginBottom: 12, rowGap: 8 }}>
        {period ? (
          <>
            <PeriodPicker value={period} onChange={(p) => update({ period: p })} id="my-target-period" />
            <Form.Item style={{ marginBottom: 8 }}>
              <Button size={size} icon={<RollbackOutlined />} onClick={() => update({ period: undefined })}>
                回到本期
              </Button>
            </Form.Item>
          </>
        ) : (
          <Form.Item style={{ marginBottom: 8 }}>
            <Button size={size} icon={<CalendarOutlined />} onClick={() => update({ period: periodOf('month', todayInBusinessTz()) })}>
              查看其他期间
            </Button>
          </Form.Item>
        )}
      </Form>
      <ProblemAlert error={q.error} />
      {q.isPending ? <Skeleton active /> : (q.data?.periods ?? []).map((s) => <PeriodSection key={s.period} s={s} />)}
    </>
  );
}
