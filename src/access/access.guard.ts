import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { AuthErrors } from '../auth/auth.errors';
import { AuthService } from '../auth/auth.service';
import type { Actor } from './actor';
import { AccessErrors } from './access.errors';
import { ACCESS_KEY, AccessMode, PERMISSION_KEY } from './decorators';
import { grantFor } from './duty-matrix';
import type { Permission } from './duty.types';

/**
 * The one global guard. Deny by default: a route is reachable only if it is marked public,
 * signed-in, or declares a permission of the duty matrix that the caller's role holds. The
 * record-level scope is then applied by the service through `scopeCondition`.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const mode = this.reflector.getAllAndOverride<AccessMode | undefined>(ACCESS_KEY, targets);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (mode === 'public') return true;

    const req = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const header = req.headers.authorization;
    if (!header) throw AuthErrors.missingToken();
    const match = /^Bearer ([A-Za-z0-9_\-.]{1,4096})$/.exec(header);
    if (!match) throw AuthErrors.invalidToken();
    const actor = await this.auth.authenticate(match[1], String(req.id), req.ip ?? null);
    if (!actor) throw AuthErrors.invalidToken();
    req.actor = actor;

    if (permission) {
      if (grantFor(actor.role, permission)) return true;
      await this.audit.recordDenial(actor, permission, req.method, req.url).catch(() => undefined);
      throw AccessErrors.permissionDenied(permission);
    }
    if (mode === 'signed-in') return true;
    throw AccessErrors.undeclaredRoute();
  }
}
