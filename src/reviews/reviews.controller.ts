import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { ConfirmReviewDto, CreateReviewDto, ListReviewsQueryDto, MyReviewsQueryDto, ReturnReviewDto, ReviewDto, UpdateReviewDto } from './dto/review.dto';
import { ApproveSchemeDto, CreateSchemeDto, ListSchemesQueryDto, RejectSchemeDto, SchemeDto, UpdateSchemeDto } from './dto/scheme.dto';
import { ReviewsService } from './reviews.service';
import { SchemesService } from './schemes.service';

@ApiTags('reviews 绩效考核')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller()
export class ReviewsController {
  constructor(
    private readonly schemes: SchemesService,
    private readonly reviews: ReviewsService,
  ) {}

  // ── 考核方案 ─────────────────────────────────────────────────────────

  @Post('reviews/schemes')
  @RequirePermission('review.scheme')
  @ApiCreatedResponse({ type: SchemeDto, description: '起草本部门的考核方案（草稿）' })
  createScheme(@CurrentActor() actor: Actor, @Body() dto: CreateSchemeDto) {
    return this.schemes.create(actor, dto);
  }

  @Get('reviews/schemes')
  @RequirePermission('review.read')
  @ApiOkResponse({ type: PageDto(SchemeDto) })
  listSchemes(@CurrentActor() actor: Actor, @Query() q: ListSchemesQueryDto) {
    return this.schemes.list(actor, q);
  }

  @Get('reviews/schemes/:id')
  @RequirePermission('review.read')
  @ApiOkResponse({ type: SchemeDto })
  getScheme(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.schemes.get(actor, id);
  }

  @Patch('reviews/schemes/:id')
  @RequirePermission('review.scheme')
  @ApiOkResponse({ type: SchemeDto, description: '修改草稿或被驳回的方案（带 version）' })
  updateScheme(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateSchemeDto) {
    return this.schemes.update(actor, id, dto);
  }

  @Post('reviews/schemes/:id/submit')
  @HttpCode(200)
  @RequirePermission('review.scheme')
  @ApiOkResponse({ type: SchemeDto, description: '报总经理审批' })
  submitScheme(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.schemes.submit(actor, id);
  }

  @Post('reviews/schemes/:id/approve')
  @HttpCode(200)
  @RequirePermission('review.approve_scheme')
  @ApiOkResponse({ type: SchemeDto, description: '批准：即时生效，替代本部门原有方案' })
  approveScheme(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ApproveSchemeDto) {
    return this.schemes.approve(actor, id, dto.comment ?? null);
  }

  @Post('reviews/schemes/:id/reject')
  @HttpCode(200)
  @RequirePermission('review.approve_scheme')
  @ApiOkResponse({ type: SchemeDto })
  rejectScheme(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: RejectSchemeDto) {
    return this.schemes.reject(actor, id, dto.comment);
  }

  // ── 绩效考核 ─────────────────────────────────────────────────────────

  @Post('reviews')
  @RequirePermission('review.conduct')
  @ApiCreatedResponse({ type: ReviewDto, description: '按现行方案开始一份考核，实测数据由系统计算' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReviewDto) {
    return this.reviews.create(actor, dto);
  }

  @Get('reviews')
  @RequirePermission('review.read')
  @ApiOkResponse({ type: PageDto(ReviewDto) })
  list(@CurrentActor() actor: Actor, @Query() q: ListReviewsQueryDto) {
    return this.reviews.list(actor, q);
  }

  /** The reviewee's own reviews, whatever their role: a signed-in route. */
  @Get('me/reviews')
  @SignedIn()
  @ApiOkResponse({ type: PageDto(ReviewDto), description: '我的考核：提交后与确认后的考核' })
  mine(@CurrentActor() actor: Actor, @Query() q: MyReviewsQueryDto) {
    return this.reviews.mine(actor, q);
  }

  @Get('reviews/:id')
  @RequirePermission('review.read')
  @ApiOkResponse({ type: ReviewDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.reviews.get(actor, id);
  }

  @Patch('reviews/:id')
  @RequirePermission('review.conduct')
  @ApiOkResponse({ type: ReviewDto, description: '评分与评语（草稿或被退回时，带 version）' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateReviewDto) {
    return this.reviews.update(actor, id, dto);
  }

  @Post('reviews/:id/submit')
  @HttpCode(200)
  @RequirePermission('review.conduct')
  @ApiOkResponse({ type: ReviewDto })
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.reviews.submit(actor, id);
  }

  @Post('reviews/:id/confirm')
  @HttpCode(200)
  @RequirePermission('review.confirm')
  @ApiOkResponse({ type: ReviewDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ConfirmReviewDto) {
    return this.reviews.confirm(actor, id, dto.comment ?? null);
  }

  @Post('reviews/:id/return')
  @HttpCode(200)
  @RequirePermission('review.confirm')
  @ApiOkResponse({ type: ReviewDto })
  returnReview(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: ReturnReviewDto) {
    return this.reviews.return(actor, id, dto.comment);
  }
}
