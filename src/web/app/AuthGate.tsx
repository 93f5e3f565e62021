import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Loading';
import { CSRF_COOKIE, onSessionExpired, readCookie } from '../lib/api/client';
import { loginPathFor } from '../lib/next-path';
import { ApiError } from '../lib/api/problem';
import { SessionProvider, useMeQuery } from '../lib/session';
import { Shell } from './Shell';

/** Signed-in part of the console: who am I (/auth/me), then the shell; a 401 anywhere → sign-in. */
export default function AuthGate() {
  const me = useMeQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  useEffect(
    () =>
      onSessionExpired(() => {
        qc.clear();
        navigate(loginPathFor(window.location), { replace: true, state: { expired: true } });
      }),
    [navigate, qc],
  );

  if (me.isPending) return <Loading />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to={loginPathFor(location)} replace state={{ expired: readCookie(CSRF_COOKIE) !== null }} />;
    return (
      <main style={{ padding: 24 }}>
        <ProblemAlert error={me.error} />
      </main>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <Shell />
    </SessionProvider>
  );
}
