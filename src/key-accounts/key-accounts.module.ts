import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { TasksModule } from '../tasks/tasks.module';
import { AssessmentsService } from './assessments.service';
import { KeyAccountTier, TierAssessment } from './key-account.entities';
import { KeyAccountJobs } from './key-account.jobs';
import { KeyAccountsController } from './key-accounts.controller';
import { KeyAccountsService } from './key-accounts.service';
import { TiersService } from './tiers.service';

@Module({
  imports: [TypeOrmModule.forFeature([KeyAccountTier, TierAssessment]), CustomersModule, TasksModule],
  controllers: [KeyAccountsController],
  providers: [TiersService, AssessmentsService, KeyAccountsService, KeyAccountJobs],
  exports: [TiersService],
})
export class KeyAccountsModule {}
