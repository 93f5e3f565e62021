import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ApproveRevisionDto, CreateRevisionDto, ListRevisionsQueryDto, RejectRevisionDto, RevisionDetailDto, RevisionDto, RevisionVersionDto, UpdateRevisionDto } from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

/** 职责制度的修订 (SPEC §12): drafted by the drafting department's 经理, approved by the 总经理. */
@ApiTags('duties 职责制度')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('duties/revisions')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  /** The 总经理: every revision but others' drafts; a drafting 经理: their department's. Anyone else: 403. */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: PageDto(RevisionDto) })
  list(@CurrentActor() actor: Actor, @Query() q: ListRevisionsQueryDto) {
    return this.revisions.list(actor, q);
  }

  @Get(':id')
  @SignedIn()
  @ApiOkResponse({ type: RevisionDetailDto, description: '含与所依据版本的差异、影响预览和违反的不变规则' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.revisions.get(actor, id);
  }

  @Post()
  @RequirePermission('duty.revise')
  @ApiCreatedResponse({ type: RevisionDetailDto, description: '基于最新版本的草稿；422 DUTY_REVISION_CHANGE_INVALID 指出无效的变更项' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRevisionDto) {
    return this.revisions.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission('duty.revise')
  @ApiOkResponse({ type: RevisionDetailDto, description: '整体替换草稿（被退回的修订回到草稿），并基于最新版本' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateRevisionDto) {
    return this.revisions.update(actor, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('duty.revise')
  @ApiOkResponse({ type: RevisionDetailDto, description: '提交总经理审批；422 DUTY_REVISION_INVARIANTS 列出违反的不变规则' })
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RevisionVersionDto) {
    return this.revisions.submit(actor, id, dto.version);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission('duty.revise')
  @ApiOkResponse({ type: RevisionDetailDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RevisionVersionDto) {
    return this.revisions.withdraw(actor, id, dto.version);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('duty.approve')
  @ApiOkResponse({ type: RevisionDetailDto, description: '批准：形成新版本，立即或自指定时间起生效' })
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ApproveRevisionDto) {
    return this.revisions.approve(actor, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('duty.approve')
  @ApiOkResponse({ type: RevisionDetailDto, description: '退回，须说明理由' })
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RejectRevisionDto) {
    return this.revisions.reject(actor, id, dto);
  }
}
