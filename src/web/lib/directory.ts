import { useQuery } from '@tanstack/react-query';
import { api, call } from './api/client';

/**
 * Active staff (id, name, role, department) from GET /users/directory: owner and reviewer names,
 * whom to assign to, who may be a supervisor. One cache entry for the whole console under
 * ['users', 'directory'], so a change to a user (which invalidates ['users']) refreshes every picker.
 */
export function useDirectory(enabled = true) {
  return useQuery({
    queryKey: ['users', 'directory'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/v1/users/directory')),
  });
}
