import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { LedgerModule } from '../ledger/ledger.module';
import { TasksModule } from '../tasks/tasks.module';
import { ContractArchiveService } from './contract-archive.service';
import { Contract, ContractApproval, ContractPlanLine } from './contract.entity';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Contract, ContractPlanLine, ContractApproval]), CustomersModule, TasksModule, LedgerModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractArchiveService],
  exports: [ContractsService],
})
export class ContractsModule {}
