import { AppError } from '../common/app-error';

export const PaymentsErrors = {
  contractNotSigned: (status: string) =>
    new AppError(409, 'PAYMENT_CONTRACT_NOT_OPEN', '合同不在回款阶段', `只能为已签订、未结清的合同登记回款（当前状态：${status}）`),
  exceedsOutstanding: (outstanding: string) =>
    new AppError(409, 'PAYMENT_EXCEEDS_OUTSTANDING', '回款金额超过未收余额', `该合同未收余额为 ${outstanding} 元，回款金额不能超过它`, { outstanding }),
  zero: () => new AppError(400, 'VALIDATION_FAILED', '请求参数无效', 'amount 必须大于 0', { errors: [{ field: 'amount', message: 'amount 必须大于 0' }] }),
  inFuture: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '收款日期不能晚于今天', { errors: [{ field: 'receivedAt', message: '收款日期不能晚于今天' }] }),
  beforeSigning: (signedOn: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', `收款日期不能早于合同签订日期 ${signedOn}`, {
      errors: [{ field: 'receivedAt', message: `收款日期不能早于合同签订日期 ${signedOn}` }],
    }),
  reversalOfReversal: () => new AppError(409, 'PAYMENT_REVERSAL_NOT_REVERSIBLE', '不能冲销', '冲销记录本身不能再被冲销'),
  alreadyReversed: () => new AppError(409, 'PAYMENT_ALREADY_REVERSED', '不能冲销', '该笔回款已经冲销过'),
};
