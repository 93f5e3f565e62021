import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ContractArchiveService } from './contract-archive.service';
import { ContractsService } from './contracts.service';
import {
  ArchiveDto,
  ContractDetailDto,
  ContractSummaryDto,
  CreateContractDto,
  DecisionDto,
  ListArchiveQueryDto,
  ListContractsQueryDto,
  RejectDto,
  SignDto,
  TerminateDto,
  UpdateContractDto,
} from './dto/contract.dto';

@ApiTags('contracts 销售合同')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly archive: ContractArchiveService,
  ) {}

  @Post()
  @RequirePermission('contract.create')
  @ApiCreatedResponse({ type: ContractDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContractDto) {
    return this.contracts.create(actor, dto);
  }

  @Get()
  @RequirePermission('contract.read')
  @ApiOkResponse({ type: PageDto(ContractSummaryDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListContractsQueryDto) {
    return this.contracts.list(actor, query);
  }

  @Get('archive')
  @RequirePermission('contract.read')
  @ApiOkResponse({ type: PageDto(ContractSummaryDto), description: '已归档的合同' })
  archiveList(@CurrentActor() actor: Actor, @Query() query: ListArchiveQueryDto) {
    return this.archive.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('contract.read')
  @ApiOkResponse({ type: ContractDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.contracts.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('contract.create')
  @ApiOkResponse({ type: ContractDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateContractDto) {
    return this.contracts.update(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('contract.create')
  @ApiOkResponse({ type: ContractDetailDto })
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.contracts.submit(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('contract.approve')
  @ApiOkResponse({ type: ContractDetailDto })
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: DecisionDto) {
    return this.contracts.approve(actor, id, dto.comment ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('contract.approve')
  @ApiOkResponse({ type: ContractDetailDto })
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RejectDto) {
    return this.contracts.reject(actor, id, dto.comment);
  }

  /** The owner or an approver in scope; the service decides which (a route cannot see rows). */
  @Post(':id/sign')
  @HttpCode(200)
  @RequirePermission('contract.read')
  @ApiOkResponse({ type: ContractDetailDto })
  sign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: SignDto) {
    return this.contracts.sign(actor, id, dto.signedAt);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @RequirePermission('contract.approve')
  @ApiOkResponse({ type: ContractDetailDto })
  terminate(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: TerminateDto) {
    return this.contracts.terminate(actor, id, dto.reason);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('contract.archive')
  @ApiOkResponse({ type: ContractDetailDto })
  archiveContract(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ArchiveDto) {
    return this.archive.archive(actor, id, dto.location);
  }
}
