import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { tenderSchema } from '../payments/schemas.js';

/** A volume in m³: digits with at most 3 decimals (the policy icc.volumeDecimals may allow fewer). */
export const volume = z
  .string({ error: '请填写气量 / Give the volume' })
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, {
    error: '气量须为数字（立方米），最多三位小数 / A volume in m³, at most 3 decimals',
  });
const reading = z
  .string({ error: '请填写基表读数 / Give the meter reading' })
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '基表读数须为数字，最多三位小数 / A reading with at most 3 decimals' });
export const deviceId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: '读卡器编号为 1–32 位字母数字 / A reader id of 1–32 letters or digits' });

export const purchaseBody = z.object({
  accountId: z.uuid(),
  cardNo: z.string().trim().min(4).max(24),
  deviceId,
  volume,
  tenders: z.array(tenderSchema).max(6).default([]),
  note: z.string().trim().max(200).optional(),
});
export type PurchaseBody = z.infer<typeof purchaseBody>;

export const quoteQuery = z.object({ accountId: z.uuid(), volume });

export const writeBody = z.object({ deviceId });

export const REPLENISHMENT_REASONS = [
  'nonHumanLoss',
  'maintenance',
  'cardDamagedLost',
  'meterFault',
  'writeError',
] as const;
export const replenishmentBody = z.object({
  accountId: z.uuid(),
  reason: z.enum(REPLENISHMENT_REASONS, {
    error: '补气原因应为 nonHumanLoss/maintenance/cardDamagedLost/meterFault/writeError / Unknown reason',
  }),
  reading,
  /** The reader holding the customer's card (ICC-2: gas still on the card is not replenished again). */
  deviceId: deviceId.optional(),
  contactPhone: z.string().trim().max(20).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ReplenishmentBody = z.infer<typeof replenishmentBody>;
export const replenishmentPreviewQuery = z.object({
  accountId: z.uuid(),
  reading,
  deviceId: deviceId.optional(),
  reason: z.enum(REPLENISHMENT_REASONS).optional(),
});
/** ICC-2: the card must be read at filing, except when it is lost or damaged (it cannot be read). */
export const CARD_READ_REASONS: readonly string[] = ['nonHumanLoss', 'maintenance', 'meterFault'];

export const listQuery = z.object({
  ...pagingQuery,
  accountId: z.uuid().optional(),
  status: z.string().max(20).optional(),
  q: z.string().trim().max(40).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const issueBody = z.object({ accountId: z.uuid(), deviceId });
export const reissueBody = z.object({
  reason: z.enum(['lost', 'damaged'], { error: '补卡原因应为 lost/damaged / lost or damaged' }),
  /** neverUsed: the lost card's last purchase never reached the meter; inUse: the card had been used. */
  usage: z.enum(['neverUsed', 'inUse'], { error: '请选择原卡使用情况 / Say whether the card was in use' }),
  deviceId,
});
export const transferBody = z.object({ toMeterId: z.uuid(), deviceId });
export const blacklistBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const simReaderBody = z.object({ cardNo: z.string().trim().min(1).max(24), deviceId: deviceId.nullable() });
export const simInsertBody = z.object({
  cardNo: z.string().trim().min(1).max(24),
  meterNo: z.string().trim().min(1).max(32),
});
export const simConsumeBody = z.object({ meterNo: z.string().trim().min(1).max(32), volume });
export const simFaultBody = z.object({
  meterNo: z.string().trim().min(1).max(32),
  fault: z.enum(['loseGas', 'dead', 'repair']),
});
export const simFailBody = z.object({
  cardNo: z.string().trim().min(1).max(24),
  count: z.number().int().min(0).max(5),
});

const any = z.any();
export const looseObject = z.record(z.string(), any);
