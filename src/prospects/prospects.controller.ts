import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { uuidParam } from '../common/params';
import { AssignDto, CustomerResponseDto } from '../customers/dto/customer.dto';
import { CreateProspectDto, DuplicateQueryDto, EvaluateProspectDto, ListProspectsQueryDto, PoolQueryDto, ProspectResponseDto, UpdateProspectDto } from './dto/prospect.dto';
import { ProspectsService } from './prospects.service';

@ApiTags('prospects 潜在客户登记备案')
@ApiBearerAuth()
@Controller('prospects')
export class ProspectsController {
  constructor(private readonly prospects: ProspectsService) {}

  @Post()
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: ProspectResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProspectDto) {
    return this.prospects.create(actor, dto);
  }

  @Get()
  @RequirePermission('prospect.read')
  list(@CurrentActor() actor: Actor, @Query() query: ListProspectsQueryDto) {
    return this.prospects.list(actor, query);
  }

  @Get('duplicates')
  @RequirePermission('prospect.create')
  duplicates(@Query() query: DuplicateQueryDto) {
    return this.prospects.checkDuplicates(query);
  }

  @Get('pool')
  @RequirePermission('prospect.create')
  pool(@CurrentActor() actor: Actor, @Query() query: PoolQueryDto) {
    return this.prospects.pool(actor, query);
  }

  @Get(':id')
  @RequirePermission('prospect.read')
  @ApiOkResponse({ type: ProspectResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.prospects.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('prospect.update')
  @ApiOkResponse({ type: ProspectResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateProspectDto) {
    return this.prospects.update(actor, id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('prospect.assign')
  @ApiOkResponse({ type: ProspectResponseDto })
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignDto) {
    return this.prospects.assign(actor, id, dto.ownerId);
  }

  @Post(':id/evaluations')
  @RequirePermission('prospect.evaluate')
  evaluate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: EvaluateProspectDto) {
    return this.prospects.evaluate(actor, id, dto);
  }

  @Get(':id/evaluations')
  @RequirePermission('prospect.read')
  evaluations(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.prospects.evaluations(actor, id);
  }

  @Post(':id/convert')
  @RequirePermission('prospect.convert')
  @ApiOkResponse({ type: CustomerResponseDto })
  convert(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.prospects.convert(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: ProspectResponseDto })
  claim(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.prospects.claim(actor, id);
  }
}
