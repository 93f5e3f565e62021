import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { ApiDate, ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import {
  ASSIGNMENT_KINDS,
  ASSIGNMENT_PRIORITIES,
  ASSIGNMENT_STATUSES,
  REQUEST_DEPARTMENTS,
  type AssignmentKind,
  type AssignmentPriority,
  type AssignmentStatus,
  type RequestDepartment,
} from '../assignment-rules';
import { LINK_ENTITIES, SOURCE_ENTITIES, type LinkEntity, type SourceEntity } from '../assignment.entity';

const DUE = '截止时间：YYYY-MM-DD（当天 23:59:59，业务时区）或带时区偏移的 ISO 8601 时间';
const LINK = '关联记录的类型（与 entityId 同时给出）；须是交办人有权查看的记录';

/** What both an assignment and a request carry. */
class WorkFieldsDto {
  @ApiProperty({ example: '整理华东区重点客户名单', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiPropertyOptional({ type: String, example: '按行业分组，标出近三个月未拜访的客户', maxLength: 4000, nullable: true }) @OptionalText('description', 4000) description?: string | null;
  @ApiProperty({ example: '2026-12-10', description: DUE }) @IsDateOrTimestamp('dueAt') dueAt: string;
  @ApiPropertyOptional({ enum: ASSIGNMENT_PRIORITIES, default: 'normal' })
  @Optional()
  @IsIn(ASSIGNMENT_PRIORITIES as unknown as string[], { message: `priority 必须是 ${ASSIGNMENT_PRIORITIES.join('、')} 之一` })
  priority?: AssignmentPriority;
  @ApiPropertyOptional({ enum: LINK_ENTITIES, description: LINK })
  @Optional()
  @IsIn(LINK_ENTITIES as unknown as string[], { message: `entity 必须是 ${LINK_ENTITIES.join('、')} 之一` })
  entity?: LinkEntity;
  @ApiPropertyOptional({ format: 'uuid', description: '关联记录的 id（与 entity 同时给出）' }) @Optional() @IsUUID('all', { message: 'entityId 必须是 UUID' }) entityId?: string;
}

/** 交办 (assignment.assign): to someone within the assigner's reach. */
export class CreateAssignmentDto extends WorkFieldsDto {
  @ApiProperty({ format: 'uuid', description: '承办人：团队范围为直接下属，部门范围为本部门人员，总经理为任何人' })
  @IsUUID('all', { message: 'assigneeId 必须是 UUID' })
  assigneeId: string;
}

/** 协作请求 (assignment.request, MKT-4.8, SAL-5.1): to another department's 经理. */
export class CreateRequestDto extends WorkFieldsDto {
  @ApiProperty({ enum: REQUEST_DEPARTMENTS, description: '请求协作的部门（不能是本部门）' })
  @IsIn(REQUEST_DEPARTMENTS as unknown as string[], { message: `toDepartment 必须是 ${REQUEST_DEPARTMENTS.join('、')} 之一` })
  toDepartment: RequestDepartment;
  @ApiPropertyOptional({ format: 'uuid', description: '该部门的哪位经理；不填时为该部门在职经理中姓名排序第一位' })
  @Optional()
  @IsUUID('all', { message: 'managerId 必须是 UUID' })
  managerId?: string;
}

/** PATCH by the assigner while the work is not done; `version` is the one read. */
export class UpdateAssignmentDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1, { message: 'version 最小为 1' })
  version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional({ type: String, maxLength: 4000, nullable: true, description: 'null 清空' }) @OptionalText('description', 4000) description?: string | null;
  @ApiPropertyOptional({ example: '2026-12-15', description: DUE }) @Optional() @IsDateOrTimestamp('dueAt') dueAt?: string;
  @ApiPropertyOptional({ enum: ASSIGNMENT_PRIORITIES })
  @Optional()
  @IsIn(ASSIGNMENT_PRIORITIES as unknown as string[], { message: `priority 必须是 ${ASSIGNMENT_PRIORITIES.join('、')} 之一` })
  priority?: AssignmentPriority;
}

/** 完成 / 确认 / 取消: an optional note that goes into the history. */
export class AssignmentNoteDto {
  @ApiPropertyOptional({ type: String, example: '名单已上传共享盘', maxLength: 2000, nullable: true }) @OptionalText('comment', 2000) comment?: string | null;
}

/** 退回: why, always (done → in_progress). */
export class ReturnAssignmentDto {
  @ApiProperty({ example: '缺少宁波地区的客户，请补齐', maxLength: 2000 }) @Text('comment', 1, 2000) comment: string;
}

/** 转派: to someone within the current assignee's own reach of assignment.assign. */
export class DelegateAssignmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'assigneeId 必须是 UUID' }) assigneeId: string;
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true }) @OptionalText('comment', 2000) comment?: string | null;
}

export class ListAssignmentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES }) @IsOptional() @IsIn(ASSIGNMENT_STATUSES as unknown as string[], { message: 'status 无效' }) status?: AssignmentStatus;
  @ApiPropertyOptional({ enum: ASSIGNMENT_KINDS }) @IsOptional() @IsIn(ASSIGNMENT_KINDS as unknown as string[], { message: 'kind 必须是 assignment 或 request' }) kind?: AssignmentKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'assigneeId 必须是 UUID' }) assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'assignerId 必须是 UUID' }) assignerId?: string;
  @ApiPropertyOptional({ enum: ['assigned', 'created'], description: 'assigned：交给我的；created：我交办的（含我提出的协作请求）' })
  @IsOptional()
  @IsIn(['assigned', 'created'], { message: 'mine 必须是 assigned 或 created' })
  mine?: 'assigned' | 'created';
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '已过截止时间仍未完成（待开始或进行中）' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue 必须是 true 或 false' })
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期早于该日（不含）' }) @IsOptional() @IsDateOnly('dueBefore') dueBefore?: string;
  @ApiPropertyOptional({ description: '标题包含的文字' }) @IsOptional() @Text('q', 1, 100) q?: string;
}

export class AssignmentDto {
  @ApiId() id: string;
  @ApiProperty({ enum: ASSIGNMENT_KINDS, description: 'assignment：交办；request：协作请求' }) kind: AssignmentKind;
  @ApiProperty() title: string;
  @ApiText({ nullable: true }) description: string | null;
  @ApiProperty({ enum: ASSIGNMENT_PRIORITIES }) priority: AssignmentPriority;
  @ApiTimestamp() dueAt: string;
  @ApiDate({ description: '截止日期（业务时区）' }) dueDate: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ description: '已过截止时间仍未完成' }) overdue: boolean;
  @ApiId({ description: '交办人（协作请求的提出人）' }) assignerId: string;
  @ApiProperty() assignerName: string;
  @ApiProperty({ description: '交办人所在部门' }) assignerDepartment: string;
  @ApiId({ description: '承办人' }) assigneeId: string;
  @ApiProperty() assigneeName: string;
  @ApiProperty({ description: '承办人所在部门（数据范围按此计算）' }) department: string;
  @ApiProperty({ enum: REQUEST_DEPARTMENTS, nullable: true, description: '协作请求所请求的部门；交办为 null' }) toDepartment: RequestDepartment | null;
  @ApiId({ nullable: true, description: '最近一次转派的人' }) delegatedBy: string | null;
  @ApiProperty({ enum: SOURCE_ENTITIES, nullable: true, description: '关联记录的类型；meeting 为由会议纪要行动项生成的交办' }) entity: SourceEntity | null;
  @ApiId({ nullable: true }) entityId: string | null;
  @ApiTimestamp({ nullable: true }) startedAt: string | null;
  @ApiTimestamp({ nullable: true }) completedAt: string | null;
  @ApiTimestamp({ nullable: true }) confirmedAt: string | null;
  @ApiTimestamp({ nullable: true }) cancelledAt: string | null;
  @ApiInt({ description: '被退回的次数' }) returnCount: number;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** One step of the history: who did what, when, with what comment. */
export class AssignmentEventDto {
  @ApiInt() id: number;
  @ApiProperty({ enum: ['create', 'request', 'start', 'complete', 'return', 'confirm', 'cancel', 'delegate', 'edit'] }) action: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, nullable: true }) fromStatus: AssignmentStatus | null;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) toStatus: AssignmentStatus;
  @ApiId() actorId: string;
  @ApiProperty() actorName: string;
  @ApiId({ description: '此后的承办人' }) assigneeId: string;
  @ApiProperty() assigneeName: string;
  @ApiText({ nullable: true }) comment: string | null;
  @ApiTimestamp() at: string;
}

export class AssignmentDetailDto extends AssignmentDto {
  @ApiProperty({ type: [AssignmentEventDto], description: '经过，按时间先后' }) history: AssignmentEventDto[];
}
