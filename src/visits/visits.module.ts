import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { ProspectsModule } from '../prospects/prospects.module';
import { Visit } from './visit.entity';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';

@Module({
  imports: [TypeOrmModule.forFeature([Visit]), CustomersModule, ProspectsModule],
  controllers: [VisitsController],
  providers: [VisitsService],
})
export class VisitsModule {}
