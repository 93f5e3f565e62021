/** Only a same-site path may follow sign-in (never `//evil.example` or another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The sign-in page, remembering where the user was. */
export function loginPathFor(location: { pathname: string; search: string }): string {
  const here = location.pathname + location.search;
  // A late 401 (a query refetching after the redirect) must not replace the page it remembers.
  if (location.pathname === '/login') return here;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
