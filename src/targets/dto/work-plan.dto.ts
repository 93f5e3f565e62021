import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly } from '../../common/time';
import { Optional } from '../../common/validation';
import { Text } from '../../parties/dto-rules';
import { MEASURES, TARGET_PERIOD_TYPES } from '../target-rules';
import type { Measure, TargetPeriodType } from '../target-rules';
import { WORK_PLAN_STATUSES } from '../work-plan-rules';
import type { WorkPlanStatus } from '../work-plan-rules';
import { IsPeriod } from './target.dto';

export const WORK_PLAN_MAX_ITEMS = 50;

/** One line of a plan: what to do, optionally a measure with the planned figure, optionally by when. */
export class WorkPlanItemInputDto {
  @ApiProperty({ example: '走访华东区重点客户 10 家' }) @Text('items.content', 1, 500) content: string;
  @ApiPropertyOptional({ enum: MEASURES, description: '对应的考核项（可选）' })
  @Optional()
  @IsIn(MEASURES as unknown as string[], { message: `items.measure 必须是 ${MEASURES.join('、')} 之一` })
  measure?: Measure;
  @ApiPropertyOptional({ example: '10', description: '计划数（须同时填写 measure；计数类为整数）' }) @Optional() @IsMoney('items.plannedValue') plannedValue?: string;
  @ApiPropertyOptional({ example: '2026-12-20', description: '完成期限（须在计划期间内）' }) @Optional() @IsDateOnly('items.dueDate') dueDate?: string;
}

const Items = (required = true) => (target: object, key: string) => {
  (required ? ApiProperty : ApiPropertyOptional)({ type: [WorkPlanItemInputDto], description: `计划事项，最多 ${WORK_PLAN_MAX_ITEMS} 项${required ? '' : '（整体替换）'}` })(target, key);
  IsArray({ message: 'items 必须是数组' })(target, key);
  ArrayMaxSize(WORK_PLAN_MAX_ITEMS, { message: `items 最多 ${WORK_PLAN_MAX_ITEMS} 项` })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => WorkPlanItemInputDto)(target, key);
};

export class CreateWorkPlanDto {
  @ApiPropertyOptional({ format: 'uuid', description: '计划属于谁：默认本人；主管可为直接下属起草（SAL-5.3）' })
  @Optional()
  @IsUUID('all', { message: 'ownerId 必须是 UUID' })
  ownerId?: string;
  @ApiProperty({ example: '2026-12' }) @IsPeriod() period: string;
  @ApiProperty({ example: '十二月工作计划' }) @Text('title', 1, 200) title: string;
  @Items() items: WorkPlanItemInputDto[];
}

export class UpdateWorkPlanDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional() @Optional() @Text('title', 1, 200) title?: string;
  @Optional() @Items(false) items?: WorkPlanItemInputDto[];
  @ApiPropertyOptional({ enum: WORK_PLAN_STATUSES, description: 'draft → active（下达执行）或 closed；active → closed' })
  @Optional()
  @IsIn(WORK_PLAN_STATUSES as unknown as string[], { message: 'status 必须是 draft、active 或 closed' })
  status?: WorkPlanStatus;
}

export class ListWorkPlansQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: WORK_PLAN_STATUSES }) @IsOptional() @IsIn(WORK_PLAN_STATUSES as unknown as string[], { message: 'status 无效' }) status?: WorkPlanStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ enum: TARGET_PERIOD_TYPES }) @IsOptional() @IsIn(TARGET_PERIOD_TYPES as unknown as string[], { message: 'periodType 必须是 year、quarter 或 month' }) periodType?: TargetPeriodType;
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @IsPeriod() period?: string;
}

export class WorkPlanItemDto {
  @ApiProperty() content: string;
  @ApiProperty({ enum: MEASURES, nullable: true }) measure: Measure | null;
  @ApiText({ nullable: true, description: '计划数' }) plannedValue: string | null;
  @ApiText({ nullable: true, description: '计划期间内本人的完成数（有 measure 时按记录计算）' }) actual: string | null;
  @ApiDate({ nullable: true }) dueDate: string | null;
}

/** 工作计划 (MKT-6.3, SAL-5.3): a person's plan for a period. */
export class WorkPlanDto {
  @ApiId() id: string;
  @ApiId({ description: '计划属于谁' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiId({ description: '起草人' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: TARGET_PERIOD_TYPES }) periodType: TargetPeriodType;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiDate() from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: WORK_PLAN_STATUSES }) status: WorkPlanStatus;
  @ApiProperty({ type: [WorkPlanItemDto] }) items: WorkPlanItemDto[];
  @ApiInt() version: number;
  @ApiId() updatedBy: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
