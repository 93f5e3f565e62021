import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CRITERION_SOURCES, REVIEW_PERIOD_TYPES, SCHEME_STATUSES } from '../review-rules';
import type { CriterionSource, ReviewPeriodType, SchemeStatus } from '../review-rules';

export const SCHEME_DEPARTMENTS = ['market', 'sales', 'key_account'] as const;
export type SchemeDepartment = (typeof SCHEME_DEPARTMENTS)[number];
const MAX_CRITERIA = 20;

/** One weighted criterion (考核指标) of a scheme. */
export class CriterionDto {
  @ApiProperty({ example: '销售指标完成率' }) @Text('criteria.name', 1, 50) name: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 40, description: '权重（整数），各项之和必须为 100' })
  @IsInt({ message: 'criteria.weight 必须是整数' })
  @Min(1, { message: 'criteria.weight 最小为 1' })
  @Max(100, { message: 'criteria.weight 最大为 100' })
  weight: number;
  @ApiProperty({ enum: CRITERION_SOURCES, description: '实测数据来源；manual 表示由考核人评价，无实测数据' })
  @IsIn(CRITERION_SOURCES, { message: `criteria.source 必须是 ${CRITERION_SOURCES.join('、')} 之一` })
  source: CriterionSource;
}

const Criteria = () => (target: object, key: string) => {
  ApiProperty({ type: [CriterionDto], description: `考核指标，1 到 ${MAX_CRITERIA} 项，权重之和必须为 100（否则 422 REVIEW_SCHEME_WEIGHTS）` })(target, key);
  IsArray({ message: 'criteria 必须是数组' })(target, key);
  ArrayMinSize(1, { message: 'criteria 至少一项' })(target, key);
  ArrayMaxSize(MAX_CRITERIA, { message: `criteria 最多 ${MAX_CRITERIA} 项` })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => CriterionDto)(target, key);
};

const PeriodType = () => (target: object, key: string) => {
  ApiProperty({ enum: REVIEW_PERIOD_TYPES, description: '考核周期：月度、季度、年度' })(target, key);
  IsIn(REVIEW_PERIOD_TYPES, { message: 'periodType 必须是 month、quarter 或 year' })(target, key);
};

export class CreateSchemeDto {
  @ApiProperty({ example: '销售部 2027 年季度考核方案' }) @Text('name', 1, 100) name: string;
  @PeriodType() periodType: ReviewPeriodType;
  @Criteria() criteria: CriterionDto[];
}

export class UpdateSchemeDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional() @Optional() @Text('name', 1, 100) name?: string;
  @ApiPropertyOptional({ enum: REVIEW_PERIOD_TYPES }) @Optional() @IsIn(REVIEW_PERIOD_TYPES, { message: 'periodType 必须是 month、quarter 或 year' }) periodType?: ReviewPeriodType;
  @Optional() @Criteria() criteria?: CriterionDto[];
}

export class ApproveSchemeDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '同意执行' }) @OptionalText('comment', 1000) comment?: string | null;
}

export class RejectSchemeDto {
  @ApiProperty({ example: '回款率权重偏低，请调整' }) @Text('comment', 1, 1000) comment: string;
}

export class ListSchemesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SCHEME_DEPARTMENTS }) @IsOptional() @IsIn(SCHEME_DEPARTMENTS, { message: 'department 必须是 market、sales 或 key_account' }) department?: SchemeDepartment;
  @ApiPropertyOptional({ enum: SCHEME_STATUSES }) @IsOptional() @IsIn(SCHEME_STATUSES, { message: `status 必须是 ${SCHEME_STATUSES.join('、')} 之一` }) status?: SchemeStatus;
  @ApiPropertyOptional({ enum: REVIEW_PERIOD_TYPES }) @IsOptional() @IsIn(REVIEW_PERIOD_TYPES, { message: 'periodType 必须是 month、quarter 或 year' }) periodType?: ReviewPeriodType;
}

export class SchemeCriterionDto {
  @ApiInt({ description: '序号，从 1 开始' }) seq: number;
  @ApiProperty() name: string;
  @ApiInt({ minimum: 1, maximum: 100 }) weight: number;
  @ApiProperty({ enum: CRITERION_SOURCES }) source: CriterionSource;
}

/** 绩效考核方案: drafted by the department's 经理, in force once the 总经理 approves it. */
export class SchemeDto {
  @ApiId() id: string;
  @ApiProperty({ enum: SCHEME_DEPARTMENTS }) department: SchemeDepartment;
  @ApiProperty() name: string;
  @ApiProperty({ enum: REVIEW_PERIOD_TYPES }) periodType: ReviewPeriodType;
  @ApiProperty({ type: [SchemeCriterionDto] }) criteria: SchemeCriterionDto[];
  @ApiProperty({ enum: SCHEME_STATUSES, description: 'approved 为现行方案；superseded 为被后来批准的方案替代（只读保留）' }) status: SchemeStatus;
  @ApiId({ description: '起草人' }) draftedBy: string;
  @ApiProperty() draftedByName: string;
  @ApiTimestamp({ nullable: true }) submittedAt: string | null;
  @ApiId({ nullable: true, description: '批准或驳回的人' }) decidedBy: string | null;
  @ApiText({ nullable: true }) decidedByName: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt: string | null;
  @ApiText({ nullable: true, description: '审批意见（驳回时必填）' }) decisionComment: string | null;
  @ApiTimestamp({ nullable: true, description: '生效时间（批准时）' }) effectiveFrom: string | null;
  @ApiTimestamp({ nullable: true, description: '失效时间（被替代时）' }) effectiveUntil: string | null;
  @ApiId({ nullable: true, description: '替代它的方案' }) supersededBy: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
