import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/download.js';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { langOf } from '../../platform/http/lang.js';
import { pageOf } from '../../platform/paging.js';
import { workbookBuffer, XLSX_TYPE } from '../../platform/spreadsheets/xlsx.js';
import * as faults from './broken-meters.js';
import * as pa from './price-adjustments.js';
import './top-up-register.js';

const idParams = z.object({ id: z.uuid() });
const MAX_EXPORT = 100_000;

/** MTR-5 broken meters (/api/meter-faults) and the BIL-1 C&I price-adjustment run (/api/billing/price-adjustments). */
export function billingEngineRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const faultTags = ['readings'];
  const faultReaders = ['reading.read', 'reading.meterFault.manage', 'billing.read'];

  r.get('/api/meter-faults', {
    schema: {
      operationId: 'listMeterFaults',
      tags: faultTags,
      summary: '坏表登记 Broken meters reported (MTR-5)',
      querystring: faults.listFaultsQuery,
      response: { 200: pageOf(faults.faultSchema) },
    },
    config: { permission: faultReaders },
    handler: async (req) => {
      const { items, total } = await faults.listFaults(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/meter-faults', {
    schema: {
      operationId: 'reportMeterFault',
      tags: faultTags,
      summary: '登记坏表 Report a meter broken from a day; billed on the average until resolved (MTR-5)',
      body: faults.newFaultBody,
      response: { 201: faults.faultSchema },
    },
    config: { permission: 'reading.meterFault.manage' },
    handler: async (req, reply) => {
      const created = await db.tx((tx) => faults.reportFault(tx, actorFrom(req), req.body));
      return reply.code(201).send(created);
    },
  });

  r.get('/api/meter-faults/:id', {
    schema: {
      operationId: 'getMeterFault',
      tags: faultTags,
      summary: '坏表登记详情（按平均用量计费的期间）A broken-meter report with the periods billed on the average',
      params: idParams,
      response: { 200: faults.faultSchema },
    },
    config: { permission: faultReaders },
    handler: async (req) => faults.getFault(db, principalOf(req).companyId, req.params.id),
  });

  r.post('/api/meter-faults/:id/resolve', {
    schema: {
      operationId: 'resolveMeterFault',
      tags: faultTags,
      summary: '坏表已修复/已换表 The meter is repaired or replaced (MTR-5)',
      params: idParams,
      body: faults.resolveFaultBody,
      response: { 200: faults.faultSchema },
    },
    config: { permission: 'reading.meterFault.manage' },
    handler: async (req) => db.tx((tx) => faults.resolveFault(tx, actorFrom(req), req.params.id, req.body)),
  });

  r.put('/api/meters/:id/designed-flow', {
    schema: {
      operationId: 'setMeterDesignedFlow',
      tags: faultTags,
      summary: '表具设计流量（立方米/小时）A meter’s designed flow in m³/h, for the C&I low-use check (MTR-4)',
      params: idParams,
      body: faults.designedFlowBody,
      response: { 200: faults.designedFlowSchema },
    },
    config: { permission: 'reading.meterFault.manage' },
    handler: async (req) =>
      db.tx((tx) => faults.setDesignedFlow(tx, actorFrom(req), req.params.id, req.body.designedFlow)),
  });

  // ---- BIL-1 调价补差 ----
  const paTags = ['billing'];
  const paReaders = ['billing.read', 'billing.priceAdjustment.run'];

  r.get('/api/billing/price-adjustments', {
    schema: {
      operationId: 'listPriceAdjustments',
      tags: paTags,
      summary: '工商户调价补差批次 C&I price-adjustment runs (BIL-1)',
      querystring: pa.listPriceAdjustmentsQuery,
      response: { 200: pageOf(pa.priceAdjustmentRunSchema) },
    },
    config: { permission: paReaders },
    handler: async (req) => {
      const { items, total } = await pa.listRuns(db, principalOf(req).companyId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.post('/api/billing/price-adjustments', {
    schema: {
      operationId: 'startPriceAdjustment',
      tags: paTags,
      summary: '发起调价补差 Re-price the C&I bills of a nature over a date range and post the differences (BIL-1)',
      body: pa.newPriceAdjustmentBody,
      response: { 202: pa.priceAdjustmentRunSchema },
    },
    config: { permission: 'billing.priceAdjustment.run' },
    handler: async (req, reply) => {
      const run = await db.tx((tx) => pa.startPriceAdjustment(tx, actorFrom(req), req.body));
      return reply.code(202).send(run);
    },
  });

  r.get('/api/billing/price-adjustments/:id', {
    schema: {
      operationId: 'getPriceAdjustment',
      tags: paTags,
      summary: '调价补差批次（进度）A price-adjustment run and its progress',
      params: idParams,
      response: { 200: pa.priceAdjustmentRunSchema },
    },
    config: { permission: paReaders },
    handler: async (req) => pa.getPriceAdjustment(db, principalOf(req).companyId, req.params.id),
  });

  r.get('/api/billing/price-adjustments/:id/lines', {
    schema: {
      operationId: 'listPriceAdjustmentLines',
      tags: paTags,
      summary: '调价补差明细 The bills a run adjusted, with the difference posted',
      params: idParams,
      querystring: pa.listPriceAdjustmentLinesQuery,
      response: { 200: pageOf(pa.priceAdjustmentLineSchema) },
    },
    config: { permission: paReaders },
    handler: async (req) => {
      const companyId = principalOf(req).companyId;
      await pa.getPriceAdjustment(db, companyId, req.params.id);
      const { items, total } = await pa.listLines(db, companyId, req.params.id, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  });

  r.get('/api/billing/price-adjustments/:id/lines/xlsx', {
    schema: {
      operationId: 'exportPriceAdjustmentLines',
      tags: paTags,
      summary: '导出调价补差明细 The lines of a run as XLSX',
      params: idParams,
    },
    config: { permission: paReaders },
    handler: async (req, reply) => {
      const companyId = principalOf(req).companyId;
      const run = await pa.getPriceAdjustment(db, companyId, req.params.id);
      const { items } = await pa.listLines(db, companyId, req.params.id, {
        page: 1,
        pageSize: MAX_EXPORT,
        order: 'asc',
        sort: 'accountNo',
      });
      const en = langOf(req) === 'en';
      const headers = en
        ? ['Account', 'Customer', 'Period', 'Volume (m³)', 'Billed (yuan)', 'Re-priced (yuan)', 'Difference (yuan)']
        : ['用户编号', '户名', '计费期间', '气量（立方米）', '原计费金额（元）', '调价后金额（元）', '补差金额（元）'];
      const title = en
        ? `Price adjustment ${run.usageNature} ${run.from}–${run.to}`
        : `调价补差${run.usageNatureName}${run.from}至${run.to}`;
      const buf = await workbookBuffer([
        {
          name: en ? 'Price adjustment' : '调价补差',
          columns: headers.map((header, i) => ({ header, width: i === 1 ? 24 : 16 })),
          rows: items.map((l) => [
            l.accountNo,
            l.customerName,
            l.period,
            Number(l.volume),
            Number(l.billedAmount),
            Number(l.repricedAmount),
            Number(l.difference),
          ]),
        },
      ]);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`${title}.xlsx`, `price-adjustment-${run.from}-${run.to}.xlsx`),
        )
        .send(buf);
    },
  });
}
