import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CreateWorkPlanDto, ListWorkPlansQueryDto, UpdateWorkPlanDto, WorkPlanDto } from './dto/work-plan.dto';
import { WorkPlansService } from './work-plans.service';

@ApiTags('work-plans 工作计划')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('work-plans')
export class WorkPlansController {
  constructor(private readonly plans: WorkPlansService) {}

  /** My own plan (专员, MKT-6.3), or one a 主管 drafts for a direct report (SAL-5.3). */
  @Post()
  @RequirePermission('workplan.write')
  @ApiCreatedResponse({ type: WorkPlanDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkPlanDto) {
    return this.plans.create(actor, dto);
  }

  @Get()
  @RequirePermission('workplan.read')
  @ApiOkResponse({ type: PageDto(WorkPlanDto) })
  list(@CurrentActor() actor: Actor, @Query() q: ListWorkPlansQueryDto) {
    return this.plans.list(actor, q);
  }

  @Get(':id')
  @RequirePermission('workplan.read')
  @ApiOkResponse({ type: WorkPlanDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.plans.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('workplan.write')
  @ApiOkResponse({ type: WorkPlanDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateWorkPlanDto) {
    return this.plans.update(actor, id, dto);
  }
}
