import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiOkJsonOrFile, ApiProblemResponses } from '../common/api-responses';
import { ListQueryDto, PageDto } from '../common/pagination';
import { ReportDigestDto, SalesReportDto, SalesReportQueryDto } from './dto/report.dto';
import { reportFileName, salesReportCsv, salesReportXlsx } from './report-export';
import { ReportDigestsService } from './report-digests.service';
import { SalesReportService } from './sales-report.service';

@ApiTags('reports 销售报表')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly sales: SalesReportService,
    private readonly digests: ReportDigestsService,
  ) {}

  @Get('sales')
  @RequirePermission('report.sales')
  @ApiOkJsonOrFile(SalesReportDto, 'csv', 'xlsx')
  async salesReport(@CurrentActor() actor: Actor, @Query() q: SalesReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.sales.report(actor, q.period ?? 'month', q.date, q.groupBy ?? 'owner');
    if (q.format === 'csv') {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${reportFileName(report, 'csv')}"`);
      return salesReportCsv(report);
    }
    if (q.format === 'xlsx') {
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${reportFileName(report, 'xlsx')}"`);
      return salesReportXlsx(report);
    }
    return report;
  }

  /** The weekly digests stored for the caller by reports.weekly-digest. */
  @Get('digests')
  @SignedIn()
  @ApiOkResponse({ type: PageDto(ReportDigestDto) })
  myDigests(@CurrentActor() actor: Actor, @Query() q: ListQueryDto) {
    return this.digests.mine(actor, q);
  }
}
