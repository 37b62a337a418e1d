/**
 * ICC-1: IC-card purchases (IC 卡购气) and card writes. A sale commits in one transaction — the icPurchase debit,
 * the payment that pays it (arrears first), the purchase and the pending card write; then the card is written
 * through the `CardDevice` and read back. A failed or unverified write is retried with the same sequence and
 * volume: the sale is never made twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Db, Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import type { Actor } from '../../platform/context.js';
import { policyValues } from '../../platform/policy/policy.js';
import { nextDailySerial } from '../../platform/serials.js';
import * as ledger from '../ledger/repo.js';
import * as payRepo from '../payments/repo.js';
import { accountDebts, postPaymentIn } from '../payments/service.js';
import { type CardMemory, DeviceError, deviceFor, readCardOrThrow } from './device.js';
import { IcError } from './errors.js';
import * as repo from './repo.js';
import type { ListQuery, PurchaseBody } from './schemas.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
export const KIND_ZH: Record<string, string> = { purchase: '购气', replenishment: '补气', reissue: '补卡转气' };

/** The account with its IC meter; 404 / 400 naming accountId. */
export async function requireIcAccount(q: Queryable, companyId: string, accountId: string) {
  const a = await repo.icAccount(q, companyId, accountId);
  if (!a) throw IcError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  if (a.status === 'closed') throw IcError('ACCOUNT_CLOSED', { field: 'accountId', vars: { accountNo: a.accountNo } });
  if (!a.meterId || !a.meterNo || a.startReading === null) throw IcError('NOT_IC_METER', { field: 'accountId' });
  return { ...a, meterId: a.meterId, meterNo: a.meterNo, startReading: a.startReading };
}

/** The tier-1 price of the account's tariff in force today (IC gas is prepaid at the first tier; docs/ic-cards.md). */
export async function priceOf(q: Queryable, companyId: string, nature: string, today = businessToday()) {
  const price = await repo.firstTierPrice(q, companyId, nature, today);
  if (price === null) throw IcError('NO_TARIFF', { vars: { nature } });
  return new Decimal(price);
}

const LIMIT_KEYS = [
  'icc.minPurchaseVolume',
  'icc.maxPurchaseVolume',
  'icc.maxYearVolume',
  'icc.volumeDecimals',
] as const;

export async function limitsOf(q: Queryable, companyId: string, accountId: string, today = businessToday()) {
  const p = await policyValues(q, companyId, LIMIT_KEYS, today);
  const year = today.slice(0, 4);
  const bought = await repo.yearVolume(q, companyId, accountId, `${year}-01-01`, `${year}-12-31`);
  return {
    min: p['icc.minPurchaseVolume'],
    max: p['icc.maxPurchaseVolume'],
    yearMax: p['icc.maxYearVolume'],
    decimals: p['icc.volumeDecimals'],
    yearBought: new Decimal(bought).toFixed(3),
  };
}

/** Decimal places of a volume against the policy; 400 naming `volume`. */
export function checkDecimals(volume: string, decimals: number): Decimal {
  const v = new Decimal(volume);
  if (v.decimalPlaces() > decimals) throw IcError('VOLUME_DECIMALS', { field: 'volume', vars: { decimals } });
  return v;
}

function checkVolume(volume: string, l: Awaited<ReturnType<typeof limitsOf>>): Decimal {
  const v = checkDecimals(volume, l.decimals);
  if (v.lt(l.min) || v.lte(0))
    throw IcError('VOLUME_BELOW_MIN', { field: 'volume', vars: { min: Math.max(l.min, 0) } });
  if (v.gt(l.max)) throw IcError('VOLUME_ABOVE_MAX', { field: 'volume', vars: { max: l.max } });
  if (v.plus(l.yearBought).gt(l.yearMax)) {
    throw IcError('VOLUME_ABOVE_YEAR', {
      field: 'volume',
      vars: { bought: new Decimal(l.yearBought).toString(), volume: v.toString(), max: l.yearMax },
    });
  }
  return v;
}

/** What the desk collects: the gas, and the arrears (late fees to today included) settled first; prepayment nets. */
async function quoteOf(q: Queryable, companyId: string, accountId: string, amount: Decimal) {
  const d = await accountDebts(q, companyId, accountId);
  const open = d.debts.reduce((s, x) => s.plus(x.open).plus(x.lateFee), new Decimal(0));
  const net = open.minus(d.prepayment);
  return {
    amount: amount.toFixed(2),
    arrears: Decimal.max(0, net).toFixed(2),
    prepaymentUsed: Decimal.min(amount, Decimal.max(0, net.neg())).toFixed(2),
    due: Decimal.max(0, net.plus(amount)).toFixed(2),
  };
}

export async function quote(q: Queryable, companyId: string, accountId: string, volume: string) {
  const a = await requireIcAccount(q, companyId, accountId);
  const limits = await limitsOf(q, companyId, accountId);
  const v = checkVolume(volume, limits);
  const price = await priceOf(q, companyId, a.usageNature);
  const amount = v.times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { volume: v.toFixed(3), price: price.toFixed(4), ...(await quoteOf(q, companyId, accountId, amount)) };
}

/** The card the system knows by its number, checked against what the reader read. */
async function systemCardOf(q: Queryable, companyId: string, card: CardMemory) {
  const k = await repo.cardByNo(q, companyId, card.cardNo);
  if (!k) throw IcError('CARD_UNKNOWN', { field: 'cardNo', vars: { cardNo: card.cardNo } });
  if (k.status === 'blacklisted') throw IcError('CARD_BLACKLISTED', { field: 'cardNo', vars: { cardNo: k.cardNo } });
  return k;
}

/**
 * ICC-1 读卡: the card in the reader, the account it belongs to, its meter, the price and limits, and what the
 * cashier must check — the last purchase reached the meter (000 第九十六条 1), the customer's other cards (2).
 */
export async function readCardAtDesk(db: Db, companyId: string, deviceId: string) {
  const device = await deviceFor(db, companyId);
  const card = await readCardOrThrow(device, deviceId);
  const k = await systemCardOf(db, companyId, card);
  const a = await repo.icAccount(db, companyId, k.accountId);
  if (!a) throw IcError('ACCOUNT_NOT_FOUND');
  const warnings: { code: string; zh: string; en: string }[] = [];
  if (!card.loaded) {
    warnings.push({
      code: 'notLoaded',
      zh: `卡中仍有 ${new Decimal(card.volume).toString()} 立方米未输入气表，须先插表后再购气`,
      en: `The card still holds ${new Decimal(card.volume).toString()} m³ not loaded into the meter`,
    });
  }
  if (k.kind !== 'user') warnings.push({ code: 'transferCard', zh: '这是转移卡，不能购气', en: 'A transfer card' });
  if (a.meterId && k.meterId !== a.meterId) {
    warnings.push({
      code: 'meter',
      zh: `卡绑定的表 ${k.meterNo} 不是用户在用的 IC 卡表 ${a.meterNo}`,
      en: 'Wrong meter',
    });
  }
  if (k.onsiteCheckRequired) {
    warnings.push({ code: 'onsiteCheck', zh: '原卡在用中丢失：补气须先上门核查', en: 'On-site check owed before gas' });
  }
  const others = await repo.otherCardsOfCustomer(db, companyId, a.customerId, k.id);
  if (others.length > 0) {
    warnings.push({
      code: 'severalCards',
      zh: `该客户另有 ${others.length} 张 IC 卡（多套住房或多张卡），请核对客户需求与卡号、地址`,
      en: `The customer has ${others.length} more IC cards (several premises or cards); check which one`,
    });
  }
  const pending = await repo.unfinishedWriteOfCard(db, companyId, k.id);
  let price: string | null = null;
  try {
    price = (await priceOf(db, companyId, a.usageNature)).toFixed(4);
  } catch {
    warnings.push({ code: 'noTariff', zh: '该用气性质没有生效的气价', en: 'No tariff in force' });
  }
  const debts = await accountDebts(db, companyId, a.id);
  return {
    deviceId,
    card,
    cardId: k.id,
    cardStatus: k.status,
    account: {
      id: a.id,
      accountNo: a.accountNo,
      customerName: a.customerName,
      address: a.address,
      usageNature: a.usageNature,
      meterNo: a.meterNo,
    },
    price,
    limits: await limitsOf(db, companyId, a.id),
    arrears: debts.totalDue,
    pendingWrite: pending,
    otherCards: others,
    warnings,
  };
}

function hashOf(b: PurchaseBody): string {
  const n = {
    accountId: b.accountId,
    cardNo: b.cardNo,
    volume: new Decimal(b.volume).toFixed(3),
    tenders: b.tenders.map((t) => ({ m: t.method, a: new Decimal(t.amount).toFixed(2), r: t.reference || null })),
  };
  return createHash('sha256').update(JSON.stringify(n)).digest('hex');
}

/** The payment's own key: derived from the purchase's, within the payments key format (8–64 characters). */
const paymentKeyOf = (key: string) => `IC-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

function replayOf(found: repo.PurchaseRow | null, hash: string) {
  if (!found) return null;
  if (found.requestHash !== hash) {
    throw IcError('IDEMPOTENCY_CONFLICT', { field: 'idempotencyKey', vars: { no: found.no } });
  }
  return found;
}

/**
 * ICC-1 购气. Refused when the card is not the account's, is blacklisted, has an unfinished write, or still holds
 * the last purchase; the volume within the policy limits; the tenders must equal the quote (arrears settled
 * first). Same Idempotency-Key: the first purchase (and its write retried when it is not verified yet).
 */
export async function purchase(db: Db, actor: Actor, key: string, body: PurchaseBody) {
  const hash = hashOf(body);
  const cid = actor.companyId;
  let id: string;
  let created = false;
  const early = replayOf(await repo.purchaseByKey(db, cid, key), hash);
  if (early) id = early.id;
  else {
    try {
      const r = await db.tx((tx) => sellIn(tx, actor, key, hash, body));
      id = r.id;
      created = r.created;
    } catch (err) {
      const after = isUniqueViolation(err) ? replayOf(await repo.purchaseByKey(db, cid, key), hash) : null;
      if (!after) throw err;
      id = after.id;
    }
  }
  const write = (await repo.writeOfSource(db, cid, 'purchase', id))!;
  const written = write.status === 'verified' ? write : await tryWrite(db, actor, write.id, body.deviceId);
  return { purchase: await getPurchase(db, cid, id), write: written, created };
}

async function sellIn(tx: Tx, actor: Actor, key: string, hash: string, body: PurchaseBody) {
  const cid = actor.companyId;
  const head = await payRepo.accountHead(tx, cid, body.accountId, true);
  if (!head) throw IcError('ACCOUNT_NOT_FOUND', { field: 'accountId' });
  const again = replayOf(await repo.purchaseByKey(tx, cid, key), hash);
  if (again) return { id: again.id, created: false };
  const a = await requireIcAccount(tx, cid, body.accountId);
  const card = await readCardOrThrow(await deviceFor(tx, cid), body.deviceId);
  if (card.cardNo !== body.cardNo) throw IcError('CARD_UNKNOWN', { field: 'cardNo', vars: { cardNo: body.cardNo } });
  const k = await systemCardOf(tx, cid, card);
  if (k.accountId !== a.id || k.kind !== 'user') {
    throw IcError('CARD_WRONG_ACCOUNT', {
      field: 'cardNo',
      vars: { cardNo: k.cardNo, cardAccountNo: k.accountNo, accountNo: a.accountNo },
    });
  }
  // Review fix (ICC-3): after a meter replacement the user card still carries the old meter's number until its
  // next write (which writes the new one); a meter this one replaced through a transfer card is accepted.
  const cardMeterOk =
    card.meterNo === a.meterNo || (await repo.replacedMeterSerials(tx, cid, a.meterId)).includes(card.meterNo);
  if (k.meterId !== a.meterId || !cardMeterOk) {
    throw IcError('CARD_WRONG_METER', {
      field: 'cardNo',
      vars: { cardNo: k.cardNo, cardMeterNo: card.meterNo, meterNo: a.meterNo },
    });
  }
  const pending = await repo.unfinishedWriteOfCard(tx, cid, k.id);
  if (pending) {
    throw IcError('WRITE_PENDING', {
      vars: { cardNo: k.cardNo, kind: KIND_ZH[pending.kind] ?? pending.kind, volume: pending.volume },
    });
  }
  if (!card.loaded) {
    throw IcError('LAST_PURCHASE_NOT_LOADED', {
      field: 'cardNo',
      vars: { volume: new Decimal(card.volume).toString() },
    });
  }
  const today = businessToday();
  const v = checkVolume(body.volume, await limitsOf(tx, cid, a.id, today));
  const price = await priceOf(tx, cid, a.usageNature, today);
  const amount = v.times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const q = await quoteOf(tx, cid, a.id, amount);
  const total = body.tenders.reduce((s, t) => s.plus(t.amount), new Decimal(0));
  if (!total.eq(q.due)) {
    throw IcError('TENDERS_MISMATCH', { field: 'tenders', vars: { ...q, total: total.toFixed(2) } });
  }
  const id = randomUUID();
  const entryId = await ledger.insertEntry(tx, cid, {
    accountId: a.id,
    kind: 'icPurchase',
    period: null,
    amount: amount.toFixed(2),
    dueOn: today,
    memo: `IC 卡购气 ${v.toString()} 立方米 × ${price.toString()} 元（卡号 ${k.cardNo}）`,
    postedBy: actor.userId,
    sourceId: id,
  });
  const payment = total.gt(0)
    ? await postPaymentIn(
        tx,
        actor,
        paymentKeyOf(key),
        { accountId: a.id, tenders: body.tenders, note: body.note ?? `IC 卡购气 ${k.cardNo}` },
        'icCard',
      )
    : null;
  const serial = await nextDailySerial(tx, cid, 'icPurchase', today);
  const no = `GQ-${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
  await repo.insertPurchase(tx, cid, {
    id,
    no,
    accountId: a.id,
    cardId: k.id,
    meterId: a.meterId,
    volume: v.toFixed(3),
    price: price.toFixed(4),
    amount: amount.toFixed(2),
    collected: total.toFixed(2),
    ledgerEntryId: entryId,
    paymentId: payment?.id ?? null,
    key,
    hash,
    soldOn: today,
    by: actor.userId!,
  });
  const seq = (await repo.lastSeqOfMeter(tx, cid, a.meterId)) + 1;
  const writeId = await repo.insertWrite(tx, cid, {
    cardId: k.id,
    meterId: a.meterId,
    accountId: a.id,
    kind: 'purchase',
    sourceId: id,
    seq,
    volume: v.toFixed(3),
    by: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'icCard.purchase',
    entityType: 'icPurchase',
    entityId: id,
    after: {
      no,
      accountNo: a.accountNo,
      cardNo: k.cardNo,
      volume: v.toFixed(3),
      price: price.toFixed(4),
      amount: amount.toFixed(2),
      collected: total.toFixed(2),
      arrears: q.arrears,
      paymentId: payment?.id ?? null,
      writeId,
      seq,
    },
  });
  return { id, created: true };
}

/** Writes a pending write, answering the write's state (a failure is recorded, not thrown). */
export async function tryWrite(db: Db, actor: Actor, writeId: string, deviceId: string) {
  try {
    return await writeCard(db, actor, writeId, deviceId);
  } catch (err) {
    const w = await repo.writeById(db, actor.companyId, writeId);
    if (!w) throw err;
    return { ...w, lastError: w.lastError ?? (err as Error).message };
  }
}

/**
 * Writes the volume of a recorded write to the card in the reader and reads it back. The write row is locked, so
 * two tries of one write go one after the other; a card that already carries the write's sequence is verified
 * without writing again. Each try is audited.
 */
export async function writeCard(db: Db, actor: Actor, writeId: string, deviceId: string) {
  const cid = actor.companyId;
  return db.tx(async (tx) => {
    // The account first, as a sale and a reissue take it: a sale checks the card and then its unfinished writes
    // under the account lock, so a write finishing between those two reads would let a second sale through (two
    // desks selling to one card at once). Holding the account while the card is written orders the two.
    const pre = await repo.writeById(tx, cid, writeId);
    if (!pre) throw IcError('WRITE_NOT_FOUND');
    await payRepo.accountHead(tx, cid, pre.accountId, true);
    const w = await repo.writeById(tx, cid, writeId, true);
    if (!w) throw IcError('WRITE_NOT_FOUND');
    if (w.status === 'verified') return w;
    // Review fix (ICC-3): no gas onto a blacklisted (lost) card — a replenishment approved after the card was
    // blacklisted pointed at it; the reissue moves the write to the new card.
    if (w.cardStatus !== 'active') {
      throw IcError('CARD_BLACKLISTED', { field: 'deviceId', vars: { cardNo: w.cardNo } });
    }
    // Review fix (ICC-1): writes of a meter go in sequence. Writing a later one first (e.g. a replenishment
    // approved while a purchase write had failed) left the card's sequence above the earlier write, which then
    // could never be written: gas paid for and never delivered.
    const earlier = await repo.earlierUnfinishedWrite(tx, cid, w.meterId, w.seq);
    if (earlier) {
      throw IcError('WRITE_PENDING', {
        vars: { cardNo: earlier.cardNo, kind: KIND_ZH[earlier.kind] ?? earlier.kind, volume: earlier.volume },
      });
    }
    const device = await deviceFor(tx, cid);
    const card = await readCardOrThrow(device, deviceId);
    let error: string | null = null;
    if (card.cardNo !== w.cardNo) {
      error = `读卡器中是卡 ${card.cardNo}，不是 ${w.cardNo}`;
    } else if (card.seq === w.seq && (card.loaded || new Decimal(card.volume).eq(w.volume))) {
      // Written before (the answer was lost, or the card went into the meter since): nothing to write.
    } else if (card.seq > w.seq) {
      error = `卡中序号 ${card.seq} 已超过本次写卡序号 ${w.seq}`;
    } else if (!card.loaded) {
      error = `卡中仍有 ${new Decimal(card.volume).toString()} 立方米未输入气表`;
    } else {
      try {
        await device.writeCard(deviceId, {
          cardNo: w.cardNo,
          kind: 'user',
          meterNo: w.meterNo,
          accountNo: w.accountNo,
          seq: w.seq,
          volume: new Decimal(w.volume).toFixed(3),
        });
        const back = await device.readCard(deviceId);
        if (!back || back.cardNo !== w.cardNo || back.seq !== w.seq || !new Decimal(back.volume).eq(w.volume)) {
          error = '写卡后回读校验不一致';
        }
      } catch (err) {
        if (!(err instanceof DeviceError)) throw err;
        error = err.message;
      }
    }
    await repo.setWriteResult(tx, cid, w.id, { ok: error === null, error, deviceId });
    await recordAudit(tx, actor, {
      action: error === null ? 'icCard.written' : 'icCard.writeFailed',
      entityType: 'icCardWrite',
      entityId: w.id,
      before: { status: w.status, attempts: w.attempts },
      after: { cardNo: w.cardNo, kind: w.kind, seq: w.seq, volume: w.volume, deviceId, error },
    });
    return (await repo.writeById(tx, cid, w.id))!;
  });
}

/** The retry route: a failed write answers 409 with the device's message after it is recorded. */
export async function retryWrite(db: Db, actor: Actor, writeId: string, deviceId: string) {
  const w = await writeCard(db, actor, writeId, deviceId);
  if (w.status !== 'verified') throw IcError('WRITE_FAILED', { vars: { message: w.lastError ?? '' } });
  return w;
}

export async function getPurchase(q: Queryable, companyId: string, id: string) {
  const p = await repo.purchaseById(q, companyId, id);
  if (!p) throw IcError('PURCHASE_NOT_FOUND');
  const { requestHash: _, ...rest } = p;
  return rest;
}

export async function listPurchases(q: Queryable, companyId: string, query: ListQuery) {
  const r = await repo.listPurchases(q, companyId, query);
  return {
    items: r.items.map(({ requestHash: _, ...rest }) => rest),
    total: r.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listWrites(q: Queryable, companyId: string, query: ListQuery) {
  return { ...(await repo.listWrites(q, companyId, query)), page: query.page, pageSize: query.pageSize };
}
