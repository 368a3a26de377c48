import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, RouteAccess, SESSION_KEY } from '../../src/access/access.decorator';

export interface RegisteredRoute {
  method: string;
  /** Express-style, e.g. /api/plans/:planId/board */
  path: string;
  access: RouteAccess | undefined;
  /** A web page: its caller comes from the session cookie, not a bearer token. */
  page: boolean;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;

/** Every route handler Nest registered, with the access it declares (found as the guard finds it: handler, then class). */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as object;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      const access = (Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, type)) as
        RouteAccess | undefined;
      const page = (Reflect.getMetadata(SESSION_KEY, handler) ?? Reflect.getMetadata(SESSION_KEY, type)) === true;
      for (const prefix of prefixes) for (const path of [paths].flat()) routes.push({ method, path: join(prefix, path), access, page });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
