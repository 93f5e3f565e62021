import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The kinds of decision the 审批 inbox gathers, each behind its own permission of the duty matrix. */
export const APPROVAL_KINDS = ['contract', 'tier', 'compensation', 'workReport', 'visit', 'reviewScheme', 'review'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export class ApprovalInboxQueryDto {
  @ApiPropertyOptional({ enum: APPROVAL_KINDS, description: '只看一类并分页；不给时每类给出最早等待的前 pageSize 条' })
  @IsOptional()
  @IsIn(APPROVAL_KINDS, { message: `kind 必须是 ${APPROVAL_KINDS.join('、')} 之一` })
  kind?: ApprovalKind;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码（与 kind 一起使用）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page 必须是整数' })
  @Min(1, { message: 'page 最小为 1' })
  @Max(100000, { message: 'page 最大为 100000' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: '每页条数；不给 kind 时默认 5，给 kind 时默认 20' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize 必须是整数' })
  @Min(1, { message: 'pageSize 最小为 1' })
  @Max(100, { message: 'pageSize 最大为 100' })
  pageSize?: number;
}

export class ApprovalCountsDto {
  @ApiProperty({ type: 'integer', description: '待本人审核/审批的合同' }) contract: number;
  @ApiProperty({ type: 'integer', description: '待审批的大客户等级评估' }) tier: number;
  @ApiProperty({ type: 'integer', description: '待审批的投诉赔偿' }) compensation: number;
  @ApiProperty({ type: 'integer', description: '待审阅的工作报告' }) workReport: number;
  @ApiProperty({ type: 'integer', description: '待审阅的拜访记录' }) visit: number;
  @ApiProperty({ type: 'integer', description: '待审批的绩效考核方案' }) reviewScheme: number;
  @ApiProperty({ type: 'integer', description: '待确认的绩效考核' }) review: number;
  @ApiProperty({ type: 'integer', description: '合计' }) total: number;
}

export class ApprovalItemDto {
  @ApiProperty({ enum: APPROVAL_KINDS }) kind: ApprovalKind;
  @ApiProperty({ format: 'uuid', description: '记录本身的 id（合同、等级评估、投诉、工作报告、拜访记录、考核方案、绩效考核）' }) id: string;
  @ApiProperty({ description: '标题：合同名称、等级变化、投诉内容、报告期间、拜访目的、考核方案名称、考核期间与被考核人' }) title: string;
  @ApiProperty({ type: String, nullable: true, description: '编号（合同编号）' }) number: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '客户（或潜在客户）名称' }) customerName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '提交人；系统评估为空' }) submittedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedByName: string | null;
  @ApiProperty({ format: 'date-time', description: '开始等待的时间（最早的排在前面）' }) waitingSince: string;
  @ApiProperty({ type: String, nullable: true, description: '金额（合同金额、赔偿金额、评估的近一年签约额），字符串两位小数', example: '120000.00' })
  amount: string | null;
  @ApiPropertyOptional({ enum: ['manager', 'gm'], description: '合同：本人审批的级别' }) level?: 'manager' | 'gm';
  @ApiPropertyOptional({ type: 'integer', description: '合同：提交轮次' }) round?: number;
  @ApiPropertyOptional({ description: '合同：经理批准后还须总经理审批（金额达到阈值）' }) needsGm?: boolean;
}

export class ApprovalGroupDto {
  @ApiProperty({ enum: APPROVAL_KINDS }) kind: ApprovalKind;
  @ApiProperty({ type: [ApprovalItemDto] }) items: ApprovalItemDto[];
  @ApiProperty({ type: 'integer', description: '这一类等待本人的总条数' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class ApprovalInboxDto {
  @ApiProperty({ type: ApprovalCountsDto }) counts: ApprovalCountsDto;
  @ApiProperty({ enum: APPROVAL_KINDS, isArray: true, description: '调用者有权限处理的类别' }) kinds: ApprovalKind[];
  @ApiProperty({ description: '合同金额达到此值时，经理批准后还须总经理审批（SAL-4.4）', example: '1000000.00' }) contractGmThreshold: string;
  @ApiProperty({ description: '赔偿金额达到此值时须总经理审批', example: '50000.00' }) compensationGmThreshold: string;
  @ApiProperty({ type: [ApprovalGroupDto], description: '每类一组（给了 kind 时只有那一类）' }) groups: ApprovalGroupDto[];
}
