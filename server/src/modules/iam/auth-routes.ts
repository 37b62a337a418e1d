import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf, SESSION_COOKIE } from '../../platform/http/guard.js';
import * as auth from './auth-service.js';
import { currentUserSchema } from './schemas.js';

const tags = ['auth'];

export function authRoutes(app: FastifyInstance, { db, config }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
  };

  r.post('/api/auth/login', {
    schema: {
      operationId: 'login',
      tags,
      summary: '登录 Log in',
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: z.object({ user: currentUserSchema }) },
    },
    config: {
      permission: 'public',
      rateLimit: {
        max: config.loginRatePerMinute,
        timeWindow: 60_000,
        keyGenerator: (req) =>
          `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
      },
    },
    handler: async (req, reply) => {
      const { token, expiresAt } = await auth.login(db, config, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      const principal = await auth.resolvePrincipal(db, config, token);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      return { user: await auth.currentUser(db, principal!) };
    },
  });

  r.post('/api/auth/logout', {
    schema: { operationId: 'logout', tags, summary: '退出登录 Log out', response: { 204: z.null() } },
    config: { permission: 'authenticated', allowPendingPasswordChange: true },
    handler: async (req, reply) => {
      await auth.logout(db, actorFrom(req), principalOf(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/auth/me', {
    schema: {
      operationId: 'getCurrentUser',
      tags,
      summary: '当前用户 Current user',
      response: { 200: currentUserSchema },
    },
    config: { permission: 'authenticated', allowPendingPasswordChange: true },
    handler: async (req) => auth.currentUser(db, principalOf(req)),
  });

  r.post('/api/auth/password', {
    schema: {
      operationId: 'changePassword',
      tags,
      summary: '修改密码 Change password',
      body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      response: { 204: z.null() },
    },
    config: { permission: 'authenticated', allowPendingPasswordChange: true },
    handler: async (req, reply) => {
      await auth.changePassword(db, config, actorFrom(req), principalOf(req), req.body);
      return reply.code(204).send(null);
    },
  });
}
