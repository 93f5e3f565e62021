import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { AlsoChecks, CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintsService } from './complaints.service';
import {
  AssignComplaintDto,
  CloseComplaintDto,
  ComplaintDto,
  ComplaintStatsDto,
  ComplaintStatsQueryDto,
  CreateComplaintDto,
  ListComplaintsQueryDto,
  ResolveComplaintDto,
} from './dto/complaint.dto';

@ApiTags('complaints 投诉')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly statsService: ComplaintStatsService,
  ) {}

  @Post()
  @RequirePermission('complaint.create')
  @ApiCreatedResponse({ type: ComplaintDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateComplaintDto) {
    return this.complaints.create(actor, dto);
  }

  @Get()
  @RequirePermission('complaint.read')
  @ApiOkResponse({ type: PageDto(ComplaintDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListComplaintsQueryDto) {
    return this.complaints.list(actor, query);
  }

  @Get('stats')
  @RequirePermission('complaint.read')
  @ApiOkResponse({ type: ComplaintStatsDto })
  stats(@CurrentActor() actor: Actor, @Query() query: ComplaintStatsQueryDto) {
    return this.statsService.stats(actor, query.from, query.to);
  }

  @Get(':id')
  @RequirePermission('complaint.read')
  @ApiOkResponse({ type: ComplaintDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.complaints.get(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('complaint.handle')
  @ApiOkResponse({ type: ComplaintDto })
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignComplaintDto) {
    return this.complaints.assign(actor, id, dto.assigneeId);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequirePermission('complaint.handle')
  @AlsoChecks('complaint.compensate')
  @ApiOkResponse({ type: ComplaintDto })
  resolve(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ResolveComplaintDto) {
    return this.complaints.resolve(actor, id, dto);
  }

  @Post(':id/compensation/approve')
  @HttpCode(200)
  @RequirePermission('complaint.approve_compensation')
  @ApiOkResponse({ type: ComplaintDto })
  approveCompensation(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.complaints.approveCompensation(actor, id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission('complaint.handle')
  @ApiOkResponse({ type: ComplaintDto })
  reopen(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.complaints.reopen(actor, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('complaint.handle')
  @ApiOkResponse({ type: ComplaintDto })
  close(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CloseComplaintDto) {
    return this.complaints.close(actor, id, dto.satisfaction);
  }
}
