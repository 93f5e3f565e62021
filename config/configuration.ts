import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/** Validated application configuration (SPEC §2). Built once at start-up from the environment. */
export interface AppConfig {
  /** Set: use that Postgres. Unset: embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Reports, exports and dashboards read here when set (a replica, or a read-only role); ignored in embedded mode. */
  databaseReadUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  adminUsername: string;
  adminPassword: string | null;
  businessTz: string;
  contractGmApprovalThreshold: string;
  /** Compensation (赔偿) at or above this needs the 总经理's approval. */
  compensationGmApprovalThreshold: string;
  receivableRemindDays: number;
  prospectPoolReleaseDays: number | null;
  /** 市场信息库: days without an update or a confirmation after which an active entry is stale (MKT-5.6). */
  marketInfoStaleDays: number;
  /** Lists count their rows exactly up to this many; past it `total` is the planner's estimate, marked `totalExact: false`. */
  listCountCap: number;
  loginThrottleLimit: number;
  loginThrottleTtlSeconds: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose' | 'silent';
  /** `text` (coloured lines for a terminal) or `json` (one object per line, with the request id). */
  logFormat: 'text' | 'json';
  /** Whom to believe in X-Forwarded-For for req.ip: false (nobody), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** On SIGTERM, how long in-flight requests and jobs may take before the process stops anyway. */
  shutdownTimeoutMs: number;
  /** Whether this instance fires the scheduled jobs (the runner is safe with several instances on). */
  schedulerEnabled: boolean;
  /** `Secure` on the console's cookies: `auto` (when the request came over https), `always`, `never`. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** The built console (Vite output); null: `dist/web` beside the compiled server. */
  consoleDir: string | null;
  /** Notifications by e-mail and group-robot webhook (SPEC §14); a channel without its URL is off. */
  notify: NotifyConfig;
}

export interface NotifyConfig {
  /** `smtp://` or `smtps://` URL for nodemailer; null: no e-mail. */
  smtpUrl: string | null;
  smtpFrom: string;
  /** The group robot's URL (企业微信 or 钉钉); null: no webhook. */
  webhookUrl: string | null;
  webhookKind: 'wecom' | 'dingtalk';
  /** How often the sender looks for due messages. */
  intervalMs: number;
  maxAttempts: number;
  /** The wait after the first failed attempt; doubled after each further one (capped at an hour). */
  retryBaseMs: number;
  /** One send's time limit (connect, talk, answer). */
  timeoutMs: number;
  /** The console's address as people reach it, for links in messages; null: no link. */
  publicUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置无效 (invalid configuration):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose', 'silent'] as const;
export const JWT_SECRET_MIN_BYTES = 32;

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Every problem is collected and reported at once, so an
 * operator fixes the configuration in one go. Throws ConfigError; never returns a half-valid config.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} 必须是 ${min} 到 ${max} 之间的整数，当前为 "${raw}"`);
      return def;
    }
    return Number(raw);
  };

  const databaseUrl = str('DATABASE_URL') ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const databaseReadUrl = str('DATABASE_READ_URL') ?? null;
  if (databaseReadUrl !== null && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    problems.push('DATABASE_READ_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const dataDir = resolve(str('DATA_DIR') ?? './data');
  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST') ?? '0.0.0.0';

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret !== '' && Buffer.byteLength(jwtSecret, 'utf8') < JWT_SECRET_MIN_BYTES) {
    problems.push(`JWT_SECRET 至少需要 ${JWT_SECRET_MIN_BYTES} 字节，当前只有 ${Buffer.byteLength(jwtSecret, 'utf8')} 字节`);
  } else if (jwtSecret === '' && databaseUrl !== null) {
    problems.push(`使用 DATABASE_URL 时必须设置 JWT_SECRET（至少 ${JWT_SECRET_MIN_BYTES} 字节）`);
  }

  const adminUsername = str('ADMIN_USERNAME') ?? 'admin';
  if (!/^[A-Za-z0-9._-]{3,64}$/.test(adminUsername)) {
    problems.push('ADMIN_USERNAME 只能包含字母、数字、点、下划线和连字符，长度 3 到 64');
  }
  const adminPassword = env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length > 0 ? env.ADMIN_PASSWORD : null;
  if (adminPassword !== null && (adminPassword.length < 10 || adminPassword.length > 128)) {
    problems.push('ADMIN_PASSWORD 长度必须在 10 到 128 个字符之间');
  }

  const businessTz = str('BUSINESS_TZ') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: businessTz });
  } catch {
    problems.push(`BUSINESS_TZ "${businessTz}" 不是有效的 IANA 时区`);
  }

  const threshold = str('CONTRACT_GM_APPROVAL_THRESHOLD') ?? '1000000.00';
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(threshold)) {
    problems.push('CONTRACT_GM_APPROVAL_THRESHOLD 必须是不超过两位小数的非负金额');
  }

  const compensationThreshold = str('COMPENSATION_GM_APPROVAL_THRESHOLD') ?? '50000.00';
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(compensationThreshold)) {
    problems.push('COMPENSATION_GM_APPROVAL_THRESHOLD 必须是不超过两位小数的非负金额');
  }

  const poolRaw = str('PROSPECT_POOL_RELEASE_DAYS');
  const prospectPoolReleaseDays = poolRaw === undefined ? null : int('PROSPECT_POOL_RELEASE_DAYS', 0, 1, 3650);

  const logLevel = (str('LOG_LEVEL') ?? 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL 必须是 ${LOG_LEVELS.join(' / ')} 之一`);

  const logFormat = (str('LOG_FORMAT') ?? 'text').toLowerCase() as AppConfig['logFormat'];
  if (!['text', 'json'].includes(logFormat)) problems.push('LOG_FORMAT 必须是 text 或 json');
  const trustProxy = parseTrustProxy(str('TRUST_PROXY'), problems);

  const scheduler = (str('SCHEDULER') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(scheduler)) problems.push('SCHEDULER 必须是 on 或 off');

  const cookieSecure = (str('COOKIE_SECURE') ?? 'auto').toLowerCase() as AppConfig['cookieSecure'];
  if (!['auto', 'always', 'never'].includes(cookieSecure)) problems.push('COOKIE_SECURE 必须是 auto、always 或 never');
  const consoleDirRaw = str('CONSOLE_DIR');

  const smtpUrl = str('SMTP_URL') ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('SMTP_URL 必须以 smtp:// 或 smtps:// 开头');
  const webhookUrl = str('NOTIFY_WEBHOOK_URL') ?? null;
  if (webhookUrl !== null && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) problems.push('NOTIFY_WEBHOOK_URL 必须以 http:// 或 https:// 开头');
  const webhookKind = (str('NOTIFY_WEBHOOK_KIND') ?? 'wecom').toLowerCase() as NotifyConfig['webhookKind'];
  if (!['wecom', 'dingtalk'].includes(webhookKind)) problems.push('NOTIFY_WEBHOOK_KIND 必须是 wecom（企业微信）或 dingtalk（钉钉）');
  const publicUrl = str('PUBLIC_URL')?.replace(/\/+$/, '') ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push('PUBLIC_URL 必须以 http:// 或 https:// 开头');

  const config: AppConfig = {
    databaseUrl,
    // the embedded database is one process's own: there is no second server to read from
    databaseReadUrl: databaseUrl === null ? null : databaseReadUrl,
    dataDir,
    port,
    host,
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    adminUsername,
    adminPassword,
    businessTz,
    contractGmApprovalThreshold: normaliseMoney(threshold),
    compensationGmApprovalThreshold: normaliseMoney(compensationThreshold),
    receivableRemindDays: int('RECEIVABLE_REMIND_DAYS', 7, 0, 365),
    prospectPoolReleaseDays,
    marketInfoStaleDays: int('MARKET_INFO_STALE_DAYS', 180, 1, 3650),
    listCountCap: int('LIST_COUNT_CAP', 1000, 1, 1_000_000),
    loginThrottleLimit: int('LOGIN_THROTTLE_LIMIT', 10, 1, 100000),
    loginThrottleTtlSeconds: int('LOGIN_THROTTLE_TTL_SECONDS', 60, 1, 86400),
    logLevel,
    logFormat,
    trustProxy,
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_SECONDS', 20, 1, 600) * 1000,
    schedulerEnabled: scheduler === 'on',
    cookieSecure,
    consoleDir: consoleDirRaw === undefined ? null : resolve(consoleDirRaw),
    notify: {
      smtpUrl,
      smtpFrom: str('SMTP_FROM') ?? '职责 CRM <no-reply@localhost>',
      webhookUrl,
      webhookKind,
      intervalMs: int('NOTIFY_INTERVAL_MS', 10_000, 100, 3_600_000),
      maxAttempts: int('NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseMs: int('NOTIFY_RETRY_BASE_MS', 30_000, 10, 3_600_000),
      timeoutMs: int('NOTIFY_TIMEOUT_MS', 10_000, 100, 120_000),
      publicUrl,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Names proxy-addr understands besides addresses and CIDRs. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset / `off` trusts no proxy (req.ip is the peer); a number trusts that many hops
 * from the right of X-Forwarded-For; a list trusts those addresses (e.g. `10.0.0.0/8,loopback`).
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  if (raw === undefined || ['off', 'false', 'none'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const ok = (item: string) => {
      if (PROXY_NAMES.includes(item)) return true;
      const [addr, bits, more] = item.split('/');
      const family = isIP(addr);
      if (family === 0 || more !== undefined) return false;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    };
    if (items.length > 0 && items.every(ok)) return items;
  }
  problems.push(`TRUST_PROXY 必须是 off、1 到 10 的跳数，或以逗号分隔的代理地址/网段（如 10.0.0.0/8,loopback），当前为 "${raw}"`);
  return false;
}

function normaliseMoney(v: string): string {
  const [i, f = ''] = v.split('.');
  return `${i}.${(f + '00').slice(0, 2)}`;
}

/**
 * Embedded mode without JWT_SECRET: generate one on first start and keep it in DATA_DIR, so
 * tokens survive a restart. Call only when `databaseUrl` is null.
 */
export function ensureEmbeddedJwtSecret(config: AppConfig): AppConfig {
  if (config.jwtSecret !== '') return config;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return { ...config, jwtSecret: readFileSync(file, 'utf8').trim() };
}
