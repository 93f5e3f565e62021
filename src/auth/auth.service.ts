import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { DUTY_MATRIX } from '../access/duty-matrix';
import { policyFor } from '../access/policy';
import { isRole } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { User } from '../users/user.entity';
import { toUserResponse } from '../users/users.service';
import { AuthErrors } from './auth.errors';
import type { LoginResponseDto, MeResponseDto } from './dto/auth.dto';
import { dummyPasswordHash, verifyPassword } from './password';
import { type TokenClaims, TokenService } from './token.service';

export interface AuthenticatedSession {
  actor: Actor;
  /** The session's CSRF token, which a state-changing request must echo in X-CSRF-Token. */
  csrfToken: string;
}

const USER_COLUMNS = 'u.id, u.username, u.display_name, u.role, u.department, u.active, u.token_version';
interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  department: string;
  active: boolean;
  token_version: number;
  csrf_token: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The one credential check of `/auth/login` and `/auth/session`. Every failure — unknown user,
   * wrong password, inactive account — takes one argon2 verification and gives the same 401, so
   * the response tells nothing about which usernames exist.
   */
  async verifyCredentials(username: string, password: string): Promise<User> {
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.active) throw AuthErrors.invalidCredentials();
    return user;
  }

  async login(username: string, password: string, requestId: string, ip: string | null): Promise<LoginResponseDto> {
    const user = await this.verifyCredentials(username, password);
    await this.audit.record(this.ds.manager, { id: user.id, role: user.role, requestId, ip }, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
    });
    return {
      accessToken: this.tokens.sign({ sub: user.id, role: user.role, tv: user.tokenVersion }),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: toUserResponse(user),
    };
  }

  /** Resolves a bearer token to the current, active user — or null. One indexed query per request. */
  async authenticate(token: string, requestId: string, ip: string | null): Promise<Actor | null> {
    const claims = this.tokens.verify(token);
    return claims ? ((await this.resolve(claims, requestId, ip))?.actor ?? null) : null;
  }

  /**
   * Resolves the console's session cookie: a token that names a session (`sid`) which is neither
   * revoked nor expired, of a user who is still active with the same role and token version.
   * Returns the session's CSRF token with the actor, for the guard to check on writes.
   */
  async authenticateSession(token: string, requestId: string, ip: string | null): Promise<AuthenticatedSession | null> {
    const claims = this.tokens.verify(token);
    if (!claims || claims.sid === undefined) return null;
    const found = await this.resolve(claims, requestId, ip);
    return found && found.csrfToken !== null ? { actor: found.actor, csrfToken: found.csrfToken } : null;
  }

  /**
   * One query whichever the token: the user alone for a bearer token, the session joined with its
   * user for a session token (also when a session token comes as a Bearer header, so signing out
   * ends it there too). A database failure propagates (a 5xx): a 401 would tell the client its
   * token is bad.
   */
  private async resolve(claims: TokenClaims, requestId: string, ip: string | null): Promise<{ actor: Actor; csrfToken: string | null } | null> {
    if (!isUUID(claims.sub, 'all')) return null;
    if (claims.sid !== undefined && !isUUID(claims.sid, 'all')) return null;
    const rows: UserRow[] =
      claims.sid === undefined
        ? await this.ds.query(`SELECT ${USER_COLUMNS}, NULL::text AS csrf_token FROM users u WHERE u.id = $1`, [claims.sub])
        : await this.ds.query(
            `SELECT ${USER_COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
            [claims.sid, claims.sub],
          );
    const u = rows[0];
    if (!u || !u.active || u.token_version !== claims.tv || u.role !== claims.role || !isRole(u.role)) return null;
    const actor: Actor = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, department: u.department as Actor['department'], requestId, ip };
    if (claims.sid !== undefined) actor.sessionId = claims.sid;
    return { actor, csrfToken: u.csrf_token };
  }

  async me(actor: Actor): Promise<MeResponseDto> {
    const user = await this.ds.getRepository(User).findOneBy({ id: actor.id });
    if (!user) throw CommonErrors.unauthenticated();
    const names = new Map(DUTY_MATRIX.map((e) => [e.permission, e.name]));
    return {
      user: toUserResponse(user),
      permissions: policyFor(actor).permissionsOf(actor.role).map((p) => ({ ...p, name: names.get(p.permission) ?? p.permission })),
    };
  }
}
