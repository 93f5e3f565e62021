import { AppError } from '../common/app-error';

export const ProspectsErrors = {
  notInPool: () => new AppError(409, 'PROSPECT_NOT_IN_POOL', '不在公海中', '该潜在客户已有负责人，不能认领'),
  reclaimTooSoon: (until: string) =>
    new AppError(409, 'PROSPECT_RECLAIM_TOO_SOON', '暂不能认领', `您是该潜在客户的原负责人，释放后 7 天内不能重新认领（${until} 之后可认领）`, { availableAt: until }),
  converted: () => new AppError(409, 'PROSPECT_CONVERTED', '已转为客户', '该潜在客户已转为客户，请在客户档案中维护'),
  claimSpecialistsOnly: () =>
    new AppError(403, 'PROSPECT_CLAIM_SPECIALISTS_ONLY', '无权认领', '公海中的潜在客户由本部门的专员认领（MKT-6.2、KA-6.1）', {
      clauses: [{ id: 'MKT-6.2' }, { id: 'KA-6.1' }],
    }),
  noDuplicateKeys: () =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '请至少提供 companyName、uscc、contactPhone 之一', {
      errors: [{ field: 'companyName', message: '请至少提供 companyName、uscc、contactPhone 之一' }],
    }),
};
