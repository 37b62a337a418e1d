/**
 * ICC-2 补气. volume = cumulative purchased − meter usage − gas still on the card, where cumulative purchased is
 * what the system gave the meter (purchases + approved replenishments), meter usage = the meter's reading (基表数)
 * entered now − its start reading at installation, and gas still on the card (卡内未插表气量) = what the card in
 * the reader holds not yet inserted into the meter, when its last write is one the system recorded for the meter
 * (review fix: it was counted as lost and given twice). The card is read for every reason but a lost/damaged card.
 * Positive: filed for the `replenishment` approval; the final approval creates the
 * card write once. Negative: the customer pays the difference — an icReplenishmentCharge debit due today, paid
 * at the desk; nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../../platform/approvals/service.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor, Principal } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import * as ledger from '../ledger/repo.js';
import * as payRepo from '../payments/repo.js';
import { deviceFor, readCardOrThrow } from './device.js';
import { IcError } from './errors.js';
import * as repo from './repo.js';
import { CARD_READ_REASONS, type ListQuery, type ReplenishmentBody } from './schemas.js';
import { checkDecimals, KIND_ZH, priceOf, requireIcAccount } from './service.js';

export const REPLENISHMENT_KIND = 'replenishment';
export const REASON_ZH: Record<string, string> = {
  nonHumanLoss: '非人为因素造成的 IC 卡表气量丢失',
  maintenance: '正常维修、抢险等作业造成的气量流失',
  cardDamagedLost: 'IC 卡损坏或丢失',
  meterFault: '气表故障（无法使用转移卡），系统补气',
  writeError: '购气量未写入 IC 卡或输错气量',
};

export interface ReplenishmentPayload {
  replenishmentId: string;
  no: string;
  accountNo: string;
  volume: string;
  reason: string;
}

type IcMeterAccount = Awaited<ReturnType<typeof requireIcAccount>>;

/**
 * Review fix (ICC-2): the gas on the card in the reader that has not reached the meter. The card must be the
 * meter's user card; its volume counts only when it was put there by a verified write the system recorded for
 * this meter (that write is in cumulative purchased) — otherwise nothing is subtracted.
 */
async function gasOnCard(q: Queryable, companyId: string, a: IcMeterAccount, deviceId: string) {
  const card = await readCardOrThrow(await deviceFor(q, companyId), deviceId);
  const k = await repo.cardByNo(q, companyId, card.cardNo);
  const meterOk =
    card.meterNo === a.meterNo || (await repo.replacedMeterSerials(q, companyId, a.meterId)).includes(card.meterNo);
  if (k?.kind !== 'user' || card.kind !== 'user' || k.meterId !== a.meterId || !meterOk) {
    throw IcError('REPLENISHMENT_CARD_NOT_OF_METER', {
      field: 'deviceId',
      vars: { deviceId, cardNo: card.cardNo, meterNo: a.meterNo },
    });
  }
  const w = card.loaded ? null : await repo.verifiedWriteOfCardSeq(q, companyId, k.id, card.seq);
  const counted = card.loaded || (w !== null && w.meterId === a.meterId && new Decimal(w.volume).eq(card.volume));
  return {
    cardNo: card.cardNo,
    onCard: new Decimal(card.loaded ? 0 : card.volume),
    volume: counted && !card.loaded ? new Decimal(card.volume) : new Decimal(0),
    counted,
  };
}

/** The formula with today's numbers (shown live on the form); `deviceId`: the reader holding the card. */
export async function previewReplenishment(
  q: Queryable,
  companyId: string,
  accountId: string,
  reading: string,
  deviceId?: string,
) {
  const a = await requireIcAccount(q, companyId, accountId);
  const decimals = await policyValue(q, companyId, 'icc.volumeDecimals', businessToday());
  const r = new Decimal(reading);
  if (r.lt(a.startReading)) {
    throw IcError('READING_BELOW_START', { field: 'reading', vars: { start: new Decimal(a.startReading).toString() } });
  }
  const card = deviceId ? await gasOnCard(q, companyId, a, deviceId) : null;
  const purchased = new Decimal(await repo.cumulativePurchased(q, companyId, a.meterId));
  const used = r.minus(a.startReading);
  const cardVolume = card?.volume ?? new Decimal(0);
  const volume = purchased.minus(used).minus(cardVolume).toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
  const price = await priceOf(q, companyId, a.usageNature);
  return {
    account: a,
    startReading: new Decimal(a.startReading).toFixed(3),
    reading: r.toFixed(3),
    used: used.toFixed(3),
    cumulativePurchased: purchased.toFixed(3),
    /** 卡内未插表气量 (null: the card was not read). */
    cardVolume: card ? cardVolume.toFixed(3) : null,
    card: card ? { cardNo: card.cardNo, onCard: card.onCard.toFixed(3), counted: card.counted } : null,
    volume: volume.toFixed(3),
    price: price.toFixed(4),
    amount: volume.abs().times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    outcome: volume.gt(0) ? 'replenish' : volume.lt(0) ? 'customerPays' : 'nothing',
    lastCheck: await repo.lastMeterCheck(q, companyId, a.meterId),
  };
}

export async function fileReplenishment(tx: Tx, actor: Actor, principal: Principal, body: ReplenishmentBody) {
  const cid = actor.companyId;
  if (!(await payRepo.accountHead(tx, cid, body.accountId, true))) {
    throw IcError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  }
  checkDecimals(body.reading, 3);
  // Review fix (ICC-2): the card is read at filing so the gas still on it is not given again; a lost or damaged
  // card cannot be read (the formula stays as is).
  const readCard = body.reason !== 'cardDamagedLost';
  if (!body.deviceId && CARD_READ_REASONS.includes(body.reason)) {
    throw IcError('CARD_READ_REQUIRED', { field: 'deviceId' });
  }
  const p = await previewReplenishment(tx, cid, body.accountId, body.reading, readCard ? body.deviceId : undefined);
  const volume = new Decimal(p.volume);
  // Review fix (ICC-2): one replenishment of a meter at a time, and none while a card write is unfinished. The
  // formula counts only approved replenishments and all purchases (written or not): two pending requests with
  // the same reading were both approved for the full volume, and an unwritten purchase was given once by the
  // replenishment and again by its retried write.
  const open = await repo.openReplenishmentOfMeter(tx, cid, p.account.meterId);
  const unwritten = open ? null : await repo.unfinishedWriteOfMeter(tx, cid, p.account.meterId);
  if (open || unwritten) {
    throw IcError('REPLENISHMENT_OPEN', {
      field: 'accountId',
      vars: { meterNo: p.account.meterNo, no: open?.no ?? `${KIND_ZH[unwritten!.kind]} #${unwritten!.seq}` },
    });
  }
  if (volume.isZero()) {
    throw IcError('REPLENISHMENT_ZERO', {
      field: 'reading',
      vars: { purchased: p.cumulativePurchased, used: p.used, card: p.cardVolume ?? '0.000' },
    });
  }
  const today = businessToday();
  const id = randomUUID();
  const no = `BQ-${today.replaceAll('-', '')}-${String(await nextDailySerial(tx, cid, 'icReplenishment', today)).padStart(4, '0')}`;
  const a = p.account;
  let card: repo.CardRow | null = null;
  let entryId: string | null = null;
  if (volume.lt(0)) {
    entryId = await ledger.insertEntry(tx, cid, {
      accountId: a.id,
      kind: 'icReplenishmentCharge',
      period: null,
      amount: p.amount,
      dueOn: today,
      memo: `补气核算为负 ${no}：补交 ${volume.abs().toString()} 立方米 × ${new Decimal(p.price).toString()} 元`,
      postedBy: actor.userId,
      sourceId: id,
    });
  } else {
    card = await repo.activeCardOfMeter(tx, cid, a.meterId);
    if (!card) throw IcError('CARD_NOT_FOUND', { field: 'accountId' });
    // Review fix (ICC-3): a card reissued for one lost in use gets gas only after the on-site check (MTR-6 record
    // on or after the day the card was issued); the flag was only a warning at the desk.
    // Review fix (ICC-3, 003 第十五条(四)1): a card reissued for a never-used lost/damaged card gets no
    // replenishment for the card — its gas comes only from the old card found unused (POST /cards/:id/found).
    if (body.reason === 'cardDamagedLost' && card.replacesCardId && !card.onsiteCheckRequired) {
      throw IcError('NEVER_USED_NO_REPLENISHMENT', { field: 'reason', vars: { cardNo: card.cardNo } });
    }
    if (card.onsiteCheckRequired && !(p.lastCheck && p.lastCheck.checkedOn >= businessToday(new Date(card.issuedAt)))) {
      throw IcError('ONSITE_CHECK_REQUIRED', { field: 'accountId', vars: { cardNo: card.cardNo } });
    }
  }
  await repo.insertReplenishment(tx, cid, {
    id,
    no,
    accountId: a.id,
    meterId: a.meterId,
    cardId: card?.id ?? null,
    reason: body.reason,
    reading: p.reading,
    startReading: p.startReading,
    cumulativePurchased: p.cumulativePurchased,
    cardVolume: p.cardVolume,
    volume: p.volume,
    price: p.price,
    amount: p.amount,
    status: volume.lt(0) ? 'charged' : 'pending',
    ledgerEntryId: entryId,
    contactPhone: body.contactPhone || null,
    note: body.note || null,
    by: actor.userId!,
  });
  let approval: { id: string; no: string } | null = null;
  if (volume.gt(0)) {
    const payload: ReplenishmentPayload = {
      replenishmentId: id,
      no,
      accountNo: a.accountNo,
      volume: p.volume,
      reason: body.reason,
    };
    approval = await fileRequest(tx, actor, principal, {
      kind: REPLENISHMENT_KIND,
      subjectType: 'icReplenishment',
      subjectId: id,
      amount: p.amount,
      reason: `${REASON_ZH[body.reason]}${body.note ? `：${body.note}` : ''}`,
      payload,
    });
    await repo.setReplenishment(tx, cid, id, { approvalId: approval.id });
  }
  await recordAudit(tx, actor, {
    action: volume.lt(0) ? 'icCard.replenishmentCharged' : 'icCard.replenishmentRequested',
    entityType: 'icReplenishment',
    entityId: id,
    after: {
      no,
      accountNo: a.accountNo,
      reason: body.reason,
      reading: p.reading,
      startReading: p.startReading,
      cumulativePurchased: p.cumulativePurchased,
      cardVolume: p.cardVolume,
      card: p.card,
      deviceId: body.deviceId ?? null,
      volume: p.volume,
      amount: p.amount,
      ledgerEntryId: entryId,
      approvalId: approval?.id ?? null,
    },
  });
  return (await repo.replenishmentById(tx, cid, id))!;
}

/** Filing checks: only a replenishment filed from POST /api/ic/replenishments (pending, not yet linked). */
export async function checkReplenishmentFiling(tx: Tx, actor: Actor, payload: ReplenishmentPayload) {
  const r = await repo.replenishmentById(tx, actor.companyId, payload.replenishmentId, true);
  if (r?.status !== 'pending' || r.approvalId !== null) throw IcError('NOT_LINKED', { field: 'payload' });
}

/** The final approval: the replenishment is approved and its card write recorded — once (unique kind+source). */
export async function approveReplenishment(tx: Tx, actor: Actor, payload: ReplenishmentPayload, approvalId: string) {
  const cid = actor.companyId;
  const r = await repo.replenishmentById(tx, cid, payload.replenishmentId, true);
  if (!r) throw IcError('REPLENISHMENT_NOT_FOUND');
  // Review fix: the account is locked like a purchase's, so a sale and an approval at once do not take the
  // same sequence of the meter (a unique violation, i.e. a 500 for both).
  await payRepo.accountHead(tx, cid, r.accountId, true);
  if (r.status !== 'pending' || r.approvalId !== approvalId) {
    throw IcError('WRONG_STATUS', { vars: { no: r.no, status: r.status } });
  }
  // The card may have been reissued while the request waited: the meter's active card gets the gas.
  const card = (await repo.activeCardOfMeter(tx, cid, r.meterId)) ?? (await repo.cardById(tx, cid, r.cardId!));
  const seq = (await repo.lastSeqOfMeter(tx, cid, r.meterId)) + 1;
  const writeId = await repo.insertWrite(tx, cid, {
    cardId: card!.id,
    meterId: r.meterId,
    accountId: r.accountId,
    kind: 'replenishment',
    sourceId: r.id,
    seq,
    volume: r.volume,
    by: actor.userId,
  });
  await repo.setReplenishment(tx, cid, r.id, { status: 'approved' });
  await recordAudit(tx, actor, {
    action: 'icCard.replenishmentApproved',
    entityType: 'icReplenishment',
    entityId: r.id,
    before: { status: 'pending' },
    after: { status: 'approved', writeId, cardNo: card!.cardNo, seq, volume: r.volume, approvalId },
  });
  return { replenishmentNo: r.no, writeId, cardNo: card!.cardNo, volume: r.volume };
}

export async function settleRefusedReplenishment(tx: Tx, actor: Actor, payload: ReplenishmentPayload, status: string) {
  const r = await repo.replenishmentById(tx, actor.companyId, payload.replenishmentId, true);
  if (r?.status !== 'pending') return;
  await repo.setReplenishment(tx, actor.companyId, r.id, { status });
  await recordAudit(tx, actor, {
    action: `icCard.replenishment${status === 'rejected' ? 'Rejected' : 'Withdrawn'}`,
    entityType: 'icReplenishment',
    entityId: r.id,
    before: { status: 'pending' },
    after: { status },
  });
}

export async function getReplenishment(q: Queryable, companyId: string, id: string) {
  const r = await repo.replenishmentById(q, companyId, id);
  if (!r) throw IcError('REPLENISHMENT_NOT_FOUND');
  return r;
}

export async function listReplenishments(q: Queryable, companyId: string, query: ListQuery) {
  return { ...(await repo.listReplenishments(q, companyId, query)), page: query.page, pageSize: query.pageSize };
}
