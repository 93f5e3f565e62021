import fastifyMultipart from '@fastify/multipart';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FILE_BODY_KEY } from '../common/unread-body.interceptor';
import { ATTACHMENT_MAX_BYTES, AttachmentsErrors } from './attachments.errors';

const routeTakesFiles = (req: FastifyRequest) => (req.routeOptions?.config as { multipart?: boolean } | undefined)?.multipart === true;

/** The route's body is `multipart/form-data` with one file: only such routes accept that type at all. */
export const MultipartFile = (description: string) =>
  applyDecorators(
    RouteConfig({ multipart: true }),
    // the route reads its body itself (UnreadBodyInterceptor leaves it be)
    SetMetadata(FILE_BODY_KEY, true),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description,
      required: true,
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    }),
  );

/**
 * `@fastify/multipart` with tight limits: one file of at most 20 MiB, a few small fields; the file
 * is read as a stream by the route, never buffered. Any other route refuses a multipart body (415)
 * before the handler runs.
 */
export async function registerMultipart(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 },
  });
  fastify.addHook('preValidation', async (req) => {
    if (req.isMultipart() && !routeTakesFiles(req)) throw AttachmentsErrors.multipartNotHere();
  });
}
