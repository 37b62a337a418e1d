import type { FastifyRequest } from 'fastify';
import type { Lang } from '../errors.js';

/** The console sends Accept-Language; Chinese is the default. */
export function langOf(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}
