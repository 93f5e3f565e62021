import { List, Typography } from 'antd';
import { Section } from '../../components/RecordPage';
import { formatDate, formatMoney } from '../../lib/format';
import type { Contract } from './api';

/** 回款计划: each instalment's day and amount, and the total (the contract's amount). */
export function PlanSection({ contract: c }: { contract: Contract }) {
  return (
    <Section title="回款计划" extra={<Typography.Text type="secondary">合计 {formatMoney(c.amount)}</Typography.Text>}>
      <List
        size="small"
        dataSource={c.paymentPlan}
        renderItem={(l) => (
          <List.Item data-testid="plan-line">
            <span>
              第 {l.seq} 期 · {formatDate(l.dueDate)}
            </span>
            <span>{formatMoney(l.amount)}</span>
          </List.Item>
        )}
      />
    </Section>
  );
}
