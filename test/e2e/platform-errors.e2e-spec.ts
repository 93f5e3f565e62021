import { connect } from 'node:net';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { bearer, createUser, TestUser } from '../setup/users';

/**
 * The framework's own errors (SPEC §13): what Fastify's router and Node's HTTP parser reject
 * before any handler runs is problem+json too — a stable code, a Chinese detail, the request id
 * in the body and in x-request-id, the security headers — never Fastify's or Node's own body.
 * Sent over a raw socket where a client library would refuse to send the request at all.
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** everything the server sent */
  text: string;
}

/** Writes `request` as it is to the app's port and reads the answer until the server closes or it is complete. */
function raw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const finish = () => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? NaN);
      const body = Buffer.from(text.slice(split + 4), 'utf8');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Number.isNaN(length) ? body.toString() : body.subarray(0, length).toString(), text });
    };
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const m = /content-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (split >= 0 && m && Buffer.byteLength(text.slice(split + 4)) >= Number(m[1])) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

const expectProblem = (a: RawAnswer, status: number, code: string) => {
  expect({ status: a.status, type: a.headers['content-type'] }).toEqual({ status, type: 'application/problem+json; charset=utf-8' });
  const body = JSON.parse(a.body);
  expect(body).toMatchObject({ status, code, type: expect.stringContaining(code.toLowerCase().replace(/_/g, '-')), title: expect.any(String) });
  expect(body.detail).toMatch(/[\u4e00-\u9fff]/); // a Chinese sentence, not Fastify's English
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(a.headers['x-request-id']).toBe(body.requestId);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
  expect(a.body).not.toMatch(/FST_ERR|statusCode|"error":/);
  return body;
};

describe('framework errors are problem+json (SPEC §13)', () => {
  let t: TestApp;
  let port: number;
  let rep: TestUser;
  const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extra}Connection: close\r\n\r\n`;
  const post = (path: string, body = '{}', extra = '') =>
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    rep = await createUser(t, 'market.specialist');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await t.app.getUrl()).port);
  });
  afterAll(() => t?.close());

  describe("Fastify's router", () => {
    const long = 'a'.repeat(10_000);

    it('an over-long path parameter on a write route is 414 PATH_PARAM_TOO_LONG', async () => {
      const body = expectProblem(await raw(port, post(`/api/v1/prospects/${long}/assign`, '{}', `Authorization: ${bearer(rep)}\r\n`)), 414, 'PATH_PARAM_TOO_LONG');
      expect(body.detail).toContain('100');
      expect(JSON.stringify(body)).not.toContain(long.slice(0, 200)); // the path is not echoed back
    });

    it('an over-long path parameter on a read is the ordinary 404 (no route has such an id)', async () => {
      const res = await t.http().get(`/api/v1/prospects/${long}`).set('authorization', bearer(rep));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it.each([
      ['GET', '/api/v1/prospects/%E0%A4%A'],
      ['POST', '/api/v1/prospects/%zz/assign'],
    ])('a malformed percent-encoding (%s %s) is 400 INVALID_URL', async (method, path) => {
      const request = method === 'GET' ? get(path) : post(path);
      expectProblem(await raw(port, request), 400, 'INVALID_URL');
    });
  });

  describe("Node's HTTP parser", () => {
    it('request headers above 16 KiB are 431 HEADERS_TOO_LARGE', async () => {
      expectProblem(await raw(port, get('/health', `X-Padding: ${'p'.repeat(20_000)}\r\n`)), 431, 'HEADERS_TOO_LARGE');
    });

    it.each([
      ['a header line without a colon', get('/health', 'Bad Header Line\r\n')],
      ['a space inside a header name', get('/health', 'Bad Header: y\r\n')],
      ['a non-numeric Content-Length', `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}`],
      ['both Content-Length and Transfer-Encoding', `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
      ['an unknown HTTP version', 'GET /health HTTP/7.x\r\nHost: x\r\n\r\n'],
    ])('%s is 400 MALFORMED_REQUEST', async (_label, request) => {
      expectProblem(await raw(port, request), 400, 'MALFORMED_REQUEST');
    });

    it('an unknown method is 400 INVALID_METHOD', async () => {
      expectProblem(await raw(port, 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n'), 400, 'INVALID_METHOD');
    });

    it('an Expect header other than 100-continue is 417 EXPECTATION_FAILED', async () => {
      expectProblem(await raw(port, get('/health', 'Expect: the-impossible\r\n')), 417, 'EXPECTATION_FAILED');
    });

    it('Expect: 100-continue still works', async () => {
      const a = await raw(port, post('/api/v1/auth/login', '{"username":"nobody-here","password":"Not-the-password-1"}', 'Expect: 100-continue\r\n'));
      expect(a.status).toBe(100);
      expect(a.text).toMatch(/HTTP\/1\.1 401 Unauthorized\r\n[\s\S]*"code":"AUTH_INVALID_CREDENTIALS"/);
    });
  });

  describe('bodies', () => {
    it('a Content-Type that does not parse is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const a = await raw(port, post('/api/v1/auth/login', '{}').replace('Content-Type: application/json', 'Content-Type: ;;;'));
      expectProblem(a, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a chunked JSON body above 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
      const chunk = 'x'.repeat(64 * 1024);
      const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
      const request = `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`;
      expectProblem(await raw(port, request), 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  it('the server keeps serving after every one of them', async () => {
    const a = await raw(port, get('/health/live'));
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toMatchObject({ status: 'ok' });
  });
});
