/** A numeric URL parameter, or undefined when it is absent (the API applies its default). */
export const num = (v: string | undefined): number | undefined => (v ? Number(v) : undefined);

/** The paging and sort parameters every list takes (SPEC §5), from the list's URL parameters. */
export function pageQuery(p: Record<string, string>): { page?: number; pageSize?: number; sort?: string } {
  return { page: num(p.page), pageSize: num(p.pageSize), sort: p.sort };
}
