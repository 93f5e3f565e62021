import { Descriptions, List } from 'antd';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import type { Activity } from './api';
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
