import { AppError } from '../common/app-error';
import type { ComplaintSeverity, ComplaintStatus } from './complaint.entity';

/** Response time by severity for a general customer, in hours. */
export const SEVERITY_RESPONSE_HOURS: Record<ComplaintSeverity, number> = { critical: 4, high: 24, medium: 48, low: 72 };

/**
 * Hours to respond: by severity; for a key account, never longer than its tier promises
 * (complaintResponseHours, KA-4.9), so a key account is answered at least as fast as anyone.
 */
export function responseHours(severity: ComplaintSeverity, tierHours: number | null): number {
  const base = SEVERITY_RESPONSE_HOURS[severity];
  return tierHours === null ? base : Math.min(base, tierHours);
}

export type ComplaintAction = 'assign' | 'resolve' | 'reopen' | 'close';

/** The one table of complaint status changes; assigning an open complaint starts work on it. */
export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, Partial<Record<ComplaintStatus, ComplaintStatus>>> = {
  assign: { open: 'in_progress', in_progress: 'in_progress' },
  resolve: { in_progress: 'resolved' },
  reopen: { resolved: 'in_progress' },
  close: { resolved: 'closed' },
};

const NAMES: Record<ComplaintStatus, string> = { open: '待处理', in_progress: '处理中', resolved: '已解决', closed: '已关闭' };
const ACTIONS: Record<ComplaintAction, string> = { assign: '分派', resolve: '登记解决', reopen: '重新打开', close: '关闭' };

export function complaintTransition(from: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  const to = COMPLAINT_TRANSITIONS[action][from];
  if (!to) {
    throw new AppError(409, 'COMPLAINT_INVALID_TRANSITION', '投诉状态不允许此操作', `投诉当前为「${NAMES[from]}」，不能${ACTIONS[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return to;
}
