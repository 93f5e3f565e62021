import { DEPARTMENTS, ROLES } from './vocab';

/** The part of a user the reporting tree needs. */
export interface OrgUser {
  id: string;
  displayName: string;
  role: string;
  department: string;
  supervisorId: string | null;
  active: boolean;
}

export interface OrgNode<U extends OrgUser = OrgUser> {
  user: U;
  reports: OrgNode<U>[];
}

const rank = (list: readonly string[], v: string) => {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
};

/** Department, then position (manager before supervisor before staff), then name. */
function compare(a: OrgUser, b: OrgUser): number {
  return (
    rank(DEPARTMENTS, a.department) - rank(DEPARTMENTS, b.department) ||
    rank(ROLES, a.role) - rank(ROLES, b.role) ||
    a.displayName.localeCompare(b.displayName, 'zh-CN')
  );
}

/**
 * 汇报关系: each user under their supervisor (supervisorId). With a department, only its users;
 * one whose supervisor is outside it (or not shown) becomes a root. A loop, which the server
 * refuses to create, could not hang the page: each user is placed once.
 */
export function reportingTree<U extends OrgUser>(users: U[], opts: { department?: string; includeInactive?: boolean } = {}): OrgNode<U>[] {
  const shown = users.filter((u) => (opts.includeInactive || u.active) && (!opts.department || u.department === opts.department));
  const ids = new Set(shown.map((u) => u.id));
  const byParent = new Map<string | null, U[]>();
  for (const u of shown) {
    const parent = u.supervisorId && ids.has(u.supervisorId) && u.supervisorId !== u.id ? u.supervisorId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const placed = new Set<string>();
  const build = (u: U): OrgNode<U> => {
    placed.add(u.id);
    const reports = (byParent.get(u.id) ?? []).filter((r) => !placed.has(r.id)).sort(compare);
    return { user: u, reports: reports.map(build) };
  };
  const roots = (byParent.get(null) ?? []).sort(compare).map(build);
  // Users on a loop have no root above them: show each loop from its first member.
  for (const u of [...shown].sort(compare)) if (!placed.has(u.id)) roots.push(build(u));
  return roots;
}

/** Everyone below `id` in the reporting line: none of them may become id's supervisor (a loop). */
export function reportsBelow(users: OrgUser[], id: string): Set<string> {
  const below = new Set<string>();
  const queue = [id];
  while (queue.length) {
    const current = queue.shift()!;
    for (const u of users) {
      if (u.supervisorId === current && !below.has(u.id) && u.id !== id) {
        below.add(u.id);
        queue.push(u.id);
      }
    }
  }
  return below;
}
