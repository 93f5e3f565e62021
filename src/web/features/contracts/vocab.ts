import type { Tone } from '../../components/ReadableTag';
import type { Contract } from './api';

type Status = Contract['status'];

/** Contract states in the words of the sales office, with a tag colour each. */
export const CONTRACT_STATUS: Record<Status, { label: string; tone: Tone }> = {
  draft: { label: '草稿', tone: 'default' },
  pending_approval: { label: '待审批', tone: 'gold' },
  pending_gm: { label: '待总经理审批', tone: 'orange' },
  approved: { label: '已批准', tone: 'blue' },
  rejected: { label: '已退回', tone: 'red' },
  signed: { label: '已签订', tone: 'green' },
  completed: { label: '已完成', tone: 'cyan' },
  terminated: { label: '已终止', tone: 'purple' },
};

export const CONTRACT_STATUS_OPTIONS = (Object.keys(CONTRACT_STATUS) as Status[]).map((value) => ({ value, label: CONTRACT_STATUS[value].label }));

export const APPROVAL_LEVEL: Record<'manager' | 'gm', string> = { manager: '部门经理审批', gm: '总经理审批' };
export const DECISION: Record<'approve' | 'reject', string> = { approve: '通过', reject: '退回' };

export const RECEIVABLE_STATUS: Record<string, string> = { open: '未结清', partially_paid: '部分回款', paid: '已结清', overdue: '已逾期' };

/** The owner edits and submits a contract only while it is a draft or was sent back. */
export const EDITABLE: Status[] = ['draft', 'rejected'];
export const PENDING: Status[] = ['pending_approval', 'pending_gm'];

/** A contract can be filed (归档) once signed, and stays fileable when completed or terminated. */
export const ARCHIVABLE: Status[] = ['signed', 'completed', 'terminated'];
export const ARCHIVABLE_STATUS_OPTIONS = CONTRACT_STATUS_OPTIONS.filter((o) => ARCHIVABLE.includes(o.value));

export const PAYMENT_METHOD: Record<'bank_transfer' | 'cash' | 'cheque' | 'other', string> = { bank_transfer: '银行转账', cash: '现金', cheque: '支票', other: '其他' };
