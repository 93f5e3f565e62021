import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiOkJsonOrFile, ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { LedgerLineDto } from '../ledger/dto/ledger.dto';
import { LedgerService } from '../ledger/ledger.service';
import { LedgerQueryDto, ListPaymentsQueryDto, PaymentListItemDto, RecordedPaymentDto, RecordPaymentDto, ReversePaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments 回款与销售台账')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly ledger: LedgerService,
  ) {}

  @Post('payments')
  @RequirePermission('payment.record')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试时使用同一个键：相同请求返回第一次的结果，不同请求 409' })
  @ApiCreatedResponse({ type: RecordedPaymentDto, description: '已登记并分配到最早到期的应收；同一 Idempotency-Key 的重试返回第一次的结果' })
  async record(
    @CurrentActor() actor: Actor,
    @Body() dto: RecordPaymentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.payments.record(actor, dto, key);
    reply.status(result.status);
    return result.body;
  }

  @Post('payments/:id/reverse')
  @HttpCode(201)
  @RequirePermission('payment.record')
  @ApiCreatedResponse({ type: RecordedPaymentDto, description: '冲销：一条新的负数回款' })
  reverse(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReversePaymentDto) {
    return this.payments.reverse(actor, id, dto.reason);
  }

  @Get('payments')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: PageDto(PaymentListItemDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListPaymentsQueryDto) {
    return this.payments.list(actor, query);
  }

  /** 销售台账 with running balances; `?format=csv` and `?format=xlsx` export the same rows. */
  @Get('ledger')
  @RequirePermission('receivable.read')
  @ApiOkJsonOrFile(PageDto(LedgerLineDto), 'csv', 'xlsx')
  async ledgerList(@CurrentActor() actor: Actor, @Query() query: LedgerQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.format === 'csv') {
      const csv = await this.ledger.exportCsv(actor, query);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ledger.csv"');
      return csv;
    }
    if (query.format === 'xlsx') {
      const xlsx = await this.ledger.exportXlsx(actor, query);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="ledger.xlsx"');
      return xlsx;
    }
    return this.ledger.list(actor, query);
  }
}
