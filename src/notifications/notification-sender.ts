import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/configuration';
import { APP_CONFIG } from '../app.tokens';
import { postWebhook, sendEmail } from './channels';
import { backoffMs, type Channel, type NotificationKind, type Outgoing } from './notification-messages';
import { OutboxService } from './outbox.service';

/** A claimed row: what the sender needs to send it and to record the outcome. */
interface Claimed {
  id: string;
  attempts: number;
  max_attempts: number;
  channel: Channel;
  address: string | null;
  event_kind: NotificationKind;
  subject: string;
  body: string;
  payload: { path?: string; title?: string; recipientName?: string };
  recipient_active: boolean;
}

export interface DrainSummary {
  sent: number;
  retrying: number;
  failed: number;
}

/** Rows claimed per round trip. */
const BATCH = 10;
/** At most this many rows per run, so one run never holds the loop for long. */
const PER_RUN = 200;
export const INTERRUPTED = '发送中断：发送进程在记录结果前退出或超时（对方可能已收到，消息带有同一编号）';

/**
 * The outbox's sender (SPEC §14). A run claims due rows with `FOR UPDATE SKIP LOCKED` — two
 * instances never take the same row — marking each `sending` with a lease and writing its attempt
 * row, and commits; then it sends each one outside any transaction and records the outcome in one
 * transaction: `sent`, or back to `pending` with an exponential backoff, or `failed` after the row's
 * last attempt. A process that dies after the claim leaves the row `sending`; when the lease runs out
 * another run takes it again and the unfinished attempt is closed as interrupted. The lease is
 * longer than a send can take, so a live sender never loses its row to another.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  readonly instance = `${hostname()}:${process.pid}`.slice(0, 120);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DrainSummary> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** How long a claim holds a row: two sends' time limits and some. */
  get leaseMs(): number {
    return this.config.notify.timeoutMs * 2 + 5_000;
  }

  /** Whether this instance runs the sender: scheduled work on, and a channel to send through. */
  get enabled(): boolean {
    return this.config.schedulerEnabled && this.outbox.channels().length > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.logger.log(`通知发送已启动：渠道 ${this.outbox.channels().join('、')}，每 ${this.config.notify.intervalMs} 毫秒检查一次`);
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.drain()
        .catch((err: unknown) => this.logger.error(`通知发送出错：${(err as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.config.notify.intervalMs);
    this.timer.unref();
  }

  /** Sends what is due now (one run at a time in this process; other instances skip the rows it holds). */
  drain(): Promise<DrainSummary> {
    this.running ??= this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drainOnce(): Promise<DrainSummary> {
    const summary: DrainSummary = { sent: 0, retrying: 0, failed: 0 };
    for (let done = 0; done < PER_RUN && !this.stopped; ) {
      const batch = await this.claim(Math.min(BATCH, PER_RUN - done));
      if (!batch.length) break;
      done += batch.length;
      for (const row of batch) summary[await this.deliver(row)] += 1;
    }
    return summary;
  }

  /** Takes up to `limit` due rows (pending and due, or sending with a lapsed lease), in one short transaction. */
  private async claim(limit: number): Promise<Claimed[]> {
    return this.ds.transaction(async (m) => {
      // a lapsed lease on the row's last attempt: nothing left to try
      const [exhausted]: [{ id: string }[], number] = await m.query(
        `UPDATE notification_outbox SET status = 'failed', lease_until = NULL, last_error = $1
         WHERE status = 'sending' AND lease_until < now() AND attempts >= max_attempts RETURNING id`,
        [INTERRUPTED],
      );
      const [claimed]: [Claimed[], number] = await m.query(
        `WITH due AS (
           SELECT id FROM notification_outbox
           WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now())
           ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE notification_outbox o SET status = 'sending', attempts = o.attempts + 1, lease_until = clock_timestamp() + $2 * interval '1 millisecond'
         FROM due, users u WHERE o.id = due.id AND u.id = o.recipient_id
         RETURNING o.id, o.attempts, o.max_attempts, o.channel, o.address, o.event_kind, o.subject, o.body, o.payload, u.active AS recipient_active`,
        [limit, this.leaseMs],
      );
      const ids = [...exhausted.map((r) => r.id), ...claimed.map((r) => r.id)];
      if (ids.length) {
        // an attempt still open on a row taken again was cut short
        await m.query(`UPDATE notification_attempts SET finished_at = clock_timestamp(), ok = false, error = $2 WHERE outbox_id = ANY($1::uuid[]) AND finished_at IS NULL`, [ids, INTERRUPTED]);
      }
      if (claimed.length) {
        await m.query(`INSERT INTO notification_attempts (outbox_id, attempt, instance) SELECT unnest($1::uuid[]), unnest($2::int[]), $3`, [
          claimed.map((r) => r.id),
          claimed.map((r) => r.attempts),
          this.instance,
        ]);
      }
      return claimed;
    });
  }

  /** Sends one claimed row and records what came of it. */
  private async deliver(row: Claimed): Promise<keyof DrainSummary> {
    const notify = this.config.notify;
    const out: Outgoing = {
      id: row.id,
      kind: row.event_kind,
      subject: row.subject,
      body: row.body,
      recipientName: row.payload.recipientName ?? '',
      title: row.payload.title ?? row.subject,
      link: notify.publicUrl && row.payload.path ? `${notify.publicUrl}${row.payload.path}` : null,
    };
    let response: string;
    try {
      if (!row.recipient_active) return await this.finish(row, { ok: false, error: '收件人已停用，不再发送', final: true });
      response = row.channel === 'email' ? await sendEmail(notify, row.address!, out) : await postWebhook(notify, out);
    } catch (err) {
      const error = ((err as Error).message ?? String(err)).slice(0, 1000);
      this.logger.warn(`通知 ${row.id}（${row.channel}）第 ${row.attempts} 次发送失败：${error}`);
      return this.finish(row, { ok: false, error, final: false });
    }
    return this.finish(row, { ok: true, response });
  }

  /** The outcome, in one transaction: the row's new state and its attempt row together. */
  private async finish(row: Claimed, r: { ok: true; response: string } | { ok: false; error: string; final: boolean }): Promise<keyof DrainSummary> {
    return this.ds.transaction(async (m) => {
      let outcome: keyof DrainSummary;
      // only while the claim is still this run's (same attempt, still sending)
      const mine = `id = $1 AND status = 'sending' AND attempts = $2`;
      if (r.ok) {
        await m.query(`UPDATE notification_outbox SET status = 'sent', sent_at = clock_timestamp(), lease_until = NULL, last_error = NULL WHERE ${mine}`, [row.id, row.attempts]);
        outcome = 'sent';
      } else {
        const failed = r.final || row.attempts >= row.max_attempts;
        await m.query(
          `UPDATE notification_outbox SET status = $3::varchar, lease_until = NULL, last_error = $4,
             next_attempt_at = CASE WHEN $3::varchar = 'pending' THEN clock_timestamp() + $5 * interval '1 millisecond' ELSE next_attempt_at END
           WHERE ${mine}`,
          [row.id, row.attempts, failed ? 'failed' : 'pending', r.error, backoffMs(row.attempts, this.config.notify.retryBaseMs)],
        );
        outcome = failed ? 'failed' : 'retrying';
      }
      await m.query(
        `UPDATE notification_attempts SET finished_at = clock_timestamp(), ok = $3, response = $4, error = $5 WHERE outbox_id = $1 AND attempt = $2 AND finished_at IS NULL`,
        [row.id, row.attempts, r.ok, r.ok ? r.response : null, r.ok ? null : r.error],
      );
      return outcome;
    });
  }
}
