import {
  clearedSessionCookies,
  cookiesSecure,
  csrfTokenMatches,
  parseCookies,
  serializeCookie,
  sessionCookies,
} from './session-cookies';

describe('parseCookies', () => {
  it('reads name=value pairs separated by semicolons, trimming spaces', () => {
    const c = parseCookies('zhize_session=abc.def.ghi; zhize_csrf=xyz ;other = 1');
    expect([...c.entries()]).toEqual([
      ['zhize_session', 'abc.def.ghi'],
      ['zhize_csrf', 'xyz'],
      ['other', '1'],
    ]);
  });

  it('is empty for no header, an empty header, or one without pairs', () => {
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies('').size).toBe(0);
    expect(parseCookies('just-a-word; =novalue; ;').size).toBe(0);
  });

  it('keeps the first of duplicate names, and values that contain "="', () => {
    const c = parseCookies('a=1; a=2; b=x=y==');
    expect(c.get('a')).toBe('1');
    expect(c.get('b')).toBe('x=y==');
  });

  it('decodes percent-encoding, drops surrounding quotes, and keeps an undecodable value as sent', () => {
    const c = parseCookies('n=%E8%81%8C%E8%B4%A3; q="quoted"; bad=%E0%A4%A; empty=');
    expect(c.get('n')).toBe('职责');
    expect(c.get('q')).toBe('quoted');
    expect(c.get('bad')).toBe('%E0%A4%A');
    expect(c.get('empty')).toBe('');
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const c = parseCookies('__proto__=x; constructor=y');
    expect(c.get('__proto__')).toBe('x');
    expect(c.get('constructor')).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('joins a header sent twice, and ignores an absurdly long header', () => {
    expect(parseCookies(['a=1', 'b=2']).get('b')).toBe('2');
    expect(parseCookies(`a=${'x'.repeat(9000)}`).size).toBe(0);
  });

  it('reads at most 50 cookies', () => {
    const header = Array.from({ length: 80 }, (_, i) => `c${i}=${i}`).join('; ');
    expect(parseCookies(header).size).toBe(50);
  });
});

describe('serializeCookie and the session cookies', () => {
  it('always sets Path=/ and SameSite=Strict; HttpOnly and Secure on request', () => {
    expect(serializeCookie('a', 'b c', { maxAge: 60, httpOnly: true, secure: true })).toBe('a=b%20c; Max-Age=60; Path=/; SameSite=Strict; HttpOnly; Secure');
    expect(serializeCookie('a', 'b', { maxAge: -5, httpOnly: false, secure: false })).toBe('a=b; Max-Age=0; Path=/; SameSite=Strict');
    expect(() => serializeCookie('a;b', 'x', { maxAge: 1, httpOnly: false, secure: false })).toThrow();
  });

  it('the session cookie is HttpOnly, the CSRF cookie is readable by scripts', () => {
    const [session, csrf] = sessionCookies('jwt.token.here', 'csrf-token', 28800, false);
    expect(session).toBe('zhize_session=jwt.token.here; Max-Age=28800; Path=/; SameSite=Strict; HttpOnly');
    expect(csrf).toBe('zhize_csrf=csrf-token; Max-Age=28800; Path=/; SameSite=Strict');
    expect(clearedSessionCookies(true)).toEqual([
      'zhize_session=; Max-Age=0; Path=/; SameSite=Strict; HttpOnly; Secure',
      'zhize_csrf=; Max-Age=0; Path=/; SameSite=Strict; Secure',
    ]);
  });
});

describe('cookiesSecure', () => {
  const req = (protocol: 'http' | 'https', headers: Record<string, string | string[]> = {}) => ({ protocol, headers });

  it('auto: over https, or when the proxy says the client used https', () => {
    expect(cookiesSecure(req('https'), 'auto')).toBe(true);
    expect(cookiesSecure(req('http'), 'auto')).toBe(false);
    expect(cookiesSecure(req('http', { 'x-forwarded-proto': 'https' }), 'auto')).toBe(true);
    expect(cookiesSecure(req('http', { 'x-forwarded-proto': 'HTTPS, http' }), 'auto')).toBe(true);
    expect(cookiesSecure(req('http', { 'x-forwarded-proto': 'http' }), 'auto')).toBe(false);
  });

  it('always and never ignore the request', () => {
    expect(cookiesSecure(req('http'), 'always')).toBe(true);
    expect(cookiesSecure(req('https', { 'x-forwarded-proto': 'https' }), 'never')).toBe(false);
  });
});

describe('csrfTokenMatches', () => {
  it('is true only for the same non-empty token', () => {
    expect(csrfTokenMatches('abc', 'abc')).toBe(true);
    expect(csrfTokenMatches('abd', 'abc')).toBe(false);
    expect(csrfTokenMatches('abcd', 'abc')).toBe(false);
    expect(csrfTokenMatches(undefined, 'abc')).toBe(false);
    expect(csrfTokenMatches(['abc'], 'abc')).toBe(false);
    expect(csrfTokenMatches('', '')).toBe(false);
    expect(csrfTokenMatches('x'.repeat(300), 'x'.repeat(300))).toBe(false);
  });
});
