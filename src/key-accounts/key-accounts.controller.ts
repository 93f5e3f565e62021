import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { uuidParam } from '../common/params';
import { AssessmentsService } from './assessments.service';
import {
  ApproveAssessmentDto,
  CreateTierDto,
  ListAssessmentsQueryDto,
  ListKeyAccountsQueryDto,
  ProposeTierDto,
  RejectAssessmentDto,
  TierCodeParam,
  UpdateTierDto,
} from './dto/key-account.dto';
import { KeyAccountsService } from './key-accounts.service';
import { TiersService } from './tiers.service';

@ApiTags('key-accounts 大客户等级')
@ApiBearerAuth()
@Controller()
export class KeyAccountsController {
  constructor(
    private readonly tiers: TiersService,
    private readonly assessments: AssessmentsService,
    private readonly keyAccounts: KeyAccountsService,
  ) {}

  @Get('key-accounts')
  @RequirePermission('tier.read')
  list(@CurrentActor() actor: Actor, @Query() query: ListKeyAccountsQueryDto) {
    return this.keyAccounts.list(actor, query);
  }

  @Get('key-accounts/tiers')
  @RequirePermission('tier.read')
  listTiers() {
    return this.tiers.list();
  }

  @Post('key-accounts/tiers')
  @RequirePermission('tier.manage')
  createTier(@CurrentActor() actor: Actor, @Body() dto: CreateTierDto) {
    return this.tiers.create(actor, dto);
  }

  @Patch('key-accounts/tiers/:code')
  @RequirePermission('tier.manage')
  updateTier(@CurrentActor() actor: Actor, @Param() p: TierCodeParam, @Body() dto: UpdateTierDto) {
    return this.tiers.update(actor, p.code, dto);
  }

  @Post('key-accounts/assessments')
  @RequirePermission('tier.propose')
  propose(@CurrentActor() actor: Actor, @Body() dto: ProposeTierDto) {
    return this.assessments.propose(actor, dto);
  }

  @Get('key-accounts/assessments')
  @RequirePermission('tier.read')
  listAssessments(@CurrentActor() actor: Actor, @Query() query: ListAssessmentsQueryDto) {
    return this.assessments.list(actor, query);
  }

  @Get('key-accounts/assessments/:id')
  @RequirePermission('tier.read')
  getAssessment(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assessments.get(actor, id);
  }

  @Post('key-accounts/assessments/:id/approve')
  @HttpCode(200)
  @RequirePermission('tier.approve')
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ApproveAssessmentDto) {
    return this.assessments.approve(actor, id, dto);
  }

  @Post('key-accounts/assessments/:id/reject')
  @HttpCode(200)
  @RequirePermission('tier.approve')
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RejectAssessmentDto) {
    return this.assessments.reject(actor, id, dto.comment);
  }

  @Get('customers/:id/tier-history')
  @RequirePermission('customer.read')
  history(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assessments.history(actor, id);
  }
}
