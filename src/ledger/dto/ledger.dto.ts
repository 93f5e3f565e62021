import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiMoney, ApiTimestamp } from '../../common/api-properties';
import { LEDGER_KINDS } from '../ledger-entry.entity';
import type { LedgerKind } from '../ledger-entry.entity';

/** One line of the 销售台账, with the running balances up to it. */
export class LedgerLineDto {
  @ApiId() id: string;
  @ApiProperty({ description: '台账顺序号（bigint，字符串形式）', example: '1024' }) seq: string;
  @ApiTimestamp() occurredAt: string;
  @ApiProperty({ enum: LEDGER_KINDS, description: 'sale 合同签订（借方），payment 回款（贷方），reversal 冲销（负的贷方）' }) kind: LedgerKind;
  @ApiId() customerId: string;
  @ApiProperty() customerName: string;
  @ApiId() contractId: string;
  @ApiProperty({ example: 'HT-2026-000001' }) contractNumber: string;
  @ApiId({ nullable: true }) paymentId: string | null;
  @ApiProperty() description: string;
  @ApiMoney({ description: '借方（应收）' }) debit: string;
  @ApiMoney({ description: '贷方（收款；冲销为负）' }) credit: string;
  @ApiMoney({ description: '客户的累计余额（调用者可见的台账，按台账顺序）' }) customerBalance: string;
  @ApiMoney({ description: '合同的累计余额' }) contractBalance: string;
}
