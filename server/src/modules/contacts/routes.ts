import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { pageOf } from '../../platform/paging.js';
import { categorySchema, contactSchema, listContactsQuery, newContactBody } from './schemas.js';
import * as contacts from './service.js';
import './spreadsheets.js';

const tags = ['contacts'];

export function contactsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/contacts/categories', {
    schema: {
      operationId: 'listContactCategories',
      tags,
      summary: '来访来电的业务类别 Contact categories in force (SVC-2)',
      response: { 200: z.object({ items: z.array(categorySchema) }) },
    },
    config: { permission: ['contact.record', 'contact.read'] },
    handler: async (req) => ({ items: await contacts.contactCategories(db, principalOf(req).companyId) }),
  });

  r.post('/api/contacts', {
    schema: {
      operationId: 'recordContact',
      tags,
      summary: '登记来访、来电或网上联系 Record a contact (SVC-1)',
      body: newContactBody,
      response: { 201: contactSchema },
    },
    config: { permission: 'contact.record' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => contacts.recordContact(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/contacts', {
    schema: {
      operationId: 'listContacts',
      tags,
      summary: '业务受理登记表 The contact log and hall intake register (SVC-1)',
      querystring: listContactsQuery,
      response: { 200: pageOf(contactSchema) },
    },
    config: { permission: 'contact.read' },
    handler: async (req) => contacts.listContacts(db, principalOf(req).companyId, req.query),
  });
}
