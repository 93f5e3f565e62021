import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiId, ApiText, ApiTimestamp } from '../common/api-properties';
import { ListQueryDto } from '../common/pagination';

export class ListAuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId 必须是 UUID' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'user.create' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ description: '起始时间（含），ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from 必须是 ISO 8601 日期或时间' })
  from?: string;

  @ApiPropertyOptional({ description: '截止时间（不含），ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to 必须是 ISO 8601 日期或时间' })
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty({ description: '顺序号（bigint，字符串形式）', example: '1024' }) id: string;
  @ApiTimestamp() at: string;
  @ApiId({ nullable: true, description: '系统操作（启动、定时任务）为 null' }) actorId: string | null;
  @ApiText({ nullable: true, example: '陈静', description: '操作人的姓名（当前的）；系统操作为 null' }) actorName: string | null;
  @ApiText({ nullable: true, example: 'sales.manager', description: '角色代码，系统操作为 system' }) actorRole: string | null;
  @ApiProperty({ example: 'contract.approve' }) action: string;
  @ApiProperty({ example: 'contract' }) entity: string;
  @ApiText({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '修改前的记录（去掉密码等机密）' }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '修改后的记录（去掉密码等机密）' }) after: Record<string, unknown> | null;
  @ApiText({ nullable: true }) requestId: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 2, description: '做出该决定（允许或拒绝）时生效的职责制度版本；系统操作为 null' }) policyVersion: number | null;
}
