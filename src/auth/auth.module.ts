import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'login', ttl: config.loginThrottleTtlSeconds * 1000, limit: config.loginThrottleLimit },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, TokenService, LoginThrottlerGuard],
  exports: [AuthService],
})
export class AuthModule {}
