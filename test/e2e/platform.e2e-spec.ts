import { Controller, Get, Module, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ACCESS_KEY, PERMISSION_KEY, Public } from '../../src/access/decorators';
import { PERMISSIONS } from '../../src/access/duty.types';
import { createTestApp, TestApp } from '../setup/create-test-app';
import { bearer, createUser, TestUser } from '../setup/users';

/** Probe routes mounted only in this test: failures the real app should never show, and a route with no declaration. */
@Controller('probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get('sql-error')
  @Public()
  sqlError() {
    return this.ds.query('SELECT * FROM no_such_table_xyz');
  }

  @Get('throw')
  @Public()
  boom(): never {
    throw new Error('secret internal detail at /src/foo.ts:12');
  }

  /** deliberately without @Public, @SignedIn or @RequirePermission */
  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }
}

@Module({ imports: [DiscoveryModule], controllers: [ProbeController] })
class ProbeModule {}

const LOGIN = '/api/v1/auth/login';

describe('platform: problem+json, body limits, health, docs, deny by default (SPEC §5, §9)', () => {
  let t: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule], env: { LOG_LEVEL: 'silent' } });
    rep = await createUser(t, 'sales.rep');
  });
  afterAll(() => t?.close());

  const expectProblem = (res: Response, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code: expect.stringMatching(/^[A-Z][A-Z_]+$/),
    });
    if (code) expect(res.body.code).toBe(code);
  };
  const rawJson = (body: string, path = LOGIN) => t.http().post(path).set('content-type', 'application/json').send(body);

  describe('errors are problem+json everywhere', () => {
    it.each(['/api/v1/no-such-route', '/no-such-route', '/api/v1/users/directory/extra'])('unknown route %s is 404', async (path) => {
      expectProblem(await t.http().get(path), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(path).set('authorization', bearer(rep)), 404, 'NOT_FOUND');
    });

    it('invalid JSON on login is 400', async () => {
      const res = await rawJson('{"username": "admin", "password": ');
      expectProblem(res, 400);
      expect(res.body.code).toBe('INVALID_JSON');
    });

    it('an empty JSON body is 400, not a crash', async () => {
      expectProblem(await rawJson(''), 400);
    });

    it('a JSON body over 1 MiB is 413', async () => {
      const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(1_100_000) });
      expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
      expectProblem(await rawJson(body), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a JSON body just under 1 MiB is read (and then refused by validation, 400)', async () => {
      const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(1_000_000) });
      expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
      const res = await rawJson(body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    });

    it.each([
      ['__proto__', '{"username":"admin","password":"Whatever-pass-1","__proto__":{"isAdmin":true}}'],
      ['constructor.prototype', '{"username":"admin","password":"Whatever-pass-1","constructor":{"prototype":{"isAdmin":true}}}'],
      ['a nested __proto__', '{"username":"admin","password":"Whatever-pass-1","extra":{"__proto__":{"isAdmin":true}}}'],
    ])('a raw JSON body with %s is 400 and pollutes nothing', async (_label, body) => {
      expect(body).toMatch(/__proto__|constructor/);
      const res = await rawJson(body);
      expectProblem(res, 400);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('isAdmin');
    });

    it.each([
      ['text/plain', 'username=admin&password=x'],
      ['application/x-www-form-urlencoded', 'username=admin&password=Whatever-pass-1'],
      ['application/xml', '<login><username>admin</username></login>'],
    ])('a %s body on login is a 4xx problem', async (type, body) => {
      const res = await t.http().post(LOGIN).set('content-type', type).send(body);
      expect([400, 415]).toContain(res.status);
      expectProblem(res, res.status);
    });

    it('authentication failures are problem+json too', async () => {
      expectProblem(await t.http().get('/api/v1/auth/me'), 401);
      expectProblem(await t.http().post(LOGIN).send({ username: 'nobody-here', password: 'Not-the-password-1' }), 401, 'AUTH_INVALID_CREDENTIALS');
    });

    it('every response carries an x-request-id, echoed in the problem body', async () => {
      const res = await t.http().get('/api/v1/no-such-route');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      // a client-chosen id is not trusted
      const forged = await t.http().get('/health').set('x-request-id', 'forged-id');
      expect(forged.headers['x-request-id']).not.toBe('forged-id');
    });
  });

  describe('a 500 leaks nothing', () => {
    const leaks = ['no_such_table', 'SELECT', 'secret internal', '.ts:', 'stack', 'QueryFailedError', 'relation'];

    it.each(['/api/v1/probe/sql-error', '/api/v1/probe/throw'])('%s answers a bare INTERNAL_ERROR', async (path) => {
      const res = await t.http().get(path);
      expectProblem(res, 500, 'INTERNAL_ERROR');
      for (const word of leaks) expect(res.text).not.toContain(word);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'requestId', 'status', 'title', 'type']);
    });

    it('the app keeps serving after a 500', async () => {
      expect((await t.http().get('/api/v1/probe/throw')).status).toBe(500);
      expect((await t.http().get('/health')).status).toBe(200);
    });
  });

  describe('deny by default', () => {
    it('a route with no access declaration is 403 ROUTE_NOT_DECLARED for a signed-in user', async () => {
      const res = await t.http().get('/api/v1/probe/undeclared').set('authorization', bearer(rep));
      expectProblem(res, 403, 'ROUTE_NOT_DECLARED');
      expect(res.body.reached).toBeUndefined();
    });

    it('and 401 without a token', async () => {
      const res = await t.http().get('/api/v1/probe/undeclared');
      expectProblem(res, 401);
      expect(res.body.reached).toBeUndefined();
    });

    it('every handler of the app declares a permission of the duty matrix, or is explicitly public / signed-in', () => {
      const reflector = t.app.get(Reflector);
      const scanner = new MetadataScanner();
      const declaration = (cls: Type, handler: (...args: unknown[]) => unknown) => ({
        permission: reflector.getAllAndOverride<string | undefined>(PERMISSION_KEY, [handler, cls]),
        access: reflector.getAllAndOverride<string | undefined>(ACCESS_KEY, [handler, cls]),
      });
      const handlersOf = (cls: Type) =>
        scanner
          .getAllMethodNames(cls.prototype)
          .map((name) => ({ name, handler: cls.prototype[name] as (...args: unknown[]) => unknown }))
          .filter(({ handler }) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined);

      const controllers = t.app
        .get(DiscoveryService)
        .getControllers()
        .map((w) => w.metatype as Type | null)
        .filter((cls): cls is Type => !!cls && cls !== ProbeController);
      const names = controllers.map((c) => c.name);
      expect(names).toEqual(expect.arrayContaining(['AuthController', 'UsersController', 'AuditController', 'HealthController', 'DutiesController']));

      const seen: Record<string, { permission?: string; access?: string }> = {};
      const undeclared: string[] = [];
      const unknownPermissions: string[] = [];
      for (const cls of controllers) {
        for (const { name, handler } of handlersOf(cls)) {
          const d = declaration(cls, handler);
          const key = `${cls.name}.${name}`;
          seen[key] = d;
          if (d.permission === undefined && d.access !== 'public' && d.access !== 'signed-in') undeclared.push(key);
          if (d.permission !== undefined && !(PERMISSIONS as readonly string[]).includes(d.permission)) unknownPermissions.push(`${key}: ${d.permission}`);
        }
      }
      expect(undeclared).toEqual([]);
      expect(unknownPermissions).toEqual([]);
      expect(Object.keys(seen).length).toBeGreaterThanOrEqual(10);

      // the walk sees what the guard sees
      expect(seen['AuthController.login']).toMatchObject({ access: 'public' });
      expect(seen['HealthController.health']).toMatchObject({ access: 'public' });
      expect(seen['AuthController.me']).toMatchObject({ access: 'signed-in' });
      expect(seen['UsersController.directory']).toMatchObject({ access: 'signed-in' });
      expect(seen['UsersController.create']).toMatchObject({ permission: 'user.manage' });
      expect(seen['AuditController.list']).toMatchObject({ permission: 'audit.read' });
      // and it would catch an undeclared handler: the probe's is flagged by the same test
      const probe = handlersOf(ProbeController).find((h) => h.name === 'undeclared')!;
      expect(declaration(ProbeController, probe.handler)).toEqual({ permission: undefined, access: undefined });
    });
  });

  describe('health and docs', () => {
    it('GET /health is 200 with the database up, without a token', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    });

    it('GET /api/docs-json is the OpenAPI document with the API paths', async () => {
      const res = await t.http().get('/api/docs-json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      const paths = Object.keys(res.body.paths);
      expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/audit']));
      expect(res.body.paths['/api/v1/auth/login'].post).toBeDefined();
    });

    it('GET /api/docs is the HTML UI', async () => {
      const res = await t.http().get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});
