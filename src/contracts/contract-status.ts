import { AppError } from '../common/app-error';

export const CONTRACT_STATUSES = ['draft', 'pending_approval', 'pending_gm', 'approved', 'rejected', 'signed', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_STATUS_NAMES: Record<ContractStatus, string> = {
  draft: '草稿',
  pending_approval: '待经理审核',
  pending_gm: '待总经理审批',
  approved: '已批准',
  rejected: '已退回',
  signed: '已签订',
  completed: '已履行完毕',
  terminated: '已终止',
};

export type ContractAction = 'edit' | 'submit' | 'approve' | 'approve_to_gm' | 'reject' | 'sign' | 'complete' | 'reopen' | 'terminate' | 'archive';

/**
 * The one table of allowed contract transitions (SPEC §6). `approve_to_gm` is a manager's approval
 * at or above the threshold, which sends the contract on to the 总经理.
 */
export const CONTRACT_TRANSITIONS: ReadonlyArray<{ action: ContractAction; from: readonly ContractStatus[]; to: ContractStatus | null }> = [
  { action: 'edit', from: ['draft', 'rejected'], to: null },
  { action: 'submit', from: ['draft', 'rejected'], to: 'pending_approval' },
  { action: 'approve', from: ['pending_approval', 'pending_gm'], to: 'approved' },
  { action: 'approve_to_gm', from: ['pending_approval'], to: 'pending_gm' },
  { action: 'reject', from: ['pending_approval', 'pending_gm'], to: 'rejected' },
  { action: 'sign', from: ['approved'], to: 'signed' },
  { action: 'complete', from: ['signed'], to: 'completed' },
  // A reversed payment leaves money outstanding again: a completed contract is back to signed.
  { action: 'reopen', from: ['completed'], to: 'signed' },
  { action: 'terminate', from: ['signed'], to: 'terminated' },
  { action: 'archive', from: ['signed', 'completed', 'terminated'], to: null },
];

const ACTION_NAMES: Record<ContractAction, string> = {
  edit: '修改',
  submit: '提交审核',
  approve: '批准',
  approve_to_gm: '批准',
  reject: '退回',
  sign: '签订',
  complete: '履行完毕',
  reopen: '恢复为已签订',
  terminate: '终止',
  archive: '归档',
};

/** The status after `action`, or 409 CONTRACT_INVALID_TRANSITION. `null` means the status stays. */
export function transition(from: ContractStatus, action: ContractAction): ContractStatus {
  const row = CONTRACT_TRANSITIONS.find((t) => t.action === action);
  if (!row || !row.from.includes(from)) {
    throw new AppError(409, 'CONTRACT_INVALID_TRANSITION', '合同状态不允许此操作', `合同当前为「${CONTRACT_STATUS_NAMES[from]}」，不能${ACTION_NAMES[action]}`, {
      currentStatus: from,
      action,
    });
  }
  return row.to ?? from;
}
