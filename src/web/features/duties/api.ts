import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

type S = components['schemas'];
export type DutyCatalogue = S['DutyCatalogueDto'];
export type DutyClause = S['DutyClauseCoverageDto'];
export type DutyMatrix = S['DutyMatrixDto'];

/** The clause catalogue with how each clause is served (it changes only with a release). */
export function useDuties() {
  return useQuery({ queryKey: ['duties'], queryFn: () => call(api.GET('/api/v1/duties')), staleTime: 5 * 60_000 });
}

/** The duty matrix, for the permissions' Chinese names and who holds them. */
export function useDutyMatrix() {
  return useQuery({ queryKey: ['duties', 'matrix'], queryFn: () => call(api.GET('/api/v1/duties/matrix')), staleTime: 5 * 60_000 });
}
