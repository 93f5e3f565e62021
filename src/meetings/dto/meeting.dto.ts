import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { DEPARTMENTS, type Department } from '../../access/roles';
import { ASSIGNMENT_PRIORITIES, ASSIGNMENT_STATUSES, type AssignmentPriority, type AssignmentStatus } from '../../assignments/assignment-rules';
import { ApiDate, ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { MAX_ACTION_ITEMS, MAX_ATTENDEES, MAX_DECISIONS, MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '../meeting-rules';

const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);
const DUE = '截止时间：YYYY-MM-DD（当天 23:59:59，业务时区）或带时区偏移的 ISO 8601 时间；不早于今天';

/** One action item (行动项): becomes a 交办事项 of the chair when the minutes are published. */
export class ActionItemInputDto {
  @ApiProperty({ example: '整理华东区重点客户名单', maxLength: 200 }) @Text('actionItems.title', 1, 200) title: string;
  @ApiProperty({ format: 'uuid', description: '承办人：须在主持人的交办范围内（主管：直接下属；经理：本部门），发布时检查' })
  @IsUUID('all', { message: 'actionItems.assigneeId 必须是 UUID' })
  assigneeId: string;
  @ApiProperty({ example: '2026-12-10', description: DUE }) @IsDateOrTimestamp('actionItems.dueAt') dueAt: string;
  @ApiPropertyOptional({ enum: ASSIGNMENT_PRIORITIES, default: 'normal' })
  @Optional()
  @IsIn(ASSIGNMENT_PRIORITIES as unknown as string[], { message: `actionItems.priority 必须是 ${ASSIGNMENT_PRIORITIES.join('、')} 之一` })
  priority?: AssignmentPriority;
}

const Attendees = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_ATTENDEES, description: '参会人员（在职员工）；修改时整体替换' }),
    Optional(),
    IsArray({ message: 'attendeeIds 必须是数组' }),
    ArrayMaxSize(MAX_ATTENDEES, { message: `attendeeIds 最多 ${MAX_ATTENDEES} 人` }),
    IsUUID('all', { each: true, message: 'attendeeIds 的每一项必须是 UUID' }),
  );
const Decisions = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: MAX_DECISIONS, example: ['十二月起每周一上午召开例会'], description: '会议决议，每条 1 到 1000 字；修改时整体替换' }),
    Transform(trimEach),
    Optional(),
    IsArray({ message: 'decisions 必须是数组' }),
    ArrayMaxSize(MAX_DECISIONS, { message: `decisions 最多 ${MAX_DECISIONS} 条` }),
    IsString({ each: true, message: 'decisions 的每一项必须是字符串' }),
    Length(1, 1000, { each: true, message: 'decisions 的每一项长度必须在 1 到 1000 之间' }),
  );
const ActionItems = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [ActionItemInputDto], maxItems: MAX_ACTION_ITEMS, description: '行动项；修改时整体替换' }),
    Optional(),
    IsArray({ message: 'actionItems 必须是数组' }),
    ArrayMaxSize(MAX_ACTION_ITEMS, { message: `actionItems 最多 ${MAX_ACTION_ITEMS} 项` }),
    ValidateNested({ each: true }),
    Type(() => ActionItemInputDto),
  );

/** 记录会议 (meeting.record): the 助理's draft minutes of a meeting of her department. */
export class CreateMeetingDto {
  @ApiProperty({ example: '销售部十二月第一周例会', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @ApiProperty({ enum: MEETING_KINDS, description: 'regular 例会，topic 专题会，other 其他' })
  @IsIn(MEETING_KINDS as unknown as string[], { message: `kind 必须是 ${MEETING_KINDS.join('、')} 之一` })
  kind: MeetingKind;
  @ApiProperty({ example: '2026-12-01T09:00:00+08:00', description: '开会时间：带时区偏移的时间，或 YYYY-MM-DD（当天 0 点）' }) @IsDateOrTimestamp('heldAt') heldAt: string;
  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, example: '三楼会议室' }) @OptionalText('location', 200) location?: string | null;
  @ApiProperty({ format: 'uuid', description: '主持人：本部门在职的经理或主管' }) @IsUUID('all', { message: 'chairId 必须是 UUID' }) chairId: string;
  @Attendees() attendeeIds?: string[];
  @ApiPropertyOptional({ type: String, maxLength: 4000, nullable: true }) @OptionalText('agenda', 4000) agenda?: string | null;
  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true, description: '会议记录正文' }) @OptionalText('minutes', 20000) minutes?: string | null;
  @Decisions() decisions?: string[];
  @ActionItems() actionItems?: ActionItemInputDto[];
}

/** PATCH while the minutes are a draft; `version` is the one read. Lists given replace the old ones. */
export class UpdateMeetingDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @Optional()
  @IsIn(MEETING_KINDS as unknown as string[], { message: `kind 必须是 ${MEETING_KINDS.join('、')} 之一` })
  kind?: MeetingKind;
  @ApiPropertyOptional({ example: '2026-12-01T09:00:00+08:00' }) @Optional() @IsDateOrTimestamp('heldAt') heldAt?: string;
  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, description: 'null 清空' }) @OptionalText('location', 200) location?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID('all', { message: 'chairId 必须是 UUID' }) chairId?: string;
  @Attendees() attendeeIds?: string[];
  @ApiPropertyOptional({ type: String, maxLength: 4000, nullable: true, description: 'null 清空' }) @OptionalText('agenda', 4000) agenda?: string | null;
  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true, description: 'null 清空' }) @OptionalText('minutes', 20000) minutes?: string | null;
  @Decisions() decisions?: string[];
  @ActionItems() actionItems?: ActionItemInputDto[];
}

export class ListMeetingsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES as unknown as string[], { message: 'status 必须是 draft 或 published' }) status?: MeetingStatus;
  @ApiPropertyOptional({ enum: MEETING_KINDS }) @IsOptional() @IsIn(MEETING_KINDS as unknown as string[], { message: `kind 必须是 ${MEETING_KINDS.join('、')} 之一` }) kind?: MeetingKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'chairId 必须是 UUID' }) chairId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '参会人员之一' }) @IsOptional() @IsUUID('all', { message: 'attendeeId 必须是 UUID' }) attendeeId?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS }) @IsOptional() @IsIn(DEPARTMENTS as unknown as string[], { message: 'department 无效' }) department?: Department;
  @ApiPropertyOptional({ example: '2026-12-01', description: '开会日期不早于该日（业务时区）' }) @IsOptional() @IsDateOnly('from') from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: '开会日期不晚于该日（业务时区）' }) @IsOptional() @IsDateOnly('to') to?: string;
  @ApiPropertyOptional({ description: '标题包含的文字' }) @IsOptional() @Text('q', 1, 100) q?: string;
}

// ── responses ────────────────────────────────────────────────────────────

export class MeetingPersonDto {
  @ApiId() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: '销售业务员' }) roleName: string;
}

export class ActionItemDto {
  @ApiInt({ minimum: 1, description: '序号' }) seq: number;
  @ApiProperty() title: string;
  @ApiId() assigneeId: string;
  @ApiProperty() assigneeName: string;
  @ApiTimestamp() dueAt: string;
  @ApiDate({ description: '截止日期（业务时区）' }) dueDate: string;
  @ApiProperty({ enum: ASSIGNMENT_PRIORITIES }) priority: AssignmentPriority;
  @ApiId({ nullable: true, description: '发布后生成的交办事项' }) assignmentId: string | null;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, nullable: true, description: '该交办事项现在的状态' }) assignmentStatus: AssignmentStatus | null;
  @ApiProperty({ description: '读者能否打开该交办事项（在其交办事项的查阅范围内）' }) assignmentReadable: boolean;
}

/** 会议纪要 as a list shows it. */
export class MeetingSummaryDto {
  @ApiId() id: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty() title: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind: MeetingKind;
  @ApiTimestamp() heldAt: string;
  @ApiText({ nullable: true }) location: string | null;
  @ApiId() chairId: string;
  @ApiProperty() chairName: string;
  @ApiId({ description: '记录人（助理）' }) recorderId: string;
  @ApiProperty() recorderName: string;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiInt() attendeeCount: number;
  @ApiInt() actionItemCount: number;
  @ApiTimestamp({ nullable: true }) publishedAt: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** 会议纪要 in full: the minutes, attendees, decisions and action items (with their 交办事项 once published). */
export class MeetingDto extends MeetingSummaryDto {
  @ApiText({ nullable: true }) agenda: string | null;
  @ApiText({ nullable: true }) minutes: string | null;
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ type: [MeetingPersonDto] }) attendees: MeetingPersonDto[];
  @ApiProperty({ type: [ActionItemDto] }) actionItems: ActionItemDto[];
  @ApiId({ nullable: true }) publishedBy: string | null;
}
