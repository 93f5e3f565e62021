import { AppError } from '../common/app-error';
import type { ChangeProblem, Violation } from './revision-rules';

/**
 * The refusals of revisions of the duty rules (SPEC §12). Codes (stable):
 * - 422 DUTY_REVISION_CHANGE_INVALID — a change the drafter may not make or that does not apply
 *   (errors: one per change, `changes[i]`);
 * - 422 DUTY_REVISION_INVARIANTS — the revision would break an invariant (violations: each named);
 * - 422 DUTY_REVISION_EMPTY — it changes nothing;
 * - 403 DUTY_REVISION_SELF_APPROVAL — nobody decides a revision they drafted;
 * - 403 DUTY_REVISION_NO_ACCESS — not a 经理 of a drafting department;
 * - 409 DUTY_REVISION_STALE — a newer version has been approved since it was drafted;
 * - 409 DUTY_REVISION_INVALID_TRANSITION, 409 STALE_VERSION;
 * - 400 DUTY_REVISION_EFFECTIVE_TOO_EARLY — in force before now or before the latest version.
 */
export const RevisionsErrors = {
  changeInvalid: (problems: ChangeProblem[]) =>
    new AppError(422, 'DUTY_REVISION_CHANGE_INVALID', '变更无效', problems.map((p) => p.message).join('；'), {
      errors: problems.map((p) => ({ field: `changes[${p.index}]`, message: p.message })),
    }),
  invariants: (violations: Violation[]) =>
    new AppError(422, 'DUTY_REVISION_INVARIANTS', '违反制度的不变规则', violations.map((v) => v.message).join('；'), { violations }),
  empty: () => new AppError(422, 'DUTY_REVISION_EMPTY', '修订没有变更', '该修订与当前版本相比没有任何变化'),
  selfApproval: () => new AppError(403, 'DUTY_REVISION_SELF_APPROVAL', '无权操作', '不能审批自己起草的修订'),
  noAccess: () => new AppError(403, 'DUTY_REVISION_NO_ACCESS', '无权限', '职责制度的修订由起草部门的经理起草（MKT-7、SAL-9、KA-7）'),
  stale: (base: number, latest: number) =>
    new AppError(409, 'DUTY_REVISION_STALE', '制度已有新版本', `该修订基于第 ${base} 版起草，现已批准第 ${latest} 版；请重新保存草稿，使其基于最新版本后再提交`, { baseVersion: base, latestVersion: latest }),
  transition: (from: string, action: string) => new AppError(409, 'DUTY_REVISION_INVALID_TRANSITION', '状态不允许该操作', `处于「${from}」状态的修订不能${action}`),
  effectiveTooEarly: (earliest: Date) =>
    new AppError(400, 'DUTY_REVISION_EFFECTIVE_TOO_EARLY', '生效时间无效', `生效时间不能早于 ${earliest.toISOString()}（现在或最新版本的生效时间）`, {
      errors: [{ field: 'effectiveFrom', message: '生效时间不能早于现在或最新版本的生效时间' }],
    }),
};
