import { AppError } from '../common/app-error';

const PERIOD_NAMES = { month: '月度', quarter: '季度', year: '年度' } as const;

export const ReviewsErrors = {
  schemeSelfApproval: () => new AppError(403, 'REVIEW_SCHEME_SELF_APPROVAL', '无权审批', '不能审批自己起草的考核方案（职责分离）'),
  noApprovedScheme: (department: string) =>
    new AppError(422, 'REVIEW_NO_APPROVED_SCHEME', '没有生效的考核方案', `${department}还没有经总经理批准的考核方案，批准后才能开始考核（SAL-4.9）`),
  periodMismatch: (period: string, periodType: keyof typeof PERIOD_NAMES) =>
    new AppError(422, 'REVIEW_PERIOD_MISMATCH', '考核期间与方案不符', `生效的考核方案按${PERIOD_NAMES[periodType]}考核，期间「${period}」不是${PERIOD_NAMES[periodType]}期间`, {
      periodType,
    }),
  periodNotStarted: (period: string) => new AppError(422, 'REVIEW_PERIOD_NOT_STARTED', '考核期间尚未开始', `期间「${period}」还没有开始，不能考核`),
  notSubordinate: () => new AppError(422, 'REVIEW_NOT_SUBORDINATE', '不能考核此人', '只能考核自己的下属：主管考核直接下属，经理考核本部门的员工（不含经理本人及其他经理）'),
  revieweeInactive: () => new AppError(422, 'REVIEW_REVIEWEE_INACTIVE', '不能考核此人', '该员工已停用'),
  exists: (id: string) => new AppError(409, 'REVIEW_EXISTS', '本期已有考核', '该员工在这一期间已经有一份考核', { reviewId: id }),
  notReviewer: () => new AppError(403, 'REVIEW_NOT_REVIEWER', '无权操作', '只有考核人本人可以评分和提交这份考核'),
  unknownCriterion: (seq: number) => new AppError(422, 'REVIEW_UNKNOWN_CRITERION', '没有这项考核指标', `考核中没有序号为 ${seq} 的指标`, { seq }),
  duplicateScore: (seq: number) => new AppError(422, 'REVIEW_DUPLICATE_SCORE', '评分重复', `序号为 ${seq} 的指标评了不止一次`, { seq }),
  incomplete: (names: string[]) =>
    new AppError(422, 'REVIEW_INCOMPLETE', '评分未完成', `以下指标还没有评分：${names.join('、')}`, { unscored: names }),
  notNextLevel: (level: 'manager' | 'gm') =>
    new AppError(
      403,
      'REVIEW_NOT_NEXT_LEVEL',
      '无权确认',
      level === 'gm' ? '经理所做的考核由总经理确认' : '主管所做的考核由本部门经理确认',
      { confirmLevel: level },
    ),
  selfConfirm: () => new AppError(403, 'REVIEW_SELF_CONFIRM', '无权确认', '不能确认自己所做或关于自己的考核'),
};
