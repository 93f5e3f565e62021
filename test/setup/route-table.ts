import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessMode, PERMISSION_KEY } from '../../src/access/decorators';
import type { Permission } from '../../src/access/duty.types';
import { bodyParamIndex } from '../../src/common/unread-body.interceptor';
import type { TestApp } from './create-test-app';

export interface Route {
  method: string;
  path: string;
  handler: string;
  permission?: Permission;
  access?: AccessMode;
  /** The class of the @Body() parameter, when the handler reads a body. */
  bodyDto?: Type;
}

export const PREFIX = '/api/v1';
/** Routes the global prefix excludes (app.factory.ts). */
export const UNPREFIXED = new Set(['GET /health', 'GET /health/live', 'GET /health/ready']);

/** The route table as the running app has it (Nest metadata: the same the guard and the pipes read). */
export function buildRouteTable(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : [p === undefined ? '' : String(p)]);
  const routes: Route[] = [];
  for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
    const cls = wrapper.metatype as Type | null;
    if (!cls?.prototype) continue;
    for (const base of asList(Reflect.getMetadata(PATH_METADATA, cls))) {
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const handler = cls.prototype[name] as (...args: unknown[]) => unknown;
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        const methodCode = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || methodCode === undefined) continue;
        const method = RequestMethod[methodCode];
        const bodyIndex = bodyParamIndex(cls, name);
        const paramTypes = (Reflect.getMetadata('design:paramtypes', cls.prototype, name) ?? []) as Type[];
        for (const p of asList(paths)) {
          const bare = join(base, p);
          routes.push({
            method,
            path: UNPREFIXED.has(`${method} ${bare}`) ? bare : join(PREFIX, bare),
            handler: `${cls.name}.${name}`,
            permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, cls]),
            access: reflector.getAllAndOverride<AccessMode | undefined>(ACCESS_KEY, [handler, cls]),
            bodyDto: bodyIndex === undefined ? undefined : paramTypes[bodyIndex],
          });
        }
      }
    }
  }
  return routes;
}
