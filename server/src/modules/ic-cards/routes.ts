import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/http/deps.js';
import { actorFrom, principalOf } from '../../platform/http/guard.js';
import { idempotencyKeyOf } from '../payments/service.js';
import * as cards from './cards.js';
import { deviceFor } from './device.js';
import * as repl from './replenishment.js';
import {
  blacklistBody,
  deviceId,
  issueBody,
  listQuery,
  purchaseBody,
  quoteQuery,
  reissueBody,
  replenishmentBody,
  replenishmentPreviewQuery,
  simConsumeBody,
  simFailBody,
  simFaultBody,
  simInsertBody,
  simReaderBody,
  transferBody,
  writeBody,
} from './schemas.js';
import * as ic from './service.js';
import * as sim from './simulator.js';
import './approval-kinds.js';
import './notices.js';

const tags = ['icCards'];
const READ = 'ic.read';
const SELL = 'ic.card.sell';
const MANAGE = 'ic.card.manage';
const REQUEST = 'ic.replenishment.request';
const idParams = z.object({ id: z.uuid() });

export function icCardsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cid = (req: Parameters<typeof principalOf>[0]) => principalOf(req).companyId;

  r.get('/api/ic/device', {
    schema: {
      operationId: 'getIcDevice',
      tags,
      summary: '本公司使用的 IC 卡读写器 The configured card device (ICC-1)',
    },
    config: { permission: [READ, SELL, MANAGE] },
    handler: async (req) => ({ kind: (await deviceFor(db, cid(req))).kind }),
  });

  // ---------------------------------------------------------------- ICC-1 purchases
  r.get('/api/ic/reader/:deviceId', {
    schema: {
      operationId: 'readIcCard',
      tags,
      summary:
        '读卡：卡内信息、用户、气价、限额与提示 Read the card in the reader with its account and warnings (ICC-1)',
      params: z.object({ deviceId }),
    },
    config: { permission: [SELL, MANAGE] },
    handler: async (req) => ic.readCardAtDesk(db, cid(req), req.params.deviceId),
  });

  r.get('/api/ic/quote', {
    schema: {
      operationId: 'quoteIcPurchase',
      tags,
      summary: '购气金额试算 Amount of a purchase, arrears settled first (ICC-1)',
      querystring: quoteQuery,
    },
    config: { permission: SELL },
    handler: async (req) => ic.quote(db, cid(req), req.query.accountId, req.query.volume),
  });

  r.post('/api/ic/purchases', {
    schema: {
      operationId: 'purchaseIcGas',
      tags,
      summary: 'IC 卡购气：收费、记账并写卡校验 Sell gas to the card: debit, payment, card write and verify (ICC-1)',
      description:
        'Header `Idempotency-Key` is required. The same key returns the first purchase (200) and retries its write ' +
        'when not verified; never a second sale.',
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: purchaseBody,
    },
    config: { permission: SELL },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req.headers['idempotency-key']);
      const out = await ic.purchase(db, actorFrom(req), key, req.body);
      return reply.code(out.created ? 201 : 200).send(out);
    },
  });

  r.get('/api/ic/purchases', {
    schema: { operationId: 'listIcPurchases', tags, summary: '购气记录 IC purchases (ICC-1)', querystring: listQuery },
    config: { permission: READ },
    handler: async (req) => ic.listPurchases(db, cid(req), req.query),
  });

  r.get('/api/ic/purchases/:id', {
    schema: { operationId: 'getIcPurchase', tags, summary: '购气详情 An IC purchase (ICC-1)', params: idParams },
    config: { permission: READ },
    handler: async (req) => ic.getPurchase(db, cid(req), req.params.id),
  });

  r.get('/api/ic/writes', {
    schema: { operationId: 'listIcCardWrites', tags, summary: '写卡记录 Card writes (ICC-1)', querystring: listQuery },
    config: { permission: READ },
    handler: async (req) => ic.listWrites(db, cid(req), req.query),
  });

  r.post('/api/ic/writes/:id/write', {
    schema: {
      operationId: 'writeIcCard',
      tags,
      summary: '写卡 / 重写卡（同一序号与气量）Write or retry a recorded card write (ICC-1/2/3)',
      params: idParams,
      body: writeBody,
    },
    config: { permission: [SELL, MANAGE] },
    handler: async (req) => ic.retryWrite(db, actorFrom(req), req.params.id, req.body.deviceId),
  });

  // ---------------------------------------------------------------- ICC-2 replenishments
  r.get('/api/ic/replenishments/preview', {
    schema: {
      operationId: 'previewIcReplenishment',
      tags,
      summary:
        '补气量核算：累计购气量 − 基表数 − 卡内未插表气量 The replenishment formula with today’s numbers (ICC-2)',
      querystring: replenishmentPreviewQuery,
    },
    config: { permission: [REQUEST, READ] },
    handler: async (req) => {
      const { account, ...rest } = await repl.previewReplenishment(
        db,
        cid(req),
        req.query.accountId,
        req.query.reading,
        // A lost or damaged card cannot be read: the formula stays as is (ICC-2).
        req.query.reason === 'cardDamagedLost' ? undefined : req.query.deviceId,
      );
      return { ...rest, accountNo: account.accountNo, customerName: account.customerName, meterNo: account.meterNo };
    },
  });

  r.post('/api/ic/replenishments', {
    schema: {
      operationId: 'fileIcReplenishment',
      tags,
      summary: '补气申请：为正送审批，为负用户补交 File a replenishment (positive: approval; negative: charge) (ICC-2)',
      body: replenishmentBody,
    },
    config: { permission: REQUEST },
    handler: async (req, reply) => {
      const out = await db.tx((tx) => repl.fileReplenishment(tx, actorFrom(req), principalOf(req), req.body));
      return reply.code(201).send(out);
    },
  });

  r.get('/api/ic/replenishments', {
    schema: {
      operationId: 'listIcReplenishments',
      tags,
      summary: '补气台账 Replenishments (ICC-2)',
      querystring: listQuery,
    },
    config: { permission: READ },
    handler: async (req) => repl.listReplenishments(db, cid(req), req.query),
  });

  r.get('/api/ic/replenishments/:id', {
    schema: { operationId: 'getIcReplenishment', tags, summary: '补气详情 A replenishment (ICC-2)', params: idParams },
    config: { permission: READ },
    handler: async (req) => repl.getReplenishment(db, cid(req), req.params.id),
  });

  // ---------------------------------------------------------------- ICC-3 cards
  r.get('/api/ic/cards', {
    schema: { operationId: 'listIcCards', tags, summary: 'IC 卡 Cards (ICC-3)', querystring: listQuery },
    config: { permission: READ },
    handler: async (req) => cards.listCards(db, cid(req), req.query),
  });

  r.get('/api/ic/cards/:id', {
    schema: { operationId: 'getIcCard', tags, summary: 'IC 卡详情 A card (ICC-3)', params: idParams },
    config: { permission: READ },
    handler: async (req) => cards.getCard(db, cid(req), req.params.id),
  });

  r.post('/api/ic/cards', {
    schema: {
      operationId: 'issueIcCard',
      tags,
      summary: '开卡 Issue a card to an IC-meter account (ICC-3)',
      body: issueBody,
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await db.tx((tx) => cards.issueCard(tx, actorFrom(req), req.body.accountId, req.body.deviceId))),
  });

  r.post('/api/ic/cards/:id/reissue', {
    schema: {
      operationId: 'reissueIcCard',
      tags,
      summary: '补卡：原卡挂失，发新卡 Reissue a lost or damaged card (ICC-3)',
      params: idParams,
      body: reissueBody,
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply.code(201).send(await db.tx((tx) => cards.reissueCard(tx, actorFrom(req), req.params.id, req.body))),
  });

  r.post('/api/ic/cards/:id/found', {
    schema: {
      operationId: 'icOldCardFound',
      tags,
      summary:
        '原卡找回且未使用：清卡并在新卡补气 The old card found unused: clear it, its gas to the new card (ICC-3)',
      params: idParams,
      body: writeBody,
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await db.tx((tx) => cards.oldCardFound(tx, actorFrom(req), req.params.id, req.body.deviceId))),
  });

  r.post('/api/ic/cards/:id/transfer', {
    schema: {
      operationId: 'makeIcTransferCard',
      tags,
      summary: '换表转移卡 A transfer card carrying the old meter’s volume to the new meter (ICC-3)',
      params: idParams,
      body: transferBody,
    },
    config: { permission: MANAGE },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(
          await db.tx((tx) =>
            cards.makeTransferCard(tx, actorFrom(req), req.params.id, req.body.toMeterId, req.body.deviceId),
          ),
        ),
  });

  r.post('/api/ic/cards/:id/blacklist', {
    schema: {
      operationId: 'blacklistIcCard',
      tags,
      summary: '挂失 Blacklist a card (ICC-3)',
      params: idParams,
      body: blacklistBody,
    },
    config: { permission: MANAGE },
    handler: async (req) => db.tx((tx) => cards.blacklistCard(tx, actorFrom(req), req.params.id, req.body.reason)),
  });

  // ---------------------------------------------------------------- the device simulator
  const SIM = [SELL, MANAGE];
  r.get('/api/ic/simulator', {
    schema: {
      operationId: 'getIcSimulator',
      tags,
      summary: '设备模拟器：卡与表的存储 Simulated card and meter memory',
    },
    config: { permission: SIM },
    handler: async (req) => sim.simState(db, cid(req)),
  });
  r.post('/api/ic/simulator/reader', {
    schema: {
      operationId: 'icSimulatorReader',
      tags,
      summary: '模拟：把卡放入/取出读卡器 Put a card into a reader',
      body: simReaderBody,
    },
    config: { permission: SIM },
    handler: async (req) => db.tx((tx) => sim.simReader(tx, actorFrom(req), req.body.cardNo, req.body.deviceId)),
  });
  r.post('/api/ic/simulator/insert', {
    schema: {
      operationId: 'icSimulatorInsert',
      tags,
      summary: '模拟：用户插卡入表 Insert a card into a meter',
      body: simInsertBody,
    },
    config: { permission: SIM },
    handler: async (req) => db.tx((tx) => sim.simInsert(tx, actorFrom(req), req.body.cardNo, req.body.meterNo)),
  });
  r.post('/api/ic/simulator/consume', {
    schema: { operationId: 'icSimulatorConsume', tags, summary: '模拟：用气 The meter uses gas', body: simConsumeBody },
    config: { permission: SIM },
    handler: async (req) => db.tx((tx) => sim.simConsume(tx, actorFrom(req), req.body.meterNo, req.body.volume)),
  });
  r.post('/api/ic/simulator/fault', {
    schema: { operationId: 'icSimulatorFault', tags, summary: '模拟：表故障 A meter fault', body: simFaultBody },
    config: { permission: SIM },
    handler: async (req) => db.tx((tx) => sim.simFault(tx, actorFrom(req), req.body.meterNo, req.body.fault)),
  });
  r.post('/api/ic/simulator/fail-writes', {
    schema: {
      operationId: 'icSimulatorFailWrites',
      tags,
      summary: '模拟：写卡失败 The next writes fail',
      body: simFailBody,
    },
    config: { permission: SIM },
    handler: async (req) => db.tx((tx) => sim.simFailWrites(tx, actorFrom(req), req.body.cardNo, req.body.count)),
  });
}
