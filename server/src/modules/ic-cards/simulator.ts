/**
 * The device simulator (policy icc.cardDevice = simulator): simulated card and meter memory, and what happens
 * away from the desk — the customer inserts the card into the meter, the meter uses gas, a meter loses its
 * memory or dies. The desk code reaches the cards only through `SimulatorDevice` (device.ts).
 */
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { deviceFor } from './device.js';
import { IcError } from './errors.js';

export async function requireSimulator(q: Queryable, companyId: string) {
  const device = await deviceFor(q, companyId);
  if (device.kind !== 'simulator') throw IcError('NOT_SIMULATOR');
}

/** A meter's memory, created on first use with the meter's start reading. */
export async function ensureSimMeter(
  q: Queryable,
  companyId: string,
  m: { meterNo: string; accountNo: string | null; reading: string },
) {
  await q.query(
    `INSERT INTO ic_sim_meters (company_id, meter_no, account_no, reading) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, meter_no) DO NOTHING`,
    [companyId, m.meterNo, m.accountNo, m.reading],
  );
}

/** A blank card put into the reader (the reader's previous card is taken out). */
export async function provisionSimCard(
  q: Queryable,
  companyId: string,
  c: { cardNo: string; kind: 'user' | 'transfer'; meterNo: string; accountNo: string; deviceId: string },
) {
  await q.query('UPDATE ic_sim_cards SET in_reader = NULL WHERE company_id = $1 AND in_reader = $2', [
    companyId,
    c.deviceId,
  ]);
  await q.query(
    `INSERT INTO ic_sim_cards (company_id, card_no, kind, meter_no, account_no, in_reader, stage)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'transfer' THEN 'new' END)`,
    [companyId, c.cardNo, c.kind, c.meterNo, c.accountNo, c.deviceId],
  );
}

export async function simState(q: Queryable, companyId: string) {
  await requireSimulator(q, companyId);
  const [cards, meters] = await Promise.all([
    q.query(
      `SELECT card_no AS "cardNo", kind, meter_no AS "meterNo", account_no AS "accountNo", to_meter_no AS "toMeterNo",
              user_card_no AS "userCardNo", stage, seq, volume::text AS volume, loaded, in_reader AS "inReader",
              fail_writes AS "failWrites"
         FROM ic_sim_cards WHERE company_id = $1 ORDER BY updated_at DESC, card_no LIMIT 200`,
      [companyId],
    ),
    q.query(
      `SELECT meter_no AS "meterNo", account_no AS "accountNo", last_seq AS "lastSeq",
              cumulative_purchased::text AS "cumulativePurchased", remaining::text AS remaining,
              reading::text AS reading, dead
         FROM ic_sim_meters WHERE company_id = $1 ORDER BY updated_at DESC, meter_no LIMIT 200`,
      [companyId],
    ),
  ]);
  return { cards: cards.rows, meters: meters.rows };
}

interface SimCard {
  cardNo: string;
  kind: 'user' | 'transfer';
  meterNo: string;
  accountNo: string;
  toMeterNo: string | null;
  userCardNo: string | null;
  stage: string | null;
  seq: number;
  volume: string;
  loaded: boolean;
}
interface SimMeter {
  meterNo: string;
  accountNo: string | null;
  lastSeq: number;
  remaining: string;
  reading: string;
  dead: boolean;
}

async function card(tx: Tx, companyId: string, cardNo: string) {
  const r = await tx.query<SimCard>(
    `SELECT card_no AS "cardNo", kind, meter_no AS "meterNo", account_no AS "accountNo", to_meter_no AS "toMeterNo",
            user_card_no AS "userCardNo", stage, seq, volume::text AS volume, loaded
       FROM ic_sim_cards WHERE company_id = $1 AND card_no = $2 FOR UPDATE`,
    [companyId, cardNo],
  );
  if (!r.rows[0]) throw IcError('SIM_NOT_FOUND', { field: 'cardNo', vars: { what: `卡 ${cardNo}` } });
  return r.rows[0];
}

async function meter(tx: Tx, companyId: string, meterNo: string) {
  const r = await tx.query<SimMeter>(
    `SELECT meter_no AS "meterNo", account_no AS "accountNo", last_seq AS "lastSeq", remaining::text AS remaining,
            reading::text AS reading, dead
       FROM ic_sim_meters WHERE company_id = $1 AND meter_no = $2 FOR UPDATE`,
    [companyId, meterNo],
  );
  if (!r.rows[0]) throw IcError('SIM_NOT_FOUND', { field: 'meterNo', vars: { what: `表 ${meterNo}` } });
  return r.rows[0];
}

const refuse = (zh: string) => IcError('SIM_REFUSED', { vars: { message: zh } });

/** 插卡: a user card loads its volume into its meter once per sequence; a transfer card picks up, then drops off. */
export async function simInsert(tx: Tx, actor: Actor, cardNo: string, meterNo: string) {
  const cid = actor.companyId;
  await requireSimulator(tx, cid);
  const c = await card(tx, cid, cardNo);
  const m = await meter(tx, cid, meterNo);
  if (m.dead) throw refuse('气表无显示、不认卡（表坏）');
  let result: string;
  if (c.kind === 'user') {
    if (m.accountNo !== c.accountNo)
      throw refuse(`卡的用户号 ${c.accountNo} 与表中用户号 ${m.accountNo ?? '（空）'} 不符`);
    if (c.loaded) throw refuse('卡中无气量');
    if (c.seq <= m.lastSeq) throw refuse(`购气序号 ${c.seq} 已输入过气表`);
    await tx.query(
      `UPDATE ic_sim_meters SET remaining = remaining + $3, cumulative_purchased = cumulative_purchased + $3,
              last_seq = $4, updated_at = now() WHERE company_id = $1 AND meter_no = $2`,
      [cid, meterNo, c.volume, c.seq],
    );
    await tx.query(
      'UPDATE ic_sim_cards SET volume = 0, loaded = true, updated_at = now() WHERE company_id = $1 AND card_no = $2',
      [cid, cardNo],
    );
    result = `已输入气表 ${new Decimal(c.volume).toString()} 立方米`;
  } else if (c.stage === 'new' && meterNo === c.meterNo) {
    await tx.query(
      `UPDATE ic_sim_cards SET volume = $3, loaded = ($3::numeric = 0), seq = $4, stage = 'picked', updated_at = now()
        WHERE company_id = $1 AND card_no = $2`,
      [cid, cardNo, m.remaining, m.lastSeq],
    );
    await tx.query(
      'UPDATE ic_sim_meters SET remaining = 0, updated_at = now() WHERE company_id = $1 AND meter_no = $2',
      [cid, meterNo],
    );
    result = `转移卡已读出原表剩余 ${new Decimal(m.remaining).toString()} 立方米`;
  } else if (c.stage === 'picked' && meterNo === c.toMeterNo) {
    await tx.query(
      `UPDATE ic_sim_meters SET account_no = $3, last_seq = greatest(last_seq, $4), remaining = remaining + $5,
              cumulative_purchased = cumulative_purchased + $5, updated_at = now()
        WHERE company_id = $1 AND meter_no = $2`,
      [cid, meterNo, c.accountNo, c.seq, c.volume],
    );
    await tx.query(
      `UPDATE ic_sim_cards SET volume = 0, loaded = true, stage = 'done', updated_at = now()
        WHERE company_id = $1 AND card_no = $2`,
      [cid, cardNo],
    );
    result = `转移卡已将 ${new Decimal(c.volume).toString()} 立方米转入新表`;
  } else {
    throw refuse('转移卡须先插原表，再插新表');
  }
  await recordAudit(tx, actor, {
    action: 'icSimulator.insertCard',
    entityType: 'icSimCard',
    entityId: null,
    after: { cardNo, meterNo, result },
  });
  return { result, ...(await simState(tx, cid)) };
}

/** 用气: the meter counts up and its remaining volume down; with nothing left the valve closes. */
export async function simConsume(tx: Tx, actor: Actor, meterNo: string, volume: string) {
  const cid = actor.companyId;
  await requireSimulator(tx, cid);
  const m = await meter(tx, cid, meterNo);
  if (m.dead) throw refuse('气表已坏');
  if (new Decimal(volume).gt(m.remaining))
    throw refuse(`剩余气量 ${new Decimal(m.remaining).toString()} 立方米不足，阀门关闭`);
  await tx.query(
    `UPDATE ic_sim_meters SET reading = reading + $3, remaining = remaining - $3, updated_at = now()
      WHERE company_id = $1 AND meter_no = $2`,
    [cid, meterNo, volume],
  );
  await recordAudit(tx, actor, {
    action: 'icSimulator.consume',
    entityType: 'icSimMeter',
    entityId: null,
    after: { meterNo, volume },
  });
  return simState(tx, cid);
}

/** Faults: loseGas (the meter forgets its remaining volume), dead (no display, refuses cards), repair. */
export async function simFault(tx: Tx, actor: Actor, meterNo: string, fault: 'loseGas' | 'dead' | 'repair') {
  const cid = actor.companyId;
  await requireSimulator(tx, cid);
  await meter(tx, cid, meterNo);
  await tx.query(
    `UPDATE ic_sim_meters SET remaining = CASE WHEN $3 = 'loseGas' THEN 0 ELSE remaining END,
            dead = CASE $3 WHEN 'dead' THEN true WHEN 'repair' THEN false ELSE dead END, updated_at = now()
      WHERE company_id = $1 AND meter_no = $2`,
    [cid, meterNo, fault],
  );
  await recordAudit(tx, actor, { action: 'icSimulator.fault', entityType: 'icSimMeter', after: { meterNo, fault } });
  return simState(tx, cid);
}

/** Puts a card into a reader (or takes it out with deviceId null). */
export async function simReader(tx: Tx, actor: Actor, cardNo: string, deviceId: string | null) {
  const cid = actor.companyId;
  await requireSimulator(tx, cid);
  await card(tx, cid, cardNo);
  if (deviceId) {
    await tx.query('UPDATE ic_sim_cards SET in_reader = NULL WHERE company_id = $1 AND in_reader = $2', [
      cid,
      deviceId,
    ]);
  }
  await tx.query('UPDATE ic_sim_cards SET in_reader = $3 WHERE company_id = $1 AND card_no = $2', [
    cid,
    cardNo,
    deviceId,
  ]);
  await recordAudit(tx, actor, { action: 'icSimulator.reader', entityType: 'icSimCard', after: { cardNo, deviceId } });
  return simState(tx, cid);
}

/** The next `count` writes to the card fail (a bad card, or one pulled out too early). */
export async function simFailWrites(tx: Tx, actor: Actor, cardNo: string, count: number) {
  const cid = actor.companyId;
  await requireSimulator(tx, cid);
  await card(tx, cid, cardNo);
  await tx.query('UPDATE ic_sim_cards SET fail_writes = $3 WHERE company_id = $1 AND card_no = $2', [
    cid,
    cardNo,
    count,
  ]);
  await recordAudit(tx, actor, { action: 'icSimulator.failWrites', entityType: 'icSimCard', after: { cardNo, count } });
  return simState(tx, cid);
}
