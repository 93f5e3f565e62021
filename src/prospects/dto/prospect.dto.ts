import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/validation';
import { ListQueryDto } from '../../common/pagination';
import { IsMoney } from '../../common/money';
import { OptionalText, Phone, Text, Uscc } from '../../parties/dto-rules';
import { PROSPECT_STATUSES } from '../prospect-status';
import type { EvaluationConclusion, ProspectStatus } from '../prospect-status';

export class CreateProspectDto {
  @ApiProperty({ example: '深圳市华强科技有限公司' }) @Text('companyName', 1, 200) companyName: string;
  @ApiPropertyOptional({ example: '91350100M000100Y43', description: '统一社会信用代码（GB 32100，含校验位）' }) @Uscc() uscc?: string | null;
  @ApiProperty({ example: '王经理' }) @Text('contactName', 1, 50) contactName: string;
  @ApiProperty({ example: '13800138000' }) @Phone('contactPhone') contactPhone: string;
  @ApiPropertyOptional({ example: '华南' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ example: '电子制造' }) @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional({ example: '展会' }) @OptionalText('source', 50) source?: string | null;
  @ApiPropertyOptional() @OptionalText('notes', 2000) notes?: string | null;
}

export class UpdateProspectDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @Text('companyName', 1, 200) companyName?: string;
  @ApiPropertyOptional() @Uscc() uscc?: string | null;
  @ApiPropertyOptional() @Optional() @Text('contactName', 1, 50) contactName?: string;
  @ApiPropertyOptional() @Optional() @Phone('contactPhone') contactPhone?: string;
  @ApiPropertyOptional() @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional() @OptionalText('industry', 50) industry?: string | null;
  @ApiPropertyOptional() @OptionalText('source', 50) source?: string | null;
  @ApiPropertyOptional() @OptionalText('notes', 2000) notes?: string | null;
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
  @ApiProperty({ enum: ['pass', 'fail', 'pending'] }) @IsIn(['pass', 'fail', 'pending'], { message: 'conclusion 必须是 pass、fail 或 pending' }) conclusion: EvaluationConclusion;
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
}

export class PoolQueryDto extends ListQueryDto {}

export class ProspectResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() companyName: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ enum: PROSPECT_STATUSES }) status: ProspectStatus;
  @ApiProperty({ nullable: true, type: String }) ownerId: string | null;
  @ApiProperty() department: string;
  @ApiProperty() inPool: boolean;
  @ApiProperty({ nullable: true, type: String }) registeredCapital: string | null;
  @ApiProperty() capitalVerified: boolean;
  @ApiProperty({ nullable: true, type: String }) customerId: string | null;
  @ApiProperty() lastActivityAt: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

