import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { NotificationKindsDto, NotificationSettingsDto, UpdateNotificationSettingsDto } from './dto/notification.dto';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-messages';
import { OutboxService } from './outbox.service';

interface SettingsRow {
  email_enabled: boolean;
  webhook_enabled: boolean;
  disabled_kinds: NotificationKind[];
  updated_at: Date;
}

/** 通知设置 (SPEC §14): each user's own channels and kinds of event; everything on until switched off. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async get(actor: Actor): Promise<NotificationSettingsDto> {
    return this.read(this.ds.manager, actor.id);
  }

  /** Replaces the caller's settings; audited with before and after. */
  async put(actor: Actor, dto: UpdateNotificationSettingsDto): Promise<NotificationSettingsDto> {
    const disabled = NOTIFICATION_KINDS.filter((k) => !dto.kinds[k]);
    return this.ds.transaction(async (m) => {
      const before = await this.read(m, actor.id);
      await m.query(
        `INSERT INTO notification_settings (user_id, email_enabled, webhook_enabled, disabled_kinds) VALUES ($1, $2, $3, $4::varchar(20)[])
         ON CONFLICT (user_id) DO UPDATE SET email_enabled = EXCLUDED.email_enabled, webhook_enabled = EXCLUDED.webhook_enabled,
           disabled_kinds = EXCLUDED.disabled_kinds, updated_at = now()`,
        [actor.id, dto.emailEnabled, dto.webhookEnabled, disabled],
      );
      const after = await this.read(m, actor.id);
      const snapshot = (s: NotificationSettingsDto) => ({ emailEnabled: s.emailEnabled, webhookEnabled: s.webhookEnabled, kinds: s.kinds });
      await this.audit.record(m, actor, { action: 'notification-settings.update', entity: 'user', entityId: actor.id, before: snapshot(before), after: snapshot(after) });
      return after;
    });
  }

  private async read(m: EntityManager, userId: string): Promise<NotificationSettingsDto> {
    const [row]: (SettingsRow | undefined)[] = await m.query(
      `SELECT email_enabled, webhook_enabled, disabled_kinds, updated_at FROM notification_settings WHERE user_id = $1`,
      [userId],
    );
    const [user]: { email: string | null }[] = await m.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    const channels = this.outbox.channels();
    const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, !(row?.disabled_kinds ?? []).includes(k)])) as unknown as NotificationKindsDto;
    return {
      emailEnabled: row?.email_enabled ?? true,
      webhookEnabled: row?.webhook_enabled ?? true,
      kinds,
      email: user?.email ?? null,
      available: { email: channels.includes('email'), webhook: channels.includes('webhook') },
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  }
}
