import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, toProblem } from './problem';
import type { paths } from './schema';

export const CSRF_COOKIE = 'zhize_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();
/** The app layer subscribes: a 401 on any call sends the user to sign in, remembering the page. */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

/**
 * The session lives in an httpOnly cookie the page cannot read; a state-changing request proves
 * it comes from this page with the CSRF token of the readable companion cookie.
 */
const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) {
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) request.headers.set('X-CSRF-Token', csrf);
    }
    return request;
  },
  onResponse({ response, request }) {
    // /auth/me answers 401 to anyone not signed in yet: the gate handles that one.
    if (response.status === 401 && !/\/auth\/(session|me)$/.test(new URL(request.url).pathname)) {
      for (const fn of expiredListeners) fn();
    }
    return response;
  },
};

/** The typed client: paths, parameters and bodies come from the app's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the data or throws an ApiError carrying the problem+json (network errors included). */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch {
    throw new ApiError(await toProblem(undefined));
  }
  if (!result.response.ok) throw new ApiError(await toProblem(result.response, result.error));
  return result.data as T;
}

/** A file of the API (an export, an attachment) as a blob, with the session cookie; a refusal as an ApiError. */
export async function fetchBlob(path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(await toProblem(undefined));
  }
  if (!res.ok) throw new ApiError(await toProblem(res));
  return res.blob();
}

/** Downloads an export (CSV/XLSX) or an attachment of the API as a file, with the session cookie. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
