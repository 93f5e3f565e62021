import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDate, ApiText, ApiTimestamp } from '../../common/api-properties';

/** What a run of a job came to. */
export class RunOutcomeDto {
  @ApiProperty({ example: 'receivables.overdue-scan' }) job: string;
  @ApiProperty({ example: '2026-11-26', description: '本次运行占用的时段（每个时段只运行一次）' }) slot: string;
  @ApiDate() asOf: string;
  @ApiProperty({ enum: ['succeeded', 'failed', 'skipped'] }) status: 'succeeded' | 'failed' | 'skipped';
  @ApiPropertyOptional({ enum: ['locked', 'already_ran'], description: 'skipped 时：另一实例正在运行，或该时段已运行过' }) reason?: 'locked' | 'already_ran';
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'succeeded 时：任务的统计' }) summary?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'failed 时：不含细节的说明（细节在服务器日志）' }) error?: string;
}

export class JobLastRunDto {
  @ApiProperty() slot: string;
  @ApiDate() asOf: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status: 'running' | 'succeeded' | 'failed';
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger: 'schedule' | 'manual';
  @ApiTimestamp() startedAt: string;
  @ApiTimestamp({ nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) summary: Record<string, unknown> | null;
  @ApiText({ nullable: true, description: '失败时记录的错误信息' }) error: string | null;
}

export class JobDto {
  @ApiProperty({ example: 'receivables.overdue-scan' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '0 1 * * *', description: 'cron 表达式，按 timeZone 计算' }) schedule: string;
  @ApiProperty({ type: JobLastRunDto, nullable: true, description: '从未运行过为 null' }) lastRun: JobLastRunDto | null;
}

/** Every job, its schedule, last run and outcome. */
export class JobsOverviewDto {
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ description: '本实例是否按计划自动运行任务' }) schedulerEnabled: boolean;
  @ApiProperty({ type: [JobDto] }) items: JobDto[];
}
