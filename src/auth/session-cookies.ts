import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The console's session: a JWT with a `sid` claim, HttpOnly so page scripts never see it. */
export const SESSION_COOKIE = 'zhize_session';
/** The CSRF token, readable by the console's scripts, which echo it in the `X-CSRF-Token` header. */
export const CSRF_COOKIE = 'zhize_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type CookieSecureMode = 'auto' | 'always' | 'never';
export const COOKIE_SECURE_MODES: readonly CookieSecureMode[] = ['auto', 'always', 'never'];

/** Methods that change nothing: the cookie alone authenticates them, without a CSRF proof. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const MAX_COOKIE_HEADER = 8192;
const MAX_COOKIES = 50;

/**
 * Reads a `Cookie` request header (RFC 6265 §5.4: `name=value; name2=value2`). The first of
 * duplicate names wins (browsers send the most specific path first); values in double quotes lose
 * them; a value that is not valid percent-encoding is kept as sent. Names and values are never
 * used as object keys of a plain object, so `__proto__` is just a name.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text || text.length > MAX_COOKIE_HEADER) return cookies;
  for (const pair of text.split(';')) {
    if (cookies.size >= MAX_COOKIES) break;
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // not percent-encoded after all: keep the raw value
    }
    cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  maxAge: number;
  httpOnly: boolean;
  secure: boolean;
}

/** One `Set-Cookie` value; always `Path=/` and `SameSite=Strict`. */
export function serializeCookie(name: string, value: string, opts: CookieOptions): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`invalid cookie name ${name}`);
  const parts = [`${name}=${encodeURIComponent(value)}`, `Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`, 'Path=/', 'SameSite=Strict'];
  if (opts.httpOnly) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Whether the cookies get `Secure`. `auto` looks at the connection and at `X-Forwarded-Proto`
 * (Fastify's trustProxy is off, so req.protocol is the socket's). Believing the header is safe
 * here: a client that fakes it only makes its own cookie https-only.
 */
export function cookiesSecure(req: Pick<FastifyRequest, 'protocol' | 'headers'>, mode: CookieSecureMode): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (req.protocol === 'https') return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** The two cookies a sign-in sets. */
export function sessionCookies(token: string, csrfToken: string, maxAge: number, secure: boolean): string[] {
  return [
    serializeCookie(SESSION_COOKIE, token, { maxAge, httpOnly: true, secure }),
    serializeCookie(CSRF_COOKIE, csrfToken, { maxAge, httpOnly: false, secure }),
  ];
}

/** The two cookies a sign-out sets: empty, expiring now. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [
    serializeCookie(SESSION_COOKIE, '', { maxAge: 0, httpOnly: true, secure }),
    serializeCookie(CSRF_COOKIE, '', { maxAge: 0, httpOnly: false, secure }),
  ];
}

/** Constant-time comparison of the header's token with the session's (hashed first: equal lengths). */
export function csrfTokenMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 256 || expected.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
