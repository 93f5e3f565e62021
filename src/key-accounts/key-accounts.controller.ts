import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { AssessmentsService } from './assessments.service';
import {
  ApproveAssessmentDto,
  AssessmentDto,
  CreateTierDto,
  KeyAccountDto,
  ListAssessmentsQueryDto,
  ListKeyAccountsQueryDto,
  ProposeTierDto,
  RejectAssessmentDto,
  TierCodeParam,
  TierDto,
  TierHistoryDto,
  TierListDto,
  UpdateTierDto,
} from './dto/key-account.dto';
import { KeyAccountsService } from './key-accounts.service';
import { TiersService } from './tiers.service';

@ApiTags('key-accounts 大客户等级')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller()
export class KeyAccountsController {
  constructor(
    private readonly tiers: TiersService,
    private readonly assessments: AssessmentsService,
    private readonly keyAccounts: KeyAccountsService,
  ) {}

  @Get('key-accounts')
  @RequirePermission('tier.read')
  @ApiOkResponse({ type: PageDto(KeyAccountDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListKeyAccountsQueryDto) {
    return this.keyAccounts.list(actor, query);
  }

  @Get('key-accounts/tiers')
  @RequirePermission('tier.read')
  @ApiOkResponse({ type: TierListDto })
  listTiers() {
    return this.tiers.list();
  }

  @Post('key-accounts/tiers')
  @RequirePermission('tier.manage')
  @ApiCreatedResponse({ type: TierDto })
  createTier(@CurrentActor() actor: Actor, @Body() dto: CreateTierDto) {
    return this.tiers.create(actor, dto);
  }

  @Patch('key-accounts/tiers/:code')
  @RequirePermission('tier.manage')
  @ApiOkResponse({ type: TierDto })
  updateTier(@CurrentActor() actor: Actor, @Param() p: TierCodeParam, @Body() dto: UpdateTierDto) {
    return this.tiers.update(actor, p.code, dto);
  }

  @Post('key-accounts/assessments')
  @RequirePermission('tier.propose')
  @ApiCreatedResponse({ type: AssessmentDto })
  propose(@CurrentActor() actor: Actor, @Body() dto: ProposeTierDto) {
    return this.assessments.propose(actor, dto);
  }

  @Get('key-accounts/assessments')
  @RequirePermission('tier.read')
  @ApiOkResponse({ type: PageDto(AssessmentDto) })
  listAssessments(@CurrentActor() actor: Actor, @Query() query: ListAssessmentsQueryDto) {
    return this.assessments.list(actor, query);
  }

  @Get('key-accounts/assessments/:id')
  @RequirePermission('tier.read')
  @ApiOkResponse({ type: AssessmentDto })
  getAssessment(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assessments.get(actor, id);
  }

  @Post('key-accounts/assessments/:id/approve')
  @HttpCode(200)
  @RequirePermission('tier.approve')
  @ApiOkResponse({ type: AssessmentDto })
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ApproveAssessmentDto) {
    return this.assessments.approve(actor, id, dto);
  }

  @Post('key-accounts/assessments/:id/reject')
  @HttpCode(200)
  @RequirePermission('tier.approve')
  @ApiOkResponse({ type: AssessmentDto })
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RejectAssessmentDto) {
    return this.assessments.reject(actor, id, dto.comment);
  }

  @Get('customers/:id/tier-history')
  @RequirePermission('customer.read')
  @ApiOkResponse({ type: TierHistoryDto })
  history(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assessments.history(actor, id);
  }
}
