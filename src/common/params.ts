import { ParseUUIDPipe } from '@nestjs/common';
import { CommonErrors } from './app-error';

/** Path ids must be UUIDs: anything else is a 400 problem, never a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => CommonErrors.validation([{ field: 'id', message: '路径中的 id 必须是 UUID' }]),
});
