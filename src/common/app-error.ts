/** A field-level validation message in a problem+json `errors` array. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type services throw. The exception filter turns it into problem+json
 * (RFC 9457): `status`, a stable `code`, a Chinese `title`/`detail`, and optional extra members.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

/** Errors shared by every module; module-specific ones live in `<feature>.errors.ts`. */
export const CommonErrors = {
  validation: (errors: FieldError[]) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', '请求中有字段不符合要求，请检查 errors 中列出的字段', { errors }),
  badRequest: (code: string, detail: string) => new AppError(400, code, '请求无效', detail),
  notFound: (entity = '记录') => new AppError(404, 'NOT_FOUND', '未找到', `${entity}不存在或不在您的访问范围内`),
  staleVersion: () =>
    new AppError(409, 'STALE_VERSION', '数据已被修改', '该记录已被他人修改，请刷新后基于最新版本重试'),
  unauthenticated: (detail = '请先登录，或登录凭证已失效') =>
    new AppError(401, 'UNAUTHENTICATED', '未认证', detail),
};
