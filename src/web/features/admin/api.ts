import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../components/ListPage';
import { api, call } from '../../lib/api/client';
import { useDirectory } from '../../lib/directory';
import type { components } from '../../lib/api/schema';
import { dayjs, getBusinessTz } from '../../lib/format';
import { pageQuery } from '../../lib/list-params';
import type { Department, RoleCode } from './vocab';

type S = components['schemas'];
export type User = S['UserResponseDto'];
export type DirectoryEntry = S['DirectoryEntryDto'];
export type JobsOverview = S['JobsOverviewDto'];
export type Job = S['JobDto'];
export type RunOutcome = S['RunOutcomeDto'];
export type AuditEntry = S['AuditEntryDto'];

export interface UserInput {
  username: string;
  displayName: string;
  role: RoleCode;
  supervisorId?: string | null;
  /** Where e-mail notifications go; optional. */
  email?: string | null;
  password: string;
}

export interface UserChange {
  displayName?: string;
  role?: RoleCode;
  supervisorId?: string | null;
  email?: string | null;
  active?: boolean;
  password?: string;
}

/** Cache keys: everything about users under 'users', so a change refreshes lists, tree and pickers. */
export const adminKeys = {
  users: ['users'] as const,
  allUsers: ['users', 'all'] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  directory: ['users', 'directory'] as const,
  jobs: ['jobs'] as const,
};

// ── 用户管理 ───────────────────────────────────────────────────────────

export function fetchUsers(p: Record<string, string>): Promise<Page<User>> {
  return call(
    api.GET('/api/v1/users', {
      params: {
        query: {
          ...pageQuery(p),
          q: p.q,
          role: p.role as RoleCode | undefined,
          department: p.department as Department | undefined,
          active: p.active,
          supervisorId: p.supervisorId,
        },
      },
    }),
  );
}

/** Every account, page by page (100 a page): the reporting tree and the supervisors' names need them all. */
async function fetchAllUsers(): Promise<User[]> {
  const out: User[] = [];
  for (let page = 1; page <= 100; page++) {
    const res = await call(api.GET('/api/v1/users', { params: { query: { page, pageSize: 100, sort: 'username' } } }));
    out.push(...res.items);
    // a short page ends the list (past the server's count cap `total` is only an estimate)
    if (res.items.length < 100 || (res.totalExact && out.length >= res.total)) break;
  }
  return out;
}

export function useAllUsers(enabled = true) {
  return useQuery({ queryKey: adminKeys.allUsers, queryFn: fetchAllUsers, enabled, staleTime: 60_000 });
}

export function useUser(id: string) {
  return useQuery({ queryKey: adminKeys.user(id), queryFn: () => call(api.GET('/api/v1/users/{id}', { params: { path: { id } } })) });
}

export { useDirectory };

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: UserInput) =>
      call(
        api.POST('/api/v1/users', {
          body: { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, supervisorId: v.supervisorId || undefined, password: v.password },
        }),
      ),
    onSuccess: (u) => {
      qc.setQueryData(adminKeys.user(u.id), u);
      void qc.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}

/** PATCH with the version the page showed: a stale one is 409 and offers a reload. */
export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ change, version }: { change: UserChange; version: number }) =>
      call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { version, ...change } })),
    onSuccess: (u) => {
      qc.setQueryData(adminKeys.user(id), u);
      void qc.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}

// ── 定时任务 ───────────────────────────────────────────────────────────

export function useJobs() {
  return useQuery({ queryKey: adminKeys.jobs, queryFn: () => call(api.GET('/api/v1/jobs')) });
}

export function useRunJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, asOf }: { name: string; asOf: string }) => call(api.POST('/api/v1/jobs/{name}/run', { params: { path: { name } }, body: { asOf } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: adminKeys.jobs }),
  });
}

// ── 审计日志 ───────────────────────────────────────────────────────────

/** A calendar day of the filter as the instant it starts in BUSINESS_TZ (the API takes instants). */
const dayStart = (day: string, plusDays = 0) => dayjs.tz(day, getBusinessTz()).add(plusDays, 'day').format();

/** `from`/`to` in the URL are days, both included; the API's `to` is exclusive, so it gets the next day. */
export function fetchAudit(p: Record<string, string>): Promise<Page<AuditEntry>> {
  return call(
    api.GET('/api/v1/audit', {
      params: {
        query: {
          ...pageQuery(p),
          entity: p.entity,
          entityId: p.entityId,
          actorId: p.actorId,
          action: p.action,
          from: p.from ? dayStart(p.from) : undefined,
          to: p.to ? dayStart(p.to, 1) : undefined,
        },
      },
    }),
  );
}

export function useAudit(params: Record<string, string>) {
  return useQuery({ queryKey: ['audit', 'list', params], queryFn: () => fetchAudit(params), placeholderData: keepPreviousData });
}

/** Who may be picked as 操作人: every account for a user manager; the staff directory otherwise. */
export function useActorSearch(q: string, everyone: boolean) {
  return useQuery({
    queryKey: ['users', 'actor-search', everyone, q],
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: async (): Promise<{ id: string; displayName: string; roleName: string }[]> => {
      if (everyone) return (await call(api.GET('/api/v1/users', { params: { query: { q: q || undefined, pageSize: 50, sort: 'displayName' } } }))).items;
      const all = await call(api.GET('/api/v1/users/directory'));
      return all.filter((u) => !q || u.displayName.includes(q)).slice(0, 50);
    },
  });
}
