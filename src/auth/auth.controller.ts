import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { CurrentActor, Public, SignedIn } from '../access/decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, MeResponseDto, SessionResponseDto } from './dto/auth.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { clearedSessionCookies, cookiesSecure, SESSION_COOKIE, sessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

@ApiTags('auth 登录')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest) {
    return this.auth.login(dto.username, dto.password, String(req.id), req.ip ?? null);
  }

  /** The console's sign-in: the same check as login, answered with an HttpOnly session cookie and a CSRF token. */
  @Post('session')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: SessionResponseDto, description: `设置 ${SESSION_COOKIE}（HttpOnly）与 zhize_csrf 两个 Cookie` })
  async startSession(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponseDto> {
    const { token, body } = await this.sessions.start(dto.username, dto.password, {
      requestId: String(req.id),
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'],
    });
    void reply.header('set-cookie', sessionCookies(token, body.csrfToken, body.expiresIn, cookiesSecure(req, this.config.cookieSecure)));
    return body;
  }

  /** Ends a cookie session on the server and clears its cookies; with a bearer token there is nothing to end. */
  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: '已退出登录' })
  async logout(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.end(actor);
    if (actor.sessionId) void reply.header('set-cookie', clearedSessionCookies(cookiesSecure(req, this.config.cookieSecure)));
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }
}
