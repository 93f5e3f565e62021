import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { TasksModule } from '../tasks/tasks.module';
import { RevisionsController } from './revisions.controller';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [AccessModule, TasksModule],
  controllers: [RevisionsController],
  providers: [RevisionsService],
})
export class DutyRevisionsModule {}
