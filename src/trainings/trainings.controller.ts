import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CancelTrainingDto, CreateTrainingDto, EvaluateTrainingDto, HoldTrainingDto, ListTrainingsQueryDto, TrainingDto, TrainingSummaryDto, UpdateTrainingDto } from './dto/training.dto';
import { TrainingsService } from './trainings.service';

@ApiTags('trainings 培训')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('trainings')
export class TrainingsController {
  constructor(private readonly trainings: TrainingsService) {}

  @Post()
  @RequirePermission('training.manage')
  @ApiCreatedResponse({ type: TrainingDto, description: '组织培训；受训人员须在培训范围内（主管：直接下属；经理：本部门），否则 422 TRAINING_ATTENDEE_OUT_OF_SCOPE；受训人员收到待办' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTrainingDto) {
    return this.trainings.create(actor, dto);
  }

  @Get()
  @RequirePermission('training.read')
  @ApiOkResponse({ type: PageDto(TrainingSummaryDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListTrainingsQueryDto) {
    return this.trainings.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('training.read')
  @ApiOkResponse({ type: TrainingDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.trainings.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('training.manage')
  @ApiOkResponse({ type: TrainingDto, description: '修改计划中的培训（带 version）' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateTrainingDto) {
    return this.trainings.update(actor, id, dto);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @RequirePermission('training.manage')
  @ApiOkResponse({ type: TrainingDto, description: '记录培训情况：每位受训人员是否参加、成绩（0–100）与反馈；评估前可更正' })
  hold(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: HoldTrainingDto) {
    return this.trainings.hold(actor, id, dto);
  }

  @Post(':id/evaluate')
  @HttpCode(200)
  @RequirePermission('training.manage')
  @ApiOkResponse({ type: TrainingDto, description: '评估培训效果：到课率、平均分、及格率由记录计算，评价由组织者填写' })
  evaluate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: EvaluateTrainingDto) {
    return this.trainings.evaluate(actor, id, dto.assessment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('training.manage')
  @ApiOkResponse({ type: TrainingDto, description: '取消计划中的培训；受训人员的待办随之关闭' })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CancelTrainingDto) {
    return this.trainings.cancel(actor, id, dto.reason ?? null);
  }
}
