import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';
import { PAYMENT_METHODS } from '../payment.entity';
import type { PaymentMethod } from '../payment.entity';

export class RecordPaymentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'contractId 必须是 UUID' }) contractId: string;
  @ApiProperty({ example: '50000.00' }) @IsMoney('amount') amount: string;
  @ApiProperty({ example: '2026-11-26' }) @IsDateOrTimestamp('receivedAt') receivedAt: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS as unknown as string[], { message: 'method 必须是 bank_transfer、cash、cheque 或 other' }) method: PaymentMethod;
  @ApiPropertyOptional({ example: '工行回单 20261126-001' }) @OptionalText('reference', 100) reference?: string | null;
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
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv'], { message: 'format 必须是 json 或 csv' }) format?: 'json' | 'csv';
}
