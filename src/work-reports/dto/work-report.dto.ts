import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';

export class DraftQueryDto {
  @ApiProperty({ enum: ['week', 'month'] }) @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period: 'week' | 'month';
  @ApiPropertyOptional({ example: '2026-11-26', description: '期间内的任一天，默认今天' }) @IsOptional() @IsDateOnly('date') date?: string;
}

export class SubmitWorkReportDto {
  @ApiProperty({ enum: ['week', 'month'] }) @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period: 'week' | 'month';
  @ApiProperty({ example: '2026-11-26', description: '期间内的任一天' }) @IsDateOnly('date') date: string;
  @ApiProperty({ example: '本周拜访客户 6 家，新登记潜在客户 3 家' }) @Text('summary', 1, 4000) summary: string;
  @ApiPropertyOptional({ example: '下周跟进华强科技的报价' }) @OptionalText('plan', 4000) plan?: string | null;
  @ApiPropertyOptional() @OptionalText('issues', 4000) issues?: string | null;
}

export class ReviewWorkReportDto {
  @ApiProperty({ example: '内容完整，下周重点跟进回款' }) @Text('comment', 1, 2000) comment: string;
}

export class ListWorkReportsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['week', 'month'] }) @IsOptional() @IsIn(['week', 'month'], { message: 'period 必须是 week 或 month' }) period?: 'week' | 'month';
  @ApiPropertyOptional({ enum: ['submitted', 'reviewed'] }) @IsOptional() @IsIn(['submitted', 'reviewed'], { message: 'status 必须是 submitted 或 reviewed' }) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
}
