import { ARGON2_OPTIONS, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rule (SPEC §9)', () => {
  it('accepts 10 to 128 characters with no composition rule', () => {
    expect(passwordProblem('all lower case words')).toBeNull();
    expect(passwordProblem('a'.repeat(9) + 'b')).toBeNull();
    expect(passwordProblem('x'.repeat(127) + 'y')).toBeNull();
  });
  it('refuses shorter than 10 and longer than 128, counting code points', () => {
    expect(passwordProblem('short-pwd')).toMatch(/10 到 128/);
    expect(passwordProblem('x'.repeat(128) + 'y')).toMatch(/10 到 128/);
    expect(passwordProblem('密码密码密码密码密码')).toBeNull(); // 10 Chinese characters
    expect(passwordProblem('😀'.repeat(9))).toMatch(/10 到 128/); // 18 UTF-16 units, 9 characters
  });
  it('refuses common passwords in any case, the username, and one repeated character', () => {
    expect(passwordProblem('Password123')).toMatch(/常见/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/常见/);
    expect(passwordProblem('zhang.wei.2026', 'Zhang.Wei.2026')).toMatch(/用户名/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/同一个字符/);
  });
  it('hashes with argon2id at ≥ 19 MiB and ≥ 2 iterations, and verifies without truncation', async () => {
    expect(ARGON2_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(ARGON2_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
    const long = 'p'.repeat(100) + 'tail-one';
    const hash = await hashPassword(long);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toMatch(/m=19456/);
    expect(hash).toMatch(/t=2/);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, 'p'.repeat(100) + 'tail-two')).toBe(false);
    expect(await verifyPassword('not-a-hash', long)).toBe(false);
  });
});
