import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { IsDateOrTimestamp } from '../../common/time';
import { ListQueryDto } from '../../common/pagination';
import { OptionalText, Text } from '../../parties/dto-rules';
import { VISIT_METHODS } from '../visit.entity';
import type { VisitMethod } from '../visit.entity';

/** 外勤签到: where an in-person visit was checked in. */
export class VisitLocationDto {
  @ApiProperty({ example: 22.543096 })
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'location.lat 必须是最多 6 位小数的数字' })
  @Min(-90, { message: 'location.lat 范围为 -90 到 90' })
  @Max(90, { message: 'location.lat 范围为 -90 到 90' })
  lat: number;

  @ApiProperty({ example: 114.057865 })
  @IsNumber({ maxDecimalPlaces: 6 }, { message: 'location.lng 必须是最多 6 位小数的数字' })
  @Min(-180, { message: 'location.lng 范围为 -180 到 180' })
  @Max(180, { message: 'location.lng 范围为 -180 到 180' })
  lng: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '深圳市福田区深南大道 1000 号' }) @OptionalText('location.address', 300) address?: string | null;
}

class VisitFieldsDto {
  @ApiProperty({ enum: VISIT_METHODS }) @IsIn(VISIT_METHODS as unknown as string[], { message: 'method 必须是 phone、in_person、video 或 other' }) method: VisitMethod;
  @ApiProperty({ example: '介绍新产品' }) @Text('purpose', 1, 200) purpose: string;
  @ApiProperty({ example: '客户对新产品感兴趣，要求报价' }) @Text('summary', 1, 4000) summary: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '拜访中发现的问题' }) @OptionalText('issues', 2000) issues?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '客户对产品及政策的建议' }) @OptionalText('suggestions', 2000) suggestions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('nextStep', 500) nextStep?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-05' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsDateOrTimestamp('nextVisitAt')
  nextVisitAt?: string | null;
  @ApiPropertyOptional({ type: VisitLocationDto })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => VisitLocationDto)
  location?: VisitLocationDto | null;
}

export class CreateVisitDto extends VisitFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID('all', { message: 'prospectId 必须是 UUID' }) prospectId?: string;
  @ApiProperty({ example: '2026-11-26T10:30:00+08:00' }) @IsDateOrTimestamp('visitedAt') visitedAt: string;
}

export class UpdateVisitDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @IsDateOrTimestamp('visitedAt') visitedAt?: string;
  @ApiPropertyOptional({ enum: VISIT_METHODS }) @Optional() @IsIn(VISIT_METHODS as unknown as string[], { message: 'method 必须是 phone、in_person、video 或 other' }) method?: VisitMethod;
  @ApiPropertyOptional() @Optional() @Text('purpose', 1, 200) purpose?: string;
  @ApiPropertyOptional() @Optional() @Text('summary', 1, 4000) summary?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('issues', 2000) issues?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('suggestions', 2000) suggestions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('nextStep', 500) nextStep?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Optional() @ValidateIf((_, v) => v !== null) @IsDateOrTimestamp('nextVisitAt') nextVisitAt?: string | null;
  @ApiPropertyOptional({ type: VisitLocationDto })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => VisitLocationDto)
  location?: VisitLocationDto | null;
}

export class ReviewVisitDto {
  @ApiProperty({ example: '拜访记录完整，请跟进报价' }) @Text('comment', 1, 2000) comment: string;
}

export class ListVisitsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'visitorId 必须是 UUID' }) visitorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'prospectId 必须是 UUID' }) prospectId?: string;
  @ApiPropertyOptional({ description: '拜访时间起（含）' }) @IsOptional() @IsDateOrTimestamp('from') from?: string;
  @ApiPropertyOptional({ description: '拜访时间止（不含）' }) @IsOptional() @IsDateOrTimestamp('to') to?: string;
  @ApiPropertyOptional({ enum: VISIT_METHODS }) @IsOptional() @IsIn(VISIT_METHODS as unknown as string[], { message: 'method 无效' }) method?: VisitMethod;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false'], { message: 'reviewed 必须是 true 或 false' }) reviewed?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv'], { message: 'format 必须是 json 或 csv' }) format?: 'json' | 'csv';
}

/** Where an in-person visit was checked in, as the API shows it. */
export class VisitLocationResponseDto {
  @ApiProperty({ example: 22.543096 }) lat: number;
  @ApiProperty({ example: 114.057865 }) lng: number;
  @ApiText({ nullable: true, example: '深圳市福田区深南大道 1000 号' }) address: string | null;
}

export class VisitResponseDto {
  @ApiId() id: string;
  @ApiId({ nullable: true }) customerId: string | null;
  @ApiId({ nullable: true }) prospectId: string | null;
  @ApiProperty({ description: '客户或潜在客户名称' }) targetName: string;
  @ApiId() visitorId: string;
  @ApiProperty() visitorName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiTimestamp() visitedAt: string;
  @ApiProperty({ enum: VISIT_METHODS }) method: VisitMethod;
  @ApiProperty() purpose: string;
  @ApiProperty() summary: string;
  @ApiText({ nullable: true }) issues: string | null;
  @ApiText({ nullable: true }) suggestions: string | null;
  @ApiText({ nullable: true }) nextStep: string | null;
  @ApiTimestamp({ nullable: true }) nextVisitAt: string | null;
  @ApiProperty({ nullable: true, type: VisitLocationResponseDto }) location: VisitLocationResponseDto | null;
  @ApiProperty() reviewed: boolean;
  @ApiTimestamp({ nullable: true }) reviewedAt: string | null;
  @ApiId({ nullable: true }) reviewerId: string | null;
  @ApiText({ nullable: true }) reviewComment: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}
