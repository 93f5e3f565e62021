import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { toUserResponse } from '../users/users.service';
import { AuthService } from './auth.service';
import type { SessionResponseDto } from './dto/auth.dto';
import { TokenService } from './token.service';

const USER_AGENT_MAX = 256;

export interface StartedSession {
  /** The session cookie's value: a JWT with the usual claims plus `sid`. */
  token: string;
  body: SessionResponseDto;
}

/**
 * The web console's sign-in (SPEC §10): a row in `sessions` per sign-in, named by the cookie's
 * JWT, so that signing out ends it on the server and the guard refuses it from then on.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(username: string, password: string, ctx: { requestId: string; ip: string | null; userAgent?: string }): Promise<StartedSession> {
    const user = await this.auth.verifyCredentials(username, password);
    const csrfToken = randomBytes(32).toString('base64url');
    const ttl = this.config.jwtTtlSeconds;
    const userAgent = ctx.userAgent ? [...ctx.userAgent].slice(0, USER_AGENT_MAX).join('') : null;
    const sessionId = await this.ds.transaction(async (m) => {
      // the user's sessions that have run out are of no use any more: the table stays small
      await m.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [user.id]);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO sessions (user_id, csrf_token, expires_at, user_agent, ip)
         VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5) RETURNING id`,
        [user.id, csrfToken, ttl, userAgent, ctx.ip],
      );
      await this.audit.record(m, { id: user.id, role: user.role, requestId: ctx.requestId, ip: ctx.ip }, {
        action: 'auth.session',
        entity: 'session',
        entityId: row.id,
      });
      return row.id;
    });
    return {
      token: this.tokens.sign({ sub: user.id, role: user.role, tv: user.tokenVersion, sid: sessionId }),
      body: { user: toUserResponse(user), csrfToken, expiresIn: ttl },
    };
  }

  /** Signs out: a cookie session is revoked at once; a bearer token has nothing on the server to end. */
  async end(actor: Actor): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (actor.sessionId) await m.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [actor.sessionId]);
      await this.audit.record(m, actor, {
        action: 'auth.logout',
        entity: actor.sessionId ? 'session' : 'user',
        entityId: actor.sessionId ?? actor.id,
      });
    });
  }
}
