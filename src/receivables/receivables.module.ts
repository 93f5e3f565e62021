import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OverdueScanJob } from './overdue-scan.job';
import { Receivable } from './receivable.entity';
import { ReceivablesReportService } from './receivables-report.service';
import { ReceivablesController } from './receivables.controller';
import { ReceivablesService } from './receivables.service';

@Module({
  imports: [TypeOrmModule.forFeature([Receivable])],
  controllers: [ReceivablesController],
  providers: [ReceivablesService, ReceivablesReportService, OverdueScanJob],
  exports: [ReceivablesService],
})
export class ReceivablesModule {}
