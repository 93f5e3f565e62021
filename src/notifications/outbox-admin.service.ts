import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { APP_CONFIG } from '../app.tokens';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { sortColumn, type Page } from '../common/pagination';
import { DATE_ONLY, toInstant } from '../common/time';
import type { ListOutboxQueryDto, NotificationStatusDto, OutboxDetailDto, OutboxItemDto } from './dto/notification.dto';
import { NotificationSender } from './notification-sender';
import { NotificationsErrors } from './notifications.errors';
import { OutboxService } from './outbox.service';

const SORTABLE: Record<string, string> = { createdAt: 'o.created_at', nextAttemptAt: 'o.next_attempt_at', attempts: 'o.attempts', sentAt: 'o.sent_at' };
const COLUMNS = `o.id, o.event_kind, o.source_kind, o.event_key, o.recipient_id, u.display_name AS recipient_name, o.channel, o.address,
  o.status, o.attempts, o.max_attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at`;
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function toItem(r: Record<string, any>): OutboxItemDto {
  return {
    id: r.id,
    eventKind: r.event_kind,
    sourceKind: r.source_kind,
    eventKey: r.event_key,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    channel: r.channel,
    address: r.address,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  };
}

/** Only what can be shown of a URL: scheme, host and port — never a user name, password, path or key. */
function hostOf(url: string | null, withScheme: boolean): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return withScheme ? `${u.protocol}//${u.host}` : u.host;
  } catch {
    return null;
  }
}

/**
 * 通知发件箱 for the administrator: every message with its attempts, and sending a failed one again.
 * What a message says (customer, contract, amount) is business data, which the administrator never
 * reads (SPEC §3): the page shows its kind, recipient, channel and delivery, not its subject or text.
 */
@Injectable()
export class OutboxAdminService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly sender: NotificationSender,
  ) {}

  async list(q: ListOutboxQueryDto): Promise<Page<OutboxItemDto>> {
    const tz = this.config.businessTz;
    const params: unknown[] = [];
    const where = ['TRUE'];
    if (q.status) where.push(`o.status = $${params.push(q.status)}`);
    if (q.kind) where.push(`o.event_kind = $${params.push(q.kind)}`);
    if (q.channel) where.push(`o.channel = $${params.push(q.channel)}`);
    if (q.recipientId) where.push(`o.recipient_id = $${params.push(q.recipientId)}`);
    if (q.from) where.push(`o.created_at >= $${params.push(toInstant(q.from, tz))}`);
    if (q.to) where.push(`o.created_at < $${params.push(DATE_ONLY.test(q.to) ? toInstant(nextDay(q.to), tz) : new Date(q.to))}`);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { column, dir } = sortColumn(q.sort ?? '-createdAt', SORTABLE);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM notification_outbox o WHERE ${where.join(' AND ')}`, params);
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM notification_outbox o JOIN users u ON u.id = o.recipient_id WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${dir} NULLS LAST, o.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(toItem), total, totalExact: true, page, pageSize };
  }

  async get(id: string): Promise<OutboxDetailDto> {
    const [r] = await this.ds.query(
      `SELECT ${COLUMNS}, o.payload, o.task_id, o.lease_until FROM notification_outbox o JOIN users u ON u.id = o.recipient_id WHERE o.id = $1`,
      [id],
    );
    if (!r) throw CommonErrors.notFound('通知');
    const attempts: Record<string, any>[] = await this.ds.query(
      `SELECT attempt, instance, started_at, finished_at, ok, response, error FROM notification_attempts WHERE outbox_id = $1 ORDER BY attempt`,
      [id],
    );
    return {
      ...toItem(r),
      path: r.payload?.path ?? '/tasks',
      taskId: r.task_id,
      leaseUntil: iso(r.lease_until),
      history: attempts.map((a) => ({
        attempt: a.attempt,
        instance: a.instance,
        startedAt: iso(a.started_at)!,
        finishedAt: iso(a.finished_at),
        ok: a.ok,
        response: a.response,
        error: a.error,
      })),
    };
  }

  /** 重新发送: a failed message back to pending, due now, with the configured number of attempts more. */
  async retry(actor: Actor, id: string): Promise<OutboxDetailDto> {
    await this.ds.transaction(async (m) => {
      const [row]: { status: string; attempts: number; max_attempts: number }[] = await m.query(
        `SELECT status, attempts, max_attempts FROM notification_outbox WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw CommonErrors.notFound('通知');
      if (row.status !== 'failed') throw NotificationsErrors.notFailed(row.status);
      const maxAttempts = row.attempts + this.config.notify.maxAttempts;
      await m.query(`UPDATE notification_outbox SET status = 'pending', next_attempt_at = now(), max_attempts = $2 WHERE id = $1`, [id, maxAttempts]);
      await this.audit.record(m, actor, {
        action: 'notification.retry',
        entity: 'notification',
        entityId: id,
        before: { status: row.status, attempts: row.attempts, maxAttempts: row.max_attempts },
        after: { status: 'pending', attempts: row.attempts, maxAttempts },
      });
    });
    return this.get(id);
  }

  async status(): Promise<NotificationStatusDto> {
    const n = this.config.notify;
    const rows: { status: string; n: number }[] = await this.ds.query(`SELECT status, count(*)::int AS n FROM notification_outbox GROUP BY status`);
    const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    const channels = this.outbox.channels();
    return {
      emailConfigured: channels.includes('email'),
      smtpServer: hostOf(n.smtpUrl, true),
      smtpFrom: n.smtpUrl ? n.smtpFrom : null,
      webhookConfigured: channels.includes('webhook'),
      webhookKind: n.webhookKind,
      webhookHost: hostOf(n.webhookUrl, false),
      senderEnabled: this.sender.enabled,
      intervalMs: n.intervalMs,
      maxAttempts: n.maxAttempts,
      retryBaseMs: n.retryBaseMs,
      timeoutMs: n.timeoutMs,
      counts: { pending: count('pending'), sending: count('sending'), sent: count('sent'), failed: count('failed') },
    };
  }
}
