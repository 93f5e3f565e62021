import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiId, ApiInt, ApiText, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { DEPARTMENTS, ROLES } from '../../access/roles';
import type { Department, RoleCode } from '../../access/roles';
import { ListQueryDto } from '../../common/pagination';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An optional e-mail address for notifications; null clears it. */
const EmailField = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, example: 'zhang.wei@example.com', description: '接收邮件通知的地址；null 表示清除' })(target, key);
  Optional()(target, key);
  Transform(trim)(target, key);
  ValidateIf((_: object, v: unknown) => v !== null)(target, key);
  IsString({ message: 'email 必须是字符串或 null' })(target, key);
  MaxLength(254, { message: 'email 最长 254 个字符' })(target, key);
  IsEmail({ allow_display_name: false, require_tld: false, allow_ip_domain: false }, { message: 'email 不是有效的邮箱地址' })(target, key);
};

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei', description: '登录名：字母、数字、点、下划线、连字符' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username 只能包含字母、数字、点、下划线和连字符，长度 3 到 64' })
  username: string;

  @ApiProperty({ example: '张伟' })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'displayName 长度必须在 1 到 100 之间' })
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `role 必须是 ${ROLES.join(', ')} 之一` })
  role: RoleCode;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @Optional()
  @IsUUID('all', { message: 'supervisorId 必须是 UUID' })
  supervisorId?: string | null;

  @EmailField()
  email?: string | null;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @Length(10, 128, { message: 'password 长度必须在 10 到 128 个字符之间' })
  password: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'displayName 长度必须在 1 到 100 之间' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES as unknown as string[], { message: `role 必须是 ${ROLES.join(', ')} 之一` })
  role?: RoleCode;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null 表示清除上级' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'supervisorId 必须是 UUID 或 null' })
  supervisorId?: string | null;

  @EmailField()
  email?: string | null;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean({ message: 'active 必须是布尔值' })
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, maxLength: 128 })
  @Optional()
  @IsString()
  @Length(10, 128, { message: 'password 长度必须在 10 到 128 个字符之间' })
  password?: string;
}

export class ListUsersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES as unknown as string[], { message: 'role 无效' })
  role?: RoleCode;

  @ApiPropertyOptional({ enum: DEPARTMENTS })
  @IsOptional()
  @IsIn(DEPARTMENTS as unknown as string[], { message: 'department 无效' })
  department?: Department;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'active 必须是 true 或 false' })
  active?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'supervisorId 必须是 UUID' })
  supervisorId?: string;

  @ApiPropertyOptional({ description: '按用户名或姓名模糊搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserResponseDto {
  @ApiId() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty({ example: '销售业务员' }) roleName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiId({ nullable: true }) supervisorId: string | null;
  @ApiText({ nullable: true, description: '接收邮件通知的地址' }) email: string | null;
  @ApiProperty() active: boolean;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class DirectoryEntryDto {
  @ApiId() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: RoleCode;
  @ApiProperty({ example: '销售业务员' }) roleName: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiId({ nullable: true }) supervisorId: string | null;
}

export class DirectoryQueryDto {
  @ApiPropertyOptional({ enum: DEPARTMENTS })
  @IsOptional()
  @IsIn(DEPARTMENTS as unknown as string[], { message: 'department 无效' })
  department?: Department;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES as unknown as string[], { message: 'role 无效' })
  role?: RoleCode;
}

