import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateOnly, REPORT_PERIODS } from '../../common/time';
import type { ReportPeriod } from '../../common/time';

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
