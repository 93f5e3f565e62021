import { AppError } from '../common/app-error';

export const AuthErrors = {
  /** One answer for an unknown user, a wrong password and an inactive account. */
  invalidCredentials: () => new AppError(401, 'AUTH_INVALID_CREDENTIALS', '未认证', '用户名或密码错误'),
  missingToken: () => new AppError(401, 'AUTH_TOKEN_MISSING', '未认证', '缺少登录凭证：请登录，或在 Authorization 头中提供 Bearer 令牌'),
  /** A bad, expired or revoked token or session cookie: the console sends the user back to sign in. */
  invalidToken: () => new AppError(401, 'AUTH_TOKEN_INVALID', '未认证', '登录凭证无效或已过期，请重新登录'),
  /** A state-changing request on the session cookie without the CSRF proof, or from another site. */
  csrfRejected: (crossSite = false) =>
    new AppError(
      403,
      'CSRF_REJECTED',
      '请求被拒绝',
      crossSite ? '跨站请求被拒绝：请求来自其他站点' : '跨站请求被拒绝：缺少或错误的 CSRF 令牌（X-CSRF-Token 请求头）',
    ),
};
