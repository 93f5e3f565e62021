import { Global, Module } from '@nestjs/common';
import { NotificationOutboxController, NotificationSettingsController } from './notifications.controller';
import { NotificationSender } from './notification-sender';
import { NotificationSettingsService } from './notification-settings.service';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxService } from './outbox.service';

/** Notifications (SPEC §14). Global: the workflows and jobs that make tasks write to the outbox in their own transaction. */
@Global()
@Module({
  controllers: [NotificationSettingsController, NotificationOutboxController],
  providers: [OutboxService, NotificationSender, NotificationSettingsService, OutboxAdminService],
  exports: [OutboxService, NotificationSender],
})
export class NotificationsModule {}
