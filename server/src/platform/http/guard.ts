import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Principal } from '../context.js';
import { PlatformError } from '../errors.js';

/** What a route declares: who may call it. */
export type RoutePermission = 'public' | 'authenticated' | (string & {}) | string[];

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Reachable while the user still has to change an initial password. */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'hearth_sid';

export type PrincipalResolver = (token: string, req: FastifyRequest) => Promise<Principal | null>;

/**
 * Every /api route must declare its permission: a route without one stops the server from starting.
 * The check runs before the body is parsed, so an anonymous caller learns nothing from validation.
 */
export function registerGuard(app: FastifyInstance, resolve: PrincipalResolver): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.permission) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    }
  });
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    const permission = config?.permission;
    if (!permission || permission === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    const principal = token ? await resolve(token, req) : null;
    if (!principal) throw PlatformError('UNAUTHENTICATED');
    req.principal = principal;
    if (principal.mustChangePassword && !config.allowPendingPasswordChange) {
      throw PlatformError('PASSWORD_CHANGE_REQUIRED');
    }
    if (permission === 'authenticated') return;
    // An array means any one of them suffices; the service checks the finer rule.
    const anyOf = Array.isArray(permission) ? permission : [permission];
    if (!anyOf.some((code) => principal.permissions.has(code))) {
      const named = anyOf.join(' | ');
      throw PlatformError('FORBIDDEN', { vars: { permission: named }, details: { permission: anyOf } });
    }
  });
}

/** The signed-in principal of a guarded route. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw PlatformError('UNAUTHENTICATED');
  return req.principal;
}

export function actorFrom(req: FastifyRequest): Actor {
  const p = principalOf(req);
  return { companyId: p.companyId, userId: p.userId, name: p.fullName, ip: req.ip, requestId: req.id };
}
