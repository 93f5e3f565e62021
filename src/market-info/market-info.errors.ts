import { permissionDenied } from '../access/access.errors';
import { AppError, CommonErrors } from '../common/app-error';
import { MAX_SEARCH_TERMS } from './market-info-rules';

/**
 * The refusals of 市场信息库 and 调查报告. Codes (stable):
 * - 403 PERMISSION_DENIED (marketinfo.write) — a reader who neither wrote entries nor curates them
 *   asks to edit one;
 * - 404 NOT_FOUND — the entry, report, linked customer or linked entry is not there or outside the
 *   caller's scope (never a hint which);
 * - 400 VALIDATION_FAILED on `q` — more words than a search takes; on `entryIds` — one twice;
 * - 409 MARKET_INFO_INVALID_TRANSITION (an archived entry is read-only until restored),
 *   409 RESEARCH_REPORT_INVALID_TRANSITION, 409 STALE_VERSION;
 * - 422 RESEARCH_REPORT_INCOMPLETE — submitted without its findings or conclusions;
 * - 403 RESEARCH_REPORT_SELF_REVIEW — nobody decides on a report they wrote.
 */
export const MarketInfoErrors = {
  notEditor: () =>
    permissionDenied('marketinfo.write', '只有登记人（marketinfo.write）或本部门的信息库维护人（marketinfo.curate）可以修改市场信息'),
  tooManyTerms: () => CommonErrors.validation([{ field: 'q', message: `q 最多 ${MAX_SEARCH_TERMS} 个词（以空格分隔）` }]),
  linkedEntry: () => CommonErrors.notFound('关联的市场信息'),
  reportIncomplete: (missing: string[]) =>
    new AppError(422, 'RESEARCH_REPORT_INCOMPLETE', '调查报告尚不完整', `提交审核前请填写：${missing.join('、')}`, {
      errors: missing.map((m) => ({ field: m === '正文' ? 'body' : 'conclusions', message: `请填写${m}` })),
    }),
  selfReview: () => new AppError(403, 'RESEARCH_REPORT_SELF_REVIEW', '无权审核', '不能审核自己编写的调查报告（职责分离）'),
};
