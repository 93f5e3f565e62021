import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { GrantOf } from '../../assignments/assignment-rules';
import { api, call } from './api/client';

/**
 * Who holds what in the version of the rules in force (GET /duties/matrix), for the console's
 * hints about other people — who can be handed work, a meeting chair's reach. The caller's own grants
 * come with the session; undefined while the matrix loads.
 */
export function useGrantOf(): GrantOf | undefined {
  const matrix = useQuery({
    queryKey: ['duties', 'matrix', 'current'],
    queryFn: () => call(api.GET('/api/v1/duties/matrix', { params: { query: {} } })),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const items = matrix.data?.items;
    if (!items) return undefined;
    const index = new Map(items.flatMap((e) => e.grants.map((g) => [`${e.permission}|${g.role}`, g] as const)));
    return (role, permission) => index.get(`${permission}|${role}`);
  }, [matrix.data]);
}
