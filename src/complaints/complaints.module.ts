import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { TasksModule } from '../tasks/tasks.module';
import { Complaint } from './complaint.entity';
import { ComplaintStatsService } from './complaint-stats.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { SlaEscalationJob } from './sla-escalation.job';

@Module({
  imports: [TypeOrmModule.forFeature([Complaint]), CustomersModule, TasksModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsService, ComplaintStatsService, SlaEscalationJob],
})
export class ComplaintsModule {}
