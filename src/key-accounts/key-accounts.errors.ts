import { AppError } from '../common/app-error';

export const KeyAccountsErrors = {
  tierExists: (code: string) => new AppError(409, 'TIER_EXISTS', '等级已存在', `等级代码「${code}」已存在`),
  tierConflict: (detail: string) => new AppError(409, 'TIER_CONFLICT', '等级设置冲突', detail),
  unknownTier: (code: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', `等级「${code}」不存在`, { errors: [{ field: 'proposedTierCode', message: `等级「${code}」不存在` }] }),
  pendingExists: (id: string) =>
    new AppError(409, 'ASSESSMENT_PENDING', '已有待审评估', '该客户已有一份待审批的等级评估，请等其审批后再提', { pendingAssessmentId: id }),
  noChange: () => new AppError(409, 'ASSESSMENT_NO_CHANGE', '等级没有变化', '提议的等级与客户当前等级相同'),
  notPending: (status: string) => new AppError(409, 'ASSESSMENT_NOT_PENDING', '评估已处理', `该评估已${status === 'approved' ? '批准' : '驳回'}，不能再次处理`),
  selfApproval: () => new AppError(403, 'ASSESSMENT_SELF_APPROVAL', '无权审批', '不能审批自己提出的等级评估（职责分离）'),
  assigneeRequired: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '客户成为大客户时须指定大客户部的负责人 assigneeId', {
      errors: [{ field: 'assigneeId', message: '客户成为大客户时须指定大客户部的负责人' }],
    }),
};
