import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { AccessGuard } from './access.guard';
import { DutiesController } from './duties.controller';
import { PolicyService } from './policy.service';

@Module({
  imports: [AuthModule],
  controllers: [DutiesController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, PolicyService],
  exports: [PolicyService],
})
export class AccessModule {}
