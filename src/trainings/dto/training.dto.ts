import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsUrl, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DEPARTMENTS, type Department } from '../../access/roles';
import { ApiId, ApiInt, ApiRate, ApiText, ApiTimestamp } from '../../common/api-properties';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { Optional } from '../../common/validation';
import { OptionalText, Text } from '../../parties/dto-rules';
import { MAX_ATTENDEES, MAX_LINKS, PASS_SCORE, TRAINING_KINDS, TRAINING_STATUSES, type TrainingKind, type TrainingStatus } from '../training-rules';

/** A link to the material (slides, a recording, a shared folder); files come with attachments later. */
export class MaterialLinkDto {
  @ApiProperty({ example: '产品知识课件', maxLength: 100 }) @Text('materialLinks.title', 1, 100) title: string;
  @ApiProperty({ example: 'https://pan.example.com/s/abc', maxLength: 2000, description: 'http 或 https 地址' })
  @MaxLength(2000, { message: 'materialLinks.url 最长 2000 个字符' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true }, { message: 'materialLinks.url 必须是 http 或 https 地址' })
  url: string;
}

const Hours = () =>
  applyDecorators(
    ApiProperty({ example: 2, minimum: 0.5, maximum: 100, description: '学时，最多一位小数' }),
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: 'hours 必须是最多一位小数的数字' }),
    Min(0.5, { message: 'hours 最小为 0.5' }),
    Max(100, { message: 'hours 最大为 100' }),
  );
const Attendees = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: [String], format: 'uuid', maxItems: MAX_ATTENDEES, description: '受训人员：主管为直接下属，经理为本部门人员；修改时整体替换' }),
    ...(required ? [] : [Optional()]),
    IsArray({ message: 'attendeeIds 必须是数组' }),
    ArrayMinSize(1, { message: 'attendeeIds 至少 1 人' }),
    ArrayMaxSize(MAX_ATTENDEES, { message: `attendeeIds 最多 ${MAX_ATTENDEES} 人` }),
    IsUUID('all', { each: true, message: 'attendeeIds 的每一项必须是 UUID' }),
  );
const Links = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [MaterialLinkDto], maxItems: MAX_LINKS, description: '培训资料链接；修改时整体替换' }),
    Optional(),
    IsArray({ message: 'materialLinks 必须是数组' }),
    ArrayMaxSize(MAX_LINKS, { message: `materialLinks 最多 ${MAX_LINKS} 个` }),
    ValidateNested({ each: true }),
    Type(() => MaterialLinkDto),
  );
const Kind = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ enum: TRAINING_KINDS, description: 'onboarding 入职培训，business 业务培训' }),
    ...(required ? [] : [Optional()]),
    IsIn(TRAINING_KINDS as unknown as string[], { message: 'kind 必须是 onboarding 或 business' }),
  );

/** 组织培训 (training.manage): the organiser is the caller; the department is theirs. */
export class CreateTrainingDto {
  @ApiProperty({ example: '新产品知识培训', maxLength: 200 }) @Text('title', 1, 200) title: string;
  @Kind(true) kind: TrainingKind;
  @ApiProperty({ example: '刘洋', maxLength: 100, description: '讲师' }) @Text('trainerName', 1, 100) trainerName: string;
  @ApiProperty({ example: '2026-12-05T14:00:00+08:00', description: '培训时间：带时区偏移的时间，或 YYYY-MM-DD（当天 0 点）' }) @IsDateOrTimestamp('heldAt') heldAt: string;
  @Hours() hours: number;
  @ApiPropertyOptional({ type: String, maxLength: 10000, nullable: true, description: '培训资料（文字）' }) @OptionalText('material', 10000) material?: string | null;
  @Links() materialLinks?: MaterialLinkDto[];
  @Attendees(true) attendeeIds: string[];
}

/** PATCH while planned; `version` is the one read. The attendees given replace the old list. */
export class UpdateTrainingDto {
  @ApiProperty({ description: '读取时的版本号；已被修改时为 409' }) @IsInt({ message: 'version 必须是整数' }) @Min(1, { message: 'version 最小为 1' }) version: number;
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @Text('title', 1, 200) title?: string;
  @Kind(false) kind?: TrainingKind;
  @ApiPropertyOptional({ maxLength: 100 }) @Optional() @Text('trainerName', 1, 100) trainerName?: string;
  @ApiPropertyOptional({ example: '2026-12-05T14:00:00+08:00' }) @Optional() @IsDateOrTimestamp('heldAt') heldAt?: string;
  @ApiPropertyOptional({ example: 2, minimum: 0.5, maximum: 100 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: 'hours 必须是最多一位小数的数字' })
  @Min(0.5, { message: 'hours 最小为 0.5' })
  @Max(100, { message: 'hours 最大为 100' })
  hours?: number;
  @ApiPropertyOptional({ type: String, maxLength: 10000, nullable: true, description: 'null 清空' }) @OptionalText('material', 10000) material?: string | null;
  @Links() materialLinks?: MaterialLinkDto[];
  @Attendees(false) attendeeIds?: string[];
}

/** One invitee's record of the session. */
export class AttendanceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'attendance.userId 必须是 UUID' }) userId: string;
  @ApiProperty({ description: '是否参加' }) @IsBoolean({ message: 'attendance.attended 必须是 true 或 false' }) attended: boolean;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 100, description: `考核成绩（0–100 的整数，${PASS_SCORE} 分及格）；只给参加的人；不考核时不填` })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'attendance.score 必须是 0 到 100 的整数' })
  @Min(0, { message: 'attendance.score 最小为 0' })
  @Max(100, { message: 'attendance.score 最大为 100' })
  score?: number | null;
  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true, description: '学员反馈' }) @OptionalText('attendance.feedback', 1000) feedback?: string | null;
}

/** 记录培训情况: every invitee once — attended or not, a score for those who attended (optional), their feedback. */
export class HoldTrainingDto {
  @ApiProperty({ type: [AttendanceDto], maxItems: MAX_ATTENDEES })
  @IsArray({ message: 'attendance 必须是数组' })
  @ArrayMinSize(1, { message: 'attendance 至少 1 项' })
  @ArrayMaxSize(MAX_ATTENDEES, { message: `attendance 最多 ${MAX_ATTENDEES} 项` })
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance: AttendanceDto[];
}

/** 评估效果: the organiser's assessment, kept beside the computed figures. */
export class EvaluateTrainingDto {
  @ApiProperty({ example: '到课率高，产品知识掌握较好；报价流程部分需再培训', maxLength: 4000 }) @Text('assessment', 1, 4000) assessment: string;
}

export class CancelTrainingDto {
  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true, example: '讲师出差，改期另行通知' }) @OptionalText('reason', 1000) reason?: string | null;
}

export class ListTrainingsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: TRAINING_STATUSES }) @IsOptional() @IsIn(TRAINING_STATUSES as unknown as string[], { message: `status 必须是 ${TRAINING_STATUSES.join('、')} 之一` }) status?: TrainingStatus;
  @ApiPropertyOptional({ enum: TRAINING_KINDS }) @IsOptional() @IsIn(TRAINING_KINDS as unknown as string[], { message: 'kind 必须是 onboarding 或 business' }) kind?: TrainingKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'organiserId 必须是 UUID' }) organiserId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '受训人员之一' }) @IsOptional() @IsUUID('all', { message: 'attendeeId 必须是 UUID' }) attendeeId?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS }) @IsOptional() @IsIn(DEPARTMENTS as unknown as string[], { message: 'department 无效' }) department?: Department;
  @ApiPropertyOptional({ example: '2026-12-01', description: '培训日期不早于该日（业务时区）' }) @IsOptional() @IsDateOnly('from') from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: '培训日期不晚于该日（业务时区）' }) @IsOptional() @IsDateOnly('to') to?: string;
  @ApiPropertyOptional({ description: '标题包含的文字' }) @IsOptional() @Text('q', 1, 100) q?: string;
}

// ── responses ────────────────────────────────────────────────────────────

export class TrainingFiguresDto {
  @ApiInt({ description: '受邀人数' }) invited: number;
  @ApiInt({ description: '实到人数' }) attended: number;
  @ApiInt({ description: '有成绩的人数（参加且考核）' }) scored: number;
  @ApiInt({ description: `及格人数（≥ ${PASS_SCORE} 分）` }) passed: number;
  @ApiRate({ description: '到课率 = 实到 ÷ 受邀' }) attendanceRate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '78.50', description: '平均分（有成绩者），两位小数；无人考核时为 null' }) averageScore: string | null;
  @ApiRate({ description: `及格率 = 及格 ÷ 有成绩者（${PASS_SCORE} 分及格）；无人考核时为 null` }) passRate: string | null;
}

export class TrainingAttendeeDto {
  @ApiId() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: '销售业务员' }) roleName: string;
  @ApiProperty({ type: Boolean, nullable: true, description: '是否参加；培训记录前为 null' }) attended: boolean | null;
  @ApiInt({ nullable: true, minimum: 0, maximum: 100 }) score: number | null;
  @ApiText({ nullable: true }) feedback: string | null;
}

export class TrainingSummaryDto {
  @ApiId() id: string;
  @ApiId({ description: '组织者' }) organiserId: string;
  @ApiProperty() organiserName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TRAINING_KINDS }) kind: TrainingKind;
  @ApiProperty() trainerName: string;
  @ApiTimestamp() heldAt: string;
  @ApiProperty({ example: 2, description: '学时' }) hours: number;
  @ApiProperty({ enum: TRAINING_STATUSES }) status: TrainingStatus;
  @ApiProperty({ type: TrainingFiguresDto, nullable: true, description: '培训效果的统计（由出勤与成绩计算）；记录培训情况之前为 null' }) figures: TrainingFiguresDto | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class TrainingDto extends TrainingSummaryDto {
  @ApiText({ nullable: true }) material: string | null;
  @ApiProperty({ type: [MaterialLinkDto] }) materialLinks: MaterialLinkDto[];
  @ApiProperty({ type: [TrainingAttendeeDto], description: '受训人员；只读本人培训的受训人员看不到同事的成绩与反馈（为 null）' }) attendees: TrainingAttendeeDto[];
  @ApiTimestamp({ nullable: true, description: '最近一次记录培训情况的时间' }) heldRecordedAt: string | null;
  @ApiText({ nullable: true, description: '组织者对培训效果的评价' }) assessment: string | null;
  @ApiId({ nullable: true }) evaluatedBy: string | null;
  @ApiTimestamp({ nullable: true }) evaluatedAt: string | null;
  @ApiTimestamp({ nullable: true }) cancelledAt: string | null;
  @ApiText({ nullable: true }) cancelReason: string | null;
}
