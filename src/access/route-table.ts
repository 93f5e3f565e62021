import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY, ALSO_CHECKS_KEY, type AccessMode, PERMISSION_KEY } from './decorators';
import type { Permission } from './duty.types';

/** One route as declared by its controller: method, full path, and what it demands of the caller. */
export interface DeclaredRoute {
  method: string;
  /** The path as the API serves it, e.g. `/api/v1/visits/:id`. */
  path: string;
  permission?: Permission;
  /** Permissions the service checks for part of what the route does (@AlsoChecks). */
  alsoChecks?: Permission[];
  access?: AccessMode;
}

/** The global prefix (app.factory.ts) and the routes it excludes. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED_ROUTES = new Set(['GET /health', 'GET /health/live', 'GET /health/ready']);

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : [p === undefined ? '' : String(p)]);

/**
 * The routes of `controllers` read from the same Nest metadata the router and the access guard
 * read: a handler's own permission or access mode wins over its class's.
 */
export function routesOf(controllers: Iterable<Type>): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const cls of controllers) {
    for (const base of asList(Reflect.getMetadata(PATH_METADATA, cls))) {
      for (const name of methodNames(cls.prototype)) {
        const handler = cls.prototype[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        const code = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || code === undefined) continue;
        const method = RequestMethod[code];
        const permission = (Reflect.getMetadata(PERMISSION_KEY, handler) ?? Reflect.getMetadata(PERMISSION_KEY, cls)) as Permission | undefined;
        const alsoChecks = Reflect.getMetadata(ALSO_CHECKS_KEY, handler) as Permission[] | undefined;
        const access = (Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, cls)) as AccessMode | undefined;
        for (const p of asList(paths)) {
          const bare = join(base, p);
          routes.push({
            method,
            path: UNPREFIXED_ROUTES.has(`${method} ${bare}`) ? bare : join(API_PREFIX, bare),
            ...(permission ? { permission } : {}),
            ...(alsoChecks ? { alsoChecks } : {}),
            ...(access ? { access } : {}),
          });
        }
      }
    }
  }
  return routes;
}

/**
 * Every controller the modules declare or import, read statically from the module metadata (no app
 * is started): the same set the app registers, dynamic modules' own controllers included.
 */
export function controllersOf(modules: readonly unknown[]): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (mod: unknown) => {
    if (!mod || seen.has(mod)) return;
    seen.add(mod);
    const dynamic = typeof mod === 'object' && 'module' in (mod as object) ? (mod as { module: Type; controllers?: Type[]; imports?: unknown[] }) : undefined;
    const cls = dynamic ? dynamic.module : (mod as Type);
    if (typeof cls !== 'function') return;
    const controllers = [...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, cls) as Type[] | undefined) ?? []), ...(dynamic?.controllers ?? [])];
    for (const c of controllers) found.add(c);
    for (const i of [...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) as unknown[] | undefined) ?? []), ...(dynamic?.imports ?? [])]) visit(i);
  };
  modules.forEach(visit);
  return [...found];
}

function methodNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, n)?.value === 'function') names.add(n);
  }
  return [...names];
}
