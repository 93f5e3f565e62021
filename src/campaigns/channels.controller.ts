import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ChannelsService } from './channels.service';
import { ChannelEvaluationDto } from './dto/campaign.dto';
import {
  CancelPlanDto,
  ChannelDto,
  ChannelPlanDto,
  CompletePlanDto,
  CreateChannelDto,
  CreatePlanDto,
  ListChannelsQueryDto,
  ListPlansQueryDto,
  UpdateChannelDto,
  UpdatePlanDto,
} from './dto/channel.dto';

const EVALUATION =
  '按记录实时计算的渠道评估（不可填写）：经此渠道登记的全部潜在客户（直接归属或经由其推广活动归属），不论负责人、也不论调用者能否查看每一条，只给出合计；' +
  '预算与费用为经由该渠道的推广活动的合计。';

@ApiTags('channels 渠道')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @RequirePermission('channel.manage')
  @ApiCreatedResponse({ type: ChannelDto, description: '开设渠道：调用者为负责人；同部门重名为 409 CHANNEL_NAME_TAKEN' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelDto) {
    return this.channels.create(actor, dto);
  }

  @Get()
  @RequirePermission('channel.read')
  @ApiOkResponse({ type: PageDto(ChannelDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListChannelsQueryDto) {
    return this.channels.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('channel.read')
  @ApiOkResponse({ type: ChannelDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.channels.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateChannelDto) {
    return this.channels.update(actor, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelDto, description: '停用：不再接受新的潜在客户、推广活动和维护方案' })
  deactivate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.channels.setStatus(actor, id, 'deactivate');
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelDto })
  activate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.channels.setStatus(actor, id, 'activate');
  }

  @Get(':id/evaluation')
  @RequirePermission('channel.read')
  @ApiOkResponse({ type: ChannelEvaluationDto, description: EVALUATION })
  evaluation(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.channels.evaluation(actor, id);
  }

  @Get(':id/plans')
  @RequirePermission('channel.read')
  @ApiOkResponse({ type: PageDto(ChannelPlanDto), description: '渠道维护方案' })
  plans(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() query: ListPlansQueryDto) {
    return this.channels.plans(actor, id, query);
  }

  @Post(':id/plans')
  @RequirePermission('channel.manage')
  @ApiCreatedResponse({ type: ChannelPlanDto, description: '编制渠道维护方案；渠道已停用为 409 CHANNEL_INACTIVE' })
  createPlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CreatePlanDto) {
    return this.channels.createPlan(actor, id, dto);
  }

  @Patch(':id/plans/:planId')
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelPlanDto })
  updatePlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Param('planId', uuidParam) planId: string, @Body() dto: UpdatePlanDto) {
    return this.channels.updatePlan(actor, id, planId, dto);
  }

  @Post(':id/plans/:planId/complete')
  @HttpCode(200)
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelPlanDto, description: '完成：须填写执行结果' })
  completePlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Param('planId', uuidParam) planId: string, @Body() dto: CompletePlanDto) {
    return this.channels.completePlan(actor, id, planId, dto.result);
  }

  @Post(':id/plans/:planId/cancel')
  @HttpCode(200)
  @RequirePermission('channel.manage')
  @ApiOkResponse({ type: ChannelPlanDto })
  cancelPlan(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Param('planId', uuidParam) planId: string, @Body() dto: CancelPlanDto) {
    return this.channels.cancelPlan(actor, id, planId, dto.reason ?? null);
  }
}
