import { EntityManager } from 'typeorm';
import { CommonErrors } from '../common/app-error';

/**
 * `UPDATE <table> SET … , version = version + 1 WHERE id = $id AND version = $version`, with the
 * affected-row count checked: a stale version is a 409, never a silent overwrite (SPEC §9).
 * `set` maps column names (trusted, from code) to values.
 */
export async function updateVersioned(
  m: EntityManager,
  table: string,
  id: string,
  version: number,
  set: Record<string, unknown>,
  extraAssignments: string[] = [],
): Promise<void> {
  const cols = Object.keys(set);
  const assignments = [...cols.map((c, i) => `${c} = $${i + 3}`), ...extraAssignments, 'version = version + 1', 'updated_at = now()'];
  const [, count]: [unknown, number] = await m.query(
    `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1 AND version = $2`,
    [id, version, ...cols.map((c) => set[c])],
  );
  if (count !== 1) throw CommonErrors.staleVersion();
}
