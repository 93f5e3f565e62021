import { AppError } from '../common/app-error';

export const UsersErrors = {
  usernameTaken: (username: string) =>
    new AppError(409, 'USER_USERNAME_TAKEN', '用户名已存在', `用户名「${username}」已被使用`),
  supervisorInvalid: (detail: string) =>
    new AppError(400, 'USER_SUPERVISOR_INVALID', '上级无效', detail, {
      errors: [{ field: 'supervisorId', message: detail }],
    }),
  passwordRejected: (detail: string) =>
    new AppError(400, 'USER_PASSWORD_REJECTED', '密码不符合要求', detail, { errors: [{ field: 'password', message: detail }] }),
  cannotChangeSelf: (detail: string) => new AppError(409, 'USER_SELF_CHANGE_REFUSED', '不能修改自己的账号状态', detail),
  lastAdmin: () =>
    new AppError(409, 'USER_LAST_ADMIN', '不能移除最后一个管理员', '系统至少需要保留一个启用的系统管理员账号'),
};
