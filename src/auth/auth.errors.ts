import { AppError } from '../common/app-error';

export const AuthErrors = {
  /** One answer for an unknown user, a wrong password and an inactive account. */
  invalidCredentials: () => new AppError(401, 'AUTH_INVALID_CREDENTIALS', '未认证', '用户名或密码错误'),
  missingToken: () => new AppError(401, 'AUTH_TOKEN_MISSING', '未认证', '缺少登录凭证，请在 Authorization 头中提供 Bearer 令牌'),
  invalidToken: () => new AppError(401, 'AUTH_TOKEN_INVALID', '未认证', '登录凭证无效或已过期，请重新登录'),
};
