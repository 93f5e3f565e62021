import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TasksModule } from '../tasks/tasks.module';
import { Assignment } from './assignment.entity';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { AssignmentDueRemindersJob } from './due-reminders.job';

@Module({
  imports: [TypeOrmModule.forFeature([Assignment]), TasksModule],
  controllers: [AssignmentsController],
  providers: [AssignmentsService, AssignmentDueRemindersJob],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
