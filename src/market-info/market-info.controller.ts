import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { AlsoChecks, CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CreateMarketInfoDto, ListMarketInfoQueryDto, MarketInfoDto, UpdateMarketInfoDto } from './dto/market-info.dto';
import { MarketInfoService } from './market-info.service';

@ApiTags('market-info 市场信息库')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('market-info')
export class MarketInfoController {
  constructor(private readonly marketInfo: MarketInfoService) {}

  @Post()
  @RequirePermission('marketinfo.write')
  @ApiCreatedResponse({ type: MarketInfoDto, description: '登记人为本人，部门为本人所在部门；关联客户须在本人的客户查看范围内' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMarketInfoDto) {
    return this.marketInfo.create(actor, dto);
  }

  @Get()
  @RequirePermission('marketinfo.read')
  @ApiOkResponse({ type: PageDto(MarketInfoDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListMarketInfoQueryDto) {
    return this.marketInfo.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('marketinfo.read')
  @ApiOkResponse({ type: MarketInfoDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.marketInfo.get(actor, id);
  }

  /**
   * Whoever may read the entry reaches the route; the service then lets the writer edit their own
   * (marketinfo.write) and a curator the department's (marketinfo.curate) — a 经理 curates without
   * writing entries — and refuses anyone else with 403 naming marketinfo.write.
   */
  @Patch(':id')
  @RequirePermission('marketinfo.read')
  @AlsoChecks('marketinfo.write', 'marketinfo.curate')
  @ApiOkResponse({ type: MarketInfoDto, description: '登记人修改自己的条目，信息库维护人修改本部门的条目；修改后不再标记为过时' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateMarketInfoDto) {
    return this.marketInfo.update(actor, id, dto);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @RequirePermission('marketinfo.curate')
  @ApiOkResponse({ type: MarketInfoDto, description: '确认仍然准确：清除过时标记，记录确认时间' })
  confirm(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.marketInfo.confirm(actor, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('marketinfo.curate')
  @ApiOkResponse({ type: MarketInfoDto, description: '归档：不再有效，恢复前不能修改' })
  archive(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.marketInfo.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('marketinfo.curate')
  @ApiOkResponse({ type: MarketInfoDto })
  restore(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.marketInfo.restore(actor, id);
  }
}
