import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { AuthErrors } from '../auth/auth.errors';
import { AuthService } from '../auth/auth.service';
import { CSRF_HEADER, csrfTokenMatches, parseCookies, SAFE_METHODS, SESSION_COOKIE } from '../auth/session-cookies';
import type { Actor } from './actor';
import { AccessErrors } from './access.errors';
import { ACCESS_KEY, AccessMode, PERMISSION_KEY } from './decorators';
import { effectivePolicy } from './policy';
import type { Permission } from './duty.types';

/**
 * The one global guard. Deny by default: a route is reachable only if it is marked public,
 * signed-in, or declares a permission of the duty matrix that the caller's role holds. The
 * record-level scope is then applied by the service through `scopeCondition`. The caller is
 * identified by a bearer token (API clients) or, without an Authorization header, by the console's
 * session cookie.
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
    const actor = req.headers.authorization !== undefined ? await this.bearerActor(req) : await this.sessionActor(req);
    req.actor = actor;

    // the request is decided, scoped and audited under the version in force as it arrives
    const policy = effectivePolicy();
    actor.policyVersion = policy.version;
    Object.defineProperty(actor, 'policy', { value: policy, enumerable: false });
    if (permission) {
      if (policy.grantFor(actor.role, permission)) return true;
      await this.audit.recordDenial(actor, permission, req.method, req.url).catch(() => undefined);
      throw AccessErrors.permissionDenied(permission, undefined, policy);
    }
    if (mode === 'signed-in') return true;
    throw AccessErrors.undeclaredRoute();
  }

  /** An Authorization header: a bearer token, and nothing else is looked at (no CSRF: a browser never adds it on its own). */
  private async bearerActor(req: FastifyRequest): Promise<Actor> {
    const match = /^Bearer ([A-Za-z0-9_\-.]{1,4096})$/.exec(req.headers.authorization ?? '');
    if (!match) throw AuthErrors.invalidToken();
    const actor = await this.auth.authenticate(match[1], String(req.id), req.ip ?? null);
    if (!actor) throw AuthErrors.invalidToken();
    return actor;
  }

  /**
   * The console's session cookie. A browser sends it with every request to this origin, so a
   * request that can change something must also prove it comes from the console: the session's
   * CSRF token in X-CSRF-Token (a cross-site page can neither read the zhize_csrf cookie nor set
   * the header), and not `Sec-Fetch-Site: cross-site`.
   */
  private async sessionActor(req: FastifyRequest): Promise<Actor> {
    const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (cookie === undefined || cookie === '') throw AuthErrors.missingToken();
    if (!/^[A-Za-z0-9_\-.]{1,4096}$/.test(cookie)) throw AuthErrors.invalidToken();
    const session = await this.auth.authenticateSession(cookie, String(req.id), req.ip ?? null);
    if (!session) throw AuthErrors.invalidToken();
    if (!SAFE_METHODS.has(req.method)) {
      if (req.headers['sec-fetch-site'] === 'cross-site') throw AuthErrors.csrfRejected(true);
      if (!csrfTokenMatches(req.headers[CSRF_HEADER], session.csrfToken)) throw AuthErrors.csrfRejected();
    }
    return session.actor;
  }
}
