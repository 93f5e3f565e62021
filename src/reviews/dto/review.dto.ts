import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiRate, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CRITERION_SOURCES, PERIOD_PATTERN, REVIEW_PERIOD_TYPES, REVIEW_STATUSES } from '../review-rules';
import type { CriterionSource, ReviewPeriodType, ReviewStatus } from '../review-rules';

const PERIOD_MESSAGE = 'period 必须是考核期间：年度 2026、季度 2026-Q4 或月度 2026-12';
const Period = () => (target: object, key: string) => {
  ApiProperty({ example: '2026-Q4', description: '考核期间，与现行方案的周期一致：年度 2026、季度 2026-Q4、月度 2026-12' })(target, key);
  Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE })(target, key);
};

export class CreateReviewDto {
  @ApiProperty({ format: 'uuid', description: '被考核人' }) @IsUUID('all', { message: 'revieweeId 必须是 UUID' }) revieweeId: string;
  @Period() period: string;
}

/** One criterion's score (0–100, whole) and comment; `null` clears it. */
export class ScoreDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: '指标序号' }) @IsInt({ message: 'scores.seq 必须是整数' }) @Min(1, { message: 'scores.seq 最小为 1' }) @Max(20, { message: 'scores.seq 最大为 20' }) seq: number;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 100 })
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'scores.score 必须是 0 到 100 的整数' })
  @Min(0, { message: 'scores.score 最小为 0' })
  @Max(100, { message: 'scores.score 最大为 100' })
  score: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('scores.comment', 1000) comment?: string | null;
}

export class UpdateReviewDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ type: [ScoreDto], description: '要修改的指标评分（按序号），未列出的不变' })
  @Optional()
  @IsArray({ message: 'scores 必须是数组' })
  @ArrayMaxSize(20, { message: 'scores 最多 20 项' })
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores?: ScoreDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '总体评语' }) @OptionalText('comment', 2000) comment?: string | null;
}

export class ConfirmReviewDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '同意考核结果' }) @OptionalText('comment', 1000) comment?: string | null;
}

export class ReturnReviewDto {
  @ApiProperty({ example: '回款一项的评分偏高，请复核' }) @Text('comment', 1, 1000) comment: string;
}

export class ListReviewsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: '2026-Q4' }) @IsOptional() @Matches(PERIOD_PATTERN, { message: PERIOD_MESSAGE }) period?: string;
  @ApiPropertyOptional({ enum: REVIEW_STATUSES }) @IsOptional() @IsIn(REVIEW_STATUSES, { message: `status 必须是 ${REVIEW_STATUSES.join('、')} 之一` }) status?: ReviewStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'revieweeId 必须是 UUID' }) revieweeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'reviewerId 必须是 UUID' }) reviewerId?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS }) @IsOptional() @IsIn(DEPARTMENTS, { message: 'department 无效' }) department?: Department;
}

export class MyReviewsQueryDto extends ListQueryDto {}

// ── responses ────────────────────────────────────────────────────────────

export class VisitsFigureDto {
  @ApiInt({ description: '期间内的拜访次数' }) count: number;
}

export class CollectionFigureDto {
  @ApiMoney({ description: '期间内到期的应收金额' }) due: string;
  @ApiMoney({ description: '其中截至期末已收回的金额' }) received: string;
  @ApiRate({ description: '回款率 = received ÷ due；没有到期应收时为 null' }) rate: string | null;
}

export class ComplaintSlaFigureDto {
  @ApiInt({ description: '期间内到期（已解决或已过时限）的投诉数' }) total: number;
  @ApiInt({ description: '其中在时限内解决的' }) kept: number;
  @ApiRate({ description: 'kept ÷ total；没有投诉时为 null' }) rate: string | null;
}

export class AttainmentItemDto {
  @ApiProperty({ enum: ['contract_amount', 'payments', 'new_prospects', 'visits', 'new_key_accounts'] }) measure: string;
  @ApiProperty({ example: '100000.00' }) target: string;
  @ApiProperty({ example: '80000.00' }) actual: string;
  @ApiRate() rate: string | null;
}

export class AttainmentFigureDto {
  @ApiRate({ description: '各项指标完成率的平均值；本期没有个人指标时为 null' }) rate: string | null;
  @ApiProperty({ type: [AttainmentItemDto] }) items: AttainmentItemDto[];
}

/** What the records say of the reviewee in the period, as found when the review was opened. */
export class ReviewFiguresDto {
  @ApiProperty({ type: VisitsFigureDto }) visits: VisitsFigureDto;
  @ApiProperty({ type: CollectionFigureDto }) collectionRate: CollectionFigureDto;
  @ApiProperty({ type: ComplaintSlaFigureDto }) complaintSla: ComplaintSlaFigureDto;
  @ApiProperty({ type: AttainmentFigureDto }) targetAttainment: AttainmentFigureDto;
}

export class ReviewItemDto {
  @ApiInt() seq: number;
  @ApiProperty() name: string;
  @ApiInt({ minimum: 1, maximum: 100 }) weight: number;
  @ApiProperty({ enum: CRITERION_SOURCES }) source: CriterionSource;
  @ApiText({ nullable: true, description: '实测值：比率为四位小数（0.7500），拜访为次数；manual 为 null' }) measured: string | null;
  @ApiInt({ nullable: true, minimum: 0, maximum: 100 }) score: number | null;
  @ApiText({ nullable: true }) comment: string | null;
}

/** 绩效考核: one person's review for one period. */
export class ReviewDto {
  @ApiId() id: string;
  @ApiId() schemeId: string;
  @ApiProperty() schemeName: string;
  @ApiId() revieweeId: string;
  @ApiProperty() revieweeName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiId() reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty({ enum: ['manager', 'gm'], description: '由谁确认：manager 本部门经理（主管所做的考核），gm 总经理（经理所做的考核）' }) confirmLevel: 'manager' | 'gm';
  @ApiProperty({ enum: REVIEW_PERIOD_TYPES }) periodType: ReviewPeriodType;
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiDate() from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty({ type: ReviewFiguresDto }) figures: ReviewFiguresDto;
  @ApiTimestamp({ description: '实测数据的计算时间' }) figuresAt: string;
  @ApiProperty({ type: [ReviewItemDto] }) items: ReviewItemDto[];
  @ApiProperty({ type: String, nullable: true, example: '86.50', description: '加权总分 = Σ 评分 × 权重 ÷ 100；有指标未评分时为 null' }) total: string | null;
  @ApiText({ nullable: true }) comment: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiTimestamp({ nullable: true }) submittedAt: string | null;
  @ApiId({ nullable: true }) confirmedBy: string | null;
  @ApiText({ nullable: true }) confirmedByName: string | null;
  @ApiTimestamp({ nullable: true }) confirmedAt: string | null;
  @ApiText({ nullable: true }) confirmComment: string | null;
  @ApiId({ nullable: true }) returnedBy: string | null;
  @ApiTimestamp({ nullable: true }) returnedAt: string | null;
  @ApiText({ nullable: true, description: '退回意见（最近一次）' }) returnComment: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
