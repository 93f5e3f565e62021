import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiRate, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { Text } from '../../parties/dto-rules';
import { AGING_BUCKETS } from '../aging';
import type { AgingBucket } from '../aging';
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
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2026-12-10', description: '客户承诺付款日' })
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

/** 应收: one per payment-plan line of a signed contract. */
export class ReceivableDto {
  @ApiId() id: string;
  @ApiId() contractId: string;
  @ApiProperty({ example: 'HT-2026-000001' }) contractNumber: string;
  @ApiId() customerId: string;
  @ApiProperty() customerName: string;
  @ApiId() ownerId: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiInt({ minimum: 1, description: '回款计划的第几行' }) seq: number;
  @ApiDate() dueDate: string;
  @ApiMoney() amountDue: string;
  @ApiMoney() amountPaid: string;
  @ApiMoney() outstanding: string;
  @ApiProperty({ enum: RECEIVABLE_STATUSES }) status: ReceivableStatus;
  @ApiProperty({ description: '已过到期日（BUSINESS_TZ 的今天）且未结清' }) overdue: boolean;
  @ApiInt({ minimum: 0 }) daysOverdue: number;
  @ApiInt() version: number;
}

/** 催收记录 as logged. */
export class CollectionDto {
  @ApiId() id: string;
  @ApiId() receivableId: string;
  @ApiId() collectorId: string;
  @ApiTimestamp() contactedAt: string;
  @ApiProperty({ enum: COLLECTION_METHODS }) method: (typeof COLLECTION_METHODS)[number];
  @ApiProperty({ enum: COLLECTION_RESULTS }) result: (typeof COLLECTION_RESULTS)[number];
  @ApiDate({ nullable: true, description: '客户承诺付款日' }) promisedDate: string | null;
  @ApiProperty() note: string;
  @ApiTimestamp() createdAt: string;
}

export class CollectionEntryDto extends CollectionDto {
  @ApiProperty() collectorName: string;
}

/** A receivable's collection log, newest contact first (at most 500). */
export class CollectionListDto {
  @ApiProperty({ type: [CollectionEntryDto] }) items: CollectionEntryDto[];
  @ApiInt() total: number;
}

/** Outstanding by days past due; `total` is their sum. */
export class AgingBucketsDto {
  @ApiMoney({ description: '未到期' }) current: string;
  @ApiMoney({ description: '逾期 1–30 天' }) '1-30': string;
  @ApiMoney({ description: '逾期 31–60 天' }) '31-60': string;
  @ApiMoney({ description: '逾期 61–90 天' }) '61-90': string;
  @ApiMoney({ description: '逾期 90 天以上' }) '90+': string;
  @ApiMoney() total: string;
}

export class AgingOwnerDto extends AgingBucketsDto {
  @ApiId() ownerId: string;
  @ApiProperty() ownerName: string;
}

/** 账龄: per owner (by name) and in total, as of the end of `asOf`. */
export class AgingReportDto {
  @ApiDate() asOf: string;
  @ApiProperty({ enum: AGING_BUCKETS.map((b) => b.key), isArray: true }) buckets: AgingBucket[];
  @ApiProperty({ type: [AgingOwnerDto] }) owners: AgingOwnerDto[];
  @ApiProperty({ type: AgingBucketsDto }) total: AgingBucketsDto;
}

export class CollectionRateFiguresDto {
  @ApiMoney({ description: '期间内到期的应收' }) due: string;
  @ApiMoney({ description: '其中截至期末已收回的' }) received: string;
  @ApiRate({ description: '回款率 = received ÷ due；due 为 0 时为 null' }) rate: string | null;
}

/** One group: `ownerId` and `ownerName` when grouped by owner, `department` when by department. */
export class CollectionRateItemDto extends CollectionRateFiguresDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'groupBy=owner 时' }) ownerId?: string;
  @ApiPropertyOptional({ description: 'groupBy=owner 时' }) ownerName?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'groupBy=department 时' }) department?: Department;
}

/** 回款率 over the receivables falling due in [from, to]. */
export class CollectionRateDto {
  @ApiDate() from: string;
  @ApiDate() to: string;
  @ApiProperty({ enum: ['owner', 'department'] }) groupBy: 'owner' | 'department';
  @ApiProperty({ type: [CollectionRateItemDto] }) items: CollectionRateItemDto[];
  @ApiProperty({ type: CollectionRateFiguresDto }) total: CollectionRateFiguresDto;
}

/** `?asOf=&page=&pageSize=`: the customers overdue at the end of `asOf` (default today), a page of them. */
export class OverdueCustomersQueryDto extends PickType(ListQueryDto, ['page', 'pageSize']) {
  @ApiPropertyOptional({ example: '2026-11-26', description: '基准日，默认今天（BUSINESS_TZ）' }) @IsOptional() @IsDateOnly('asOf') asOf?: string;
}

/** One customer's receivables past due: their sum, how many, and the oldest (to drill down to). */
export class OverdueCustomerDto {
  @ApiId() customerId: string;
  @ApiProperty() customerName: string;
  @ApiMoney({ description: '逾期未收金额合计' }) overdue: string;
  @ApiInt({ description: '逾期的应收笔数' }) receivables: number;
  @ApiDate({ description: '最早的逾期到期日' }) oldestDueDate: string;
  @ApiInt({ description: '最久逾期天数' }) daysOverdue: number;
  @ApiId({ description: '最早逾期的那笔应收' }) oldestReceivableId: string;
}

/** 逾期客户: the longest overdue first; `totalOverdue` sums every customer, not only this page. */
export class OverdueCustomersDto {
  @ApiDate() asOf: string;
  @ApiProperty({ type: [OverdueCustomerDto] }) items: OverdueCustomerDto[];
  @ApiInt({ description: '逾期客户数' }) total: number;
  @ApiInt() page: number;
  @ApiInt() pageSize: number;
  @ApiMoney({ description: '全部逾期客户的逾期未收金额合计' }) totalOverdue: string;
}
