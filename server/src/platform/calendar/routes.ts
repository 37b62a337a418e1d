import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { actorFrom, principalOf } from '../http/guard.js';
import * as calendar from './service.js';

const tags = ['calendar'];
const READ = 'calendar.read';
const MANAGE = 'calendar.manage';
// The national table is every company's: a group may keep it to its own administrators.
const NATIONAL = 'calendar.national.manage';

// The calendar is kept for this century; the bound also keeps a calculation from walking for ever.
const inCentury = (s: string) => s >= '2000' && s < '2100';
const businessDate = z.iso.date().refine(inCentury, { error: '日期应在 2000–2099 年 / a date in 2000–2099' });
const instant = z.iso.datetime({ offset: true }).refine(inCentury, { error: '时间应在 2000–2099 年 / in 2000–2099' });
const dateParams = z.object({ date: businessDate });

/** The year shown; the calendar's export (spreadsheets.ts) takes the same. */
export const calendarDaysQuery = z.object({ year: z.coerce.number().int().min(2000).max(2099) });

const daySchema = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  updatedAt: z.string(),
  updatedBy: z.uuid().nullable(),
});
const closureSchema = z.object({
  date: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
});

export function calendarRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const company = (req: Parameters<typeof principalOf>[0]) => principalOf(req).companyId;

  r.get('/api/calendar/days', {
    schema: {
      operationId: 'listCalendarDays',
      tags,
      summary: '工作日历 Holidays, make-up working days and company closures of a year (SVC-6)',
      querystring: calendarDaysQuery,
      response: {
        200: z.object({
          year: z.number().int(),
          hasData: z.boolean(),
          yearsWithData: z.array(z.number().int()),
          days: z.array(daySchema),
          closures: z.array(closureSchema),
          months: z.array(z.object({ month: z.number().int(), workingDays: z.number().int() })),
        }),
      },
    },
    config: { permission: READ },
    handler: async (req) => calendar.listCalendarDays(db, company(req), req.query.year),
  });

  r.put('/api/calendar/days/:date', {
    schema: {
      operationId: 'upsertCalendarDay',
      tags,
      summary: '设置节假日或调休上班日 Set a holiday or make-up working day (national)',
      params: dateParams,
      body: z.object({ kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(40) }),
      response: { 200: daySchema },
    },
    config: { permission: NATIONAL },
    handler: async (req) => db.tx((tx) => calendar.upsertCalendarDay(tx, actorFrom(req), req.params.date, req.body)),
  });

  r.delete('/api/calendar/days/:date', {
    schema: {
      operationId: 'deleteCalendarDay',
      tags,
      summary: '恢复为普通日 Make a day an ordinary day again (national)',
      params: dateParams,
      response: { 204: z.null() },
    },
    config: { permission: NATIONAL },
    handler: async (req, reply) => {
      await db.tx((tx) => calendar.deleteCalendarDay(tx, actorFrom(req), req.params.date));
      return reply.code(204).send(null);
    },
  });

  r.post('/api/calendar/closures', {
    schema: {
      operationId: 'createClosure',
      tags,
      summary: '新增公司停业日 Add a closure of the company',
      body: z.object({ date: businessDate, reason: z.string().trim().min(1).max(200) }),
      response: { 201: closureSchema },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => calendar.createClosure(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.delete('/api/calendar/closures/:date', {
    schema: {
      operationId: 'deleteClosure',
      tags,
      summary: '删除公司停业日 Remove a closure of the company',
      params: dateParams,
      response: { 204: z.null() },
    },
    config: { permission: MANAGE },
    handler: async (req, reply) => {
      await db.tx((tx) => calendar.deleteClosure(tx, actorFrom(req), req.params.date));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/calendar/compute', {
    schema: {
      operationId: 'checkWorkingTime',
      tags,
      summary:
        '工作日计算器 From a date or instant: + N working days, + N working hours, or the working time to an end',
      querystring: z.object({
        from: z.union([businessDate, instant]),
        workingDays: z.coerce.number().int().min(0).max(366).optional(),
        workingHours: z.coerce.number().min(0).max(2000).optional(),
        to: z.union([businessDate, instant]).optional(),
      }),
      response: {
        200: z.object({
          from: z.string(),
          to: z.string(),
          workingDays: z.number().int().nullable(),
          workingMs: z.number().int().nullable(),
        }),
      },
    },
    config: { permission: READ },
    handler: async (req) => calendar.checkWorkingTime(db, company(req), req.query),
  });
}
