import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { Actor } from '../../src/access/actor';
import { ROLES } from '../../src/access/roles';
import type { RoleCode } from '../../src/access/roles';
import { AppError } from '../../src/common/app-error';
import { UsersService } from '../../src/users/users.service';
import { ADMIN_PASSWORD, createTestApp, TestApp } from '../setup/create-test-app';
import { adminToken, bearer, createUser, loginToken, TestUser, USER_PASSWORD } from '../setup/users';
import type { AuditRow } from '../setup/http';

const USERS = '/api/v1/users';
const NON_ADMIN_ROLES = ROLES.filter((r) => r !== 'admin');
const SECRET_FIELDS = ['password', 'passwordHash', 'password_hash', 'hash', 'tokenVersion', 'token_version'];
const USER_FIELDS = ['active', 'createdAt', 'department', 'displayName', 'email', 'id', 'role', 'roleName', 'supervisorId', 'updatedAt', 'username', 'version'];

describe('users: admin account management (SPEC §6 Users, §9)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  /** one signed-in user per non-admin role, all with usernames `${tag}_<role letters>` */
  const staff = {} as Record<Exclude<RoleCode, 'admin'>, TestUser>;
  const tag = `u${randomBytes(3).toString('hex')}`;
  /** a deactivated sales.rep, also named with the tag */
  let gone: { id: string; username: string };

  const name = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
  const post = (body: object, token = admin) => t.http().post(USERS).set('authorization', bearer(token)).send(body);
  const patch = (id: string, body: object, token = admin) => t.http().patch(`${USERS}/${id}`).set('authorization', bearer(token)).send(body);
  const get = (id: string, token = admin) => t.http().get(`${USERS}/${id}`).set('authorization', bearer(token));
  const list = (query: string, token = admin) => t.http().get(`${USERS}?${query}`).set('authorization', bearer(token));
  const userCount = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM users'))[0].n;
  const auditRows = (action: string, entityId: string): Promise<AuditRow[]> =>
    t.ds.query('SELECT * FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id', [action, entityId]);
  const versionOf = async (id: string): Promise<number> => (await t.ds.query('SELECT version FROM users WHERE id = $1', [id]))[0].version;

  const expectProblem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  };
  const errorFields = (res: Response): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const expectNoSecrets = (obj: Record<string, unknown> | null, password?: string) => {
    if (obj === null) return;
    for (const k of SECRET_FIELDS) expect(obj).not.toHaveProperty(k);
    const text = JSON.stringify(obj);
    expect(text).not.toContain('$argon2');
    if (password) expect(text).not.toContain(password);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await adminToken(t);
    adminId = (await t.http().get('/api/v1/auth/me').set('authorization', bearer(admin))).body.user.id;
    for (const role of NON_ADMIN_ROLES) {
      staff[role as Exclude<RoleCode, 'admin'>] = await createUser(t, role, { admin, username: `${tag}_${role.replace(/[^a-z]/g, '')}` });
    }
    const res = await post({ username: `${tag}_zzgone`, displayName: '已离职', role: 'sales.rep', password: USER_PASSWORD });
    expect(res.status).toBe(201);
    gone = { id: res.body.id, username: res.body.username };
    expect((await patch(gone.id, { version: res.body.version, active: false })).status).toBe(200);
  });
  afterAll(() => t?.close());

  describe('create', () => {
    it('creates a user (201): no secret fields, department derived from the role, audited without secrets', async () => {
      const username = name('create');
      const password = 'A-quite-unusual-passphrase-41';
      const res = await post({ username, displayName: '王芳', role: 'key_account.specialist', password });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username,
        displayName: '王芳',
        role: 'key_account.specialist',
        roleName: '大客户专员',
        department: 'key_account',
        supervisorId: null,
        active: true,
        version: 1,
      });
      expect(JSON.stringify(res.body)).not.toContain(password);

      const [row] = await t.ds.query('SELECT username, department, role FROM users WHERE id = $1', [res.body.id]);
      expect(row).toEqual({ username, department: 'key_account', role: 'key_account.specialist' });

      const audit = await auditRows('user.create', res.body.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: adminId, actor_role: 'admin', entity: 'user', before: null });
      expect(audit[0].after).toMatchObject({ username, role: 'key_account.specialist', department: 'key_account' });
      expectNoSecrets(audit[0].after, password);

      // the new account can sign in, and GET returns the same shape
      expect(await loginToken(t, username, password)).toEqual(expect.any(String));
      const got = await get(res.body.id);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it.each([
      ['gm', 'management'],
      ['sales.clerk', 'sales'],
      ['market.supervisor', 'market'],
    ] as const)('department of a new %s is %s', async (role, department) => {
      const res = await post({ username: name('dept'), displayName: '部门', role, password: USER_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body.department).toBe(department);
    });

    it('refuses a duplicate username case-insensitively (409 USER_USERNAME_TAKEN), creating nothing', async () => {
      const username = name('Dup.User');
      expect((await post({ username, displayName: '甲', role: 'sales.rep', password: USER_PASSWORD })).status).toBe(201);
      const before = await userCount();
      for (const variant of [username, username.toUpperCase(), username.toLowerCase()]) {
        expectProblem(await post({ username: variant, displayName: '乙', role: 'sales.clerk', password: USER_PASSWORD }), 409, 'USER_USERNAME_TAKEN');
      }
      expect(await userCount()).toBe(before);
    });

    it('concurrent creates of the same username (different case): one 201, one 409, never a 500, one row', async () => {
      for (let round = 0; round < 5; round++) {
        const username = name('race');
        const results = await Promise.all([
          post({ username, displayName: '并发一', role: 'sales.rep', password: USER_PASSWORD }),
          post({ username: username.toUpperCase(), displayName: '并发二', role: 'sales.rep', password: USER_PASSWORD }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expectProblem(results.find((r) => r.status === 409)!, 409, 'USER_USERNAME_TAKEN');
        const rows = await t.ds.query('SELECT id FROM users WHERE lower(username) = lower($1)', [username]);
        expect(rows).toHaveLength(1);
      }
    });

    it.each([
      ['department', 'sales'],
      ['active', false],
      ['tokenVersion', 7],
      ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB'],
      ['id', '00000000-0000-4000-8000-000000000001'],
      ['version', 5],
    ])('a body that sets the server-owned field %s is 400 VALIDATION_FAILED and creates nothing', async (field, value) => {
      const username = name('mass');
      const before = await userCount();
      const res = await post({ username, displayName: '批量赋值', role: 'sales.rep', password: USER_PASSWORD, [field]: value });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
      expect(await userCount()).toBe(before);
      expect(await t.ds.query('SELECT 1 FROM users WHERE username = $1', [username])).toHaveLength(0);
    });

    it('missing and mistyped fields are 400 with one error per field', async () => {
      const res = await post({ username: 'x', role: 'ceo', password: 12345678901, supervisorId: 'not-a-uuid' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'password', 'supervisorId']));
    });
  });

  describe('password rules (10–128 characters, no truncation, no common passwords)', () => {
    const rejected: Array<[string, (username: string) => string]> = [
      ['9 characters', () => 'Abcdefgh9'],
      ['129 characters', () => randomBytes(65).toString('hex').slice(0, 129)],
      ['a common password', () => 'password123'],
      ['a common password in another case', () => 'Password123'],
      ['a common digit run', () => '1234567890'],
      ['the username itself', (username) => username],
      ['the username in another case', (username) => username.toUpperCase()],
    ];

    it.each(rejected)('%s is 400 on create, with an error on password, and creates nothing', async (_label, make) => {
      const username = name('pwcheck');
      const before = await userCount();
      const res = await post({ username, displayName: '密码', role: 'sales.rep', password: make(username) });
      expect(res.status).toBe(400);
      expect(['VALIDATION_FAILED', 'USER_PASSWORD_REJECTED']).toContain(res.body.code);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(errorFields(res)).toContain('password');
      expect(await userCount()).toBe(before);
    });

    it('the same rules apply to a password change (PATCH), and nothing changes', async () => {
      const u = staff['market.specialist'];
      const version = await versionOf(u.id);
      for (const password of ['Abcdefgh9', 'password123', '1234567890', u.username, u.username.toUpperCase(), 'x'.repeat(129)]) {
        const res = await patch(u.id, { version, password });
        expect({ password, status: res.status }).toEqual({ password, status: 400 });
        expect(errorFields(res)).toContain('password');
      }
      expect(await versionOf(u.id)).toBe(version);
      expect(await loginToken(t, u.username, USER_PASSWORD)).toEqual(expect.any(String));
    });

    it('a 128-character password is accepted and signs in', async () => {
      const username = name('pw128');
      const password = randomBytes(64).toString('hex');
      expect(password).toHaveLength(128);
      expect((await post({ username, displayName: '长密码', role: 'sales.rep', password })).status).toBe(201);
      expect(await loginToken(t, username, password)).toEqual(expect.any(String));
    });

    it('a 10-character password is accepted', async () => {
      const res = await post({ username: name('pw10'), displayName: '短密码', role: 'sales.rep', password: 'Qz7#kLp2vX' });
      expect(res.status).toBe(201);
    });

    it('no truncation: a 100-character password does not accept one that differs only after character 72', async () => {
      const username = name('pw100');
      const password = randomBytes(50).toString('hex');
      expect((await post({ username, displayName: '截断', role: 'sales.rep', password })).status).toBe(201);
      const tail = [...password.slice(72)].map((c) => (c === 'z' ? 'y' : 'z')).join('');
      const login = (pw: string) => t.http().post('/api/v1/auth/login').send({ username, password: pw });
      const differentTail = await login(password.slice(0, 72) + tail);
      expect(differentTail.status).toBe(401);
      expect(differentTail.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect((await login(password.slice(0, 72))).status).toBe(401);
      expect((await login(password.slice(0, 99))).status).toBe(401);
      expect((await login(password)).status).toBe(200);
    });
  });

  describe('supervisors', () => {
    it('accepts an active non-admin supervisor', async () => {
      const res = await post({ username: name('sub'), displayName: '下属', role: 'sales.rep', password: USER_PASSWORD, supervisorId: staff['sales.supervisor'].id });
      expect(res.status).toBe(201);
      expect(res.body.supervisorId).toBe(staff['sales.supervisor'].id);
    });

    it.each([
      ['an unknown user', () => randomUUID()],
      ['an inactive user', () => gone.id],
      ['the admin', () => adminId],
    ])('on create, a supervisor that is %s is 400 USER_SUPERVISOR_INVALID and creates nothing', async (_label, supervisorId) => {
      const before = await userCount();
      const res = await post({ username: name('badsup'), displayName: '上级无效', role: 'sales.rep', password: USER_PASSWORD, supervisorId: supervisorId() });
      expectProblem(res, 400, 'USER_SUPERVISOR_INVALID');
      expect(errorFields(res)).toContain('supervisorId');
      expect(await userCount()).toBe(before);
    });

    it('on update: self, unknown, inactive, admin and any cycle are 400 USER_SUPERVISOR_INVALID, and nothing changes', async () => {
      const a = (await post({ username: name('chainA'), displayName: '甲', role: 'market.manager', password: USER_PASSWORD })).body;
      const b = (await post({ username: name('chainB'), displayName: '乙', role: 'market.supervisor', password: USER_PASSWORD, supervisorId: a.id })).body;
      const c = (await post({ username: name('chainC'), displayName: '丙', role: 'market.specialist', password: USER_PASSWORD, supervisorId: b.id })).body;
      expect([a.id, b.id, c.id].every(Boolean)).toBe(true);
      expect(c.supervisorId).toBe(b.id);

      for (const supervisorId of [a.id, b.id, c.id, randomUUID(), gone.id, adminId]) {
        const res = await patch(a.id, { version: a.version, supervisorId });
        expectProblem(res, 400, 'USER_SUPERVISOR_INVALID');
      }
      const [row] = await t.ds.query('SELECT supervisor_id, version FROM users WHERE id = $1', [a.id]);
      expect(row).toEqual({ supervisor_id: null, version: a.version });

      // a valid move still works, and clearing with null works
      const ok = await patch(a.id, { version: a.version, supervisorId: staff['market.manager'].id });
      expect(ok.status).toBe(200);
      expect(ok.body.supervisorId).toBe(staff['market.manager'].id);
      const cleared = await patch(a.id, { version: ok.body.version, supervisorId: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.supervisorId).toBeNull();
    });
  });

  describe('update', () => {
    it('PATCH bumps version by one, changes the field, and leaves an audit row with before/after', async () => {
      const u = staff['sales.assistant'];
      const cur = await get(u.id);
      const res = await patch(u.id, { version: cur.body.version, displayName: '新的助理' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: u.id, displayName: '新的助理', version: cur.body.version + 1 });
      expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);

      const audit = await auditRows('user.update', u.id);
      expect(audit.length).toBeGreaterThanOrEqual(1);
      const last = audit[audit.length - 1];
      expect(last).toMatchObject({ actor_id: adminId, entity: 'user' });
      expect(last.before).toMatchObject({ displayName: cur.body.displayName, version: cur.body.version });
      expect(last.after).toMatchObject({ displayName: '新的助理', version: cur.body.version + 1 });
      expectNoSecrets(last.before);
      expectNoSecrets(last.after);
    });

    it('a password change is audited without the password or its hash', async () => {
      const username = name('pwchange');
      const created = (await post({ username, displayName: '改密码', role: 'sales.rep', password: USER_PASSWORD })).body;
      const password = 'Another-rare-passphrase-88';
      const res = await patch(created.id, { version: created.version, password });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(created.version + 1);
      expect(JSON.stringify(res.body)).not.toContain(password);
      const [audit] = await auditRows('user.update', created.id);
      expect(audit).toBeDefined();
      expectNoSecrets(audit.before, password);
      expectNoSecrets(audit.after, password);
      expect(await loginToken(t, username, password)).toEqual(expect.any(String));
    });

    it('a stale version is 409 STALE_VERSION and changes nothing', async () => {
      const u = staff['sales.clerk'];
      const cur = (await get(u.id)).body;
      expect((await patch(u.id, { version: cur.version, displayName: '第一次' })).status).toBe(200);
      const auditBefore = (await auditRows('user.update', u.id)).length;
      for (const version of [cur.version, cur.version + 5]) {
        expectProblem(await patch(u.id, { version, displayName: '过期的修改', role: 'gm', active: false }), 409, 'STALE_VERSION');
      }
      const now = (await get(u.id)).body;
      expect(now).toMatchObject({ displayName: '第一次', role: 'sales.clerk', active: true, version: cur.version + 1 });
      expect((await auditRows('user.update', u.id)).length).toBe(auditBefore);
      // the user's token still works: nothing was revoked
      expect((await t.http().get('/api/v1/auth/me').set('authorization', bearer(u))).status).toBe(200);
    });

    it('PATCH without version, or with server-owned fields, is 400 and changes nothing', async () => {
      const u = staff['sales.rep'];
      const version = await versionOf(u.id);
      expectProblem(await patch(u.id, { displayName: '没有版本' }), 400, 'VALIDATION_FAILED');
      for (const [field, value] of [['username', 'renamed_user'], ['department', 'market'], ['tokenVersion', 99], ['passwordHash', 'x'], ['createdAt', '2020-01-01']] as const) {
        const res = await patch(u.id, { version, [field]: value });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toContain(field);
      }
      const [row] = await t.ds.query('SELECT username, department, token_version, version FROM users WHERE id = $1', [u.id]);
      expect(row).toMatchObject({ username: u.username, department: 'sales', token_version: 1, version });
    });

    it('null for a non-nullable field is 400, never a database error, and changes nothing', async () => {
      const u = staff['sales.rep'];
      const version = await versionOf(u.id);
      for (const field of ['displayName', 'role', 'active', 'password']) {
        const res = await patch(u.id, { version, [field]: null });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(errorFields(res)).toContain(field);
      }
      expect(await versionOf(u.id)).toBe(version);
    });

    it('re-roling derives the new department', async () => {
      const created = (await post({ username: name('rerole'), displayName: '换岗', role: 'sales.rep', password: USER_PASSWORD })).body;
      const res = await patch(created.id, { version: created.version, role: 'key_account.supervisor' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'key_account.supervisor', department: 'key_account', roleName: '大客户主管' });
    });
  });

  describe('list and get', () => {
    const tagged = () => [...Object.values(staff).map((u) => u.username), gone.username];

    it('filters by q and paginates with stable, complete pages', async () => {
      const all = await list(`q=${tag}&pageSize=100`);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: tagged().length, page: 1, pageSize: 100 });
      expect(all.body.items.map((u: { username: string }) => u.username).sort()).toEqual(tagged().sort());
      for (const item of all.body.items) expect(Object.keys(item).sort()).toEqual(USER_FIELDS);

      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const res = await list(`q=${tag}&pageSize=5&page=${page}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ total: 13, page, pageSize: 5 });
        expect(res.body.items).toHaveLength(page < 3 ? 5 : 3);
        seen.push(...res.body.items.map((u: { id: string }) => u.id));
      }
      expect(new Set(seen).size).toBe(13);
      const beyond = await list(`q=${tag}&pageSize=5&page=4`);
      expect(beyond.body).toMatchObject({ items: [], total: 13 });
    });

    it('q treats LIKE wildcards literally', async () => {
      const res = await list('q=%25');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    });

    it('sorts by username ascending and descending', async () => {
      const expected = tagged().sort();
      const asc = await list(`q=${tag}&pageSize=100&sort=username`);
      const desc = await list(`q=${tag}&pageSize=100&sort=-username`);
      expect(asc.body.items.map((u: { username: string }) => u.username)).toEqual(expected);
      expect(desc.body.items.map((u: { username: string }) => u.username)).toEqual([...expected].reverse());
    });

    it('filters by role, department and active', async () => {
      const byRole = await list(`q=${tag}&role=sales.rep&pageSize=100`);
      expect(byRole.body.items.map((u: { id: string }) => u.id).sort()).toEqual([staff['sales.rep'].id, gone.id].sort());

      const byDept = await list(`q=${tag}&department=key_account&pageSize=100`);
      expect(byDept.body.total).toBe(3);
      expect(byDept.body.items.every((u: { department: string }) => u.department === 'key_account')).toBe(true);

      const inactive = await list(`q=${tag}&active=false`);
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toEqual([gone.id]);
      const activeOnes = await list(`q=${tag}&active=true&pageSize=100`);
      expect(activeOnes.body.total).toBe(12);
      expect(activeOnes.body.items.every((u: { active: boolean }) => u.active)).toBe(true);

      const admins = await list('role=admin&department=system');
      expect(admins.body.items.map((u: { id: string }) => u.id)).toContain(adminId);
      expect(admins.body.items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    });

    it.each([
      ['pageSize=101', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['sort=passwordHash', 'sort'],
      ['sort=-tokenVersion', 'sort'],
      ['sort=username;drop', 'sort'],
      ['role=ceo', 'role'],
      ['department=finance', 'department'],
      ['active=yes', 'active'],
      ['password=x', 'password'],
    ])('?%s is 400 VALIDATION_FAILED naming %s', async (query, field) => {
      const res = await list(query);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorFields(res)).toContain(field);
    });

    it('pageSize=100 is allowed', async () => {
      const res = await list('pageSize=100');
      expect(res.status).toBe(200);
      expect(res.body.pageSize).toBe(100);
    });

    it('GET /users/:id: a non-UUID id is 400, an unknown UUID is 404 problem+json', async () => {
      const bad = await get('not-a-uuid');
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(errorFields(bad)).toContain('id');
      expectProblem(await get("1' OR '1'='1"), 400, 'VALIDATION_FAILED');
      expectProblem(await get(randomUUID()), 404, 'NOT_FOUND');
      expectProblem(await patch(randomUUID(), { version: 1, displayName: '无' }), 404, 'NOT_FOUND');
    });
  });

  describe('who may manage users', () => {
    it.each(NON_ADMIN_ROLES)('%s gets 403 PERMISSION_DENIED on GET /users, naming user.manage and the admin role', async (role) => {
      const res = await t.http().get(USERS).set('authorization', bearer(staff[role as Exclude<RoleCode, 'admin'>]));
      expectProblem(res, 403, 'PERMISSION_DENIED');
      expect(res.body.permission).toBe('user.manage');
      expect(res.body.grantedTo).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'admin' })]));
      expect(res.body.grantedTo.every((g: { role: string }) => g.role === 'admin')).toBe(true);
      expect(res.body.items).toBeUndefined();
    });

    it('non-admins cannot create, read or patch users by any method either', async () => {
      const gm = staff.gm;
      const before = await userCount();
      expectProblem(await post({ username: name('bygm'), displayName: '总经理建的', role: 'sales.rep', password: USER_PASSWORD }, gm.token), 403, 'PERMISSION_DENIED');
      expect(await userCount()).toBe(before);
      expectProblem(await get(staff['sales.rep'].id, gm.token), 403, 'PERMISSION_DENIED');
      const version = await versionOf(staff['sales.rep'].id);
      expectProblem(await patch(staff['sales.rep'].id, { version, role: 'gm' }, staff['sales.manager'].token), 403, 'PERMISSION_DENIED');
      // a user cannot promote themselves either
      expectProblem(await patch(staff['sales.rep'].id, { version, role: 'admin' }, staff['sales.rep'].token), 403, 'PERMISSION_DENIED');
      expect(await versionOf(staff['sales.rep'].id)).toBe(version);
    });

    it('without a token, /users is 401', async () => {
      const res = await t.http().get(USERS);
      expectProblem(res, 401, res.body.code);
      expect(res.body.code).toMatch(/^AUTH_/);
    });
  });

  describe('directory', () => {
    it('lists exactly the active non-admin users, with only public fields, for any signed-in role', async () => {
      const res = await t.http().get(`${USERS}/directory`).set('authorization', bearer(staff['sales.rep']));
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      const expected: { id: string }[] = await t.ds.query(`SELECT id FROM users WHERE active AND role <> 'admin'`);
      expect(res.body.map((e: { id: string }) => e.id).sort()).toEqual(expected.map((r) => r.id).sort());
      const ids = res.body.map((e: { id: string }) => e.id);
      expect(ids).not.toContain(adminId);
      expect(ids).not.toContain(gone.id);
      for (const entry of res.body) {
        expect(Object.keys(entry).sort()).toEqual(['department', 'displayName', 'id', 'role', 'roleName', 'supervisorId']);
      }
      const rep = res.body.find((e: { id: string }) => e.id === staff['sales.rep'].id);
      expect(rep).toEqual({ id: staff['sales.rep'].id, displayName: '测试sales.rep', role: 'sales.rep', roleName: '销售业务员', department: 'sales', supervisorId: null });
      expect(JSON.stringify(res.body)).not.toContain(staff['sales.rep'].username);
    });

    it('filters by department and role', async () => {
      const res = await t.http().get(`${USERS}/directory?department=key_account&role=key_account.manager`).set('authorization', bearer(staff.gm));
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThanOrEqual(1);
      expect(res.body.every((e: { role: string }) => e.role === 'key_account.manager')).toBe(true);
      expect(res.body.map((e: { id: string }) => e.id)).toContain(staff['key_account.manager'].id);
    });

    it('is 401 without a token', async () => {
      const res = await t.http().get(`${USERS}/directory`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('admins and the last active admin', () => {
    const activeAdmins = async (): Promise<number> =>
      (await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`))[0].n;
    /** Someone other than the target, for calling the service rule directly (the guard is bypassed). */
    const operator: Actor = { id: randomUUID(), username: 'operator', displayName: '运维', role: 'admin', department: 'system', requestId: 'last-admin-test', ip: null };

    it('an admin cannot deactivate themselves or change their own role (409)', async () => {
      const version = await versionOf(adminId);
      expectProblem(await patch(adminId, { version, active: false }), 409, 'USER_SELF_CHANGE_REFUSED');
      expectProblem(await patch(adminId, { version, role: 'gm' }), 409, 'USER_SELF_CHANGE_REFUSED');
      expect(await versionOf(adminId)).toBe(version);
      // harmless self-edits are fine
      const ok = await patch(adminId, { version, displayName: '管理员本人' });
      expect(ok.status).toBe(200);
      expect(ok.body.active).toBe(true);
    });

    it('the last active admin cannot be deactivated or re-roled (409 USER_LAST_ADMIN)', async () => {
      expect(await activeAdmins()).toBe(1);
      const users = t.app.get(UsersService);
      const version = await versionOf(adminId);
      for (const change of [{ active: false }, { role: 'gm' as const }]) {
        const err = await users.update(operator, adminId, { version, ...change }).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('USER_LAST_ADMIN');
        expect((err as AppError).status).toBe(409);
      }
      expect(await versionOf(adminId)).toBe(version);
      expect(await activeAdmins()).toBe(1);
    });

    it('with a second admin, the first can be re-roled and deactivated; then the second is the last', async () => {
      const second = await post({ username: name('admin2'), displayName: '第二管理员', role: 'admin', password: USER_PASSWORD });
      expect(second.status).toBe(201);
      expect(second.body.department).toBe('system');
      const admin2 = await loginToken(t, second.body.username, USER_PASSWORD);
      expect(await activeAdmins()).toBe(2);

      // admin2 takes over: deactivates the first admin
      const off = await patch(adminId, { version: await versionOf(adminId), active: false }, admin2);
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await t.http().get(USERS).set('authorization', bearer(admin))).status).toBe(401);
      expect((await t.http().post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD })).status).toBe(401);
      admin = admin2;
      expect(await activeAdmins()).toBe(1);

      // re-roling an admin who is not the last one works
      const third = (await post({ username: name('admin3'), displayName: '第三管理员', role: 'admin', password: USER_PASSWORD })).body;
      const reroled = await patch(third.id, { version: third.version, role: 'gm' });
      expect(reroled.status).toBe(200);
      expect(reroled.body).toMatchObject({ role: 'gm', department: 'management' });

      // now admin2 is the last active admin
      const err = await t.app
        .get(UsersService)
        .update(operator, second.body.id, { version: second.body.version, active: false })
        .then(() => null, (e: unknown) => e);
      expect((err as AppError).code).toBe('USER_LAST_ADMIN');
      expect(await activeAdmins()).toBe(1);
    });

    it('two admins deactivating each other at the same moment never leave the system without an active admin', async () => {
      for (let round = 0; round < 5; round++) {
        const a = (await post({ username: name('raceA'), displayName: '甲管理员', role: 'admin', password: USER_PASSWORD })).body;
        const tokenA = await loginToken(t, a.username, USER_PASSWORD);
        // the current admin steps back, so exactly a and the current admin are active
        const current = admin;
        const currentId = (await t.http().get('/api/v1/auth/me').set('authorization', bearer(current))).body.user.id;
        const currentVersion = await versionOf(currentId);
        expect(await activeAdmins()).toBe(2);
        const [r1, r2] = await Promise.all([
          patch(a.id, { version: a.version, active: false }, current),
          patch(currentId, { version: currentVersion, active: false }, tokenA),
        ]);
        // one wins; the other is refused as the last admin (409) or, if its token was already
        // revoked by the winner, not authenticated (401) — never a 500
        const loser = r1.status === 200 ? r2 : r1;
        expect([r1.status, r2.status].filter((s) => s === 200)).toHaveLength(1);
        expect([401, 409]).toContain(loser.status);
        if (loser.status === 409) expect(loser.body.code).toBe('USER_LAST_ADMIN');
        expect(await activeAdmins()).toBe(1);
        admin = r1.status === 200 ? current : tokenA;
      }
    });
  });
});
