import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, call, CSRF_COOKIE, readCookie } from './api/client';
import { ApiError, toProblem } from './api/problem';
import type { components } from './api/schema';
import { setBusinessTz } from './format';

export type Me = components['schemas']['MeResponseDto'];
export type Grant = components['schemas']['PermissionGrantDto'];
export type Scope = 'own' | 'team' | 'department' | 'all';

export interface Session {
  me: Me;
  /** The caller's grant of a permission (scope and clauses), or undefined when the role lacks it. */
  grant(permission: string): Grant | undefined;
  can(permission: string): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me> {
  const me = await call(api.GET('/api/v1/auth/me'));
  setBusinessTz((me as Me & { businessTz?: string }).businessTz);
  return me;
}

const meQuery = { queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 5 * 60_000 } as const;

export function useMeQuery() {
  return useQuery(meQuery);
}

/** Asks who I am while the page's code is still loading. */
export function prefetchMe(client: QueryClient): void {
  void client.prefetchQuery(meQuery);
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const qc = useQueryClient();
  const signOut = useCallback(async () => {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': readCookie(CSRF_COOKIE) ?? '' },
    }).catch(() => undefined);
    qc.clear();
    window.location.assign('/login');
  }, [qc]);
  const value = useMemo<Session>(() => {
    const byPermission = new Map(me.permissions.map((p) => [p.permission, p]));
    return {
      me,
      grant: (p) => byPermission.get(p),
      can: (p) => byPermission.has(p),
      signOut,
    };
  }, [me, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Signs in with the session cookie (the token never reaches page scripts). */
export async function signIn(username: string, password: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new ApiError(await toProblem(undefined));
  }
  if (!res.ok) throw new ApiError(await toProblem(res));
}
