import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { DEPARTMENTS, type Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CHANNEL_KINDS, CHANNEL_STATUSES, PLAN_STATUSES, type ChannelKind, type ChannelStatus, type PlanStatus } from '../campaign-rules';

const KIND = `kind 必须是 ${CHANNEL_KINDS.join('、')} 之一（代理商、经销商、展会、网络、转介绍、其他）`;
const VERSION = '读取时的版本号；已被修改时为 409';

/** 新建渠道 (channel.manage): the caller owns it, in their department. */
export class CreateChannelDto {
  @ApiProperty({ example: '华东区域代理商联盟', maxLength: 100 }) @Text('name', 1, 100) name: string;
  @ApiProperty({ enum: CHANNEL_KINDS, description: 'agent 代理商；distributor 经销商；exhibition 展会；online 网络；referral 转介绍；other 其他' })
  @IsIn(CHANNEL_KINDS as unknown as string[], { message: KIND })
  kind: ChannelKind;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华东', maxLength: 50 }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, example: '覆盖江浙沪的十二家代理商' }) @OptionalText('description', 2000) description?: string | null;
}

/** PATCH by a holder of channel.manage in scope; `version` is the one read. */
export class UpdateChannelDto {
  @ApiProperty({ description: VERSION }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @Text('name', 1, 100) name?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @Optional() @IsIn(CHANNEL_KINDS as unknown as string[], { message: KIND }) kind?: ChannelKind;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, description: 'null 清空' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'null 清空' }) @OptionalText('description', 2000) description?: string | null;
}

export class ListChannelsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '名称包含的文字' }) @IsOptional() @Text('q', 1, 100) q?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS as unknown as string[], { message: KIND }) kind?: ChannelKind;
  @ApiPropertyOptional({ enum: CHANNEL_STATUSES }) @IsOptional() @IsIn(CHANNEL_STATUSES as unknown as string[], { message: 'status 必须是 active 或 inactive' }) status?: ChannelStatus;
  @ApiPropertyOptional({ example: '华东' }) @IsOptional() @Text('region', 1, 50) region?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
}

export class ChannelDto {
  @ApiId() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind: ChannelKind;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true }) description: string | null;
  @ApiId({ description: '负责人（开设渠道的人）' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: DEPARTMENTS, description: '负责人所在部门（数据范围按此计算）' }) department: Department;
  @ApiProperty({ enum: CHANNEL_STATUSES }) status: ChannelStatus;
  @ApiTimestamp({ nullable: true }) deactivatedAt: string | null;
  @ApiInt({ description: '计划中的维护方案数' }) openPlans: number;
  @ApiInt({ description: '经此渠道登记的潜在客户数（按记录实时计算）' }) prospectCount: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

// ── 渠道维护方案 ──────────────────────────────────────────────────────────

/** 编制维护方案: for an active channel within the caller's channel.manage scope. */
export class CreatePlanDto {
  @ApiProperty({ example: '第四季度代理商走访与培训', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiProperty({ example: '2026-10-01', description: '方案期间第一天' }) @IsDateOnly('periodFrom') periodFrom: string;
  @ApiProperty({ example: '2026-12-31', description: '方案期间最后一天（不早于第一天）' }) @IsDateOnly('periodTo') periodTo: string;
  @ApiProperty({ example: '每月走访一次；十一月组织产品培训', maxLength: 4000, description: '维护措施' }) @Text('actions', 1, 4000) actions: string;
}

/** PATCH while the plan is planned; `version` is the plan's. */
export class UpdatePlanDto {
  @ApiProperty({ description: VERSION }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional({ example: '2026-10-01' }) @Optional() @IsDateOnly('periodFrom') periodFrom?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @Optional() @IsDateOnly('periodTo') periodTo?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @Optional() @Text('actions', 1, 4000) actions?: string;
}

/** 完成: what was done, always. */
export class CompletePlanDto {
  @ApiProperty({ example: '走访 12 家代理商，培训 30 人次', maxLength: 2000, description: '执行结果' }) @Text('result', 1, 2000) result: string;
}

/** 取消: an optional reason. */
export class CancelPlanDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @OptionalText('reason', 2000) reason?: string | null;
}

export class ListPlansQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: PLAN_STATUSES }) @IsOptional() @IsIn(PLAN_STATUSES as unknown as string[], { message: 'status 必须是 planned、done 或 cancelled' }) status?: PlanStatus;
}

export class ChannelPlanDto {
  @ApiId() id: string;
  @ApiId() channelId: string;
  @ApiProperty() title: string;
  @ApiDate() periodFrom: string;
  @ApiDate() periodTo: string;
  @ApiProperty({ description: '维护措施' }) actions: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiText({ nullable: true, description: '执行结果（完成时填写）' }) result: string | null;
  @ApiTimestamp({ nullable: true }) completedAt: string | null;
  @ApiId({ nullable: true }) completedBy: string | null;
  @ApiText({ nullable: true }) completedByName: string | null;
  @ApiTimestamp({ nullable: true }) cancelledAt: string | null;
  @ApiText({ nullable: true }) cancelReason: string | null;
  @ApiId() createdBy: string;
  @ApiProperty() createdByName: string;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
