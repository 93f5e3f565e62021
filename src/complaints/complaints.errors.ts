import { AccessErrors } from '../access/access.errors';
import { AppError } from '../common/app-error';

export const ComplaintsErrors = {
  compensationNotAllowed: () =>
    AccessErrors.clauseRefusal('COMPLAINT_COMPENSATION_FORBIDDEN', '提出赔偿须有赔偿处理职责（KA-5.6、SAL-4.5）；请只登记解决办法，由有权限的人员提出赔偿', ['KA-5.6', 'SAL-4.5']),
  zeroCompensation: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', 'compensationAmount 必须大于 0', { errors: [{ field: 'compensationAmount', message: 'compensationAmount 必须大于 0' }] }),
  compensationExists: (amount: string) =>
    new AppError(409, 'COMPLAINT_COMPENSATION_EXISTS', '已有批准的赔偿', `该投诉已批准赔偿 ${amount} 元，不能再提出新的赔偿`),
  noCompensation: () => new AppError(409, 'COMPLAINT_NO_COMPENSATION', '没有待批的赔偿', '该投诉没有待审批的赔偿提议'),
  compensationPending: () => new AppError(409, 'COMPLAINT_COMPENSATION_PENDING', '赔偿待审批', '赔偿提议尚未审批，投诉暂不能关闭'),
  selfApproval: () => new AppError(403, 'COMPLAINT_COMPENSATION_SELF_APPROVAL', '无权审批', '不能审批自己提出的赔偿（职责分离）'),
  gmRequired: (threshold: string) =>
    new AppError(403, 'COMPLAINT_COMPENSATION_GM', '无权审批', `赔偿金额达到 ${threshold} 元，须由总经理审批`),
};
