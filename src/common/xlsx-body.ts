import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { FILE_BODY_KEY } from './unread-body.interceptor';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest Excel file a route takes (an import of 5,000 rows is well under 1 MiB). */
export const XLSX_BODY_LIMIT = 5 * 1024 * 1024;
/** Past the limit the rest of an upload is read and dropped up to this much, so the client gets the 413 rather than a reset connection. */
const DRAIN_LIMIT = 4 * XLSX_BODY_LIMIT;

export const XlsxBodyErrors = {
  tooLarge: () => new AppError(413, 'IMPORT_FILE_TOO_LARGE', '文件过大', `文件超过 ${XLSX_BODY_LIMIT / 1024 / 1024} MiB 的上限，请拆分后分批导入`, { limitBytes: XLSX_BODY_LIMIT }),
  /** The route does not take a file: an Excel body there is refused before it is read. */
  notHere: () => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', '此接口不接受 Excel 文件，请求体必须是 application/json'),
};

/**
 * The route's body is an Excel workbook (`application/vnd.openxmlformats-…sheet`, at most 5 MiB),
 * read as bytes: the handler gets a Buffer (or whatever else the client sent, to refuse) through
 * `@Req()`. Only such routes accept that content type at all; documented as a binary body.
 */
export const XlsxBody = (description: string) =>
  applyDecorators(
    RouteConfig({ xlsxBody: true }),
    SetMetadata(FILE_BODY_KEY, true),
    ApiConsumes(XLSX_CONTENT_TYPE),
    ApiBody({ description, required: true, schema: { type: 'string', format: 'binary' } }),
  );

const routeTakesXlsx = (req: FastifyRequest) => (req.routeOptions?.config as { xlsxBody?: boolean } | undefined)?.xlsxBody === true;

/**
 * The parser for Excel bodies. It reads the stream itself so that an oversized file answers with
 * its own code (IMPORT_FILE_TOO_LARGE) rather than the JSON limit's; a route that does not take
 * files refuses the type before reading a byte.
 */
export function registerXlsxBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(XLSX_CONTENT_TYPE, (req, payload, done) => {
    if (!routeTakesXlsx(req)) {
      done(XlsxBodyErrors.notHere(), undefined);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > DRAIN_LIMIT) {
      done(XlsxBodyErrors.tooLarge(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (err: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      if (!err) payload.resume();
      done(err, body);
    };
    const onData = (chunk: Buffer | string) => {
      const c = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += c.length;
      if (received > DRAIN_LIMIT) finish(XlsxBodyErrors.tooLarge());
      else if (received <= XLSX_BODY_LIMIT) chunks.push(c);
      else chunks.length = 0; // over the limit: keep reading to the end, keep nothing
    };
    const onEnd = () => finish(received > XLSX_BODY_LIMIT ? XlsxBodyErrors.tooLarge() : null, received > XLSX_BODY_LIMIT ? undefined : Buffer.concat(chunks));
    const onError = (err: Error) => finish(err);
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}
