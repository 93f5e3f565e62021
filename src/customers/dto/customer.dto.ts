import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/validation';
import { ListQueryDto } from '../../common/pagination';
import { OptionalText, Phone, Text, Uscc } from '../../parties/dto-rules';

export class CreateCustomerDto {
  @ApiProperty({ example: '深圳市华强科技有限公司' }) @Text('name', 1, 200) name: string;
  @ApiPropertyOptional({ example: '91350100M000100Y43' }) @Uscc() uscc?: string | null;
  @ApiProperty({ example: '王经理' }) @Text('contactName', 1, 50) contactName: string;
  @ApiProperty({ example: '13800138000' }) @Phone('contactPhone') contactPhone: string;
  @ApiPropertyOptional() @OptionalText('address', 300) address?: string | null;
  @ApiPropertyOptional({ example: '华南' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ example: '电子制造' }) @OptionalText('industry', 50) industry?: string | null;
}

export class UpdateCustomerDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1)
  version: number;

  @ApiPropertyOptional() @Optional() @Text('name', 1, 200) name?: string;
  @ApiPropertyOptional() @Uscc() uscc?: string | null;
  @ApiPropertyOptional() @Optional() @Text('contactName', 1, 50) contactName?: string;
  @ApiPropertyOptional() @Optional() @Phone('contactPhone') contactPhone?: string;
  @ApiPropertyOptional() @OptionalText('address', 300) address?: string | null;
  @ApiPropertyOptional() @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional() @OptionalText('industry', 50) industry?: string | null;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'ownerId 必须是 UUID' })
  ownerId: string;
}

export class ListCustomersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '按客户名称或联系人模糊搜索' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) industry?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false'], { message: 'isKeyAccount 必须是 true 或 false' }) isKeyAccount?: 'true' | 'false';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) tierCode?: string;
  @ApiPropertyOptional({ enum: ['market', 'sales', 'key_account'] })
  @IsOptional()
  @IsIn(['market', 'sales', 'key_account'], { message: 'department 无效' })
  department?: string;
}

export class CustomerResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty() isKeyAccount: boolean;
  @ApiProperty({ nullable: true, type: String }) tierCode: string | null;
  @ApiProperty() ownerId: string;
  @ApiProperty() department: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
