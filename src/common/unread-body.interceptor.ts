import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppError } from './app-error';

/** The position of the handler's @Body() parameter, from Nest's own route-argument metadata; undefined without one. */
export function bodyParamIndex(controller: object, handlerName: string): number | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<string, { index: number }>;
  return Object.entries(args).find(([k]) => Number(k.split(':')[0]) === RouteParamtypes.BODY)?.[1].index;
}

/** True when the handler takes a @Body() parameter. */
export const readsBody = (controller: object, handlerName: string): boolean => bodyParamIndex(controller, handlerName) !== undefined;

/** A body with something in it: anything but nothing, `null` or `{}`. */
export function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (typeof body === 'object' && !Array.isArray(body) && Object.getPrototypeOf(body) === Object.prototype) return Object.keys(body).length > 0;
  return true;
}

/** Set on a route that reads its body itself — an Excel import, a multipart upload — so the interceptor leaves it be. */
export const FILE_BODY_KEY = 'zhize:file-body';

export const bodyNotAccepted = (fields: string[]) =>
  new AppError(400, 'BODY_NOT_ACCEPTED', '请求参数无效', '此接口不接受请求体：请不带请求体或发送空对象 {}', {
    errors: (fields.length ? fields : ['body']).slice(0, 20).map((field) => ({ field, message: `此接口不接受 ${field}` })),
  });

/**
 * An action without a body (convert, claim, submit, done…) refuses one that carries fields rather
 * than ignoring them: a client that sends `{ "ownerId": … }` to convert must learn it had no effect.
 * Runs after the access guard, so a caller without the permission still gets 401/403 first.
 * A route that takes a file (XlsxBody, MultipartFile: FILE_BODY_KEY) checks its body itself.
 */
@Injectable()
export class UnreadBodyInterceptor implements NestInterceptor {
  private readonly reads = new WeakMap<object, boolean>();

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const { body } = ctx.switchToHttp().getRequest<FastifyRequest>();
      if (hasContent(body)) {
        const handler = ctx.getHandler();
        if (Reflect.getMetadata(FILE_BODY_KEY, handler) === true) return next.handle();
        let reads = this.reads.get(handler);
        if (reads === undefined) this.reads.set(handler, (reads = readsBody(ctx.getClass(), handler.name)));
        if (!reads) throw bodyNotAccepted(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : []);
      }
    }
    return next.handle();
  }
}
