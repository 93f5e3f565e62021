import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import type { Contract } from './api';
import { APPROVAL_LEVEL, DECISION, PENDING } from './vocab';

/**
 * 审批记录: every decision kept (round, level, who, decision, comment, when), then — while the
 * contract waits — who may decide the current step, or why nobody can yet.
 */
export function ApprovalTrail({ contract, nameOf }: { contract: Contract; nameOf: (id: string) => string }) {
  const decided = [...contract.approvals].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  const items = decided.map((a, i) => ({
    key: `d${i}`,
    color: a.decision === 'approve' ? 'green' : 'red',
    content: (
      <div data-testid="approval-step">
        <div>
          <Typography.Text strong>
            {nameOf(a.approverId)} {DECISION[a.decision]}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">
            第 {a.round} 次提交 · {APPROVAL_LEVEL[a.level]}
          </Typography.Text>
        </div>
        {a.comment && <div>审批意见：{a.comment}</div>}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {formatDateTime(a.decidedAt)}
        </Typography.Text>
      </div>
    ),
  }));
  if (PENDING.includes(contract.status)) {
    const who = contract.awaitingApprovers ?? [];
    const level = contract.status === 'pending_gm' ? APPROVAL_LEVEL.gm : APPROVAL_LEVEL.manager;
    items.push({
      key: 'waiting',
      color: 'blue',
      content: (
        <div data-testid="approval-waiting">
          <Typography.Text strong>{who.length ? `等待 ${who.map((u) => u.displayName).join('、')} 审批` : (contract.awaitingNote ?? '暂无符合条件的审批人')}</Typography.Text>{' '}
          <Typography.Text type="secondary">{level}</Typography.Text>
        </div>
      ),
    });
  }
  if (!items.length) return <Typography.Text type="secondary">尚未提交审批</Typography.Text>;
  return <Timeline items={items} />;
}
