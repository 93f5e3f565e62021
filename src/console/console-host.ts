import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, CompressedAssets, compressibleType, SIBLING_SUFFIX } from './compressed-assets';

/**
 * The built console beside the compiled server: this file runs as dist/src/console/console-host.js,
 * and `npm run build` writes the Vite output to dist/web. CONSOLE_DIR overrides it.
 */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '..', '..', 'web');

/** Vite's content-hashed files: a new build gives new names, so they may be cached for good. */
const ASSETS_PREFIX = '/assets/';
const CACHE_ASSET = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: revalidated on every load, so a new build shows at once. */
const CACHE_REVALIDATE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>职责 CRM</title></head>
<body>
<h1>职责 CRM 工作台尚未构建</h1>
<p>服务端已经运行，但没有找到工作台的构建产物。请在项目目录运行 <code>npm run build</code>（同时构建服务端与工作台），然后重新启动服务。</p>
<p>API 文档：<a href="/api/docs">/api/docs</a></p>
</body>
</html>
`;

/** Paths the console never answers: the API (and its docs) and the health check keep their own 404. */
export function isServerPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname === '/health' || pathname.startsWith('/health/');
}

async function fileStat(path: string): Promise<Stats | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Serves the console (SPEC §10) from `dir`: a file that exists is sent as it is; any other GET or
 * HEAD outside /api and /health gets index.html, so the console's router handles deep links
 * (/prospects/new). A missing /assets/ file is a 404, not HTML in place of a script. Text assets
 * go out compressed (brotli or gzip) to clients that accept it. Without a build, `/` explains how
 * to make one.
 */
export function registerConsole(fastify: FastifyInstance, dir: string | null): void {
  const root = resolve(dir ?? DEFAULT_CONSOLE_DIR);
  const compressed = new CompressedAssets();
  fastify.register(async (instance) => {
    // preCompressed: a .br/.gz sibling written by the build is sent as it is
    await instance.register(fastifyStatic, { root, serve: false, preCompressed: true, suppressWarning: true });
    instance.get('/*', (req, reply) => serveConsole(req, reply, root, compressed));
  });
}

/** The app's own 404 (problem+json), exactly as for a route that does not exist. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

async function serveConsole(req: FastifyRequest, reply: FastifyReply, root: string, compressed: CompressedAssets): Promise<FastifyReply> {
  const pathname = (req.raw.url ?? '/').split('?')[0];
  if (isServerPath(pathname)) return notFound(reply);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(reply);
  }
  if (!(await fileStat(join(root, 'index.html')))) {
    if (pathname !== '/') return notFound(reply);
    return reply.header('cache-control', CACHE_REVALIDATE).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  }
  if (decoded !== '/' && !decoded.includes('\0')) {
    const file = resolve(root, `.${decoded}`);
    const found = file.startsWith(root + sep) ? await fileStat(file) : null;
    if (found) {
      const rel = `/${relative(root, file).split(sep).join('/')}`;
      if (!rel.startsWith(ASSETS_PREFIX)) return reply.header('cache-control', CACHE_REVALIDATE).sendFile(rel, root, { cacheControl: false });
      void reply.header('cache-control', CACHE_ASSET);
      const encoding = chooseEncoding(req.headers['accept-encoding']);
      const type = compressibleType(rel, found.size);
      if (encoding && type && !(await fileStat(file + SIBLING_SUFFIX[encoding]))) {
        const body = await compressed.get(file, found, encoding);
        return reply.header('content-encoding', encoding).header('vary', 'accept-encoding').type(type).send(body);
      }
      return reply.sendFile(rel, root, { cacheControl: false });
    }
  }
  if (decoded.startsWith(ASSETS_PREFIX)) return notFound(reply);
  return reply.header('cache-control', CACHE_REVALIDATE).sendFile('/index.html', root, { cacheControl: false });
}
