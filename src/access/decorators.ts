import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import type { Permission } from './duty.types';

export const PERMISSION_KEY = 'zhize:permission';
export const ACCESS_KEY = 'zhize:access';
export type AccessMode = 'public' | 'signed-in';

/** The route needs this permission of the duty matrix; the record-level scope is the service's job. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** No authentication at all (login, health). */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies AccessMode);

/** Any signed-in user, whatever the role (own profile, directory, own tasks). */
export const SignedIn = () => SetMetadata(ACCESS_KEY, 'signed-in' satisfies AccessMode);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
