import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CLAUSE_TEXTS } from '../src/access/duty-clause-texts';
import { DUTY_CLAUSES } from '../src/access/duty-clauses';
import { DUTY_MATRIX } from '../src/access/duty-matrix';

/**
 * The duty rules as versioned data (SPEC §12): each approved version keeps its clause catalogue
 * (with the clauses' texts) and its matrix; the version in force at an instant is the last one whose
 * effective_from has come. Version 1 is the matrix this release ships. Every new version notifies
 * the channel `duty_policy` so that each app instance re-reads the versions within a second. The
 * audit log records the version each decision was made under.
 */
export class DutyPolicy1765584000000 implements MigrationInterface {
  name = 'DutyPolicy1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_versions (
        version integer PRIMARY KEY CHECK (version >= 1),
        effective_from timestamptz NOT NULL,
        approved_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        approved_at timestamptz NOT NULL DEFAULT now(),
        title varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE duty_version_clauses (
        version integer NOT NULL REFERENCES duty_versions(version) ON DELETE RESTRICT,
        id varchar(16) NOT NULL,
        rule varchar(8) NOT NULL CHECK (rule IN ('MKT','SAL','KA')),
        article integer NOT NULL CHECK (article >= 1),
        item integer CHECK (item IS NULL OR item >= 1),
        department varchar(20) NOT NULL,
        role varchar(40),
        summary varchar(200) NOT NULL,
        text varchar(2000) NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (version, id)
      )`);
    await q.query(`
      CREATE TABLE duty_version_grants (
        version integer NOT NULL REFERENCES duty_versions(version) ON DELETE RESTRICT,
        permission varchar(64) NOT NULL,
        role varchar(40) NOT NULL,
        scope varchar(16) NOT NULL CHECK (scope IN ('own','team','department','all')),
        clauses jsonb NOT NULL CHECK (jsonb_typeof(clauses) = 'array'),
        note varchar(1000),
        grant_constraint varchar(40),
        position integer NOT NULL,
        PRIMARY KEY (version, permission, role)
      )`);
    await q.query(`
      CREATE FUNCTION duty_policy_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('duty_policy', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER duty_versions_notify AFTER INSERT ON duty_versions FOR EACH STATEMENT EXECUTE FUNCTION duty_policy_notify()`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN policy_version integer`);
    // revisions: drafted by a rule's drafting department, approved (into a new version) by the 总经理
    await q.query(`
      CREATE TABLE duty_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department varchar(20) NOT NULL CHECK (department IN ('market','key_account')),
        title varchar(200) NOT NULL,
        reason varchar(4000),
        base_version integer NOT NULL REFERENCES duty_versions(version) ON DELETE RESTRICT,
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
        status varchar(12) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','rejected','withdrawn')),
        drafted_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        submitted_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        decided_at timestamptz,
        decision_comment varchar(1000),
        effective_from timestamptz,
        resulting_version integer REFERENCES duty_versions(version) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (decided_by IS NULL OR decided_by <> drafted_by),
        CHECK ((status = 'approved') = (resulting_version IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX duty_revisions_list_idx ON duty_revisions (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX duty_revisions_status_idx ON duty_revisions (status, submitted_at)`);
    await q.query(`ALTER TABLE duty_versions ADD COLUMN revision_id uuid REFERENCES duty_revisions(id) ON DELETE RESTRICT`);

    // version 1: the release's matrix, in force from the beginning
    await q.query(`INSERT INTO duty_versions (version, effective_from, title) VALUES (1, 'epoch', '初始版本（随系统发布）')`);
    const clauses: unknown[] = [];
    DUTY_CLAUSES.forEach((c, i) => clauses.push({ ...c, text: CLAUSE_TEXTS[c.id] ?? c.summary, position: i }));
    await q.query(
      `INSERT INTO duty_version_clauses (version, id, rule, article, item, department, role, summary, text, position)
       SELECT 1, c.id, c.rule, c.article, c.item, c.department, c.role, c.summary, c.text, c.position
         FROM jsonb_to_recordset($1::jsonb) AS c(id varchar, rule varchar, article int, item int, department varchar, role varchar, summary varchar, text varchar, position int)`,
      [JSON.stringify(clauses)],
    );
    const grants: unknown[] = [];
    let position = 0;
    for (const e of DUTY_MATRIX) {
      for (const g of e.grants) grants.push({ permission: e.permission, role: g.role, scope: g.scope, clauses: g.clauses, note: g.note ?? null, grant_constraint: g.constraint ?? null, position: position++ });
    }
    await q.query(
      `INSERT INTO duty_version_grants (version, permission, role, scope, clauses, note, grant_constraint, position)
       SELECT 1, g.permission, g.role, g.scope, g.clauses, g.note, g.grant_constraint, g.position
         FROM jsonb_to_recordset($1::jsonb) AS g(permission varchar, role varchar, scope varchar, clauses jsonb, note varchar, grant_constraint varchar, position int)`,
      [JSON.stringify(grants)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN policy_version`);
    await q.query(`ALTER TABLE duty_versions DROP COLUMN revision_id`);
    await q.query(`DROP TABLE duty_revisions`);
    await q.query(`DROP TABLE duty_version_grants`);
    await q.query(`DROP TABLE duty_version_clauses`);
    await q.query(`DROP TABLE duty_versions`);
    await q.query(`DROP FUNCTION duty_policy_notify()`);
  }
}
