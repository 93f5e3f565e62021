import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiRate, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { Optional } from '../../common/validation';
import { Text } from '../../parties/dto-rules';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_SEVERITIES, COMPLAINT_STATUSES } from '../complaint.entity';
import type { ComplaintSeverity, ComplaintStatus } from '../complaint.entity';

export class CreateComplaintDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId: string;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) @IsIn(COMPLAINT_CHANNELS as unknown as string[], { message: `channel 必须是 ${COMPLAINT_CHANNELS.join('、')} 之一` }) channel: (typeof COMPLAINT_CHANNELS)[number];
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) @IsIn(COMPLAINT_CATEGORIES as unknown as string[], { message: `category 必须是 ${COMPLAINT_CATEGORIES.join('、')} 之一` }) category: (typeof COMPLAINT_CATEGORIES)[number];
  @ApiProperty({ enum: COMPLAINT_SEVERITIES }) @IsIn(COMPLAINT_SEVERITIES as unknown as string[], { message: `severity 必须是 ${COMPLAINT_SEVERITIES.join('、')} 之一` }) severity: ComplaintSeverity;
  @ApiProperty({ example: '到货包装破损，三箱产品受潮' }) @Text('description', 1, 4000) description: string;
}

export class AssignComplaintDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'assigneeId 必须是 UUID' }) assigneeId: string;
}

/** 解决办法及措施 (SAL-8.5), with an optional compensation (赔偿) proposal. */
export class ResolveComplaintDto {
  @ApiProperty({ example: '补发三箱产品，运费由我方承担' }) @Text('resolution', 1, 4000) resolution: string;
  @ApiProperty({ example: '更换承运商，包装增加防潮层' }) @Text('measures', 1, 4000) measures: string;
  @ApiPropertyOptional({ example: '2000.00' }) @Optional() @IsMoney('compensationAmount') compensationAmount?: string;
}

export class CloseComplaintDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '客户满意度 1–5' })
  @IsInt({ message: 'satisfaction 必须是 1 到 5 的整数' })
  @Min(1, { message: 'satisfaction 最小为 1' })
  @Max(5, { message: 'satisfaction 最大为 5' })
  satisfaction: number;
}

export class ListComplaintsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(['open', 'in_progress', 'resolved', 'closed'], { message: 'status 无效' })
  status?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_SEVERITIES }) @IsOptional() @IsIn(COMPLAINT_SEVERITIES as unknown as string[], { message: 'severity 无效' }) severity?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'assigneeId 必须是 UUID' }) assigneeId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false'], { message: 'escalated 必须是 true 或 false' }) escalated?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['sales', 'key_account'] }) @IsOptional() @IsIn(['sales', 'key_account'], { message: 'department 无效' }) department?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '已过处理期限且仍未解决（待处理或处理中）' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue 必须是 true 或 false' })
  overdue?: 'true' | 'false';
}

export class ComplaintStatsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: '立案日期起（含）' }) @IsOptional() @IsDateOnly('from') from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: '立案日期止（含）' }) @IsOptional() @IsDateOnly('to') to?: string;
}

/** A compensation (赔偿) proposed with a resolution, and its approval. */
export class CompensationDto {
  @ApiMoney() amount: string;
  @ApiProperty({ enum: ['proposed', 'approved'] }) status: 'proposed' | 'approved';
  @ApiId({ nullable: true }) proposedBy: string | null;
  @ApiId({ nullable: true }) approvedBy: string | null;
  @ApiTimestamp({ nullable: true }) approvedAt: string | null;
}

export class ComplaintDto {
  @ApiId() id: string;
  @ApiId() customerId: string;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel: (typeof COMPLAINT_CHANNELS)[number];
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category: (typeof COMPLAINT_CATEGORIES)[number];
  @ApiProperty({ enum: COMPLAINT_SEVERITIES }) severity: ComplaintSeverity;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status: ComplaintStatus;
  @ApiId({ description: '登记人' }) reporterId: string;
  @ApiProperty({ enum: ['sales', 'key_account'], description: '处理部门：大客户归大客户部，其余归销售部' }) handlingDepartment: 'sales' | 'key_account';
  @ApiText({ nullable: true, description: '登记时客户的大客户等级' }) tierCode: string | null;
  @ApiInt({ description: '响应时限（小时）' }) responseHours: number;
  @ApiTimestamp() dueAt: string;
  @ApiId({ nullable: true }) assigneeId: string | null;
  @ApiProperty() escalated: boolean;
  @ApiTimestamp({ nullable: true }) escalatedAt: string | null;
  @ApiText({ nullable: true, description: '解决办法' }) resolution: string | null;
  @ApiText({ nullable: true, description: '措施' }) measures: string | null;
  @ApiTimestamp({ nullable: true }) resolvedAt: string | null;
  @ApiId({ nullable: true }) resolvedBy: string | null;
  @ApiProperty({ type: CompensationDto, nullable: true, description: '无赔偿时为 null' }) compensation: CompensationDto | null;
  @ApiTimestamp({ nullable: true }) closedAt: string | null;
  @ApiInt({ nullable: true, minimum: 1, maximum: 5, description: '客户满意度，关闭时填写' }) satisfaction: number | null;
  @ApiInt() reopenCount: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class ComplaintFiguresDto {
  @ApiInt() total: number;
  @ApiInt() open: number;
  @ApiInt() inProgress: number;
  @ApiInt() resolved: number;
  @ApiInt() closed: number;
  @ApiInt() escalated: number;
  @ApiText({ nullable: true, example: '12.50', description: '平均解决用时（小时，两位小数）；尚无已解决的为 null' }) averageResolutionHours: string | null;
  @ApiInt({ description: '超过响应时限（已解决的按解决时间，未解决的按现在）' }) slaBreached: number;
  @ApiRate({ description: 'slaBreached ÷ total；没有投诉时为 null' }) slaBreachRate: string | null;
  @ApiMoney({ description: '已批准的赔偿合计' }) compensationTotal: string;
}

export class ComplaintDepartmentFiguresDto extends ComplaintFiguresDto {
  @ApiProperty({ enum: ['sales', 'key_account'] }) department: 'sales' | 'key_account';
}

/** 投诉统计 under the caller's complaint.read scope. */
export class ComplaintStatsDto {
  @ApiDate({ nullable: true }) from: string | null;
  @ApiDate({ nullable: true }) to: string | null;
  @ApiProperty({ type: [ComplaintDepartmentFiguresDto] }) byDepartment: ComplaintDepartmentFiguresDto[];
  @ApiProperty({ type: ComplaintFiguresDto }) total: ComplaintFiguresDto;
}
