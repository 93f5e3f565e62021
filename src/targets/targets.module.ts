import { Module } from '@nestjs/common';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';
import { WorkPlansController } from './work-plans.controller';
import { WorkPlansService } from './work-plans.service';

/** 计划与指标: targets and their attainment (/targets), and work plans (/work-plans). */
@Module({ controllers: [TargetsController, WorkPlansController], providers: [TargetsService, WorkPlansService] })
export class TargetsModule {}
