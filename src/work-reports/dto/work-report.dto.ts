import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';
import { PROSPECT_STATUSES } from '../../prospects/prospect-status';
import type { ProspectStatus } from '../../prospects/prospect-status';
import { VISIT_METHODS } from '../../visits/visit.entity';
import { AttainmentDto } from '../../targets/dto/target.dto';
import type { VisitMethod } from '../../visits/visit.entity';

export class DraftQueryDto {
  @ApiProperty({ enum: ['week', 'month'] }) @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period: 'week' | 'month';
  @ApiPropertyOptional({ example: '2026-11-26', description: '期间内的任一天，默认今天' }) @IsOptional() @IsDateOnly('date') date?: string;
}

export class SubmitWorkReportDto {
  @ApiProperty({ enum: ['week', 'month'] }) @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period: 'week' | 'month';
  @ApiProperty({ example: '2026-11-26', description: '期间内的任一天' }) @IsDateOnly('date') date: string;
  @ApiProperty({ example: '本周拜访客户 6 家，新登记潜在客户 3 家' }) @Text('summary', 1, 4000) summary: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '下周跟进华强科技的报价' }) @OptionalText('plan', 4000) plan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('issues', 4000) issues?: string | null;
}

export class ReviewWorkReportDto {
  @ApiProperty({ example: '内容完整，下周重点跟进回款' }) @Text('comment', 1, 2000) comment: string;
}

export class ListWorkReportsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['week', 'month'] }) @IsOptional() @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period?: 'week' | 'month';
  @ApiPropertyOptional({ enum: ['submitted', 'reviewed'] }) @IsOptional() @IsIn(['submitted', 'reviewed'], { message: 'status 必须是 submitted 或 reviewed' }) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
}

export class WorkVisitItemDto {
  @ApiId() id: string;
  @ApiTimestamp() visitedAt: string;
  @ApiProperty({ enum: VISIT_METHODS }) method: VisitMethod;
  @ApiProperty() purpose: string;
  @ApiProperty({ description: '客户或潜在客户名称' }) target: string;
}

export class WorkVisitsDto {
  @ApiInt() count: number;
  @ApiProperty({ type: [WorkVisitItemDto], description: '最多 200 条' }) items: WorkVisitItemDto[];
}

export class WorkProspectItemDto {
  @ApiId() id: string;
  @ApiProperty() companyName: string;
  @ApiProperty({ enum: PROSPECT_STATUSES }) status: ProspectStatus;
}

export class WorkProspectsDto {
  @ApiInt() count: number;
  @ApiProperty({ type: [WorkProspectItemDto], description: '最多 200 条' }) items: WorkProspectItemDto[];
}

export class WorkContractsDto {
  @ApiInt() count: number;
  @ApiMoney() amount: string;
}

export class WorkCountDto {
  @ApiInt() count: number;
}

export class WorkAmountDto {
  @ApiMoney() amount: string;
}

/** The caller's own activity in the period, as the draft found it. */
export class WorkActivityDto {
  @ApiProperty({ type: WorkVisitsDto }) visits: WorkVisitsDto;
  @ApiProperty({ type: WorkProspectsDto }) prospectsRegistered: WorkProspectsDto;
  @ApiProperty({ type: WorkContractsDto, description: '拟定的合同' }) contractsDrafted: WorkContractsDto;
  @ApiProperty({ type: WorkContractsDto, description: '签订的合同' }) contractsSigned: WorkContractsDto;
  @ApiProperty({ type: WorkCountDto, description: '催收记录' }) collectionsLogged: WorkCountDto;
  @ApiProperty({ type: WorkAmountDto }) paymentsReceived: WorkAmountDto;
}

/** A draft generated from the caller's activity; nothing is stored. */
export class WorkReportDraftDto {
  @ApiProperty({ enum: ['week', 'month'] }) period: 'week' | 'month';
  @ApiDate() from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty({ description: '按活动生成的摘要' }) summary: string;
  @ApiProperty({ type: WorkActivityDto }) activity: WorkActivityDto;
  @ApiProperty({
    type: AttainmentDto,
    nullable: true,
    description: '本人该月的个人指标完成情况（周报取所选日期所在的月）；没有指标时为 null',
  })
  attainment: AttainmentDto | null;
}

/** 周报、月报 as submitted (the activity kept as it was then) and reviewed. */
export class WorkReportDto {
  @ApiId() id: string;
  @ApiId() ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty({ enum: ['week', 'month'] }) period: 'week' | 'month';
  @ApiDate() from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty() summary: string;
  @ApiText({ nullable: true }) plan: string | null;
  @ApiText({ nullable: true }) issues: string | null;
  @ApiProperty({ type: WorkActivityDto }) activity: WorkActivityDto;
  @ApiProperty({ enum: ['submitted', 'reviewed'] }) status: 'submitted' | 'reviewed';
  @ApiId({ nullable: true }) reviewerId: string | null;
  @ApiText({ nullable: true }) reviewComment: string | null;
  @ApiTimestamp({ nullable: true }) reviewedAt: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
}
