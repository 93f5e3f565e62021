import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import type { Permission } from './duty.types';

export const PERMISSION_KEY = 'zhize:permission';
export const ACCESS_KEY = 'zhize:access';
export const ALSO_CHECKS_KEY = 'zhize:also-checks';
export type AccessMode = 'public' | 'signed-in';

/** The route needs this permission of the duty matrix; the record-level scope is the service's job. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/**
 * The service also checks these permissions for part of what the route does (a compensation
 * proposed while resolving a complaint needs complaint.compensate): declared so that the route
 * table — and so GET /duties — knows the route serves them too. The guard does not read it.
 */
export const AlsoChecks = (...permissions: Permission[]) => SetMetadata(ALSO_CHECKS_KEY, permissions);

/** No authentication at all (login, health). */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessMode);

/** Any signed-in user, whatever the role (own profile, directory, own tasks). */
export const SignedIn = () => SetMetadata(ACCESS_KEY, 'signed-in' satisfies AccessMode);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
