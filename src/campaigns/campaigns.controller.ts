import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CampaignsService } from './campaigns.service';
import { CampaignDto, CancelCampaignDto, CreateCampaignDto, EvaluationDto, FinishCampaignDto, ListCampaignsQueryDto, UpdateCampaignDto } from './dto/campaign.dto';

const EVALUATION =
  '按记录实时计算的活动评估（不可填写）。口径为活动级合计：登记时归属该活动的全部潜在客户都计入，不论现在的负责人是谁、也不论调用者能否查看每一条；' +
  '只给出合计，不列出任何记录。合同按销售报表的口径计为已签订（有签订日期：已签订、已履行完毕、已终止），回款含冲销。';

@ApiTags('campaigns 推广活动')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @RequirePermission('campaign.manage')
  @ApiCreatedResponse({ type: CampaignDto, description: '编制推广活动方案：调用者为负责人，状态为筹备中' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(actor, dto);
  }

  @Get()
  @RequirePermission('campaign.read')
  @ApiOkResponse({ type: PageDto(CampaignDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListCampaignsQueryDto) {
    return this.campaigns.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('campaign.read')
  @ApiOkResponse({ type: CampaignDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.campaigns.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('campaign.manage')
  @ApiOkResponse({ type: CampaignDto, description: '筹备中或进行中可修改；已结束或已取消为 409 CAMPAIGN_INVALID_TRANSITION' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateCampaignDto) {
    return this.campaigns.update(actor, id, dto);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequirePermission('campaign.manage')
  @ApiOkResponse({ type: CampaignDto, description: '开展：筹备中 → 进行中' })
  start(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.campaigns.start(actor, id);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @RequirePermission('campaign.manage')
  @ApiOkResponse({ type: CampaignDto, description: '结束：进行中 → 已结束，须填写活动总结' })
  finish(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: FinishCampaignDto) {
    return this.campaigns.finish(actor, id, dto.conclusion, dto.actualCost);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('campaign.manage')
  @ApiOkResponse({ type: CampaignDto, description: '取消：结束前可取消，须填写原因' })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CancelCampaignDto) {
    return this.campaigns.cancel(actor, id, dto.reason);
  }

  @Get(':id/evaluation')
  @RequirePermission('campaign.read')
  @ApiOkResponse({ type: EvaluationDto, description: EVALUATION })
  evaluation(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.campaigns.evaluation(actor, id);
  }
}
