import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { JWT_AUDIENCE, JWT_ISSUER } from '../../src/auth/token.service';
import { ADMIN_PASSWORD, createTestApp, TestApp, TEST_JWT_SECRET } from '../setup/create-test-app';
import type { AuditRow } from '../setup/http';
import { adminToken, bearer, createUser, TestUser, USER_PASSWORD } from '../setup/users';

/**
 * SPEC §10 "Sign-in": the console signs in with an HttpOnly SameSite=Strict cookie whose session
 * the server can end; a state-changing request on that cookie needs the CSRF token in a header and
 * must not come from another site; bearer tokens keep working for API clients.
 */

const API = '/api/v1';

interface Session {
  res: Response;
  /** The Cookie request header a browser would send back: both cookies. */
  cookie: string;
  csrf: string;
  sessionToken: string;
  setCookies: string[];
}

const setCookiesOf = (res: Response): string[] => {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
};
const cookieValue = (setCookies: string[], name: string) => setCookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0].slice(name.length + 1);
const attrs = (setCookie: string) => setCookie.split(';').slice(1).map((a) => a.trim());

describe('console sign-in: cookie sessions and CSRF (SPEC §10)', () => {
  let t: TestApp;
  let admin: string;
  let sp: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    sp = await createUser(t, 'market.specialist', { admin });
  });
  afterAll(() => t?.close());

  const signIn = async (u: TestUser, headers: Record<string, string> = {}): Promise<Session> => {
    const res = await t.http().post(`${API}/auth/session`).set(headers).send({ username: u.username, password: USER_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    const setCookies = setCookiesOf(res);
    const sessionToken = cookieValue(setCookies, 'zhize_session')!;
    const csrf = cookieValue(setCookies, 'zhize_csrf')!;
    return { res, cookie: `zhize_session=${sessionToken}; zhize_csrf=${csrf}`, csrf, sessionToken, setCookies };
  };
  const me = (cookie: string) => t.http().get(`${API}/auth/me`).set('cookie', cookie);
  let seq = 0;
  const prospectBody = () => {
    seq += 1;
    return { companyName: `会话测试企业${seq}号有限公司`, contactName: `联系人${seq}`, contactPhone: `137${String(seq).padStart(8, '0')}` };
  };
  const createProspect = (s: Session, headers: Record<string, string> = {}) =>
    t.http().post(`${API}/prospects`).set('cookie', s.cookie).set(headers).send(prospectBody());
  const prospectCount = async () => (await t.ds.query('SELECT count(*)::int AS n FROM prospects'))[0].n as number;
  const sessionRow = async (id: string) => (await t.ds.query('SELECT * FROM sessions WHERE id = $1', [id]))[0];
  const sidOf = (s: Session) => (jwt.decode(s.sessionToken) as { sid: string }).sid;

  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  describe('POST /auth/session', () => {
    it('answers the user, a CSRF token and the lifetime, and sets the two cookies with their flags', async () => {
      const s = await signIn(sp, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) ZhizeTest/1.0' });
      expect(s.res.body).toEqual({ user: expect.objectContaining({ id: sp.id, role: 'market.specialist' }), csrfToken: s.csrf, expiresIn: 8 * 3600 });
      expect(s.res.body.accessToken).toBeUndefined();
      expect(s.setCookies).toHaveLength(2);
      const session = s.setCookies.find((c) => c.startsWith('zhize_session='))!;
      const csrf = s.setCookies.find((c) => c.startsWith('zhize_csrf='))!;
      expect(attrs(session).sort()).toEqual(['HttpOnly', 'Max-Age=28800', 'Path=/', 'SameSite=Strict']);
      // the console reads this one to send it back in a header: not HttpOnly
      expect(attrs(csrf).sort()).toEqual(['Max-Age=28800', 'Path=/', 'SameSite=Strict']);
      expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const claims = jwt.verify(s.sessionToken, TEST_JWT_SECRET, { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE }) as jwt.JwtPayload;
      expect(claims).toMatchObject({ sub: sp.id, role: 'market.specialist', sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const row = await sessionRow(claims.sid);
      expect(row).toMatchObject({ user_id: sp.id, csrf_token: s.csrf, revoked_at: null, user_agent: 'Mozilla/5.0 (X11; Linux x86_64) ZhizeTest/1.0' });
      const lifetime = (row.expires_at.getTime() - row.created_at.getTime()) / 1000;
      expect(Math.abs(lifetime - 28800)).toBeLessThan(5);
      const audit: AuditRow[] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'auth.session' AND entity_id = $1`, [claims.sid]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: sp.id, entity: 'session' });
    });

    it('adds Secure when the request came over https (X-Forwarded-Proto from the proxy)', async () => {
      const s = await signIn(sp, { 'x-forwarded-proto': 'https' });
      for (const c of s.setCookies) expect(attrs(c)).toContain('Secure');
      const plain = await signIn(sp, { 'x-forwarded-proto': 'http' });
      for (const c of plain.setCookies) expect(attrs(c)).not.toContain('Secure');
    });

    it('keeps a long User-Agent to 256 characters', async () => {
      const s = await signIn(sp, { 'user-agent': 'U'.repeat(1000) });
      expect((await sessionRow(sidOf(s))).user_agent).toBe('U'.repeat(256));
    });

    it('a wrong password is the login 401, with no cookie and no session', async () => {
      const before = (await t.ds.query('SELECT count(*)::int AS n FROM sessions'))[0].n;
      const res = await t.http().post(`${API}/auth/session`).send({ username: sp.username, password: 'Not-the-password-1' });
      expectProblem(res, 401, 'AUTH_INVALID_CREDENTIALS');
      expect(setCookiesOf(res)).toEqual([]);
      const unknown = await t.http().post(`${API}/auth/session`).send({ username: 'nobody-here', password: 'Not-the-password-1' });
      expect(unknown.body).toEqual({ ...res.body, requestId: unknown.body.requestId });
      expect((await t.ds.query('SELECT count(*)::int AS n FROM sessions'))[0].n).toBe(before);
    });
  });

  describe('the cookie in place of the bearer token', () => {
    let s: Session;
    beforeAll(async () => {
      s = await signIn(sp);
    });

    it('GET /auth/me works with the cookie alone, no CSRF header needed for a read', async () => {
      const res = await me(s.cookie);
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(sp.id);
      expect((await t.http().get(`${API}/prospects`).set('cookie', s.cookie)).status).toBe(200);
    });

    it('a write without X-CSRF-Token is 403 CSRF_REJECTED in Chinese, and creates nothing', async () => {
      const before = await prospectCount();
      const res = await createProspect(s);
      expectProblem(res, 403, 'CSRF_REJECTED');
      expect(res.body.detail).toMatch(/跨站请求被拒绝/);
      expect(await prospectCount()).toBe(before);
    });

    it('a wrong X-CSRF-Token is 403, as is another session’s token; nothing is created', async () => {
      const other = await signIn(sp);
      const before = await prospectCount();
      const wrong = s.csrf.slice(0, -1) + (s.csrf.endsWith('A') ? 'B' : 'A');
      expectProblem(await createProspect(s, { 'x-csrf-token': wrong }), 403, 'CSRF_REJECTED');
      expectProblem(await createProspect(s, { 'x-csrf-token': other.csrf }), 403, 'CSRF_REJECTED');
      expectProblem(await createProspect(s, { 'x-csrf-token': '' }), 403, 'CSRF_REJECTED');
      expect(await prospectCount()).toBe(before);
    });

    it('the right X-CSRF-Token lets the write through, as the cookie’s user', async () => {
      const before = await prospectCount();
      const res = await createProspect(s, { 'x-csrf-token': s.csrf, 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(201);
      expect(res.body.ownerId).toBe(sp.id);
      expect(await prospectCount()).toBe(before + 1);
    });

    it('Sec-Fetch-Site: cross-site is refused even with the right token', async () => {
      const before = await prospectCount();
      const res = await createProspect(s, { 'x-csrf-token': s.csrf, 'sec-fetch-site': 'cross-site' });
      expectProblem(res, 403, 'CSRF_REJECTED');
      expect(await prospectCount()).toBe(before);
    });

    it('the CSRF check comes before the permission check (a forged request learns nothing, logs no denial)', async () => {
      const denials = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied'`))[0].n;
      const before = await denials();
      const res = await t.http().post(`${API}/payments`).set('cookie', s.cookie).send({});
      expectProblem(res, 403, 'CSRF_REJECTED');
      expect(await denials()).toBe(before);
      const withToken = await t.http().post(`${API}/payments`).set('cookie', s.cookie).set('x-csrf-token', s.csrf).send({});
      expectProblem(withToken, 403, 'PERMISSION_DENIED');
    });

    it('an Authorization header takes precedence over the cookie: bearer writes need no CSRF token', async () => {
      const res = await t.http().post(`${API}/prospects`).set('authorization', bearer(sp)).send(prospectBody());
      expect(res.status).toBe(201);
      const bad = await me(s.cookie).set('authorization', 'Bearer not.a.token');
      expectProblem(bad, 401, 'AUTH_TOKEN_INVALID');
    });
  });

  describe('refused cookies are 401 (the console then shows the sign-in page)', () => {
    const forge = (claims: object) => jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600, issuer: JWT_ISSUER, audience: JWT_AUDIENCE });

    it('no header and no session cookie is 401 AUTH_TOKEN_MISSING; a bad cookie is 401 AUTH_TOKEN_INVALID', async () => {
      expectProblem(await t.http().get(`${API}/auth/me`), 401, 'AUTH_TOKEN_MISSING');
      expectProblem(await me('zhize_csrf=abc; other=1'), 401, 'AUTH_TOKEN_MISSING');
      expectProblem(await me('zhize_session=garbage'), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await me('zhize_session=a%20b%3Cc'), 401, 'AUTH_TOKEN_INVALID');
    });

    it('a bearer token (no session id) in the cookie, or a signed token naming a session that is not the user’s, is 401', async () => {
      expectProblem(await me(`zhize_session=${sp.token}`), 401, 'AUTH_TOKEN_INVALID');
      const [{ token_version: tv }] = await t.ds.query('SELECT token_version FROM users WHERE id = $1', [sp.id]);
      expectProblem(await me(`zhize_session=${forge({ sub: sp.id, role: sp.role, tv, sid: randomUUID() })}`), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await me(`zhize_session=${forge({ sub: sp.id, role: sp.role, tv, sid: 'not-a-uuid' })}`), 401, 'AUTH_TOKEN_INVALID');
      const other = await createUser(t, 'market.specialist', { admin });
      const theirs = await signIn(other);
      expectProblem(await me(`zhize_session=${forge({ sub: sp.id, role: sp.role, tv, sid: sidOf(theirs) })}`), 401, 'AUTH_TOKEN_INVALID');
    });

    it('an expired session is 401 whatever its JWT says', async () => {
      const s = await signIn(sp);
      expect((await me(s.cookie)).status).toBe(200);
      await t.ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sidOf(s)]);
      expectProblem(await me(s.cookie), 401, 'AUTH_TOKEN_INVALID');
    });

    it('a deactivated user’s cookie is 401', async () => {
      const u = await createUser(t, 'market.specialist', { admin });
      const s = await signIn(u);
      expect((await me(s.cookie)).status).toBe(200);
      const res = await t.http().patch(`${API}/users/${u.id}`).set('authorization', bearer(admin)).send({ version: u.version, active: false });
      expect(res.status).toBe(200);
      expectProblem(await me(s.cookie), 401, 'AUTH_TOKEN_INVALID');
    });
  });

  describe('POST /auth/logout', () => {
    it('with the cookie: needs the CSRF token, then revokes the session, clears both cookies, and the cookie is 401 from then on', async () => {
      const s = await signIn(sp);
      const sid = sidOf(s);
      expectProblem(await t.http().post(`${API}/auth/logout`).set('cookie', s.cookie), 403, 'CSRF_REJECTED');
      expect((await sessionRow(sid)).revoked_at).toBeNull();

      const res = await t.http().post(`${API}/auth/logout`).set('cookie', s.cookie).set('x-csrf-token', s.csrf);
      expect(res.status).toBe(204);
      const cleared = setCookiesOf(res);
      expect(cleared.map((c) => c.split(';')[0]).sort()).toEqual(['zhize_csrf=', 'zhize_session=']);
      for (const c of cleared) expect(attrs(c)).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/', 'SameSite=Strict']));
      expect((await sessionRow(sid)).revoked_at).toBeInstanceOf(Date);
      const audit: AuditRow[] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'auth.logout' AND entity_id = $1`, [sid]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: sp.id, entity: 'session' });

      expectProblem(await me(s.cookie), 401, 'AUTH_TOKEN_INVALID');
      // the session's JWT is dead as a bearer token too
      expectProblem(await me(s.cookie).set('authorization', `Bearer ${s.sessionToken}`), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await t.http().post(`${API}/auth/logout`).set('cookie', s.cookie).set('x-csrf-token', s.csrf), 401, 'AUTH_TOKEN_INVALID');
    });

    it('ends only that session: another sign-in of the same user keeps working', async () => {
      const a = await signIn(sp);
      const b = await signIn(sp);
      expect((await t.http().post(`${API}/auth/logout`).set('cookie', a.cookie).set('x-csrf-token', a.csrf)).status).toBe(204);
      expect((await me(b.cookie)).status).toBe(200);
    });

    it('with a bearer token: 204, no cookies, audited, and the token (stateless) keeps working', async () => {
      const res = await t.http().post(`${API}/auth/logout`).set('authorization', bearer(sp));
      expect(res.status).toBe(204);
      expect(setCookiesOf(res)).toEqual([]);
      expect((await t.http().get(`${API}/auth/me`).set('authorization', bearer(sp))).status).toBe(200);
      const [row]: AuditRow[] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'auth.logout' AND entity = 'user' ORDER BY id DESC LIMIT 1`);
      expect(row).toMatchObject({ actor_id: sp.id, entity_id: sp.id });
    });

    it('without any credential is 401', async () => {
      expectProblem(await t.http().post(`${API}/auth/logout`), 401, 'AUTH_TOKEN_MISSING');
    });
  });
});

describe('console sign-in shares the login throttle (SPEC §9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3', COOKIE_SECURE: 'always' } });
  });
  afterAll(() => t?.close());

  it('login and session attempts count together: the fourth is 429', async () => {
    const body = { username: 'throttled-user', password: 'Not-the-password-1' };
    expect((await t.http().post(`${API}/auth/login`).send(body)).status).toBe(401);
    expect((await t.http().post(`${API}/auth/session`).send(body)).status).toBe(401);
    expect((await t.http().post(`${API}/auth/login`).send(body)).status).toBe(401);
    const res = await t.http().post(`${API}/auth/session`).send(body);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('COOKIE_SECURE=always marks the cookies Secure over plain http', async () => {
    const res = await t.http().post(`${API}/auth/session`).send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    const cookies = setCookiesOf(res);
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(attrs(c)).toContain('Secure');
  });
});
