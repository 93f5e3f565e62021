import { AppError } from '../common/app-error';

export const VisitsErrors = {
  oneTarget: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '必须且只能提供 customerId 或 prospectId 之一', {
      errors: [{ field: 'customerId', message: '必须且只能提供 customerId 或 prospectId 之一' }],
    }),
  inFuture: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '拜访时间不能晚于现在', { errors: [{ field: 'visitedAt', message: '拜访时间不能晚于现在' }] }),
  reviewed: () => new AppError(409, 'VISIT_REVIEWED', '拜访记录已审阅', '已审阅的拜访记录为只读，不能再修改'),
  alreadyReviewed: () => new AppError(409, 'VISIT_ALREADY_REVIEWED', '拜访记录已审阅', '该拜访记录已经审阅过'),
  notVisitor: () => new AppError(403, 'VISIT_NOT_VISITOR', '无权限', '只有拜访人本人可以修改拜访记录'),
  selfReview: () => new AppError(403, 'VISIT_SELF_REVIEW', '无权限', '不能审阅自己的拜访记录，请由上级审阅'),
};
