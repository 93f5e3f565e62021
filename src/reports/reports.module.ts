import { Module } from '@nestjs/common';
import { ReportDigestsService } from './report-digests.service';
import { ReportsController } from './reports.controller';
import { SalesReportService } from './sales-report.service';

@Module({ controllers: [ReportsController], providers: [SalesReportService, ReportDigestsService], exports: [SalesReportService] })
export class ReportsModule {}
