import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { Response } from 'supertest';
import { CONTENT_SECURITY_POLICY } from '../../src/console/security-headers';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { binary } from '../setup/http';

/**
 * SPEC §10 "Where" and "Sign-in": the app serves the built console at / with an SPA fallback,
 * /api keeps its problem+json 404, and every response carries the security headers.
 */

const INDEX_HTML = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>职责 CRM</title><script type="module" src="/assets/x.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("职责 CRM");\n'.repeat(20);
const STYLES = '.zhize-list-page { display: flex; gap: 8px; }\n'.repeat(100);

const expectSecurityHeaders = (res: Response) => {
  expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers['content-security-policy']).toMatch(/script-src 'self';/);
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['permissions-policy']).toBe('geolocation=(self), camera=(self), microphone=()');
};
const expectProblem404 = (res: Response) => {
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('NOT_FOUND');
};

describe('console hosting: the built console at / (SPEC §10)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhize-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'assets', 'x.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'x.js.br'), brotliCompressSync(Buffer.from(SCRIPT)));
    writeFileSync(join(dir, 'assets', 'style.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'assets', 'big.css'), STYLES);
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
    t = await createTestApp({ env: { CONSOLE_DIR: dir, LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/ and /index.html answer index.html, revalidated on every load', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await t.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX_HTML);
      expectSecurityHeaders(res);
    }
  });

  it.each(['/prospects/new', '/customers/3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f?tab=visits', '/待办', '/a/b/c/d'])('a deep link %s falls back to index.html (200, text/html)', async (path) => {
    const res = await t.http().get(encodeURI(path));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX_HTML);
  });

  it('HEAD of a deep link is 200 text/html without a body', async () => {
    const res = await t.http().head('/prospects/new');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text ?? '').toBe('');
  });

  it('hashed assets are served with their type and cached for a year, immutable', async () => {
    const js = await t.http().get('/assets/x.js').set('accept-encoding', 'identity');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe(SCRIPT);
    expectSecurityHeaders(js);
    const css = await t.http().get('/assets/style.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a pre-compressed sibling (.br) is sent to a client that accepts it', async () => {
    const res = await t.http().get('/assets/x.js').set('accept-encoding', 'br').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('text assets without a pre-compressed sibling are compressed on the fly: brotli, gzip or none, as the client accepts', async () => {
    // supertest decodes the body; content-length is what went over the wire
    const get = (acceptEncoding: string) => t.http().get('/assets/big.css').set('accept-encoding', acceptEncoding).buffer(true).parse(binary);
    const br = await get('gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    for (const res of [br, gz]) {
      expect(res.body.toString()).toBe(STYLES);
      expect(Number(res.headers['content-length'])).toBeLessThan(STYLES.length / 5);
      expect(res.headers['content-type']).toMatch(/^text\/css/);
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(res);
    }
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(STYLES);
    expect(Number(plain.headers['content-length'])).toBe(STYLES.length);
  });

  it('other files at the root are served as they are, revalidated', async () => {
    const res = await t.http().get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('a missing asset is a 404, never index.html in place of a script', async () => {
    expectProblem404(await t.http().get('/assets/missing-1a2b3c.js'));
  });

  it('nothing outside the console directory is reachable', async () => {
    for (const path of ['/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00.js']) {
      const res = await t.http().get(path);
      expect(res.text ?? '').not.toMatch(/root:/);
      expect([200, 400, 403, 404]).toContain(res.status);
      if (res.status === 200) expect(res.text).toBe(INDEX_HTML);
    }
  });

  it('/api keeps its problem+json 404, for every method; /health is the API’s', async () => {
    for (const path of ['/api/v1/nope', '/api/v1', '/api', '/api/nope', '/health/extra']) {
      const res = await t.http().get(path);
      expectProblem404(res);
      expectSecurityHeaders(res);
    }
    expectProblem404(await t.http().post('/api/v1/nope').send({}));
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expectSecurityHeaders(health);
  });

  it('only GET and HEAD fall back to the console', async () => {
    expectProblem404(await t.http().post('/prospects/new').send({}));
    expectProblem404(await t.http().delete('/'));
  });

  it('API responses and API errors carry the security headers too', async () => {
    const unauthenticated = await t.http().get('/api/v1/auth/me');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated);
    const invalid = await t.http().post('/api/v1/auth/login').send({});
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid);
  });

  it('/api/docs (Swagger UI) works under the same policy: no inline script, its assets served', async () => {
    const html = await t.http().get('/api/docs');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(html);
    const scripts = [...html.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    for (const [, attributes] of scripts) {
      const src = /src=["']([^"']+)["']/.exec(attributes)![1];
      const res = await t.http().get(new URL(src, 'http://x/api/docs/').pathname);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expectSecurityHeaders(res);
    }
    const doc = await t.http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    expectSecurityHeaders(doc);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/session', '/api/v1/auth/logout']));
    expect(doc.body.components.schemas.SessionResponseDto.properties).toEqual(
      expect.objectContaining({ user: expect.anything(), csrfToken: expect.anything(), expiresIn: expect.anything() }),
    );
  });
});

describe('console hosting without a build', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhize-console-empty-'));
    t = await createTestApp({ env: { CONSOLE_DIR: dir, LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/ is a plain Chinese page saying how to build the console (no script)', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toMatch(/工作台尚未构建/);
    expect(res.text).toMatch(/npm run build/);
    expect(res.text).not.toMatch(/<script/i);
    expectSecurityHeaders(res);
  });

  it('other paths keep the problem+json 404', async () => {
    expectProblem404(await t.http().get('/prospects/new'));
    expectProblem404(await t.http().get('/api/v1/nope'));
  });

  it('the compiled server looks for the console in dist/web', () => {
    const compiled = resolve(__dirname, '../../dist/src/console/console-host.js');
    if (!existsSync(compiled)) throw new Error('run `npm run build` first (npm test does)');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DEFAULT_CONSOLE_DIR } = require(compiled) as { DEFAULT_CONSOLE_DIR: string };
    expect(DEFAULT_CONSOLE_DIR).toBe(resolve(__dirname, '../../dist/web'));
  });
});
