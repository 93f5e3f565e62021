import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Min, ValidateBy } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiRate, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { Optional } from '../../common/validation';
import { OptionalText } from '../../parties/dto-rules';
import { isTargetPeriod, MEASURES, TARGET_LEVELS, TARGET_PERIOD_TYPES } from '../target-rules';
import type { Measure, TargetLevel, TargetPeriodType } from '../target-rules';

/** `2026` (a year), `2026-Q4` (a quarter) or `2026-12` (a month): the form says which. */
export const ANY_PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
export const PERIOD_MESSAGE = 'period 必须是 2026（年）、2026-Q4（季度）或 2026-12（月）的形式，年份在 2000 到 2100 之间';
/** `2026`, `2026-Q4` or `2026-12`, of a year from 2000 to 2100. */
export const IsPeriod = () =>
  applyDecorators(
    Matches(ANY_PERIOD, { message: PERIOD_MESSAGE }),
    ValidateBy({ name: 'isTargetPeriod', validator: { validate: (v: unknown) => isTargetPeriod(v), defaultMessage: () => PERIOD_MESSAGE } }),
  );
const MEASURE_MESSAGE = `measure 必须是 ${MEASURES.join('、')} 之一`;

export class CreateTargetDto {
  @ApiProperty({ enum: TARGET_LEVELS, description: 'department 部门指标（经理）；team 分解给主管的团队；person 分解给个人' })
  @IsIn(TARGET_LEVELS as unknown as string[], { message: `level 必须是 ${TARGET_LEVELS.join('、')} 之一` })
  level: TargetLevel;
  @ApiPropertyOptional({ example: '2026-12', description: '部门指标必填；分解出的指标沿用上级的期间（填写时必须相同）' })
  @Optional()
  @IsPeriod()
  period?: string;
  @ApiPropertyOptional({ enum: MEASURES, description: '部门指标必填；分解出的指标沿用上级的考核项' })
  @Optional()
  @IsIn(MEASURES as unknown as string[], { message: MEASURE_MESSAGE })
  measure?: Measure;
  @ApiProperty({ example: '500000.00', description: '金额类为两位小数的金额，计数类为正整数' }) @IsMoney('value') value: string;
  @ApiPropertyOptional({ format: 'uuid', description: '分解自哪个指标（团队、个人指标必填）' }) @Optional() @IsUUID('all', { message: 'parentId 必须是 UUID' }) parentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '团队指标：主管；个人指标：业务员或专员' }) @Optional() @IsUUID('all', { message: 'userId 必须是 UUID' }) userId?: string;
  @ApiPropertyOptional({ description: '允许各部分合计超出上级指标（须明确选择，记入审计）；默认不允许' })
  @Optional()
  @IsBoolean({ message: 'overParent 必须是布尔值' })
  overParent?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '重点开拓华东区域' }) @OptionalText('note', 500) note?: string | null;
}

export class UpdateTargetDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ example: '450000.00' }) @Optional() @IsMoney('value') value?: string;
  @ApiPropertyOptional({ description: '允许各部分合计超出上级指标' }) @Optional() @IsBoolean({ message: 'overParent 必须是布尔值' }) overParent?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('note', 500) note?: string | null;
}

export class DeleteTargetQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：连同已分解的下级指标一并删除' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'withParts 必须是 true 或 false' })
  withParts?: 'true' | 'false';
}

export class ListTargetsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: TARGET_PERIOD_TYPES }) @IsOptional() @IsIn(TARGET_PERIOD_TYPES as unknown as string[], { message: 'periodType 必须是 year、quarter 或 month' }) periodType?: TargetPeriodType;
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @IsPeriod() period?: string;
  @ApiPropertyOptional({ enum: MEASURES }) @IsOptional() @IsIn(MEASURES as unknown as string[], { message: MEASURE_MESSAGE }) measure?: Measure;
  @ApiPropertyOptional({ enum: TARGET_LEVELS }) @IsOptional() @IsIn(TARGET_LEVELS as unknown as string[], { message: 'level 无效' }) level?: TargetLevel;
  @ApiPropertyOptional({ format: 'uuid', description: '团队指标的主管或个人指标的本人' }) @IsOptional() @IsUUID('all', { message: 'userId 必须是 UUID' }) userId?: string;
  @ApiPropertyOptional({ enum: ['market', 'sales', 'key_account'] }) @IsOptional() @IsIn(['market', 'sales', 'key_account'], { message: 'department 无效' }) department?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '某个指标分解出的下级指标' }) @IsOptional() @IsUUID('all', { message: 'parentId 必须是 UUID' }) parentId?: string;
}

export class MyTargetsQueryDto {
  @ApiPropertyOptional({ example: '2026-12', description: '默认：本月、本季度和本年' }) @IsOptional() @IsPeriod() period?: string;
}

/** A target with its attainment, computed from the records of its subject in its period. */
export class TargetDto {
  @ApiId() id: string;
  @ApiProperty({ enum: TARGET_LEVELS }) level: TargetLevel;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty({ example: '销售部' }) departmentName: string;
  @ApiId({ nullable: true, description: '团队指标的主管，个人指标的本人；部门指标为 null' }) userId: string | null;
  @ApiText({ nullable: true }) userName: string | null;
  @ApiId({ nullable: true, description: '分解自哪个指标' }) parentId: string | null;
  @ApiProperty({ enum: TARGET_PERIOD_TYPES }) periodType: TargetPeriodType;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiDate({ description: '期间第一天' }) from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty({ enum: MEASURES }) measure: Measure;
  @ApiProperty({ example: '500000.00', description: '金额为两位小数，计数为整数' }) value: string;
  @ApiProperty({ example: '320000.00', description: '按记录实时计算的完成数' }) actual: string;
  @ApiRate({ description: '完成率 = actual ÷ value' }) rate: string | null;
  @ApiInt({ description: '已分解出的下级指标数' }) partsCount: number;
  @ApiText({ nullable: true, description: '下级指标合计（个人指标为 null）' }) partsSum: string | null;
  @ApiText({ nullable: true, description: '还可分解的 = value − partsSum，超出时为负（个人指标为 null）' }) remaining: string | null;
  @ApiProperty({ description: '设定时明确允许各部分合计超出上级指标' }) overParent: boolean;
  @ApiText({ nullable: true }) note: string | null;
  @ApiInt() version: number;
  @ApiId() createdBy: string;
  @ApiId() updatedBy: string;
  @ApiText({ description: '最后设定人' }) updatedByName: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** One version of a target as it was set. */
export class TargetVersionDto {
  @ApiInt() version: number;
  @ApiProperty({ example: '500000.00' }) value: string;
  @ApiProperty() overParent: boolean;
  @ApiText({ nullable: true }) note: string | null;
  @ApiId() changedBy: string;
  @ApiProperty() changedByName: string;
  @ApiTimestamp() changedAt: string;
}

export class TargetParentDto {
  @ApiId() id: string;
  @ApiProperty({ enum: TARGET_LEVELS }) level: TargetLevel;
  @ApiText({ nullable: true }) userName: string | null;
  @ApiProperty() value: string;
}

export class TargetDetailDto extends TargetDto {
  @ApiProperty({ type: TargetParentDto, nullable: true, description: '上级指标（不在查阅范围内时为 null）' }) parent: TargetParentDto | null;
  @ApiProperty({ type: [TargetDto], description: '分解出的下级指标及其完成情况' }) parts: TargetDto[];
  @ApiProperty({ type: [TargetVersionDto], description: '每次设定的版本，最早的在前' }) versions: TargetVersionDto[];
}

export class DeletedTargetsDto {
  @ApiProperty({ type: [String], description: '删除的指标（含一并删除的下级指标）' }) deletedIds: string[];
}

/** One period of "my targets". */
export class MyTargetPeriodDto {
  @ApiProperty({ enum: TARGET_PERIOD_TYPES }) periodType: TargetPeriodType;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiDate() from: string;
  @ApiDate() to: string;
  @ApiProperty({ type: [TargetDto] }) items: TargetDto[];
  @ApiRate({ description: '各项完成率的平均值；没有指标时为 null' }) rate: string | null;
}

export class MyTargetsDto {
  @ApiProperty({ type: [MyTargetPeriodDto] }) periods: MyTargetPeriodDto[];
}

/** Attainment of a person or department for a period, as reports and work-report drafts show it. */
export class AttainmentItemDto {
  @ApiProperty({ enum: MEASURES }) measure: Measure;
  @ApiProperty({ example: '100000.00' }) target: string;
  @ApiProperty({ example: '82000.00' }) actual: string;
  @ApiRate() rate: string | null;
}

export class AttainmentDto {
  @ApiProperty({ enum: TARGET_PERIOD_TYPES }) periodType: TargetPeriodType;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ type: [AttainmentItemDto] }) items: AttainmentItemDto[];
  @ApiRate({ description: '各项完成率的平均值' }) rate: string | null;
}
