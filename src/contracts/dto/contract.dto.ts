import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { DEPARTMENTS, ROLES } from '../../access/roles';
import type { Department, RoleCode } from '../../access/roles';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiText, ApiTimestamp } from '../../common/api-properties';
import { Optional } from '../../common/validation';
import { IsMoney } from '../../common/money';
import { ListQueryDto } from '../../common/pagination';
import { IsDateOnly, IsDateOrTimestamp } from '../../common/time';
import { OptionalText, Text } from '../../parties/dto-rules';
import { CONTRACT_STATUSES } from '../contract-status';
import type { ContractStatus } from '../contract-status';

export const PLAN_MAX_LINES = 120;

/** One line of the payment plan (回款计划): a due date and an amount. */
export class PaymentPlanLineDto {
  @ApiProperty({ example: '2026-12-31' }) @IsDateOnly('paymentPlan.dueDate') dueDate: string;
  @ApiProperty({ example: '50000.00' }) @IsMoney('paymentPlan.amount') amount: string;
}

const PlanLines = () => (target: object, key: string) => {
  ApiProperty({ type: [PaymentPlanLineDto] })(target, key);
  IsArray({ message: 'paymentPlan 必须是数组' })(target, key);
  ArrayMinSize(1, { message: 'paymentPlan 至少一行' })(target, key);
  ArrayMaxSize(PLAN_MAX_LINES, { message: `paymentPlan 最多 ${PLAN_MAX_LINES} 行` })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => PaymentPlanLineDto)(target, key);
};

export class CreateContractDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId: string;
  @ApiProperty({ example: '2027 年度设备采购合同' }) @Text('title', 1, 200) title: string;
  @ApiProperty({ example: '100000.00' }) @IsMoney('amount') amount: string;
  @ApiProperty({ example: '2027-01-01' }) @IsDateOnly('startDate') startDate: string;
  @ApiProperty({ example: '2027-12-31' }) @IsDateOnly('endDate') endDate: string;
  @PlanLines() paymentPlan: PaymentPlanLineDto[];
}

export class UpdateContractDto {
  @ApiProperty({ description: '当前版本号（乐观锁）' }) @IsInt({ message: 'version 必须是整数' }) @Min(1) version: number;
  @ApiPropertyOptional() @Optional() @Text('title', 1, 200) title?: string;
  @ApiPropertyOptional() @Optional() @IsMoney('amount') amount?: string;
  @ApiPropertyOptional() @Optional() @IsDateOnly('startDate') startDate?: string;
  @ApiPropertyOptional() @Optional() @IsDateOnly('endDate') endDate?: string;
  @Optional() @PlanLines() paymentPlan?: PaymentPlanLineDto[];
}

export class DecisionDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '同意' }) @OptionalText('comment', 1000) comment?: string | null;
}

export class RejectDto {
  @ApiProperty({ example: '付款条件需要调整' }) @Text('comment', 1, 1000) comment: string;
}

export class SignDto {
  @ApiProperty({ example: '2026-11-26' }) @IsDateOrTimestamp('signedAt') signedAt: string;
}

export class TerminateDto {
  @ApiProperty({ example: '客户经营困难，双方协商终止' }) @Text('reason', 1, 1000) reason: string;
}

export class ArchiveDto {
  @ApiProperty({ example: '档案室 A 柜 3 层' }) @Text('location', 1, 200) location: string;
}

export class ListContractsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES as unknown as string[], { message: 'status 无效' }) status?: ContractStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'ownerId 必须是 UUID' }) ownerId?: string;
  @ApiPropertyOptional({ description: '合同编号或标题' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ description: '签订日期起（含）' }) @IsOptional() @IsDateOnly('signedFrom') signedFrom?: string;
  @ApiPropertyOptional({ description: '签订日期止（不含）' }) @IsOptional() @IsDateOnly('signedTo') signedTo?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '待归档：已签订、已完成或已终止，且尚未归档' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'awaitingArchive 必须是 true 或 false' })
  awaitingArchive?: 'true' | 'false';
}

export class ListArchiveQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: '档案号、合同编号或存放位置' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'customerId 必须是 UUID' }) customerId?: string;
  @ApiPropertyOptional({ enum: ['signed', 'completed', 'terminated'] })
  @IsOptional()
  @IsIn(['signed', 'completed', 'terminated'], { message: 'status 必须是 signed、completed 或 terminated' })
  status?: ContractStatus;
  @ApiPropertyOptional({ description: '归档日期起（含）' }) @IsOptional() @IsDateOnly('archivedFrom') archivedFrom?: string;
  @ApiPropertyOptional({ description: '归档日期止（不含）' }) @IsOptional() @IsDateOnly('archivedTo') archivedTo?: string;
}

/** A contract as lists show it (合同台账). */
export class ContractSummaryDto {
  @ApiId() id: string;
  @ApiProperty({ example: 'HT-2026-000001', description: '合同编号 HT-YYYY-NNNNNN' }) number: string;
  @ApiId() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() title: string;
  @ApiMoney() amount: string;
  @ApiDate() startDate: string;
  @ApiDate() endDate: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: ContractStatus;
  @ApiId({ description: '拟定人（负责签订）' }) ownerId: string;
  @ApiProperty({ enum: DEPARTMENTS }) department: Department;
  @ApiTimestamp({ nullable: true }) submittedAt: string | null;
  @ApiTimestamp({ nullable: true }) approvedAt: string | null;
  @ApiTimestamp({ nullable: true }) signedAt: string | null;
  @ApiTimestamp({ nullable: true }) completedAt: string | null;
  @ApiTimestamp({ nullable: true }) terminatedAt: string | null;
  @ApiText({ nullable: true }) terminationReason: string | null;
  @ApiText({ nullable: true, example: 'DA-2026-000001', description: '档案号' }) archiveNo: string | null;
  @ApiText({ nullable: true }) archiveLocation: string | null;
  @ApiTimestamp({ nullable: true }) archivedAt: string | null;
  @ApiId({ nullable: true, description: '归档人' }) archivedBy: string | null;
  @ApiInt() version: number;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

/** One line of the contract's payment plan (回款计划), in due-date order. */
export class ContractPlanLineDto {
  @ApiInt({ minimum: 1 }) seq: number;
  @ApiDate() dueDate: string;
  @ApiMoney() amount: string;
}

/** One approval step as kept: who decided, how, and when. */
export class ContractApprovalDto {
  @ApiInt({ minimum: 1, description: '第几次提交' }) round: number;
  @ApiProperty({ enum: ['manager', 'gm'] }) level: 'manager' | 'gm';
  @ApiId() approverId: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision: 'approve' | 'reject';
  @ApiText({ nullable: true }) comment: string | null;
  @ApiTimestamp() decidedAt: string;
}

export class ApproverDto {
  @ApiId() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: RoleCode;
}

/** A contract with its payment plan and approval history. */
export class ContractDetailDto extends ContractSummaryDto {
  @ApiProperty({ type: [ContractPlanLineDto] }) paymentPlan: ContractPlanLineDto[];
  @ApiProperty({ type: [ContractApprovalDto] }) approvals: ContractApprovalDto[];
  @ApiPropertyOptional({ type: [ApproverDto], description: '仅在待审批（pending_approval、pending_gm）时出现：可以审批当前一步的人；为空表示暂无符合条件的审批人' })
  awaitingApprovers?: ApproverDto[];
  @ApiPropertyOptional({ description: '仅当 awaitingApprovers 为空时出现的说明' }) awaitingNote?: string;
}
