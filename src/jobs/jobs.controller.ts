import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { Optional } from '../common/validation';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { IsDateOnly } from '../common/time';
import { JobsOverviewDto, RunOutcomeDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

export class RunJobDto {
  @ApiPropertyOptional({ example: '2026-11-26', description: '按哪一天（BUSINESS_TZ 的日历日）运行，默认今天' })
  @Optional()
  @IsDateOnly('asOf')
  asOf?: string;
}

export class JobNameParam {
  @ApiProperty({ example: 'receivables.overdue-scan' })
  @MaxLength(60)
  @Matches(/^[a-z-]+\.[a-z-]+$/, { message: 'name 必须是 <模块>.<任务> 形式的任务名' })
  name: string;
}

@ApiTags('jobs 定时任务')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @RequirePermission('job.run')
  @ApiOkResponse({ type: JobsOverviewDto })
  list() {
    return this.jobs.overview();
  }

  /** Runs a job now as of a date (operators, tests); a slot that already ran is reported as skipped. */
  @Post(':name/run')
  @HttpCode(200)
  @RequirePermission('job.run')
  @ApiOkResponse({ type: RunOutcomeDto, description: '已运行过的时段报告为 skipped；失败时 status 为 failed（HTTP 仍为 200）' })
  run(@CurrentActor() actor: Actor, @Param() params: JobNameParam, @Body() dto: RunJobDto) {
    return this.jobs.runManually(actor, params.name, dto.asOf ?? null);
  }
}
