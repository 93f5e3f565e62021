import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOrTimestamp } from '../../common/time';
import { CHANNELS, NOTIFICATION_KINDS, OUTBOX_STATUSES, type Channel, type NotificationKind, type OutboxStatus } from '../notification-messages';

const bool = (field: string) => IsBoolean({ message: `${field} 必须是布尔值` });

/** One switch per kind of event; on unless switched off. */
export class NotificationKindsDto {
  @ApiProperty({ description: '待审批（合同、大客户等级、调查报告、制度修订）' }) @bool('kinds.approval') approval: boolean;
  @ApiProperty({ description: '应收款到期提醒、逾期催收与逾期上报' }) @bool('kinds.overdue') overdue: boolean;
  @ApiProperty({ description: '投诉分派与超时升级' }) @bool('kinds.complaint') complaint: boolean;
  @ApiProperty({ description: '交办事项：交办、退回、到期与逾期' }) @bool('kinds.assignment') assignment: boolean;
  @ApiProperty({ description: '其他待办（合同签订、回访到期、培训邀请等）' }) @bool('kinds.task') task: boolean;
}

/** `PUT /me/notification-settings`: the whole setting at once (idempotent). */
export class UpdateNotificationSettingsDto {
  @ApiProperty({ description: '接收邮件通知' }) @bool('emailEnabled') emailEnabled: boolean;
  @ApiProperty({ description: '接收群机器人（Webhook）通知' }) @bool('webhookEnabled') webhookEnabled: boolean;
  @ApiProperty({ type: NotificationKindsDto })
  @IsDefined({ message: 'kinds 不能为空' })
  @ValidateNested()
  @Type(() => NotificationKindsDto)
  kinds: NotificationKindsDto;
}

export class NotificationChannelsDto {
  @ApiProperty({ description: '服务器已配置邮件（SMTP_URL）' }) email: boolean;
  @ApiProperty({ description: '服务器已配置群机器人（NOTIFY_WEBHOOK_URL）' }) webhook: boolean;
}

export class NotificationSettingsDto {
  @ApiProperty() emailEnabled: boolean;
  @ApiProperty() webhookEnabled: boolean;
  @ApiProperty({ type: NotificationKindsDto }) kinds: NotificationKindsDto;
  @ApiText({ nullable: true, example: 'zhang.wei@example.com', description: '接收邮件的地址（由系统管理员在用户管理中维护）；null 表示没有，邮件通知不会发出' }) email: string | null;
  @ApiProperty({ type: NotificationChannelsDto, description: '服务器能发出的渠道；未配置的渠道不发送' }) available: NotificationChannelsDto;
  @ApiTimestamp({ nullable: true, description: '上次保存的时间；null 表示从未修改（全部开启）' }) updatedAt: string | null;
}

export class ListOutboxQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @IsOptional() @IsIn(OUTBOX_STATUSES as unknown as string[], { message: `status 必须是 ${OUTBOX_STATUSES.join(', ')} 之一` }) status?: OutboxStatus;
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS }) @IsOptional() @IsIn(NOTIFICATION_KINDS as unknown as string[], { message: `kind 必须是 ${NOTIFICATION_KINDS.join(', ')} 之一` }) kind?: NotificationKind;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS as unknown as string[], { message: 'channel 必须是 email 或 webhook' }) channel?: Channel;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'recipientId 必须是 UUID' }) recipientId?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: '写入时间不早于（日期按业务时区的当天 0 点）' }) @IsOptional() @IsDateOrTimestamp('from') from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: '写入时间早于（日期含当天整天）' }) @IsOptional() @IsDateOrTimestamp('to') to?: string;
}

export class OutboxItemDto {
  @ApiId() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) eventKind: NotificationKind;
  @ApiProperty({ example: 'contract.approval', description: '来源待办的类型' }) sourceKind: string;
  @ApiProperty({ example: 'task:contract:…:r1:manager:…', description: '事件键；与收件人、渠道一起唯一' }) eventKey: string;
  @ApiId() recipientId: string;
  @ApiProperty({ example: '陈静' }) recipientName: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiText({ nullable: true, description: '邮件地址；群机器人为 null' }) address: string | null;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiInt({ description: '已尝试次数' }) attempts: number;
  @ApiInt({ description: '最多尝试次数（重新发送时增加）' }) maxAttempts: number;
  @ApiTimestamp({ nullable: true, description: '下次尝试时间（待发送时）' }) nextAttemptAt: string | null;
  @ApiText({ nullable: true }) lastError: string | null;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp({ nullable: true }) sentAt: string | null;
}

export class OutboxAttemptDto {
  @ApiInt() attempt: number;
  @ApiProperty({ example: 'app-1:4242', description: '发送它的实例（主机名:进程号）' }) instance: string;
  @ApiTimestamp() startedAt: string;
  @ApiTimestamp({ nullable: true, description: 'null：仍在发送' }) finishedAt: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null：仍在发送' }) ok: boolean | null;
  @ApiText({ nullable: true, description: '对方的应答（SMTP 应答或 HTTP 状态与正文）' }) response: string | null;
  @ApiText({ nullable: true }) error: string | null;
}

export class OutboxDetailDto extends OutboxItemDto {
  @ApiProperty({ example: '/approvals/contracts/…', description: '消息所指的控制台页面' }) path: string;
  @ApiId({ nullable: true }) taskId: string | null;
  @ApiTimestamp({ nullable: true, description: '发送中的租约到期时间' }) leaseUntil: string | null;
  @ApiProperty({ type: [OutboxAttemptDto], description: '每一次尝试，按先后' }) history: OutboxAttemptDto[];
}

export class OutboxCountsDto {
  @ApiInt() pending: number;
  @ApiInt() sending: number;
  @ApiInt() sent: number;
  @ApiInt() failed: number;
}

export class NotificationStatusDto {
  @ApiProperty({ description: '已配置邮件（SMTP_URL）' }) emailConfigured: boolean;
  @ApiText({ nullable: true, example: 'smtp://mail.example.com:587', description: '邮件服务器（不含账号密码）' }) smtpServer: string | null;
  @ApiText({ nullable: true }) smtpFrom: string | null;
  @ApiProperty({ description: '已配置群机器人（NOTIFY_WEBHOOK_URL）' }) webhookConfigured: boolean;
  @ApiProperty({ enum: ['wecom', 'dingtalk'] }) webhookKind: 'wecom' | 'dingtalk';
  @ApiText({ nullable: true, example: 'qyapi.weixin.qq.com', description: '群机器人的主机名（地址中的密钥不显示）' }) webhookHost: string | null;
  @ApiProperty({ description: '本实例在发送（SCHEDULER=on 且至少配置了一个渠道）' }) senderEnabled: boolean;
  @ApiInt() intervalMs: number;
  @ApiInt() maxAttempts: number;
  @ApiInt() retryBaseMs: number;
  @ApiInt() timeoutMs: number;
  @ApiProperty({ type: OutboxCountsDto }) counts: OutboxCountsDto;
}
