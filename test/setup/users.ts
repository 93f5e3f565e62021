import { randomBytes } from 'node:crypto';
import type { RoleCode } from '../../src/access/roles';
import { ADMIN_PASSWORD, TestApp } from './create-test-app';

export const USER_PASSWORD = 'Correct-Horse-Battery-9';

export interface TestUser {
  id: string;
  username: string;
  role: RoleCode;
  token: string;
  version: number;
}

export async function loginToken(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

export async function adminToken(t: TestApp): Promise<string> {
  return loginToken(t, 'admin', ADMIN_PASSWORD);
}

/** Creates a user of `role` through the admin API and signs in as them (a token per role, as in e2e practice). */
export async function createUser(
  t: TestApp,
  role: RoleCode,
  opts: { supervisorId?: string; username?: string; displayName?: string; admin?: string } = {},
): Promise<TestUser> {
  const admin = opts.admin ?? (await adminToken(t));
  const username = opts.username ?? `${role.replace(/[^a-z]/g, '')}_${randomBytes(4).toString('hex')}`;
  const res = await t
    .http()
    .post('/api/v1/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ username, displayName: opts.displayName ?? `测试${role}`, role, password: USER_PASSWORD, ...(opts.supervisorId ? { supervisorId: opts.supervisorId } : {}) });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await loginToken(t, username, USER_PASSWORD);
  return { id: res.body.id, username, role, token, version: res.body.version };
}

export const bearer = (u: { token: string } | string) => `Bearer ${typeof u === 'string' ? u : u.token}`;
