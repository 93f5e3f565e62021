import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER } from '../../src/auth/token.service';
import { createTestApp, TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import { adminToken, bearer, createUser, loginToken, TestUser, USER_PASSWORD } from '../setup/users';

describe('auth: login, tokens, revocation (SPEC §5, §9)', () => {
  let t: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '30' } });
    rep = await createUser(t, 'sales.rep');
  });
  afterAll(() => t?.close());

  const me = (authorization?: string) => {
    const r = t.http().get('/api/v1/auth/me');
    return authorization === undefined ? r : r.set('authorization', authorization);
  };

  it('logs in and returns a bearer token with the user', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: rep.username, password: USER_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600, user: { id: rep.id, role: 'sales.rep', department: 'sales' } });
    expect(res.body.user.passwordHash).toBeUndefined();
    const decoded = jwt.decode(res.body.accessToken, { complete: true }) as jwt.Jwt;
    expect(decoded.header.alg).toBe('HS256');
    expect(decoded.payload).toMatchObject({ sub: rep.id, iss: JWT_ISSUER, aud: JWT_AUDIENCE });
  });

  it('gives the same 401 for an unknown user and a wrong password, taking comparable time', async () => {
    const time = async (body: object) => {
      const start = process.hrtime.bigint();
      const res = await t.http().post('/api/v1/auth/login').send(body);
      return { res, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    // warm up the dummy hash
    await time({ username: 'nobody-at-all', password: 'whatever-password' });
    const unknown = await time({ username: 'nobody-at-all', password: 'whatever-password' });
    const wrong = await time({ username: rep.username, password: 'whatever-password' });
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.headers['content-type']).toMatch(/application\/problem\+json/);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.res.body)).toEqual(strip(wrong.res.body));
    expect(unknown.res.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    // Both paths run one argon2id verification (tens of ms); without it the unknown user answers in ~1 ms.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.3);
  });

  it('GET /auth/me returns the user and their permissions with scopes and clauses', async () => {
    const res = await me(bearer(rep));
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(rep.id);
    const contract = res.body.permissions.find((p: { permission: string }) => p.permission === 'contract.create');
    expect(contract).toMatchObject({ scope: 'own', clauses: expect.arrayContaining(['SAL-7.3']) });
    expect(res.body.permissions.find((p: { permission: string }) => p.permission === 'payment.record')).toBeUndefined();
  });

  describe('every bad token is 401', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({ sub: rep.id, role: 'sales.rep', tv: 1 });
    const sign = (payload: object, secret = TEST_JWT_SECRET, options: jwt.SignOptions = {}) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 600, ...options });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

    const cases: Array<[string, () => string | undefined]> = [
      ['no Authorization header', () => undefined],
      ['a non-Bearer scheme', () => `Basic ${Buffer.from('admin:x').toString('base64')}`],
      ['an empty bearer', () => 'Bearer '],
      ['garbage', () => 'Bearer not.a.jwt'],
      ['alg none', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: now() + 600 })}.`],
      ['a wrong key', () => bearer(sign(claims(), 'another-secret-that-is-also-long-enough-000000'))],
      ['HS512 with the right key', () => bearer(sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' }))],
      ['an expired token', () => bearer(jwt.sign({ ...claims(), exp: now() - 120 }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE }))],
      ['a not-yet-valid token', () => bearer(sign(claims(), TEST_JWT_SECRET, { notBefore: 3600 }))],
      ['a wrong issuer', () => bearer(sign(claims(), TEST_JWT_SECRET, { issuer: 'someone-else' }))],
      ['a wrong audience', () => bearer(sign(claims(), TEST_JWT_SECRET, { audience: 'other-api' }))],
      ['no expiry', () => bearer(jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE }))],
      ['a forged role', () => bearer(sign({ ...claims(), role: 'gm' }))],
      ['an unknown user', () => bearer(sign({ ...claims(), sub: '00000000-0000-4000-8000-000000000000' }))],
      ['a stale token version', () => bearer(sign({ ...claims(), tv: 0 }))],
    ];

    it.each(cases)('%s', async (_name, header) => {
      const res = await me(header());
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toMatch(/^AUTH_TOKEN_/);
    });

    it('a correctly signed token for the same claims is accepted (the cases above fail for their reason)', async () => {
      expect((await me(bearer(sign(claims())))).status).toBe(200);
    });
  });

  describe('revocation takes effect at once', () => {
    const patch = async (admin: string, u: TestUser, body: object) => {
      const cur = await t.http().get(`/api/v1/users/${u.id}`).set('authorization', bearer(admin));
      return t.http().patch(`/api/v1/users/${u.id}`).set('authorization', bearer(admin)).send({ version: cur.body.version, ...body });
    };

    it('a deactivated user: old token 401, login 401', async () => {
      const admin = await adminToken(t);
      const u = await createUser(t, 'market.specialist', { admin });
      expect((await me(bearer(u))).status).toBe(200);
      expect((await patch(admin, u, { active: false })).status).toBe(200);
      expect((await me(bearer(u))).status).toBe(401);
      const login = await t.http().post('/api/v1/auth/login').send({ username: u.username, password: USER_PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('a re-roled user: old token 401, a new login carries the new role', async () => {
      const admin = await adminToken(t);
      const u = await createUser(t, 'sales.rep', { admin });
      expect((await patch(admin, u, { role: 'sales.clerk' })).status).toBe(200);
      expect((await me(bearer(u))).status).toBe(401);
      const fresh = await loginToken(t, u.username, USER_PASSWORD);
      const res = await me(bearer(fresh));
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe('sales.clerk');
    });

    it('a password change: old token 401', async () => {
      const admin = await adminToken(t);
      const u = await createUser(t, 'sales.rep', { admin });
      expect((await patch(admin, u, { password: 'A-brand-new-passphrase-7' })).status).toBe(200);
      expect((await me(bearer(u))).status).toBe(401);
      expect(await loginToken(t, u.username, 'A-brand-new-passphrase-7')).toEqual(expect.any(String));
    });

    it('a display-name change keeps the token valid', async () => {
      const admin = await adminToken(t);
      const u = await createUser(t, 'sales.rep', { admin });
      expect((await patch(admin, u, { displayName: '新名字' })).status).toBe(200);
      expect((await me(bearer(u))).status).toBe(200);
    });
  });

  it('login validation: unknown fields and wrong types are 400 with per-field errors', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'a', password: 5, remember: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['password', 'remember']));
  });

  it('throttles login attempts past the limit with 429 (per address and username)', async () => {
    const username = `throttle_${Date.now()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await t.http().post('/api/v1/auth/login').send({ username, password: 'wrong-password-x' })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const last = await t.http().post('/api/v1/auth/login').send({ username, password: 'wrong-password-x' });
    expect(last.status).toBe(429);
    expect(last.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(last.body.code).toBe('TOO_MANY_REQUESTS');
    // another username from the same address is not locked out
    const other = await t.http().post('/api/v1/auth/login').send({ username: rep.username, password: USER_PASSWORD });
    expect(other.status).toBe(200);
  });
});
