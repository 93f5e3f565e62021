import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { ApprovalsService } from './approvals.service';
import { ApprovalInboxDto, ApprovalInboxQueryDto } from './dto/approval.dto';

/**
 * 审批: what waits on the caller's decision. Signed-in for every role; each kind appears only for a
 * holder of its permission (contract.approve, tier.approve, complaint.approve_compensation,
 * workreport.review, visit.review, review.approve_scheme, review.confirm), within that grant's
 * scope — a role holding none gets empty counts.
 */
@ApiTags('approvals 审批')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller()
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get('me/approvals')
  @SignedIn()
  @ApiOkResponse({ type: ApprovalInboxDto, description: '等待调用者决定的记录：每类的数量与最早等待的若干条' })
  inbox(@CurrentActor() actor: Actor, @Query() query: ApprovalInboxQueryDto) {
    return this.approvals.inbox(actor, query);
  }
}
