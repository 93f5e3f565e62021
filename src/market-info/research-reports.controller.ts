import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import {
  AcceptResearchReportDto,
  CreateResearchReportDto,
  ListResearchReportsQueryDto,
  ResearchReportDetailDto,
  ResearchReportDto,
  ReturnResearchReportDto,
  UpdateResearchReportDto,
} from './dto/research-report.dto';
import { ResearchReportsService } from './research-reports.service';

@ApiTags('research-reports 市场调查报告')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('research-reports')
export class ResearchReportsController {
  constructor(private readonly reports: ResearchReportsService) {}

  @Post()
  @RequirePermission('research.write')
  @ApiCreatedResponse({ type: ResearchReportDetailDto, description: '草稿；依据的市场信息须在编写人的查看范围内' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateResearchReportDto) {
    return this.reports.create(actor, dto);
  }

  @Get()
  @RequirePermission('research.read')
  @ApiOkResponse({ type: PageDto(ResearchReportDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListResearchReportsQueryDto) {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('research.read')
  @ApiOkResponse({ type: ResearchReportDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.reports.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('research.write')
  @ApiOkResponse({ type: ResearchReportDetailDto, description: '编写人在草稿或已退回时修改' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateResearchReportDto) {
    return this.reports.update(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('research.write')
  @ApiOkResponse({ type: ResearchReportDetailDto, description: '提交给本部门经理审核；须已填写正文与结论（否则 422 RESEARCH_REPORT_INCOMPLETE）' })
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.reports.submit(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission('research.review')
  @ApiOkResponse({ type: ResearchReportDetailDto })
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AcceptResearchReportDto) {
    return this.reports.accept(actor, id, dto.comment ?? null);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission('research.review')
  @ApiOkResponse({ type: ResearchReportDetailDto, description: '退回须写明原因；编写人修改后可再次提交' })
  returnReport(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReturnResearchReportDto) {
    return this.reports.returnReport(actor, id, dto.comment);
  }
}
