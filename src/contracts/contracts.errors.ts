import { AccessErrors } from '../access/access.errors';
import { AppError } from '../common/app-error';

export const ContractsErrors = {
  planMismatch: (planTotal: string, amount: string) =>
    new AppError(400, 'CONTRACT_PLAN_MISMATCH', '回款计划与合同金额不符', `回款计划合计 ${planTotal} 元，合同金额 ${amount} 元，两者必须相等`, {
      errors: [{ field: 'paymentPlan', message: `回款计划合计 ${planTotal} 必须等于合同金额 ${amount}` }],
    }),
  zeroAmount: (field: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', `${field} 必须大于 0`, { errors: [{ field, message: `${field} 必须大于 0` }] }),
  dates: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '结束日期不能早于开始日期', { errors: [{ field: 'endDate', message: '结束日期不能早于开始日期' }] }),
  keyAccountCustomer: () =>
    AccessErrors.clauseRefusal('CONTRACT_KEY_ACCOUNT_CUSTOMER', '依据 SAL-7.3，销售业务员只能与一般性客户签订销售合同；该客户是大客户，请由大客户部拟定', ['SAL-7.3']),
  selfApproval: () =>
    new AppError(403, 'CONTRACT_SELF_APPROVAL', '无权审批', '不能审批自己拟定的合同（职责分离）'),
  sameApproverTwice: () =>
    new AppError(403, 'CONTRACT_SAME_APPROVER', '无权审批', '总经理审批须由经理审核人以外的人进行'),
  gmLevel: () =>
    new AppError(403, 'CONTRACT_GM_LEVEL', '无权审批', '该合同金额达到总经理审批标准，须由总经理审批（SAL-4.4）', { clauses: [{ id: 'SAL-4.4' }] }),
  signForbidden: () =>
    new AppError(403, 'CONTRACT_SIGN_FORBIDDEN', '无权签订', '只有合同负责人或有审批权的经理可以登记签订'),
  alreadyArchived: (archiveNo: string) => new AppError(409, 'CONTRACT_ALREADY_ARCHIVED', '已归档', `该合同已归档，档案号 ${archiveNo}`),
};
