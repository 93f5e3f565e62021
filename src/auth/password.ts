import * as argon2 from 'argon2';
import { COMMON_PASSWORDS } from './common-passwords';

/** argon2id at ASVS 5.0 / OWASP minimums: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/**
 * The password rule of SPEC §9: 10–128 characters, counted as code points and never truncated,
 * no composition rules, and not one of the most common passwords. Returns a reason, or null if fine.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return `密码长度必须在 ${PASSWORD_MIN} 到 ${PASSWORD_MAX} 个字符之间`;
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return '该密码过于常见，请换一个不易被猜到的密码';
  if (username && lowered === username.toLowerCase()) return '密码不能与用户名相同';
  if (new Set(lowered).size === 1) return '密码不能由同一个字符重复组成';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the user does not exist, so both failures take about as long. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  return dummyHash;
}
