import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { AssignmentsService } from './assignments.service';
import {
  AssignmentDetailDto,
  AssignmentDto,
  AssignmentNoteDto,
  CreateAssignmentDto,
  CreateRequestDto,
  DelegateAssignmentDto,
  ListAssignmentsQueryDto,
  ReturnAssignmentDto,
  UpdateAssignmentDto,
} from './dto/assignment.dto';

@ApiTags('assignments 交办事项')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @RequirePermission('assignment.assign')
  @ApiCreatedResponse({ type: AssignmentDetailDto, description: '交办给交办范围内的人；403 ASSIGNMENT_OUT_OF_REACH 超出范围' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssignmentDto) {
    return this.assignments.create(actor, dto);
  }

  @Post('requests')
  @RequirePermission('assignment.request')
  @ApiCreatedResponse({ type: AssignmentDetailDto, description: '向其他部门经理提出的协作请求' })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateRequestDto) {
    return this.assignments.request(actor, dto);
  }

  @Get()
  @RequirePermission('assignment.read')
  @ApiOkResponse({ type: PageDto(AssignmentDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto) {
    return this.assignments.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('assignment.read')
  @ApiOkResponse({ type: AssignmentDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assignments.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('assignment.assign')
  @ApiOkResponse({ type: AssignmentDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateAssignmentDto) {
    return this.assignments.update(actor, id, dto);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermission('assignment.work')
  @ApiOkResponse({ type: AssignmentDetailDto })
  start(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assignments.start(actor, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermission('assignment.work')
  @ApiOkResponse({ type: AssignmentDetailDto })
  complete(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignmentNoteDto) {
    return this.assignments.complete(actor, id, dto.comment ?? null);
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequirePermission('assignment.assign')
  @ApiOkResponse({ type: AssignmentDetailDto })
  returnWork(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReturnAssignmentDto) {
    return this.assignments.returnWork(actor, id, dto.comment);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @RequirePermission('assignment.assign')
  @ApiOkResponse({ type: AssignmentDetailDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignmentNoteDto) {
    return this.assignments.confirm(actor, id, dto.comment ?? null);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('assignment.assign')
  @ApiOkResponse({ type: AssignmentDetailDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignmentNoteDto) {
    return this.assignments.cancel(actor, id, dto.comment ?? null);
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @RequirePermission('assignment.assign')
  @ApiOkResponse({ type: AssignmentDetailDto })
  delegate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: DelegateAssignmentDto) {
    return this.assignments.delegate(actor, id, dto.assigneeId, dto.comment ?? null);
  }
}
