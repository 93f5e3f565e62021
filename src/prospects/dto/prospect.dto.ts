import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiId, ApiInt, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { ListQueryDto } from '../../common/pagination';
import { IsMoney } from '../../common/money';
import type { DuplicateField } from '../../parties/duplicates.service';
import { OptionalText, Phone, Text, Uscc } from '../../parties/dto-rules';
import { EVALUATION_CONCLUSIONS, PROSPECT_STATUSES } from '../prospect-status';
import type { EvaluationConclusion, ProspectStatus } from '../prospect-status';

export class CreateProspectDto {
  @ApiProperty({ example: '深圳市华强科技有限公司' }) @Text('companyName', 1, 200) companyName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '91350100M000100Y43', description: '统一社会信用代码（GB 32100，含校验位）' }) @Uscc() uscc?: string | null;
  @ApiProperty({ example: '王经理' }) @Text('contactName', 1, 50) contactName: string;
  @ApiProperty({ example: '13800138000' }) @Phone('contactPhone') contactPhone: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华南' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '电子制造' }) @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '展会' }) @OptionalText('source', 50) source?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('notes', 2000) notes?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: '来自哪个推广活动：须可查阅（campaign.read）且筹备中或进行中，否则 422；活动经由某渠道时，未填 channelId 即同时归属该渠道' })
  @Optional()
  @IsUUID('all', { message: 'campaignId 必须是 UUID' })
  campaignId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '来自哪个渠道：须可查阅（channel.read）且启用中，否则 422' })
  @Optional()
  @IsUUID('all', { message: 'channelId 必须是 UUID' })
  channelId?: string;
}

export class UpdateProspectDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @Text('companyName', 1, 200) companyName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Uscc() uscc?: string | null;
  @ApiPropertyOptional() @Optional() @Text('contactName', 1, 50) contactName?: string;
  @ApiPropertyOptional() @Optional() @Phone('contactPhone') contactPhone?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('source', 50) source?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('notes', 2000) notes?: string | null;
}

export class DuplicateQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) companyName?: string;
  @ApiPropertyOptional() @Uscc() uscc?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) contactPhone?: string;
}

export class EvaluateProspectDto {
  @ApiPropertyOptional({ example: '5000000.00', description: '注册资本（元）' }) @Optional() @IsMoney('registeredCapital') registeredCapital?: string;
  @ApiProperty({ description: '是否已验资' }) @IsBoolean({ message: 'capitalVerified 必须是布尔值' }) capitalVerified: boolean;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt({ message: 'score 必须是 0 到 100 的整数' }) @Min(0, { message: 'score 最小为 0' }) @Max(100, { message: 'score 最大为 100' }) score: number;
  @ApiProperty({ enum: EVALUATION_CONCLUSIONS }) @IsIn(['pass', 'fail', 'pending'], { message: 'conclusion 必须是 pass、fail 或 pending' }) conclusion: EvaluationConclusion;
  @ApiProperty() @Text('notes', 1, 2000) notes: string;
}

export class ListProspectsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '按公司名称或联系人模糊搜索（支持中文）' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: PROSPECT_STATUSES }) @IsOptional() @IsIn(PROSPECT_STATUSES as unknown as string[], { message: 'status 无效' }) status?: ProspectStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) source?: string;
  @ApiPropertyOptional({ description: '登记时间起（含）' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'createdFrom 必须是日期' }) createdFrom?: string;
  @ApiPropertyOptional({ description: '登记时间止（不含）' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'createdTo 必须是日期' }) createdTo?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '归属的推广活动' }) @IsOptional() @IsUUID('all', { message: 'campaignId 必须是 UUID' }) campaignId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '归属的渠道' }) @IsOptional() @IsUUID('all', { message: 'channelId 必须是 UUID' }) channelId?: string;
}

export class PoolQueryDto extends ListQueryDto {}

export class ProspectResponseDto {
  @ApiId() id: string;
  @ApiProperty() companyName: string;
  @ApiText({ nullable: true }) uscc: string | null;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true }) industry: string | null;
  @ApiText({ nullable: true }) source: string | null;
  @ApiText({ nullable: true }) notes: string | null;
  @ApiProperty({ enum: PROSPECT_STATUSES }) status: ProspectStatus;
  @ApiId({ nullable: true, description: '在公海中时为 null' }) ownerId: string | null;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiProperty({ description: '是否在公海（无负责人）' }) inPool: boolean;
  @ApiMoney({ nullable: true, description: '注册资本（元）' }) registeredCapital: string | null;
  @ApiProperty() capitalVerified: boolean;
  @ApiId({ nullable: true, description: '转为客户后的客户 id' }) customerId: string | null;
  @ApiId({ nullable: true, description: '登记时归属的推广活动' }) campaignId: string | null;
  @ApiId({ nullable: true, description: '登记时归属的渠道' }) channelId: string | null;
  @ApiTimestamp() lastActivityAt: string;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** 评估、验资: one evaluation as kept. */
export class ProspectEvaluationDto {
  @ApiId() id: string;
  @ApiId() prospectId: string;
  @ApiId() evaluatorId: string;
  @ApiMoney({ nullable: true }) registeredCapital: string | null;
  @ApiProperty() capitalVerified: boolean;
  @ApiInt({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ enum: EVALUATION_CONCLUSIONS }) conclusion: EvaluationConclusion;
  @ApiProperty() notes: string;
  @ApiProperty({ enum: PROSPECT_STATUSES }) statusBefore: ProspectStatus;
  @ApiProperty({ enum: PROSPECT_STATUSES }) statusAfter: ProspectStatus;
  @ApiTimestamp() createdAt: string;
}

export class EvaluationResultDto {
  @ApiProperty({ type: ProspectEvaluationDto }) evaluation: ProspectEvaluationDto;
  @ApiProperty({ type: ProspectResponseDto, description: '评估后的潜在客户' }) prospect: ProspectResponseDto;
}

/** The evaluations of a prospect, newest first (at most 200). */
export class EvaluationListDto {
  @ApiProperty({ type: [ProspectEvaluationDto] }) items: ProspectEvaluationDto[];
  @ApiProperty() total: number;
}

export class DuplicateMatchDto {
  @ApiProperty({ enum: ['uscc', 'companyName', 'contactPhone'] }) field: DuplicateField;
  @ApiProperty({ enum: ['prospect', 'customer'] }) entity: 'prospect' | 'customer';
  @ApiId() id: string;
}

/** 查重: which keys are taken, and by which records (ids only). */
export class DuplicateCheckDto {
  @ApiProperty() duplicate: boolean;
  @ApiProperty({ type: [DuplicateMatchDto] }) matches: DuplicateMatchDto[];
}
