import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SessionsService } from './sessions.service';
import { PostgresThrottlerStorage } from './throttler-storage';
import { TokenService } from './token.service';

@Module({
  imports: [
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, DataSource],
      // the count is kept in the database, so the limit holds across instances (SPEC §13)
      useFactory: (config: AppConfig, ds: DataSource) => ({
        throttlers: [{ name: 'login', ttl: config.loginThrottleTtlSeconds * 1000, limit: config.loginThrottleLimit }],
        storage: new PostgresThrottlerStorage(ds),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, TokenService, LoginThrottlerGuard],
  exports: [AuthService],
})
export class AuthModule {}
