import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applySecurityHeaders, SECURITY_HEADERS } from '../console/security-headers';
import { defaultsForStatus, Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { sendProblem } from './problem.filter';

/**
 * The errors that happen before Fastify has a route — or even a request — in hand, answered as
 * problem+json like every other error (SPEC §13): a malformed URL or an over-long path parameter
 * (Fastify's router), a request the HTTP parser rejects (header too large, malformed header line,
 * unknown method, conflicting lengths), and an `Expect` header the server cannot meet.
 */

/**
 * Fastify's router errors (`frameworkErrors` option): mapped by code in the ProblemFilter. The
 * reply is made outside any route, so the app's onSend hooks do not run: set their headers here.
 */
export function onFrameworkError(err: Error, req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', req.id);
  applySecurityHeaders(reply);
  sendProblem(reply, req, err);
}

function problem(status: number, code: string, detail: string, requestId: string): Problem {
  return { type: problemType(code), title: defaultsForStatus(status).title, status, detail, code, requestId };
}

/** Node's HTTP parser errors, by code: [status, problem code, Chinese detail]. */
function parserError(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'HEADERS_TOO_LARGE', '请求头过大：请求行与全部请求头合计不能超过 16 KiB'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'REQUEST_TIMEOUT', '请求没有在规定时间内发送完整'];
    case 'HPE_INVALID_METHOD':
      return [400, 'INVALID_METHOD', '不支持的 HTTP 请求方法'];
    default:
      return [400, 'MALFORMED_REQUEST', 'HTTP 请求格式错误：请求行、请求头或请求体的长度声明无效'];
  }
}

/**
 * Fastify's `clientErrorHandler`: the request never became a request, so the answer is written
 * to the socket directly, which is then closed.
 */
export function onClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, detail] = parserError(err.code);
  const requestId = randomUUID();
  const body = JSON.stringify(problem(status, code, detail, requestId));
  const headers = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    connection: 'close',
    ...SECURITY_HEADERS,
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
}

/** `Expect:` other than 100-continue: Node would answer a bare 417. */
function onUnmetExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const requestId = randomUUID();
  const body = JSON.stringify(problem(417, 'EXPECTATION_FAILED', '服务器不支持请求头 Expect 中的要求（只支持 100-continue）', requestId));
  res.writeHead(417, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    connection: 'close',
    ...SECURITY_HEADERS,
  });
  res.end(body);
}

export function registerFrameworkErrorHandlers(fastify: FastifyInstance): void {
  fastify.server.on('checkExpectation', onUnmetExpectation);
}
