import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ListOutboxQueryDto, NotificationSettingsDto, NotificationStatusDto, OutboxDetailDto, OutboxItemDto, UpdateNotificationSettingsDto } from './dto/notification.dto';
import { NotificationSettingsService } from './notification-settings.service';
import { OutboxAdminService } from './outbox-admin.service';

/** 通知设置: every signed-in user's own. */
@ApiTags('notifications 通知')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @SignedIn()
  @ApiOkResponse({ type: NotificationSettingsDto, description: '调用者自己的通知设置（从未保存时全部开启）' })
  get(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Put()
  @SignedIn()
  @ApiOkResponse({ type: NotificationSettingsDto, description: '整体替换调用者自己的通知设置' })
  put(@CurrentActor() actor: Actor, @Body() dto: UpdateNotificationSettingsDto) {
    return this.settings.put(actor, dto);
  }
}

/** 通知发件箱 (admin): the outbox with its attempts; a failed message can be sent again. */
@ApiTags('notifications 通知')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('notifications')
export class NotificationOutboxController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @Get('status')
  @RequirePermission('notification.manage')
  @ApiOkResponse({ type: NotificationStatusDto, description: '渠道配置（不含密钥）、发送参数与各状态的条数' })
  status() {
    return this.outbox.status();
  }

  @Get('outbox')
  @RequirePermission('notification.manage')
  @ApiOkResponse({ type: PageDto(OutboxItemDto) })
  list(@Query() query: ListOutboxQueryDto) {
    return this.outbox.list(query);
  }

  @Get('outbox/:id')
  @RequirePermission('notification.manage')
  @ApiOkResponse({ type: OutboxDetailDto })
  get(@Param('id', uuidParam) id: string) {
    return this.outbox.get(id);
  }

  @Post('outbox/:id/retry')
  @HttpCode(200)
  @RequirePermission('notification.manage')
  @ApiOkResponse({ type: OutboxDetailDto, description: '发送失败的通知回到待发送，立即可发；其他状态为 409' })
  retry(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.outbox.retry(actor, id);
  }
}
