import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 部门会议记录 (SAL-8.6): minutes recorded by the 助理 — attendees, decisions and action items that
 * become 交办事项 of the chair when the minutes are published (the assignment points back to its
 * meeting). 培训 (MKT-4.4, MKT-5.7, SAL-5.5, KA-4.7): sessions organised by a 经理 or 主管 for the
 * people within their reach, with each attendee's attendance, score and feedback.
 */
export class MeetingsTrainings1765411200000 implements MigrationInterface {
  name = 'MeetingsTrainings1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department varchar(20) NOT NULL CHECK (department IN ('market','sales','key_account')),
        recorder_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        chair_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        title varchar(200) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('regular','topic','other')),
        held_at timestamptz NOT NULL,
        location varchar(200),
        agenda varchar(4000),
        minutes varchar(20000),
        decisions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(decisions) = 'array'),
        status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        published_at timestamptz,
        published_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'published') = (published_at IS NOT NULL AND published_by IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX meetings_department_idx ON meetings (department, held_at DESC, id DESC)`);
    await q.query(`CREATE INDEX meetings_recorder_idx ON meetings (recorder_id)`);
    await q.query(`CREATE INDEX meetings_chair_idx ON meetings (chair_id, held_at DESC)`);
    await q.query(`CREATE INDEX meetings_published_by_idx ON meetings (published_by) WHERE published_by IS NOT NULL`);
    await q.query(`CREATE INDEX meetings_held_idx ON meetings (held_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE meeting_attendees (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_attendees_user_idx ON meeting_attendees (user_id, meeting_id)`);

    await q.query(`
      CREATE TABLE meeting_action_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 30),
        title varchar(200) NOT NULL,
        assignee_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        due_at timestamptz NOT NULL,
        due_date date NOT NULL,
        priority varchar(10) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high','urgent')),
        assignment_id uuid UNIQUE REFERENCES assignments(id) ON DELETE RESTRICT,
        UNIQUE (meeting_id, seq)
      )`);
    await q.query(`CREATE INDEX meeting_action_items_assignee_idx ON meeting_action_items (assignee_id)`);

    // an assignment may point back to the meeting whose action item it is
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_entity_check`);
    await q.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_entity_check CHECK (entity IN ('customer','prospect','contract','complaint','visit','meeting'))`);

    await q.query(`
      CREATE TABLE trainings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organiser_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        department varchar(20) NOT NULL CHECK (department IN ('market','sales','key_account')),
        title varchar(200) NOT NULL,
        kind varchar(12) NOT NULL CHECK (kind IN ('onboarding','business')),
        trainer_name varchar(100) NOT NULL,
        held_at timestamptz NOT NULL,
        hours numeric(4,1) NOT NULL CHECK (hours > 0 AND hours <= 100),
        material varchar(10000),
        material_links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(material_links) = 'array'),
        status varchar(10) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','evaluated','cancelled')),
        held_recorded_at timestamptz,
        assessment varchar(4000),
        evaluated_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        evaluated_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason varchar(1000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'evaluated') = (assessment IS NOT NULL AND evaluated_at IS NOT NULL)),
        CHECK ((status IN ('held','evaluated')) = (held_recorded_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX trainings_department_idx ON trainings (department, held_at DESC, id DESC)`);
    await q.query(`CREATE INDEX trainings_organiser_idx ON trainings (organiser_id, held_at DESC)`);
    await q.query(`CREATE INDEX trainings_evaluated_by_idx ON trainings (evaluated_by) WHERE evaluated_by IS NOT NULL`);
    await q.query(`CREATE INDEX trainings_held_idx ON trainings (held_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE training_attendees (
        training_id uuid NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        attended boolean,
        score smallint CHECK (score BETWEEN 0 AND 100),
        feedback varchar(1000),
        PRIMARY KEY (training_id, user_id),
        CHECK (score IS NULL OR attended)
      )`);
    await q.query(`CREATE INDEX training_attendees_user_idx ON training_attendees (user_id, training_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_attendees`);
    await q.query(`DROP TABLE trainings`);
    await q.query(`DROP TABLE meeting_action_items`);
    await q.query(`DROP TABLE meeting_attendees`);
    await q.query(`DROP TABLE meetings`);
    await q.query(`UPDATE assignments SET entity = NULL, entity_id = NULL WHERE entity = 'meeting'`);
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_entity_check`);
    await q.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_entity_check CHECK (entity IN ('customer','prospect','contract','complaint','visit'))`);
  }
}
