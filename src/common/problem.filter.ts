import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/unavailable';
import { AppError } from './app-error';
import { defaultsForStatus, Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';

const logger = new Logger('Errors');
/** What a 503 asks the client to wait before repeating the request. */
const RETRY_AFTER_SECONDS = 5;

/** Messages for errors raised by Fastify itself (before a handler runs), by Fastify error code. */
const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', '请求体超过 1 MiB 的上限'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '请求体必须是 application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', '声明为 JSON 的请求体不能为空'],
  // Fastify's parser raises the same error for malformed JSON and for __proto__/constructor keys.
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', '请求体不是有效的 JSON，或包含不允许的键（__proto__、constructor）'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH', 'Content-Length 与请求体长度不符'],
  // Router errors (Fastify's `frameworkErrors`): before any route matched.
  FST_ERR_BAD_URL: [400, 'INVALID_URL', '请求地址中含有无效的百分号编码（%xx）'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'PATH_PARAM_TOO_LONG', '请求地址中的路径参数过长（每段不超过 100 个字符）'],
};

/**
 * Turns any error into problem+json. Known errors keep their status and code; anything else is a
 * 500 whose body says nothing about the cause (no stack, no SQL) — the log has the details.
 */
export function toProblem(err: unknown, requestId?: string): Problem {
  // Extra members come first: they can never overwrite the standard ones (status, code…).
  const base = (status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem => ({
    ...extra,
    type: problemType(code),
    title,
    status,
    detail,
    code,
    ...(requestId ? { requestId } : {}),
  });

  if (err instanceof AppError) return base(err.status, err.code, err.title, err.detail ?? err.title, err.extra);

  // Nest hands Fastify's own client errors (body too large, bad JSON…) over as an HttpException
  // whose cause is the Fastify error; answer those by their Fastify code.
  const cause = err instanceof HttpException ? (err.cause as { code?: string } | undefined) : undefined;
  const fastifyCode = cause?.code ?? (err as { code?: string })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    const [status, code, detail] = FASTIFY_ERRORS[fastifyCode];
    return base(status, code, defaultsForStatus(status).title, detail);
  }

  if (err instanceof HttpException) {
    const status = err.getStatus();
    const d = defaultsForStatus(status);
    const detail =
      status === 404 ? '请求的资源不存在'
      : status === 429 ? '请求过于频繁，请稍后再试'
      : status === 400 ? '请求体无效：不是有效的 JSON，或包含不允许的键（__proto__、constructor）'
      : d.title;
    return base(status, d.code, d.title, detail);
  }

  const fst = err as { code?: string; statusCode?: number; message?: string };
  if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    // Other client errors from Fastify (e.g. __proto__ / constructor keys in JSON bodies).
    const d = defaultsForStatus(fst.statusCode);
    const detail = /proto|constructor/i.test(fst.message ?? '') ? '请求体包含不允许的键（__proto__ 或 constructor）' : d.title;
    return base(fst.statusCode, fst.statusCode === 400 ? 'INVALID_BODY' : d.code, d.title, detail);
  }

  if (isDatabaseUnavailable(err)) return base(503, 'DATABASE_UNAVAILABLE', '服务暂不可用', '数据库暂时无法连接，请稍后重试');

  return base(500, 'INTERNAL_ERROR', '服务器内部错误', '服务器处理请求时出错，请稍后重试；如持续出现请联系管理员并提供 requestId');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest | undefined, err: unknown): void {
  const problem = toProblem(err, request?.id);
  if (problem.status >= 500) {
    logger.error(`${request?.method ?? ''} ${request?.url ?? ''} [${request?.id ?? '-'}] ${(err as Error)?.stack ?? String(err)}`);
  }
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), err);
  }
}
