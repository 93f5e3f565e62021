import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { Optional } from '../../common/validation';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CONTRACT_STATUSES } from '../contract-status';
import type { ContractStatus } from '../contract-status';

export const PLAN_MAX_LINES = 120;

/** One line of the payment plan (回款计划): a due date and an amount. */
export class PaymentPlanLineDto {
  @ApiProperty({ example: '2026-12-31' }) @IsDateOnly('paymentPlan.dueDate') dueDate: string;
  @ApiProperty({ example: '50000.00' }) @IsMoney('paymentPlan.amount') amount: string;
}

const PlanLines = () => (target: object, key: string) => {
  ApiProperty({ type: [PaymentPlanLineDto] })(target, key);
  IsArray({ message: 'paymentPlan 必须是数组' })(target, key);
  ArrayMinSize(1, { message: 'paymentPlan 至少一行' })(target, key);
  ArrayMaxSize(PLAN_MAX_LINES, { message: `paymentPlan 最多 ${PLAN_MAX_LINES} 行` })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => PaymentPlanLineDto)(target, key);
};

export class CreateContractDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId: string;
  @ApiProperty({ example: '2027 年度设备采购合同' }) @Text('title', 1, 200) title: string;
  @ApiProperty({ example: '100000.00' }) @IsMoney('amount') amount: string;
  @ApiProperty({ example: '2027-01-01' }) @IsDateOnly('startDate') startDate: string;
  @ApiProperty({ example: '2027-12-31' }) @IsDateOnly('endDate') endDate: string;
  @PlanLines() paymentPlan: PaymentPlanLineDto[];
}

export class UpdateContractDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional() @Optional() @IsMoney('amount') amount?: string;
  @ApiPropertyOptional() @Optional() @IsDateOnly('startDate') startDate?: string;
  @ApiPropertyOptional() @Optional() @IsDateOnly('endDate') endDate?: string;
  @Optional() @PlanLines() paymentPlan?: PaymentPlanLineDto[];
}

export class DecisionDto {
  @ApiPropertyOptional({ example: '同意' }) @OptionalText('comment', 1000) comment?: string | null;
}

export class RejectDto {
  @ApiProperty({ example: '付款条件需要调整' }) @Text('comment', 1, 1000) comment: string;
}

export class SignDto {
  @ApiProperty({ example: '2026-11-26' }) @IsDateOrTimestamp('signedAt') signedAt: string;
}

export class TerminateDto {
  @ApiProperty({ example: '客户经营困难，双方协商终止' }) @Text('reason', 1, 1000) reason: string;
}

export class ArchiveDto {
  @ApiProperty({ example: '档案室 A 柜 3 层' }) @Text('location', 1, 200) location: string;
}

export class ListContractsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES as unknown as string[], { message: 'status 无效' }) status?: ContractStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ description: '合同编号或标题' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ description: '签订日期起（含）' }) @IsOptional() @IsDateOnly('signedFrom') signedFrom?: string;
  @ApiPropertyOptional({ description: '签订日期止（不含）' }) @IsOptional() @IsDateOnly('signedTo') signedTo?: string;
}

export class ListArchiveQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '档案号、合同编号或存放位置' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ enum: ['signed', 'completed', 'terminated'] })
  @IsOptional()
  @IsIn(['signed', 'completed', 'terminated'], { message: 'status 必须是 signed、completed 或 terminated' })
  status?: ContractStatus;
  @ApiPropertyOptional({ description: '归档日期起（含）' }) @IsOptional() @IsDateOnly('archivedFrom') archivedFrom?: string;
  @ApiPropertyOptional({ description: '归档日期止（不含）' }) @IsOptional() @IsDateOnly('archivedTo') archivedTo?: string;
}
