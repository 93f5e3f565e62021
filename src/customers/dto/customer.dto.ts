import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { DEPARTMENTS } from '../../access/roles';
import type { Department } from '../../access/roles';
import { ApiId, ApiInt, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { ListQueryDto, PageDto } from '../../common/pagination';
import { LedgerLineDto } from '../../ledger/dto/ledger.dto';
import { OptionalText, Phone, Text, Uscc } from '../../parties/dto-rules';

export class CreateCustomerDto {
  @ApiProperty({ example: '深圳市华强科技有限公司' }) @Text('name', 1, 200) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '91350100M000100Y43' }) @Uscc() uscc?: string | null;
  @ApiProperty({ example: '王经理' }) @Text('contactName', 1, 50) contactName: string;
  @ApiProperty({ example: '13800138000' }) @Phone('contactPhone') contactPhone: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('address', 300) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '华南' }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '电子制造' }) @OptionalText('industry', 50) industry?: string | null;
}

export class UpdateCustomerDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' })
  @IsInt({ message: 'version 必须是整数' })
  @Min(1)
  version: number;

  @ApiPropertyOptional() @Optional() @Text('name', 1, 200) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Uscc() uscc?: string | null;
  @ApiPropertyOptional() @Optional() @Text('contactName', 1, 50) contactName?: string;
  @ApiPropertyOptional() @Optional() @Phone('contactPhone') contactPhone?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('address', 300) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('region', 50) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @OptionalText('industry', 50) industry?: string | null;
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
  @ApiId() id: string;
  @ApiProperty() name: string;
  @ApiText({ nullable: true }) uscc: string | null;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiText({ nullable: true }) address: string | null;
  @ApiText({ nullable: true }) region: string | null;
  @ApiText({ nullable: true }) industry: string | null;
  @ApiProperty() isKeyAccount: boolean;
  @ApiText({ nullable: true, description: '大客户等级代码' }) tierCode: string | null;
  @ApiId() ownerId: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** 销售台账 of one customer: a page of its lines, with the balance over every line the caller may see. */
export class CustomerLedgerDto extends PageDto(LedgerLineDto) {
  @ApiId() customerId: string;
  @ApiProperty() customerName: string;
  @ApiMoney({ description: '余额（借方 − 贷方）' }) balance: string;
}
