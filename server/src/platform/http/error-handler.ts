import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError, type Lang, PlatformError } from '../errors.js';
import { langOf } from './lang.js';

const locales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldMessage(item: ValidationItem, lang: Lang): string {
  const issue = { ...item.params, code: item.keyword, path: item.instancePath.split('/').filter(Boolean) };
  const text = locales[lang].localeError(issue as never);
  const message = typeof text === 'string' ? text : (text?.message ?? item.message ?? item.keyword);
  // zod does not keep the input, so its "received undefined" would mislead.
  return message.replace(/[,，]\s*(实际接收|received) undefined$/, '');
}

function validationError(items: ValidationItem[], context: string | undefined, lang: Lang): AppError {
  const fields: FieldError[] = items.map((item) => ({
    path: item.instancePath.split('/').filter(Boolean).join('.'),
    message: fieldMessage(item, lang),
  }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  const err = PlatformError('VALIDATION_FAILED', { vars: { summary }, details: { in: context ?? 'body' } });
  return new AppError(
    err.code,
    err.status,
    err.texts,
    err.details,
    fields.map((f) => ({ path: f.path, text: { zh: f.message, en: f.message } })),
  );
}

function toAppError(err: FastifyError & { code?: string }, req: FastifyRequest, bodyLimit: number): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return validationError(err.validation as unknown as ValidationItem[], err.validationContext, langOf(req));
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return PlatformError('PAYLOAD_TOO_LARGE', { vars: { limit: bodyLimit } });
  if (status === 415) return PlatformError('UNSUPPORTED_MEDIA_TYPE');
  if (status === 429) return PlatformError('RATE_LIMITED');
  if (status === 400 && (err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError)) {
    return PlatformError('INVALID_JSON');
  }
  const pgCode = (err as { code?: string }).code;
  if (pgCode === '23505') {
    return PlatformError('DUPLICATE', { vars: { constraint: (err as { constraint?: string }).constraint ?? '' } });
  }
  // What the checks let through but the database refuses to store (a year 0000, a number beyond its column):
  // the statement failed, so nothing was written; it is the input's fault, not the server's.
  if (pgCode === '22008' || pgCode === '22007' || pgCode === '22003') {
    return PlatformError('VALUE_OUT_OF_RANGE', { vars: { detail: err.message } });
  }
  if (status >= 400 && status < 500) {
    return new AppError(err.code ?? 'BAD_REQUEST', status, { zh: err.message, en: err.message });
  }
  return null;
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  const lang = langOf(req);
  const fields = err.fieldTexts.map((f) => ({ path: f.path, message: lang === 'en' ? f.text.en : f.text.zh }));
  const details = fields.length ? { ...err.details, fields } : err.details;
  return reply.code(err.status).send({ code: err.code, message: err.messageIn(lang), details });
}

/** The one place where anything thrown becomes `{ code, message, details }` with its HTTP status. */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, issues: error.cause?.issues }, 'response does not match its schema');
      return sendError(reply, req, PlatformError('INTERNAL'));
    }
    const mapped = toAppError(error, req, bodyLimit);
    if (mapped) return sendError(reply, req, mapped);
    req.log.error({ err: error }, 'unhandled error');
    return sendError(reply, req, PlatformError('INTERNAL'));
  });
}
