import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';

const CODE = /^[A-Z0-9_-]{1,20}$/;

export class CreateTierDto {
  @ApiProperty({ example: 'A' }) @IsString() @Matches(CODE, { message: 'code 只能是 1 到 20 位大写字母、数字、下划线或连字符' }) code: string;
  @ApiProperty({ example: 'A 级大客户' }) @Text('name', 1, 50) name: string;
  @ApiProperty({ example: 1, description: '1 为最高等级' }) @IsInt({ message: 'rank 必须是整数' }) @Min(1, { message: 'rank 最小为 1' }) @Max(99, { message: 'rank 最大为 99' }) rank: number;
  @ApiProperty({ example: '5000000.00', description: '年度签约金额门槛（元）' }) @IsMoney('minAnnualAmount') minAnnualAmount: string;
  @ApiProperty({ example: 30, description: '拜访周期（天）' })
  @IsInt({ message: 'visitIntervalDays 必须是整数' })
  @Min(1, { message: 'visitIntervalDays 最小为 1' })
  @Max(366, { message: 'visitIntervalDays 最大为 366' })
  visitIntervalDays: number;
  @ApiProperty({ example: 24, description: '投诉响应时限（小时）' })
  @IsInt({ message: 'complaintResponseHours 必须是整数' })
  @Min(1, { message: 'complaintResponseHours 最小为 1' })
  @Max(720, { message: 'complaintResponseHours 最大为 720' })
  complaintResponseHours: number;
}

export class UpdateTierDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @Text('name', 1, 50) name?: string;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'rank 必须是整数' }) @Min(1) @Max(99) rank?: number;
  @ApiPropertyOptional() @Optional() @IsMoney('minAnnualAmount') minAnnualAmount?: string;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'visitIntervalDays 必须是整数' }) @Min(1) @Max(366) visitIntervalDays?: number;
  @ApiPropertyOptional() @Optional() @IsInt({ message: 'complaintResponseHours 必须是整数' }) @Min(1) @Max(720) complaintResponseHours?: number;
}

export class ProposeTierDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId: string;
  @ApiProperty({ type: String, nullable: true, example: 'A', description: 'null 表示“不是大客户”' })
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'proposedTierCode 必须是等级代码或 null' })
  @Matches(CODE, { message: 'proposedTierCode 必须是等级代码或 null' })
  proposedTierCode: string | null;
  @ApiProperty({ example: '近一年签约额 620 万元，符合 A 级标准' }) @Text('reason', 1, 1000) reason: string;
}

export class ApproveAssessmentDto {
  @ApiPropertyOptional({ format: 'uuid', description: '大客户部的负责人（客户成为大客户时必填，除非已由大客户部负责）' })
  @Optional()
  @IsUUID('all', { message: 'assigneeId 必须是 UUID' })
  assigneeId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('comment', 1000) comment?: string | null;
}

export class RejectAssessmentDto {
  @ApiProperty({ example: '签约额未持续达到标准' }) @Text('comment', 1, 1000) comment: string;
}

export class ListAssessmentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'], { message: 'status 必须是 pending、approved 或 rejected' })
  status?: 'pending' | 'approved' | 'rejected';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ enum: ['manual', 'system'] }) @IsOptional() @IsIn(['manual', 'system'], { message: 'source 必须是 manual 或 system' }) source?: 'manual' | 'system';
}

export class ListKeyAccountsQueryDto extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) tierCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '按等级的拜访周期已逾期未拜访' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'visitOverdue 必须是 true 或 false' })
  visitOverdue?: 'true' | 'false';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class TierCodeParam {
  @ApiProperty({ example: 'A' }) @IsString() @Matches(CODE, { message: '等级代码只能是 1 到 20 位大写字母、数字、下划线或连字符' }) code: string;
}

/** 大客户等级 and the service each tier is owed. */
export class TierDto {
  @ApiProperty({ example: 'A' }) code: string;
  @ApiProperty({ example: 'A 级大客户' }) name: string;
  @ApiInt({ minimum: 1, description: '1 为最高等级' }) rank: number;
  @ApiMoney({ description: '年度签约金额门槛（元）' }) minAnnualAmount: string;
  @ApiInt({ description: '拜访周期（天）' }) visitIntervalDays: number;
  @ApiInt({ description: '投诉响应时限（小时）' }) complaintResponseHours: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** Every tier, highest (rank 1) first. */
export class TierListDto {
  @ApiProperty({ type: [TierDto] }) items: TierDto[];
  @ApiInt() total: number;
}

/** 大客户等级评估: a proposed tier (or "not a key account") and its decision. */
export class AssessmentDto {
  @ApiId() id: string;
  @ApiId() customerId: string;
  @ApiText({ nullable: true, description: '提议时的等级；null 表示当时不是大客户' }) currentTierCode: string | null;
  @ApiText({ nullable: true, description: '提议的等级；null 表示“不是大客户”' }) proposedTierCode: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['manual', 'system'], description: 'system：年度评估任务提出' }) source: 'manual' | 'system';
  @ApiMoney({ nullable: true, description: '系统评估时：近 12 个月签约额' }) trailingAmount: string | null;
  @ApiId({ nullable: true, description: '提议人；系统评估为 null' }) proposedBy: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: 'pending' | 'approved' | 'rejected';
  @ApiId({ nullable: true }) decidedBy: string | null;
  @ApiTimestamp({ nullable: true }) decidedAt: string | null;
  @ApiText({ nullable: true }) decisionComment: string | null;
  @ApiId({ nullable: true, description: '批准后的负责人' }) assigneeId: string | null;
  @ApiTimestamp() createdAt: string;
}

/** A key account with its tier, owner and visit rhythm. */
export class KeyAccountDto {
  @ApiId() customerId: string;
  @ApiProperty() name: string;
  @ApiProperty() tierCode: string;
  @ApiProperty() tierName: string;
  @ApiInt() tierRank: number;
  @ApiInt() visitIntervalDays: number;
  @ApiId() ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiTimestamp({ nullable: true }) keyAccountSince: string | null;
  @ApiTimestamp({ nullable: true, description: '最近一次拜访；从未拜访为 null' }) lastVisitAt: string | null;
  @ApiDate({ description: '下次应拜访日（BUSINESS_TZ）' }) nextVisitDue: string;
  @ApiProperty({ description: '按等级的拜访周期已逾期未拜访' }) visitOverdue: boolean;
}

/** One change of a customer's tier, owner or department, by an approved assessment. */
export class TierChangeDto {
  @ApiId() id: string;
  @ApiId() assessmentId: string;
  @ApiText({ nullable: true }) fromTierCode: string | null;
  @ApiText({ nullable: true }) toTierCode: string | null;
  @ApiId() fromOwnerId: string;
  @ApiId() toOwnerId: string;
  @ApiProperty({ enum: DEPARTMENTS }) fromDepartment: Department;
  @ApiProperty({ enum: DEPARTMENTS }) toDepartment: Department;
  @ApiId() changedBy: string;
  @ApiProperty() changedByName: string;
  @ApiTimestamp() changedAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['manual', 'system'] }) source: 'manual' | 'system';
}

/** 大客户档案: a customer's tier history, oldest first. */
export class TierHistoryDto {
  @ApiId() customerId: string;
  @ApiProperty({ type: [TierChangeDto] }) items: TierChangeDto[];
}
