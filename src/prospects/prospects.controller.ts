import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { AssignDto, CustomerResponseDto } from '../customers/dto/customer.dto';
import {
  CreateProspectDto,
  DuplicateCheckDto,
  DuplicateQueryDto,
  EvaluateProspectDto,
  EvaluationListDto,
  EvaluationResultDto,
  ListProspectsQueryDto,
  PoolQueryDto,
  ProspectResponseDto,
  UpdateProspectDto,
} from './dto/prospect.dto';
import { ProspectsService } from './prospects.service';

@ApiTags('prospects 潜在客户登记备案')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('prospects')
export class ProspectsController {
  constructor(private readonly prospects: ProspectsService) {}

  @Post()
  @RequirePermission('prospect.create')
  @ApiCreatedResponse({ type: ProspectResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProspectDto) {
    return this.prospects.create(actor, dto);
  }

  @Get()
  @RequirePermission('prospect.read')
  @ApiOkResponse({ type: PageDto(ProspectResponseDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListProspectsQueryDto) {
    return this.prospects.list(actor, query);
  }

  @Get('duplicates')
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: DuplicateCheckDto })
  duplicates(@Query() query: DuplicateQueryDto) {
    return this.prospects.checkDuplicates(query);
  }

  @Get('pool')
  @RequirePermission('prospect.create')
  @ApiOkResponse({ type: PageDto(ProspectResponseDto), description: '本部门公海中的潜在客户' })
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
  @ApiCreatedResponse({ type: EvaluationResultDto })
  evaluate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: EvaluateProspectDto) {
    return this.prospects.evaluate(actor, id, dto);
  }

  @Get(':id/evaluations')
  @RequirePermission('prospect.read')
  @ApiOkResponse({ type: EvaluationListDto })
  evaluations(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.prospects.evaluations(actor, id);
  }

  @Post(':id/convert')
  @RequirePermission('prospect.convert')
  @ApiCreatedResponse({ type: CustomerResponseDto, description: '新建的客户' })
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
