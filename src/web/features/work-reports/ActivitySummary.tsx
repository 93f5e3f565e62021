import { Descriptions, List } from 'antd';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import type { Activity, WorkReportDraft } from './api';
import { VISIT_METHOD } from './vocab';

/** 本期活动: what the period's records say the author did (kept as it was at submission). */
export function ActivitySummary({ activity }: { activity: Activity }) {
  const isPhone = useIsPhone();
  return (
    <>
      <Descriptions
        size="small"
        column={isPhone ? 2 : 3}
        items={[
          { key: 'v', label: '拜访', children: `${activity.visits.count} 次` },
          { key: 'p', label: '登记潜在客户', children: `${activity.prospectsRegistered.count} 家` },
          { key: 'c', label: '拟定合同', children: `${activity.contractsDrafted.count} 份` },
          { key: 's', label: '签订合同', children: `${activity.contractsSigned.count} 份 ${formatMoney(activity.contractsSigned.amount)}` },
          { key: 'k', label: '催收', children: `${activity.collectionsLogged.count} 次` },
          { key: 'r', label: '回款', children: formatMoney(activity.paymentsReceived.amount) },
        ]}
      />
      {activity.visits.items.length > 0 && (
        <List
          size="small"
          header="拜访明细"
          dataSource={activity.visits.items}
          renderItem={(v) => (
            <List.Item>
              <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {formatDateTime(v.visitedAt)} · {VISIT_METHOD[v.method] ?? v.method} · {v.target ?? '—'} · {v.purpose}
              </span>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

const MEASURE_NAMES: Record<string, string> = { contract_amount: '签约金额', payments: '回款金额', new_prospects: '新增潜在客户', visits: '拜访次数', new_key_accounts: '新增大客户' };
const MONEY = new Set(['contract_amount', 'payments']);

/** "0.8200" → "82.00%", by string. */
function percent(rate: string | null): string {
  const m = rate ? /^(-?)(\d+)\.(\d{2})(\d{2})$/.exec(rate) : null;
  return m ? `${m[1]}${Number(`${m[2]}${m[3]}`)}.${m[4]}%` : '—';
}

/** The author's targets of the month beside what their records add up to (the draft's attainment). */
export function Attainment({ attainment }: { attainment: NonNullable<WorkReportDraft['attainment']> }) {
  const show = (measure: string, v: string) => (MONEY.has(measure) ? formatMoney(v) : v);
  return (
    <div data-testid="draft-attainment" data-rate={attainment.rate ?? ''}>
      <Descriptions
        size="small"
        column={1}
        items={[
          ...attainment.items.map((i) => ({
            key: i.measure,
            label: MEASURE_NAMES[i.measure] ?? i.measure,
            children: `完成 ${show(i.measure, i.actual)} / 指标 ${show(i.measure, i.target)}（${percent(i.rate)}）`,
          })),
          { key: 'rate', label: '综合完成率', children: percent(attainment.rate) },
        ]}
      />
    </div>
  );
}
