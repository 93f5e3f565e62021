import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import {
  CreateTargetDto,
  DeletedTargetsDto,
  DeleteTargetQueryDto,
  ListTargetsQueryDto,
  MyTargetsDto,
  MyTargetsQueryDto,
  TargetDetailDto,
  TargetDto,
  UpdateTargetDto,
} from './dto/target.dto';
import { TargetsService } from './targets.service';

@ApiTags('targets 计划与指标')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** A department target (经理), or a part split from one: a team's (经理) or a person's (经理, or the team's 主管). */
  @Post()
  @RequirePermission('target.manage')
  @ApiCreatedResponse({ type: TargetDto, description: '各部分合计超过上级指标且未明确允许时 422 TARGET_PARTS_EXCEED_PARENT' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTargetDto) {
    return this.targets.create(actor, dto);
  }

  @Get()
  @RequirePermission('target.read')
  @ApiOkResponse({ type: PageDto(TargetDto) })
  list(@CurrentActor() actor: Actor, @Query() q: ListTargetsQueryDto) {
    return this.targets.list(actor, q);
  }

  @Get('mine')
  @RequirePermission('target.read')
  @ApiOkResponse({ type: MyTargetsDto })
  mine(@CurrentActor() actor: Actor, @Query() q: MyTargetsQueryDto) {
    return this.targets.mine(actor, q.period);
  }

  @Get(':id')
  @RequirePermission('target.read')
  @ApiOkResponse({ type: TargetDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.targets.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('target.manage')
  @ApiOkResponse({ type: TargetDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateTargetDto) {
    return this.targets.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('target.manage')
  @ApiOkResponse({ type: DeletedTargetsDto, description: '已分解的指标须带 withParts=true，否则 409 TARGET_HAS_PARTS' })
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() q: DeleteTargetQueryDto) {
    return this.targets.remove(actor, id, q.withParts === 'true');
  }
}
