import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate, ApiId, ApiInt, ApiMoney, ApiRate, ApiTimestamp } from '../../common/api-properties';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateOnly, REPORT_PERIODS } from '../../common/time';
import type { ReportPeriod } from '../../common/time';
import { AttainmentDto } from '../../targets/dto/target.dto';

export class SalesReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_PERIODS, default: 'month' })
  @IsOptional()
  @IsIn(REPORT_PERIODS as unknown as string[], { message: 'period 必须是 week、month、quarter 或 year' })
  period?: ReportPeriod;
  @ApiPropertyOptional({ example: '2026-11-26', description: '期间内的任一天，默认今天（BUSINESS_TZ）' }) @IsOptional() @IsDateOnly('date') date?: string;
  @ApiPropertyOptional({ enum: ['owner', 'department'], default: 'owner' })
  @IsOptional()
  @IsIn(['owner', 'department'], { message: 'groupBy 必须是 owner 或 department' })
  groupBy?: 'owner' | 'department';
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format 必须是 json、csv 或 xlsx' })
  format?: 'json' | 'csv' | 'xlsx';
}

/** The figures of a group, or of the whole report. */
export class SalesFiguresDto {
  @ApiInt({ description: '期间内签订的合同数' }) contractsSigned: number;
  @ApiMoney({ description: '期间内签订的合同金额' }) contractAmount: string;
  @ApiMoney({ description: '期间内收到的回款（含冲销）' }) paymentsReceived: string;
  @ApiMoney({ description: '期间内到期的应收' }) amountDue: string;
  @ApiMoney({ description: '其中截至期末已收回的' }) amountCollected: string;
  @ApiRate({ description: '回款率 = amountCollected ÷ amountDue；期间内没有到期应收时为 null' }) collectionRate: string | null;
  @ApiInt() newProspects: number;
  @ApiInt() visits: number;
  @ApiInt() complaintsOpened: number;
  @ApiInt() complaintsClosed: number;
}

export class SalesGroupDto extends SalesFiguresDto {
  @ApiProperty({ description: '按负责人分组时为用户 id，按部门分组时为部门代码' }) key: string;
  @ApiProperty({ description: '负责人姓名或部门名称' }) name: string;
  @ApiPropertyOptional({
    type: AttainmentDto,
    description: '该负责人（个人指标）或部门（部门指标）在本报表期间（月、季度、年）的指标完成情况；没有指标或不在 target.read 范围内时没有此字段',
  })
  attainment?: AttainmentDto;
}

/** 销售统计报表 of one period in BUSINESS_TZ. */
export class SalesReportDto {
  @ApiProperty({ enum: REPORT_PERIODS }) period: ReportPeriod;
  @ApiDate({ description: '请求的日期（期间内的一天）' }) date: string;
  @ApiDate({ description: '期间第一天' }) from: string;
  @ApiDate({ description: '期间最后一天（含）' }) to: string;
  @ApiProperty({ enum: ['owner', 'department'] }) groupBy: 'owner' | 'department';
  @ApiProperty({ type: [SalesGroupDto] }) groups: SalesGroupDto[];
  @ApiProperty({ type: SalesFiguresDto }) total: SalesFiguresDto;
}

/** A weekly digest stored for its recipient by reports.weekly-digest. */
export class ReportDigestDto {
  @ApiId() id: string;
  @ApiProperty({ example: 'weekly-sales' }) kind: string;
  @ApiDate({ description: '周报所属周的周一' }) periodFrom: string;
  @ApiProperty({ type: SalesReportDto, description: '生成时按收件人的数据范围计算的销售周报' }) report: SalesReportDto;
  @ApiTimestamp() createdAt: string;
}
