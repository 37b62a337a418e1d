/**
 * ICC-3 card management: issue (开卡), reissue of a lost or damaged card (补卡: the old card is blacklisted; a
 * never-used card gets no gas unless found unused; a card in use needs an on-site check first), the transfer card
 * of a meter replacement (转移卡) and blacklisting (挂失).
 */
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import * as payRepo from '../payments/repo.js';
import { type CardDevice, type CardWrite, DeviceError, deviceFor, readCardOrThrow } from './device.js';
import { IcError } from './errors.js';
import * as repo from './repo.js';
import type { ListQuery } from './schemas.js';
import { KIND_ZH, requireIcAccount } from './service.js';
import { ensureSimMeter, provisionSimCard } from './simulator.js';

async function nextCardNo(q: Queryable, companyId: string, prefix: string, accountNo: string) {
  const r = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM ic_cards k WHERE k.company_id = $1 AND k.card_no LIKE $2',
    [companyId, `${prefix}${accountNo}%`],
  );
  return `${prefix}${accountNo}${String(r.rows[0]!.n + 1).padStart(2, '0')}`;
}

/** Writes a card image inside the transaction (a failure stops the whole action: nothing half done). */
async function writeImage(device: CardDevice, deviceId: string, image: CardWrite) {
  try {
    await device.writeCard(deviceId, image);
  } catch (err) {
    if (err instanceof DeviceError) throw IcError('DEVICE_ERROR', { vars: { message: err.message } });
    throw err;
  }
}

/** A new user card for the meter: with the simulator a blank card is put into the reader, then formatted. */
async function newUserCard(
  tx: Tx,
  actor: Actor,
  a: Awaited<ReturnType<typeof requireIcAccount>>,
  deviceId: string,
  opts: { replacesCardId: string | null; onsiteCheckRequired: boolean },
) {
  const cid = actor.companyId;
  // Review fix: the account is locked so two desks issuing at once do not pick the same card number (500).
  await payRepo.accountHead(tx, cid, a.id, true);
  const cardNo = await nextCardNo(tx, cid, 'IC', a.accountNo);
  const id = await repo.insertCard(tx, cid, {
    cardNo,
    kind: 'user',
    accountId: a.id,
    meterId: a.meterId,
    toMeterId: null,
    replacesCardId: opts.replacesCardId,
    onsiteCheckRequired: opts.onsiteCheckRequired,
    by: actor.userId,
  });
  const device = await deviceFor(tx, cid);
  if (device.kind === 'simulator') {
    await ensureSimMeter(tx, cid, { meterNo: a.meterNo, accountNo: a.accountNo, reading: a.startReading });
    await provisionSimCard(tx, cid, { cardNo, kind: 'user', meterNo: a.meterNo, accountNo: a.accountNo, deviceId });
  }
  // Review fix (ICC-3): formatted with the last *verified* sequence, so a sold-but-unwritten write moved to
  // this card is really written (with the last recorded seq it was taken as written and verified empty).
  const seq = await repo.lastVerifiedSeqOfMeter(tx, cid, a.meterId);
  await writeImage(device, deviceId, {
    cardNo,
    kind: 'user',
    meterNo: a.meterNo,
    accountNo: a.accountNo,
    seq,
    volume: '0',
  });
  return { id, cardNo };
}

export async function issueCard(tx: Tx, actor: Actor, accountId: string, deviceId: string) {
  const a = await requireIcAccount(tx, actor.companyId, accountId);
  const active = await repo.activeCardOfMeter(tx, actor.companyId, a.meterId);
  if (active)
    throw IcError('CARD_ACTIVE_EXISTS', { field: 'accountId', vars: { meterNo: a.meterNo, cardNo: active.cardNo } });
  const k = await newUserCard(tx, actor, a, deviceId, { replacesCardId: null, onsiteCheckRequired: false });
  await recordAudit(tx, actor, {
    action: 'icCard.issued',
    entityType: 'icCard',
    entityId: k.id,
    after: { cardNo: k.cardNo, accountNo: a.accountNo, meterNo: a.meterNo, deviceId },
  });
  return (await repo.cardById(tx, actor.companyId, k.id))!;
}

/**
 * 补卡. The old card is blacklisted; a new card is formatted with the meter's sequence. Writes the old card never
 * got (sold but unwritten) move to the new card. neverUsed: no gas now — only if the old card is found unused
 * (`cardFound`). inUse: the new card is flagged for an on-site check before any replenishment.
 */
export async function reissueCard(
  tx: Tx,
  actor: Actor,
  cardId: string,
  body: { reason: 'lost' | 'damaged'; usage: 'neverUsed' | 'inUse'; deviceId: string },
) {
  const cid = actor.companyId;
  const old = await repo.cardById(tx, cid, cardId, true);
  if (!old) throw IcError('CARD_NOT_FOUND');
  if (old.kind !== 'user' || old.status !== 'active') {
    throw IcError('NOT_REISSUABLE', { vars: { cardNo: old.cardNo, status: old.status } });
  }
  const a = await requireIcAccount(tx, cid, old.accountId);
  const reason = body.reason === 'lost' ? 'IC 卡丢失' : 'IC 卡损坏';
  await repo.setCardStatus(tx, cid, old.id, 'blacklisted', `${reason}，已补卡`);
  const k = await newUserCard(tx, actor, a, body.deviceId, {
    replacesCardId: old.id,
    onsiteCheckRequired: body.usage === 'inUse',
  });
  const moved = await tx.query<{ id: string }>(
    `UPDATE ic_card_writes SET card_id = $3 WHERE company_id = $1 AND card_id = $2 AND status <> 'verified' RETURNING id`,
    [cid, old.id, k.id],
  );
  await recordAudit(tx, actor, {
    action: 'icCard.reissued',
    entityType: 'icCard',
    entityId: k.id,
    before: { cardNo: old.cardNo, status: 'active' },
    after: {
      cardNo: k.cardNo,
      oldCardNo: old.cardNo,
      oldStatus: 'blacklisted',
      reason: body.reason,
      usage: body.usage,
      onsiteCheckRequired: body.usage === 'inUse',
      movedWrites: moved.rows.map((r) => r.id),
    },
  });
  return {
    card: (await repo.cardById(tx, cid, k.id))!,
    oldCardNo: old.cardNo,
    gas: body.usage === 'neverUsed' ? 'onlyIfFoundUnused' : 'afterOnsiteCheck',
  };
}

/**
 * The old (blacklisted) card is found: read in the reader, it must still hold its volume (never loaded into the
 * meter). It is cleared, and the volume is recorded as a write to the new card (written with the write action).
 */
export async function oldCardFound(tx: Tx, actor: Actor, oldCardId: string, deviceId: string) {
  const cid = actor.companyId;
  const old = await repo.cardById(tx, cid, oldCardId, true);
  if (!old) throw IcError('CARD_NOT_FOUND');
  const replacement = await repo.activeCardOfMeter(tx, cid, old.meterId);
  if (old.status !== 'blacklisted' || !replacement) {
    throw IcError('NOT_REISSUABLE', { vars: { cardNo: old.cardNo, status: old.status } });
  }
  // Review fix: the account is locked like a purchase's, so the next sequence is not taken twice (500).
  await payRepo.accountHead(tx, cid, old.accountId, true);
  const device = await deviceFor(tx, cid);
  const mem = await readCardOrThrow(device, deviceId);
  if (mem.cardNo !== old.cardNo) throw IcError('CARD_UNKNOWN', { field: 'deviceId', vars: { cardNo: mem.cardNo } });
  if (mem.loaded || new Decimal(mem.volume).lte(0)) throw IcError('OLD_CARD_USED', { vars: { cardNo: old.cardNo } });
  // Review fix (ICC-3): the gas on the old card must be a verified write of the system to that card. A write
  // moved to the new card at the reissue (unverified then) may still sit on the old card: giving the card's
  // volume again would move it twice. And the volume given is the recorded one, not what the card claims.
  const source = await repo.verifiedWriteOfCardSeq(tx, cid, old.id, mem.seq);
  if (!source || !new Decimal(source.volume).eq(mem.volume)) {
    throw IcError('OLD_CARD_NOT_MATCHED', { vars: { cardNo: old.cardNo, seq: mem.seq, volume: mem.volume } });
  }
  // Review fix (ICC-3): the lost card's gas was already given back by a replenishment (card lost): not twice.
  const given = await repo.replenishmentSinceBlacklist(tx, cid, old.id);
  if (given) {
    throw IcError('OLD_CARD_NOT_MATCHED', {
      vars: { cardNo: old.cardNo, seq: mem.seq, volume: `${mem.volume}（已由补气 ${given.no} 补给）` },
    });
  }
  const seq = (await repo.lastSeqOfMeter(tx, cid, old.meterId)) + 1;
  const writeId = await repo.insertWrite(tx, cid, {
    cardId: replacement.id,
    meterId: old.meterId,
    accountId: old.accountId,
    kind: 'reissue',
    sourceId: old.id,
    seq,
    volume: new Decimal(source.volume).toFixed(3),
    by: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'icCard.oldCardFound',
    entityType: 'icCard',
    entityId: old.id,
    after: { oldCardNo: old.cardNo, cleared: true, volume: mem.volume, newCardNo: replacement.cardNo, writeId, seq },
  });
  // Cleared last: a device failure rolls the records back with it.
  await writeImage(device, deviceId, { ...mem, volume: '0' });
  return (await repo.writeById(tx, cid, writeId))!;
}

/**
 * 转移卡 for a meter replacement (the replacement itself is recorded by CUS-4): the transfer card carries the old
 * meter's user data and remaining volume to the new meter; the user card is bound to the new meter.
 */
export async function makeTransferCard(tx: Tx, actor: Actor, cardId: string, toMeterId: string, deviceId: string) {
  const cid = actor.companyId;
  const user = await repo.cardById(tx, cid, cardId, true);
  if (!user) throw IcError('CARD_NOT_FOUND');
  if (user.kind !== 'user' || user.status !== 'active') {
    throw IcError('NOT_REISSUABLE', { vars: { cardNo: user.cardNo, status: user.status } });
  }
  const to = await repo.meterById(tx, cid, toMeterId);
  if (to?.meterType !== 'icCard') throw IcError('METER_NOT_FOUND', { field: 'toMeterId' });
  if (to.id === user.meterId) throw IcError('SAME_METER', { field: 'toMeterId' });
  // Review fix: the new meter is not another account's, and has no active card (the unique index made it a 500).
  if (to.accountId !== null && to.accountId !== user.accountId)
    throw IcError('METER_NOT_FOUND', { field: 'toMeterId' });
  const taken = await repo.activeCardOfMeter(tx, cid, to.id);
  if (taken)
    throw IcError('CARD_ACTIVE_EXISTS', { field: 'toMeterId', vars: { meterNo: to.serial, cardNo: taken.cardNo } });
  const pending = await repo.unfinishedWriteOfCard(tx, cid, user.id);
  if (pending) {
    throw IcError('WRITE_PENDING', {
      vars: { cardNo: user.cardNo, kind: KIND_ZH[pending.kind] ?? pending.kind, volume: pending.volume },
    });
  }
  const cardNo = await nextCardNo(tx, cid, 'ZY', user.accountNo);
  const id = await repo.insertCard(tx, cid, {
    cardNo,
    kind: 'transfer',
    accountId: user.accountId,
    meterId: user.meterId,
    toMeterId: to.id,
    replacesCardId: null,
    onsiteCheckRequired: false,
    by: actor.userId,
  });
  await repo.moveCard(tx, cid, user.id, to.id);
  const device = await deviceFor(tx, cid);
  if (device.kind === 'simulator') {
    await ensureSimMeter(tx, cid, { meterNo: to.serial, accountNo: null, reading: to.baseReading });
    await provisionSimCard(tx, cid, {
      cardNo,
      kind: 'transfer',
      meterNo: user.meterNo,
      accountNo: user.accountNo,
      deviceId,
    });
  }
  await writeImage(device, deviceId, {
    cardNo,
    kind: 'transfer',
    meterNo: user.meterNo,
    accountNo: user.accountNo,
    toMeterNo: to.serial,
    userCardNo: user.cardNo,
    seq: 0,
    volume: '0',
  });
  await recordAudit(tx, actor, {
    action: 'icCard.transferCard',
    entityType: 'icCard',
    entityId: id,
    after: { cardNo, userCardNo: user.cardNo, fromMeterNo: user.meterNo, toMeterNo: to.serial, deviceId },
  });
  return (await repo.cardById(tx, cid, id))!;
}

export async function blacklistCard(tx: Tx, actor: Actor, cardId: string, reason: string) {
  const k = await repo.cardById(tx, actor.companyId, cardId, true);
  if (!k) throw IcError('CARD_NOT_FOUND');
  if (k.status !== 'active') throw IcError('NOT_REISSUABLE', { vars: { cardNo: k.cardNo, status: k.status } });
  await repo.setCardStatus(tx, actor.companyId, k.id, 'blacklisted', reason);
  await recordAudit(tx, actor, {
    action: 'icCard.blacklisted',
    entityType: 'icCard',
    entityId: k.id,
    before: { status: k.status },
    after: { status: 'blacklisted', reason },
  });
  return (await repo.cardById(tx, actor.companyId, k.id))!;
}

export async function getCard(q: Queryable, companyId: string, id: string) {
  const k = await repo.cardById(q, companyId, id);
  if (!k) throw IcError('CARD_NOT_FOUND');
  return k;
}

export async function listCards(q: Queryable, companyId: string, query: ListQuery) {
  return { ...(await repo.listCards(q, companyId, query)), page: query.page, pageSize: query.pageSize };
}
