import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { TasksModule } from '../tasks/tasks.module';
import { MarketInfoController } from './market-info.controller';
import { MarketInfo } from './market-info.entity';
import { MarketInfoService } from './market-info.service';
import { ResearchReport } from './research-report.entity';
import { ResearchReportsController } from './research-reports.controller';
import { ResearchReportsService } from './research-reports.service';
import { MarketInfoStaleCheckJob } from './stale-check.job';

/** 市场信息库 and 市场调查报告 (SPEC §11). */
@Module({
  imports: [TypeOrmModule.forFeature([MarketInfo, ResearchReport]), CustomersModule, TasksModule],
  controllers: [MarketInfoController, ResearchReportsController],
  providers: [MarketInfoService, ResearchReportsService, MarketInfoStaleCheckJob],
})
export class MarketInfoModule {}
