import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DEPARTMENTS, type Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiRate, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../campaign-rules';

const VERSION = '读取时的版本号；已被修改时为 409';
/** 目标潜在客户数: a whole number from 0 to 1,000,000. */
const TargetProspects = () =>
  applyDecorators(IsInt({ message: 'targetProspects 必须是整数' }), Min(0, { message: 'targetProspects 最小为 0' }), Max(1_000_000, { message: 'targetProspects 最大为 1000000' }));

/** 推广活动方案 (campaign.manage): the planner owns it, in their department. */
export class CreateCampaignDto {
  @ApiProperty({ example: '2026 华东工业展推广', maxLength: 100 }) @Text('name', 1, 100) name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '经由的渠道：须是您可查阅的启用中的渠道（否则 422 CAMPAIGN_CHANNEL_UNAVAILABLE）' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId 必须是 UUID' })
  channelId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华东', maxLength: 50 }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '长三角的中型制造企业采购负责人', maxLength: 500, description: '目标受众' })
  @OptionalText('targetAudience', 500)
  targetAudience?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1_000_000, example: 30, description: '目标潜在客户数' })
  @IsOptional()
  @TargetProspects()
  targetProspects?: number | null;
  @ApiProperty({ example: '2026-11-01', description: '活动开始日期' }) @IsDateOnly('startDate') startDate: string;
  @ApiProperty({ example: '2026-11-30', description: '活动结束日期（不早于开始日期）' }) @IsDateOnly('endDate') endDate: string;
  @ApiProperty({ example: '50000.00', description: '预算（元），两位小数的字符串' }) @IsMoney('budget') budget: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12000.00', description: '实际费用（元），可在活动期间或结束时填写' })
  @IsOptional()
  @IsMoney('actualCost')
  actualCost?: string | null;
}

/** PATCH while planned or running; `version` is the one read; null clears an optional field. */
export class UpdateCampaignDto {
  @ApiProperty({ description: VERSION }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @Text('name', 1, 100) name?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null 清空' }) @IsOptional() @IsUUID('all', { message: 'channelId 必须是 UUID' }) channelId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 }) @OptionalText('targetAudience', 500) targetAudience?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1_000_000 }) @IsOptional() @TargetProspects() targetProspects?: number | null;
  @ApiPropertyOptional({ example: '2026-11-01' }) @Optional() @IsDateOnly('startDate') startDate?: string;
  @ApiPropertyOptional({ example: '2026-11-30' }) @Optional() @IsDateOnly('endDate') endDate?: string;
  @ApiPropertyOptional({ example: '50000.00' }) @Optional() @IsMoney('budget') budget?: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12000.00', description: 'null 清空' }) @IsOptional() @IsMoney('actualCost') actualCost?: string | null;
}

/** 结束: the 总结 is written by a person; the actual cost may be given here too. */
export class FinishCampaignDto {
  @ApiProperty({ example: '展会接待 60 家企业，登记潜在客户 25 家；下次提前两周邀约。', maxLength: 4000, description: '活动总结' })
  @Text('conclusion', 1, 4000)
  conclusion: string;
  @ApiPropertyOptional({ example: '12000.00', description: '实际费用（元）；不填时沿用已填写的' }) @Optional() @IsMoney('actualCost') actualCost?: string;
}

/** 取消 (before the campaign is finished): why, always. */
export class CancelCampaignDto {
  @ApiProperty({ example: '展会延期至明年', maxLength: 2000 }) @Text('reason', 1, 2000) reason: string;
}

export class ListCampaignsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '名称包含的文字' }) @IsOptional() @Text('q', 1, 100) q?: string;
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES as unknown as string[], { message: 'status 必须是 planned、running、finished 或 cancelled' }) status?: CampaignStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'channelId 必须是 UUID' }) channelId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ example: '华东' }) @IsOptional() @Text('region', 1, 50) region?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: '活动期间与 [periodFrom, periodTo] 有交集：结束日期不早于该日' }) @IsOptional() @IsDateOnly('periodFrom') periodFrom?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: '活动期间与 [periodFrom, periodTo] 有交集：开始日期不晚于该日' }) @IsOptional() @IsDateOnly('periodTo') periodTo?: string;
}

export class CampaignDto {
  @ApiId() id: string;
  @ApiProperty() name: string;
  @ApiId({ nullable: true }) channelId: string | null;
  @ApiText({ nullable: true }) channelName: string | null;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true, description: '目标受众' }) targetAudience: string | null;
  @ApiInt({ nullable: true, description: '目标潜在客户数' }) targetProspects: number | null;
  @ApiDate() startDate: string;
  @ApiDate() endDate: string;
  @ApiMoney({ description: '预算' }) budget: string;
  @ApiMoney({ nullable: true, description: '实际费用；未填写时为 null' }) actualCost: string | null;
  @ApiId({ description: '负责人（策划人）' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: DEPARTMENTS, description: '负责人所在部门（数据范围按此计算）' }) department: Department;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, description: 'planned 筹备中 → running 进行中 → finished 已结束；结束前可 cancelled 取消' }) status: CampaignStatus;
  @ApiText({ nullable: true, description: '活动总结（结束时填写）' }) conclusion: string | null;
  @ApiInt({ description: '归属该活动登记的潜在客户数（按记录实时计算）' }) prospectCount: number;
  @ApiTimestamp({ nullable: true }) startedAt: string | null;
  @ApiTimestamp({ nullable: true }) finishedAt: string | null;
  @ApiTimestamp({ nullable: true }) cancelledAt: string | null;
  @ApiText({ nullable: true }) cancelReason: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/**
 * The figures of an evaluation (总结与评估), computed from the records at the moment of asking,
 * never typed: a campaign-level aggregate over every record attributed to it.
 */
export class EvaluationDto {
  @ApiInt({ description: '归属的潜在客户数（全部，不论负责人）' }) prospects: number;
  @ApiInt({ description: '其中已转为客户的数' }) converted: number;
  @ApiRate({ description: '转化率 = converted ÷ prospects（四位小数）；没有潜在客户时为 null' }) conversionRate: string | null;
  @ApiInt({ description: '这些客户的已签订合同数（与销售报表相同：有签订日期的合同，含已履行完毕和已终止的）' }) contracts: number;
  @ApiMoney({ description: '这些合同的合同金额合计' }) contractAmount: string;
  @ApiMoney({ description: '这些合同的回款合计（含冲销）' }) paymentsCollected: string;
  @ApiMoney({ nullable: true, description: '预算' }) budget: string | null;
  @ApiMoney({ nullable: true, description: '实际费用；未填写时为 null' }) actualCost: string | null;
  @ApiMoney({ nullable: true, description: '每个潜在客户的费用 = actualCost ÷ prospects（四舍五入到分）；没有潜在客户或未填写费用时为 null' }) costPerProspect: string | null;
  @ApiMoney({ nullable: true, description: '每个转化客户的费用 = actualCost ÷ converted；没有转化或未填写费用时为 null' }) costPerConverted: string | null;
  @ApiRate({ description: '预算使用率 = actualCost ÷ budget（四位小数）；未填写费用或预算为 0 时为 null' }) budgetUsedRate: string | null;
  @ApiTimestamp({ description: '计算时间' }) computedAt: string;
}

export class ChannelEvaluationDto extends EvaluationDto {
  @ApiInt({ description: '经由该渠道的推广活动数（预算与费用为它们的合计；没有活动时为 null）' }) campaigns: number;
}
