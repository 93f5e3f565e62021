import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { DUTY_MATRIX, permissionsOf } from '../access/duty-matrix';
import { isRole } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { User } from '../users/user.entity';
import { toUserResponse } from '../users/users.service';
import { AuthErrors } from './auth.errors';
import type { LoginResponseDto, MeResponseDto } from './dto/auth.dto';
import { dummyPasswordHash, verifyPassword } from './password';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Every failure — unknown user, wrong password, inactive account — takes one argon2 verification
   * and gives the same 401, so the response tells nothing about which usernames exist.
   */
  async login(username: string, password: string, requestId: string, ip: string | null): Promise<LoginResponseDto> {
    const user = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.active) throw AuthErrors.invalidCredentials();
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
    if (!claims || !isUUID(claims.sub, 'all')) return null;
    // A database failure propagates (a 5xx): answering 401 would tell the client its token is bad.
    const rows: { id: string; username: string; display_name: string; role: string; department: string; active: boolean; token_version: number }[] =
      await this.ds.query(
        'SELECT id, username, display_name, role, department, active, token_version FROM users WHERE id = $1',
        [claims.sub],
      );
    const u = rows[0];
    if (!u || !u.active || u.token_version !== claims.tv || u.role !== claims.role || !isRole(u.role)) return null;
    return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, department: u.department as Actor['department'], requestId, ip };
  }

  async me(actor: Actor): Promise<MeResponseDto> {
    const user = await this.ds.getRepository(User).findOneBy({ id: actor.id });
    if (!user) throw CommonErrors.unauthenticated();
    const names = new Map(DUTY_MATRIX.map((e) => [e.permission, e.name]));
    return {
      user: toUserResponse(user),
      permissions: permissionsOf(actor.role).map((p) => ({ ...p, name: names.get(p.permission) ?? p.permission })),
    };
  }
}
