import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { Optional } from '../../common/validation';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { Text } from '../../parties/dto-rules';
import { RECEIVABLE_STATUSES } from '../receivable.entity';
import type { ReceivableStatus } from '../receivable.entity';

export class ListReceivablesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RECEIVABLE_STATUSES }) @IsOptional() @IsIn(RECEIVABLE_STATUSES as unknown as string[], { message: 'status 无效' }) status?: ReceivableStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'contractId 必须是 UUID' }) contractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '已逾期（按 BUSINESS_TZ 的今天）且未结清' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue 必须是 true 或 false' })
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ description: '到期日早于（不含）' }) @IsOptional() @IsDateOnly('dueBefore') dueBefore?: string;
}

export const COLLECTION_METHODS = ['phone', 'visit', 'email', 'letter', 'other'] as const;
export const COLLECTION_RESULTS = ['promised', 'partial', 'refused', 'unreachable', 'disputed', 'other'] as const;

/** 催收记录 */
export class CreateCollectionDto {
  @ApiProperty({ example: '2026-11-26T15:00:00+08:00' }) @IsDateOrTimestamp('contactedAt') contactedAt: string;
  @ApiProperty({ enum: COLLECTION_METHODS }) @IsIn(COLLECTION_METHODS as unknown as string[], { message: `method 必须是 ${COLLECTION_METHODS.join('、')} 之一` }) method: (typeof COLLECTION_METHODS)[number];
  @ApiProperty({ enum: COLLECTION_RESULTS }) @IsIn(COLLECTION_RESULTS as unknown as string[], { message: `result 必须是 ${COLLECTION_RESULTS.join('、')} 之一` }) result: (typeof COLLECTION_RESULTS)[number];
  @ApiPropertyOptional({ example: '2026-12-10', description: '客户承诺付款日' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsDateOnly('promisedDate')
  promisedDate?: string | null;
  @ApiProperty({ example: '财务答应月底前安排付款' }) @Text('note', 1, 2000) note: string;
}

export class AgingQueryDto {
  @ApiPropertyOptional({ example: '2026-11-26', description: '账龄基准日，默认今天（BUSINESS_TZ）' }) @IsOptional() @IsDateOnly('asOf') asOf?: string;
}

export class CollectionRateQueryDto {
  @ApiProperty({ example: '2026-10-01', description: '到期日起（含）' }) @IsDateOnly('from') from: string;
  @ApiProperty({ example: '2026-12-31', description: '到期日止（含）' }) @IsDateOnly('to') to: string;
  @ApiPropertyOptional({ enum: ['owner', 'department'], default: 'owner' })
  @IsOptional()
  @IsIn(['owner', 'department'], { message: 'groupBy 必须是 owner 或 department' })
  groupBy?: 'owner' | 'department';
}
