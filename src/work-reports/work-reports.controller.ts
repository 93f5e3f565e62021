import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { DraftQueryDto, ListWorkReportsQueryDto, ReviewWorkReportDto, SubmitWorkReportDto, WorkReportDraftDto, WorkReportDto } from './dto/work-report.dto';
import { WorkReportsService } from './work-reports.service';

@ApiTags('work-reports 周报月报')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('work-reports')
export class WorkReportsController {
  constructor(private readonly reports: WorkReportsService) {}

  @Get('draft')
  @RequirePermission('workreport.submit')
  @ApiOkResponse({ type: WorkReportDraftDto })
  draft(@CurrentActor() actor: Actor, @Query() q: DraftQueryDto) {
    return this.reports.draft(actor, q.period, q.date);
  }

  @Post()
  @RequirePermission('workreport.submit')
  @ApiCreatedResponse({ type: WorkReportDto })
  submit(@CurrentActor() actor: Actor, @Body() dto: SubmitWorkReportDto) {
    return this.reports.submit(actor, dto);
  }

  /** Submitters see their own, reviewers their team's or department's: the service scopes by both grants. */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: PageDto(WorkReportDto) })
  list(@CurrentActor() actor: Actor, @Query() q: ListWorkReportsQueryDto) {
    return this.reports.list(actor, q);
  }

  @Get(':id')
  @SignedIn()
  @ApiOkResponse({ type: WorkReportDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.reports.get(actor, id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @RequirePermission('workreport.review')
  @ApiOkResponse({ type: WorkReportDto })
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReviewWorkReportDto) {
    return this.reports.review(actor, id, dto.comment);
  }
}
