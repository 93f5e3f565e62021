import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { PartiesModule } from '../parties/parties.module';
import { ProspectsModule } from '../prospects/prospects.module';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** 导入: customers and prospects from Excel, through the create services of their own modules. */
@Module({
  imports: [PartiesModule, CustomersModule, ProspectsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner],
})
export class ImportsModule {}
