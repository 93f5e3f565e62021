import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import {
  AgingQueryDto,
  AgingReportDto,
  CollectionDto,
  CollectionListDto,
  CollectionRateDto,
  CollectionRateQueryDto,
  CreateCollectionDto,
  ListReceivablesQueryDto,
  OverdueCustomersDto,
  OverdueCustomersQueryDto,
  ReceivableDto,
} from './dto/receivable.dto';
import { ReceivablesReportService } from './receivables-report.service';
import { ReceivablesService } from './receivables.service';

@ApiTags('receivables 应收与催收')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('receivables')
export class ReceivablesController {
  constructor(
    private readonly receivables: ReceivablesService,
    private readonly reports: ReceivablesReportService,
  ) {}

  @Get()
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: PageDto(ReceivableDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListReceivablesQueryDto) {
    return this.receivables.list(actor, query);
  }

  @Get('aging')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: AgingReportDto })
  aging(@CurrentActor() actor: Actor, @Query() query: AgingQueryDto) {
    return this.reports.aging(actor, query.asOf);
  }

  @Get('collection-rate')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: CollectionRateDto })
  collectionRate(@CurrentActor() actor: Actor, @Query() query: CollectionRateQueryDto) {
    return this.reports.collectionRate(actor, query.from, query.to, query.groupBy ?? 'owner');
  }

  @Get('overdue-customers')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: OverdueCustomersDto })
  overdueCustomers(@CurrentActor() actor: Actor, @Query() query: OverdueCustomersQueryDto) {
    return this.reports.overdueCustomers(actor, query);
  }

  @Get(':id')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: ReceivableDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.receivables.get(actor, id);
  }

  @Post(':id/collections')
  @RequirePermission('collection.log')
  @ApiCreatedResponse({ type: CollectionDto })
  logCollection(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CreateCollectionDto) {
    return this.receivables.logCollection(actor, id, dto);
  }

  @Get(':id/collections')
  @RequirePermission('receivable.read')
  @ApiOkResponse({ type: CollectionListDto })
  collections(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.receivables.collections(actor, id);
  }
}
