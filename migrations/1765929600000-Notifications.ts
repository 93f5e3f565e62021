import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (SPEC §14) through a transactional outbox: a task, an approval request, an overdue
 * alert or a 交办事项 writes its messages — one per recipient and channel (e-mail, group-robot
 * webhook) — in the transaction of the event itself; a sender claims due rows, sends them and
 * records every attempt. The unique (event, recipient, channel) key keeps one message per event.
 * Users get an optional e-mail address, and each user's preferences (channels and kinds of event).
 */
export class Notifications1765929600000 implements MigrationInterface {
  name = 'Notifications1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email varchar(254) CHECK (email ~ '^[^@\\s]+@[^@\\s]+$')`);

    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        email_enabled boolean NOT NULL DEFAULT true,
        webhook_enabled boolean NOT NULL DEFAULT true,
        disabled_kinds varchar(20)[] NOT NULL DEFAULT '{}'
          CHECK (disabled_kinds <@ ARRAY['approval','overdue','complaint','assignment','task']::varchar(20)[]),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_kind varchar(20) NOT NULL CHECK (event_kind IN ('approval','overdue','complaint','assignment','task')),
        event_key varchar(220) NOT NULL,
        source_kind varchar(40) NOT NULL,
        task_id uuid REFERENCES tasks(id) ON DELETE SET NULL,
        recipient_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        channel varchar(10) NOT NULL CHECK (channel IN ('email','webhook')),
        address varchar(254),
        subject varchar(300) NOT NULL,
        body varchar(4000) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(payload) = 'object'),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT notification_outbox_once UNIQUE (event_key, recipient_id, channel),
        CHECK ((channel = 'email') = (address IS NOT NULL)),
        CHECK ((status = 'sending') = (lease_until IS NOT NULL)),
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    // what the sender looks for: pending rows that are due, and claims whose lease ran out
    await q.query(`CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX notification_outbox_lease_idx ON notification_outbox (lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX notification_outbox_list_idx ON notification_outbox (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_outbox_status_idx ON notification_outbox (status, created_at DESC)`);
    await q.query(`CREATE INDEX notification_outbox_recipient_idx ON notification_outbox (recipient_id, created_at DESC)`);
    await q.query(`CREATE INDEX notification_outbox_task_idx ON notification_outbox (task_id) WHERE task_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE notification_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outbox_id uuid NOT NULL REFERENCES notification_outbox(id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt >= 1),
        instance varchar(120) NOT NULL,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        ok boolean,
        response varchar(500),
        error varchar(1000),
        UNIQUE (outbox_id, attempt),
        CHECK ((finished_at IS NULL) = (ok IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_attempts`);
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
