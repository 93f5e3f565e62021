import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiId, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CONTRACT_STATUSES } from '../../contracts/contract-status';
import type { ContractStatus } from '../../contracts/contract-status';
import { PAYMENT_METHODS } from '../payment.entity';
import type { PaymentMethod } from '../payment.entity';

export class RecordPaymentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'contractId 必须是 UUID' }) contractId: string;
  @ApiProperty({ example: '50000.00' }) @IsMoney('amount') amount: string;
  @ApiProperty({ example: '2026-11-26' }) @IsDateOrTimestamp('receivedAt') receivedAt: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS as unknown as string[], { message: 'method 必须是 bank_transfer、cash、cheque 或 other' }) method: PaymentMethod;
  @ApiPropertyOptional({ type: String, nullable: true, example: '工行回单 20261126-001' }) @OptionalText('reference', 100) reference?: string | null;
}

export class ReversePaymentDto {
  @ApiProperty({ example: '银行退票' }) @Text('reason', 1, 500) reason: string;
}

export class ListPaymentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'contractId 必须是 UUID' }) contractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly('from') from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly('to') to?: string;
}

export class LedgerQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'contractId 必须是 UUID' }) contractId?: string;
  @ApiPropertyOptional({ description: '起（含）' }) @IsOptional() @IsDateOrTimestamp('from') from?: string;
  @ApiPropertyOptional({ description: '止（不含）' }) @IsOptional() @IsDateOrTimestamp('to') to?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'csv 与 xlsx：同样的行与列，作为文件下载' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format 必须是 json、csv 或 xlsx' })
  format?: 'json' | 'csv' | 'xlsx';
}

/** How much of a payment went to which receivable (oldest due first). */
export class PaymentAllocationDto {
  @ApiId() receivableId: string;
  @ApiMoney({ description: '冲销时为负' }) amount: string;
}

/** A payment received, or (negative amount, `reversesPaymentId` set) the reversal of one. */
export class PaymentDto {
  @ApiId() id: string;
  @ApiId() contractId: string;
  @ApiId() customerId: string;
  @ApiMoney({ description: '回款金额；冲销为负数' }) amount: string;
  @ApiTimestamp() receivedAt: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiText({ nullable: true }) reference: string | null;
  @ApiId({ nullable: true, description: '冲销时：被冲销的回款' }) reversesPaymentId: string | null;
  @ApiText({ nullable: true, description: '冲销原因' }) reason: string | null;
  @ApiId() recordedBy: string;
  @ApiTimestamp() createdAt: string;
  @ApiProperty({ type: [PaymentAllocationDto], description: '本次分配到各应收的金额；列表中为空数组' }) allocations: PaymentAllocationDto[];
}

/** A payment as the list shows it: with its contract's number, its customer's name, and whether it was reversed. */
export class PaymentListItemDto extends PaymentDto {
  @ApiProperty({ example: 'HT-2026-000001' }) contractNumber: string;
  @ApiProperty() customerName: string;
  @ApiId({ nullable: true, description: '已被冲销时：冲销它的那笔（负数）回款' }) reversedByPaymentId: string | null;
}

/** A payment or reversal just recorded, with the contract's status after it. */
export class RecordedPaymentDto extends PaymentDto {
  @ApiProperty({ enum: CONTRACT_STATUSES, description: '回款后合同的状态（全部收清时为 completed）' }) contractStatus: ContractStatus;
}
