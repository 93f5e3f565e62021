import { AppError } from '../common/app-error';
import { ALLOWED_LABEL } from './file-types';

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** At most this many files on one record. */
export const ATTACHMENTS_PER_RECORD = 50;

export const AttachmentsErrors = {
  tooLarge: () =>
    new AppError(413, 'ATTACHMENT_TOO_LARGE', '文件过大', `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB`, { limitBytes: ATTACHMENT_MAX_BYTES }),
  typeRefused: () =>
    new AppError(415, 'ATTACHMENT_TYPE_REFUSED', '不支持的文件类型', `只能上传 ${ALLOWED_LABEL} 文件（按文件内容识别，与文件名无关）`),
  empty: () => new AppError(400, 'ATTACHMENT_EMPTY', '文件为空', '请选择一个非空的文件'),
  noFile: () => new AppError(400, 'ATTACHMENT_MISSING', '缺少文件', '请求必须是 multipart/form-data，其中一个字段为文件（file）'),
  tooMany: () =>
    new AppError(409, 'ATTACHMENT_LIMIT', '附件过多', `一条记录最多 ${ATTACHMENTS_PER_RECORD} 个附件，请先删除不再需要的附件`, { limit: ATTACHMENTS_PER_RECORD }),
  signedContract: () =>
    new AppError(409, 'ATTACHMENT_LOCKED', '不能删除', '合同已签订，其合同档案中的附件（签字扫描件等）不能删除'),
  multipartNotHere: () => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', '此接口不接受上传文件，请求体必须是 application/json'),
};
