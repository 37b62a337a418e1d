/**
 * ICC-1: the IC card reader/writer. Purchases, replenishments and card management reach cards only through
 * `CardDevice`. Two implementations: the device simulator (tables ic_sim_cards / ic_sim_meters, the default,
 * policy icc.cardDevice = simulator) and a local card-reader agent (icc.cardDevice = agent): a small program on
 * the desk PC that drives the vendor's reader and answers `POST {HEARTH_IC_AGENT_URL}/read` and `/write`
 * with the JSON below (docs/ic-cards.md).
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import { policyValue } from '../../platform/policy/policy.js';
import { IcError } from './errors.js';

/** What a card holds. `loaded`: the volume on it reached the meter (or there never was any) — the card is empty. */
export interface CardMemory {
  cardNo: string;
  kind: 'user' | 'transfer';
  meterNo: string;
  accountNo: string;
  /** The sequence number of the last write (the meter accepts each sequence once). */
  seq: number;
  /** m³ on the card, decimal string. */
  volume: string;
  loaded: boolean;
  /** A transfer card: the new meter and the user card it carries over. */
  toMeterNo?: string | null;
  userCardNo?: string | null;
}

/** The whole image written to a card (volume 0: the card is formatted/cleared). */
export type CardWrite = Omit<CardMemory, 'loaded'>;

export interface CardDevice {
  readonly kind: 'simulator' | 'agent';
  /** The card in the reader, or null when the reader is empty. */
  readCard(deviceId: string): Promise<CardMemory | null>;
  /** Writes the image to the card in the reader; throws when the card is not there or the write fails. */
  writeCard(deviceId: string, write: CardWrite): Promise<void>;
}

const num = (v: string | number) => new Decimal(v).toFixed(3);

/** The simulator: card memory in ic_sim_cards; which card is in which reader is `in_reader`. */
export class SimulatorDevice implements CardDevice {
  readonly kind = 'simulator' as const;
  constructor(
    private readonly q: Queryable,
    private readonly companyId: string,
  ) {}

  async readCard(deviceId: string): Promise<CardMemory | null> {
    const r = await this.q.query<CardMemory>(
      `SELECT card_no AS "cardNo", kind, meter_no AS "meterNo", account_no AS "accountNo", seq, volume::text AS volume,
              loaded, to_meter_no AS "toMeterNo", user_card_no AS "userCardNo"
         FROM ic_sim_cards WHERE company_id = $1 AND in_reader = $2`,
      [this.companyId, deviceId],
    );
    const m = r.rows[0];
    return m ? { ...m, volume: num(m.volume) } : null;
  }

  async writeCard(deviceId: string, w: CardWrite): Promise<void> {
    const r = await this.q.query<{ fail: number }>(
      `SELECT fail_writes AS fail FROM ic_sim_cards WHERE company_id = $1 AND in_reader = $2 AND card_no = $3`,
      [this.companyId, deviceId, w.cardNo],
    );
    if (!r.rows[0]) throw new DeviceError(`读卡器 ${deviceId} 中没有卡 ${w.cardNo}`);
    if (r.rows[0].fail > 0) {
      // A simulated bad write: the card keeps its old memory.
      await this.q.query(
        'UPDATE ic_sim_cards SET fail_writes = fail_writes - 1 WHERE company_id = $1 AND card_no = $2',
        [this.companyId, w.cardNo],
      );
      throw new DeviceError('写卡失败（模拟：卡片接触不良）');
    }
    const volume = new Decimal(w.volume);
    await this.q.query(
      `UPDATE ic_sim_cards SET kind = $4, meter_no = $5, account_no = $6, seq = $7, volume = $8, loaded = $9,
              to_meter_no = $10, user_card_no = $11, updated_at = now()
        WHERE company_id = $1 AND in_reader = $2 AND card_no = $3`,
      [
        this.companyId,
        deviceId,
        w.cardNo,
        w.kind,
        w.meterNo,
        w.accountNo,
        w.seq,
        volume.toFixed(3),
        volume.isZero(),
        w.toMeterNo ?? null,
        w.userCardNo ?? null,
      ],
    );
  }
}

const agentCard = z.object({
  cardNo: z.string().regex(/^[0-9A-Z-]{4,24}$/),
  kind: z.enum(['user', 'transfer']),
  meterNo: z.string().min(1).max(32),
  accountNo: z.string().min(1).max(32),
  seq: z.number().int().min(0),
  volume: z.union([z.string(), z.number()]).refine((v) => /^\d{1,9}(\.\d{1,3})?$/.test(String(v))),
  loaded: z.boolean(),
  toMeterNo: z.string().max(32).nullish(),
  userCardNo: z.string().max(24).nullish(),
});

/** The local card-reader agent over HTTP (JSON in, JSON out; 2xx is success). */
export class AgentDevice implements CardDevice {
  readonly kind = 'agent' as const;
  constructor(private readonly baseUrl: string) {}

  private async call(path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new DeviceError(`读写卡代理无法连接（${(err as Error).message}）`);
    }
    const json = (await res.json().catch(() => null)) as { card?: CardMemory | null; message?: string } | null;
    if (!res.ok) throw new DeviceError(json?.message ?? `HTTP ${res.status}`);
    return json;
  }

  async readCard(deviceId: string): Promise<CardMemory | null> {
    const out = (await this.call('/read', { deviceId })) as { card?: unknown } | null;
    if (!out?.card) return null;
    // Review fix: the agent's answer is checked — malformed card memory (no card number, a text sequence, a
    // volume that is not a number) is a device error (502), not a 500 or a write with a garbage sequence.
    const parsed = agentCard.safeParse(out.card);
    if (!parsed.success) throw new DeviceError('读写卡代理返回的卡数据格式不正确');
    return { ...parsed.data, volume: num(parsed.data.volume) };
  }

  async writeCard(deviceId: string, write: CardWrite): Promise<void> {
    await this.call('/write', { deviceId, write });
  }
}

export class DeviceError extends Error {}

/** The device configured for the company (policy icc.cardDevice), bound to `q` for the simulator. */
export async function deviceFor(q: Queryable, companyId: string): Promise<CardDevice> {
  const kind = await policyValue(q, companyId, 'icc.cardDevice', businessToday());
  if (kind === 'agent') return new AgentDevice(process.env.HEARTH_IC_AGENT_URL || 'http://127.0.0.1:8765');
  return new SimulatorDevice(q, companyId);
}

/** Reads the card in the reader; an empty reader or a device fault is a clear 4xx/502. */
export async function readCardOrThrow(device: CardDevice, deviceId: string): Promise<CardMemory> {
  let card: CardMemory | null;
  try {
    card = await device.readCard(deviceId);
  } catch (err) {
    throw IcError('DEVICE_ERROR', { vars: { message: (err as Error).message } });
  }
  if (!card) throw IcError('NO_CARD_IN_READER', { field: 'deviceId', vars: { deviceId } });
  return card;
}
