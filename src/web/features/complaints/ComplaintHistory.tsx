import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Complaint } from './api';
import { CHANNEL, SATISFACTION } from './vocab';

interface Step {
  key: string;
  color: string;
  what: ReactNode;
  at?: string | null;
}

/**
 * 处理经过: what the complaint record keeps — filed, handler, escalation, reopenings, the resolution,
 * the compensation and its approval, closing. The full trail of every change is in the audit log.
 */
export function ComplaintHistory({ c, nameOf }: { c: Complaint; nameOf: (id: string | null) => string }) {
  const { can } = useSession();
  const steps: Step[] = [{ key: 'filed', color: 'blue', what: `${nameOf(c.reporterId)} 登记投诉（${CHANNEL[c.channel]}）`, at: c.createdAt }];
  if (c.assigneeId) steps.push({ key: 'assigned', color: 'blue', what: `分派给 ${nameOf(c.assigneeId)} 处理` });
  if (c.escalatedAt) steps.push({ key: 'escalated', color: 'red', what: '超过处理期限未解决，已升级给部门经理', at: c.escalatedAt });
  const reopened: Step | null = c.reopenCount > 0 ? { key: 'reopened', color: 'orange', what: `重新打开 ${c.reopenCount} 次` } : null;
  if (reopened && !c.resolvedAt) steps.push(reopened);
  if (c.resolvedAt) {
    if (reopened) steps.push(reopened);
    steps.push({ key: 'resolved', color: 'green', what: `${nameOf(c.resolvedBy)} 登记解决办法及措施`, at: c.resolvedAt });
  }
  if (c.compensation) {
    const comp = c.compensation;
    steps.push({ key: 'proposed', color: 'orange', what: `${nameOf(comp.proposedBy)} 提出赔偿 ${formatMoney(comp.amount)}` });
    steps.push(
      comp.status === 'approved'
        ? { key: 'approved', color: 'green', what: `${nameOf(comp.approvedBy)} 批准赔偿`, at: comp.approvedAt }
        : { key: 'awaiting', color: 'gray', what: '赔偿待审批，审批后投诉方可关闭' },
    );
  }
  if (c.closedAt) steps.push({ key: 'closed', color: 'gray', what: `关闭，客户满意度 ${c.satisfaction} / 5（${SATISFACTION[(c.satisfaction ?? 1) - 1]}）`, at: c.closedAt });

  return (
    <>
      <Timeline
        items={steps.map((s) => ({
          key: s.key,
          color: s.color,
          content: (
            <div data-testid="complaint-step" data-step={s.key}>
              <div>{s.what}</div>
              {s.at && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {formatDateTime(s.at)}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
      {can('audit.read') && <Link to={`/audit?entity=complaint&entityId=${c.id}`}>在审计日志中查看每一次变更</Link>}
    </>
  );
}
