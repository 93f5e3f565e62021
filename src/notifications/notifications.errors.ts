import { AppError } from '../common/app-error';

export const NotificationsErrors = {
  notFailed: (status: string) =>
    new AppError(409, 'NOTIFICATION_NOT_FAILED', '不能重新发送', `只有发送失败的通知可以重新发送；这条通知的状态是 ${status}`),
};
