import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { PartiesModule } from '../parties/parties.module';
import { Prospect, ProspectEvaluation } from './prospect.entity';
import { ProspectsController } from './prospects.controller';
import { ProspectsService } from './prospects.service';
import { StaleCheckJob } from './stale-check.job';

@Module({
  imports: [TypeOrmModule.forFeature([Prospect, ProspectEvaluation]), PartiesModule, CustomersModule],
  controllers: [ProspectsController],
  providers: [ProspectsService, StaleCheckJob],
  exports: [ProspectsService],
})
export class ProspectsModule {}
