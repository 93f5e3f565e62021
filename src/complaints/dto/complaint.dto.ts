import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { Optional } from '../../common/validation';
import { Text } from '../../parties/dto-rules';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_SEVERITIES } from '../complaint.entity';
import type { ComplaintSeverity } from '../complaint.entity';

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
  @ApiPropertyOptional({ enum: ['open', 'in_progress', 'resolved', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'in_progress', 'resolved', 'closed'], { message: 'status 无效' })
  status?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_SEVERITIES }) @IsOptional() @IsIn(COMPLAINT_SEVERITIES as unknown as string[], { message: 'severity 无效' }) severity?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'assigneeId 必须是 UUID' }) assigneeId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false'], { message: 'escalated 必须是 true 或 false' }) escalated?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['sales', 'key_account'] }) @IsOptional() @IsIn(['sales', 'key_account'], { message: 'department 无效' }) department?: string;
}

export class ComplaintStatsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: '立案日期起（含）' }) @IsOptional() @IsDateOnly('from') from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: '立案日期止（含）' }) @IsOptional() @IsDateOnly('to') to?: string;
}
