import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ensureEmbeddedJwtSecret, loadConfig } from '../config/configuration';

describe('loadConfig (SPEC §2)', () => {
  it('has the documented defaults on an empty environment (embedded mode)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: null,
      port: 3000,
      adminUsername: 'admin',
      adminPassword: null,
      businessTz: 'Asia/Shanghai',
      contractGmApprovalThreshold: '1000000.00',
      receivableRemindDays: 7,
      prospectPoolReleaseDays: null,
      marketInfoStaleDays: 180,
      logLevel: 'log',
    });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('collects every problem into one ConfigError', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: '99999', BUSINESS_TZ: 'Nowhere/Else', LOG_LEVEL: 'loud', CONTRACT_GM_APPROVAL_THRESHOLD: '1.005' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'PORT', 'BUSINESS_TZ', 'LOG_LEVEL', 'CONTRACT_GM_APPROVAL_THRESHOLD', 'JWT_SECRET']) expect(problems).toContain(name);
    }
  });

  it('requires a JWT_SECRET of at least 32 bytes with DATABASE_URL, and refuses a short one always', () => {
    const url = 'postgres://u@h/db';
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: url, JWT_SECRET: 'x'.repeat(31) })).toThrow(/32 字节/);
    expect(loadConfig({ DATABASE_URL: url, JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toHaveLength(32);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/32 字节/);
    // 11 Chinese characters are 33 bytes in UTF-8: bytes, not characters, count
    expect(loadConfig({ DATABASE_URL: url, JWT_SECRET: '一二三四五六七八九十百' }).jwtSecret).toBe('一二三四五六七八九十百');
  });

  it('MARKET_INFO_STALE_DAYS sets when market information is stale (default 180 days, 1 to 3650)', () => {
    expect(loadConfig({ MARKET_INFO_STALE_DAYS: '90' }).marketInfoStaleDays).toBe(90);
    expect(() => loadConfig({ MARKET_INFO_STALE_DAYS: '0' })).toThrow(/MARKET_INFO_STALE_DAYS/);
    expect(() => loadConfig({ MARKET_INFO_STALE_DAYS: 'half a year' })).toThrow(/MARKET_INFO_STALE_DAYS/);
  });

  it('normalises the approval threshold to two decimals', () => {
    expect(loadConfig({ CONTRACT_GM_APPROVAL_THRESHOLD: '500000' }).contractGmApprovalThreshold).toBe('500000.00');
    expect(loadConfig({ CONTRACT_GM_APPROVAL_THRESHOLD: '12.5' }).contractGmApprovalThreshold).toBe('12.50');
  });

  it('COOKIE_SECURE is auto, always or never (default auto); CONSOLE_DIR is resolved, unset by default', () => {
    expect(loadConfig({}).cookieSecure).toBe('auto');
    expect(loadConfig({ COOKIE_SECURE: 'Always' }).cookieSecure).toBe('always');
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
    expect(loadConfig({}).consoleDir).toBeNull();
    expect(loadConfig({ CONSOLE_DIR: 'some/where' }).consoleDir).toBe(join(process.cwd(), 'some/where'));
  });

  it('reads the notification channels: off without their URLs, checked when given', () => {
    expect(loadConfig({}).notify).toEqual({
      smtpUrl: null,
      smtpFrom: '职责 CRM <no-reply@localhost>',
      webhookUrl: null,
      webhookKind: 'wecom',
      intervalMs: 10_000,
      maxAttempts: 8,
      retryBaseMs: 30_000,
      timeoutMs: 10_000,
      publicUrl: null,
    });
    const c = loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', NOTIFY_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=x', NOTIFY_WEBHOOK_KIND: 'DingTalk', PUBLIC_URL: 'https://crm.example.com/' });
    expect(c.notify).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.com:465', webhookKind: 'dingtalk', publicUrl: 'https://crm.example.com' });
    try {
      loadConfig({ SMTP_URL: 'mail.example.com', NOTIFY_WEBHOOK_URL: 'ftp://x', NOTIFY_WEBHOOK_KIND: 'slack', PUBLIC_URL: 'crm', NOTIFY_MAX_ATTEMPTS: '0', NOTIFY_INTERVAL_MS: 'soon' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['SMTP_URL', 'NOTIFY_WEBHOOK_URL', 'NOTIFY_WEBHOOK_KIND', 'PUBLIC_URL', 'NOTIFY_MAX_ATTEMPTS', 'NOTIFY_INTERVAL_MS']) expect(problems).toContain(name);
    }
  });

  it('embedded mode generates a JWT secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhize-cfg-'));
    try {
      const first = ensureEmbeddedJwtSecret(loadConfig({ DATA_DIR: dir }));
      const second = ensureEmbeddedJwtSecret(loadConfig({ DATA_DIR: dir }));
      expect(Buffer.byteLength(first.jwtSecret)).toBeGreaterThanOrEqual(32);
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
