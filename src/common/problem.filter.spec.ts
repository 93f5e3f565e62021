import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { AppError, CommonErrors } from './app-error';
import { toProblem } from './problem.filter';

describe('toProblem (RFC 9457 bodies)', () => {
  it('keeps an AppError’s status, code, Chinese text and extra members', () => {
    const p = toProblem(CommonErrors.validation([{ field: 'name', message: 'name 不能为空' }]), 'req-1');
    expect(p).toEqual({
      type: 'urn:zhize-crm:problem:validation-failed',
      title: '请求参数无效',
      status: 400,
      detail: expect.any(String),
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'name', message: 'name 不能为空' }],
      requestId: 'req-1',
    });
  });

  it('extra members never overwrite the standard ones', () => {
    const p = toProblem(new AppError(409, 'X_CONFLICT', '冲突', '详情', { status: 'pending', code: 'OTHER', title: 'x', requestId: 'spoof', detail: 'y', currentStatus: 'draft' }), 'req-2');
    expect(p).toMatchObject({ status: 409, code: 'X_CONFLICT', title: '冲突', detail: '详情', requestId: 'req-2', currentStatus: 'draft' });
  });

  it('maps Fastify’s client errors, wrapped by Nest, by their Fastify code', () => {
    const tooLarge = new HttpException('Request body is too large', 413, { cause: Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }) });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const badJson = new BadRequestException('bad', { cause: Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }) });
    expect(toProblem(badJson)).toMatchObject({ status: 400, code: 'INVALID_JSON' });
  });

  it('answers plain HttpExceptions with a generic Chinese problem', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: '请求的资源不存在' });
  });

  it('never leaks the message, SQL or stack of an unexpected error', () => {
    const err = Object.assign(new Error('relation "secret_table" does not exist'), { query: 'SELECT * FROM secret_table' });
    const p = toProblem(err);
    expect(p.status).toBe(500);
    expect(p.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(p)).not.toMatch(/secret_table|SELECT|at .*\.ts/);
  });

  it('treats an error object from a server fault (5xx status) as internal', () => {
    expect(toProblem(Object.assign(new Error('boom'), { statusCode: 503 })).status).toBe(500);
    expect(toProblem(new AppError(409, 'X', '冲突')).detail).toBe('冲突');
  });

  it('answers a database that cannot be reached with 503 DATABASE_UNAVAILABLE, saying nothing of the cause', () => {
    const err = Object.assign(new Error('database "zhize_secret" is not currently accepting connections'), { code: '55000', severity: 'FATAL' });
    const p = toProblem(err, 'req-3');
    expect(p).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', requestId: 'req-3' });
    expect(JSON.stringify(p)).not.toMatch(/zhize_secret|55000/);
    // a statement that failed is still a 500
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' })).status).toBe(500);
  });
});
