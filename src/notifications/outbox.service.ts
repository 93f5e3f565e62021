import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import { APP_CONFIG } from '../app.tokens';
import { composeMessage, type Channel, type NotificationKind } from './notification-messages';

interface TaskRow {
  id: string;
  kind: string;
  title: string;
  entity: string | null;
  entity_id: string | null;
  cause_key: string;
  due_at: Date | null;
  user_id: string;
  display_name: string;
  email: string | null;
  active: boolean;
  email_enabled: boolean;
  webhook_enabled: boolean;
  disabled_kinds: NotificationKind[];
}

/**
 * The transactional outbox (SPEC §14). `enqueueTasks` runs inside the transaction that made the
 * tasks — a workflow step or a job run — so the messages commit or roll back with the event. One
 * row per recipient and channel; the unique (event, recipient, channel) key makes a repeated event
 * (a job re-run, a replayed request) add nothing. What is not to be sent is not written at all: a
 * channel the server has no URL for, a channel or a kind of event the recipient switched off, an
 * e-mail to a user without an address.
 */
@Injectable()
export class OutboxService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The channels this server can send through. */
  channels(): Channel[] {
    const out: Channel[] = [];
    if (this.config.notify.smtpUrl) out.push('email');
    if (this.config.notify.webhookUrl) out.push('webhook');
    return out;
  }

  /** Writes the messages of the tasks `taskIds` (just created in `m`'s transaction); returns how many were new. */
  async enqueueTasks(m: EntityManager, taskIds: readonly string[]): Promise<number> {
    const channels = this.channels();
    if (!channels.length || !taskIds.length) return 0;
    const tasks: TaskRow[] = await m.query(
      `SELECT t.id, t.kind, t.title, t.entity, t.entity_id, t.cause_key, t.due_at,
              u.id AS user_id, u.display_name, u.email, u.active,
              COALESCE(s.email_enabled, true) AS email_enabled, COALESCE(s.webhook_enabled, true) AS webhook_enabled,
              COALESCE(s.disabled_kinds, '{}') AS disabled_kinds
       FROM tasks t JOIN users u ON u.id = t.assignee_id LEFT JOIN notification_settings s ON s.user_id = u.id
       WHERE t.id = ANY($1::uuid[])`,
      [[...new Set(taskIds)]],
    );
    const { businessTz: tz, notify } = this.config;
    const rows: Record<string, unknown>[] = [];
    for (const t of tasks) {
      if (!t.active) continue;
      const msg = composeMessage(
        { taskKind: t.kind, title: t.title, entity: t.entity, entityId: t.entity_id, dueAt: t.due_at, recipientName: t.display_name },
        { tz, publicUrl: notify.publicUrl },
      );
      if (t.disabled_kinds.includes(msg.kind)) continue;
      const payload = { taskId: t.id, taskKind: t.kind, entity: t.entity, entityId: t.entity_id, path: msg.path, title: t.title, recipientName: t.display_name };
      const base = { event_kind: msg.kind, event_key: `task:${t.cause_key}`, source_kind: t.kind, task_id: t.id, recipient_id: t.user_id, subject: msg.subject, body: msg.body, payload, max_attempts: notify.maxAttempts };
      if (channels.includes('email') && t.email_enabled && t.email) rows.push({ ...base, channel: 'email', address: t.email });
      if (channels.includes('webhook') && t.webhook_enabled) rows.push({ ...base, channel: 'webhook', address: null });
    }
    if (!rows.length) return 0;
    const inserted: unknown[] = await m.query(
      `INSERT INTO notification_outbox (event_kind, event_key, source_kind, task_id, recipient_id, channel, address, subject, body, payload, max_attempts)
       SELECT event_kind, event_key, source_kind, task_id, recipient_id, channel, address, subject, body, payload, max_attempts
       FROM jsonb_to_recordset($1::jsonb) AS x(event_kind varchar, event_key varchar, source_kind varchar, task_id uuid, recipient_id uuid,
            channel varchar, address varchar, subject varchar, body varchar, payload jsonb, max_attempts int)
       ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }
}
