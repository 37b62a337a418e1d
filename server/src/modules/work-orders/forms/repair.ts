/**
 * SVC-7 入户维修 (000 ch.7 第四十四、四十五条): fees from the company's approved price list, the amount on the
 * order, materials and the work recorded, and how the customer pays (on site by WeChat or Alipay, or at the
 * hall against the order's customer copy). The cash itself is posted by payments (issue #7), not here.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { Queryable } from '../../../db/types.js';
import { businessToday } from '../../../platform/calendar/workdays.js';
import { policyValue } from '../../../platform/policy/policy.js';
import { WorkOrderError } from '../errors.js';
import * as formsRepo from '../forms-repo.js';
import type { WorkOrderRow } from '../repo.js';
import { registerTypeHooks } from '../type-hooks.js';
import { optText, paymentMethod, quantity, text } from './shapes.js';

export const repairSchema = z.object({
  /** 维修内容. */
  workDone: text(1000),
  /** Fee lines: an item of the price list and how many. */
  lines: z
    .array(z.object({ code: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), quantity }))
    .max(30)
    .refine((ls) => new Set(ls.map((l) => l.code)).size === ls.length, {
      error: '同一收费项目请合并为一行 / one line per item',
    }),
  /** Materials used: name, specification, quantity, unit. */
  materials: z.array(z.object({ name: text(60), spec: optText(60), quantity, unit: text(10) })).max(30),
  /** Required when there is anything to pay. */
  paymentMethod: paymentMethod.nullish(),
});
export type RepairInput = z.infer<typeof repairSchema>;

export interface PricedLine {
  code: string;
  zh: string;
  en: string;
  unit: string;
  unitPrice: string;
  quantity: string;
  amount: string;
}

/** The price list in force on the day the order was reported (SVC-7: the approved list of that day). */
export async function priceListOf(db: Queryable, companyId: string, order: Pick<WorkOrderRow, 'reportedAt'>) {
  return policyValue(db, companyId, 'svc.repairPriceList', businessToday(new Date(order.reportedAt)));
}

/** Prices each line from the list: amount = price × quantity, rounded half up to the fen. */
export function priceLines(
  list: { code: string; zh: string; en: string; unit: string; price: string }[],
  lines: { code: string; quantity: string }[],
  field = 'lines',
): { lines: PricedLine[]; total: string } {
  let total = new Decimal(0);
  const priced = lines.map((l, i) => {
    const item = list.find((p) => p.code === l.code);
    if (!item) throw WorkOrderError('PRICE_ITEM_UNKNOWN', { field: `${field}.${i}.code`, vars: { code: l.code } });
    const amount = new Decimal(item.price).mul(l.quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    total = total.add(amount);
    return {
      code: item.code,
      zh: item.zh,
      en: item.en,
      unit: item.unit,
      unitPrice: new Decimal(item.price).toFixed(2),
      quantity: l.quantity,
      amount: amount.toFixed(2),
    };
  });
  return { lines: priced, total: total.toFixed(2) };
}

registerTypeHooks('repair', {
  forms: [
    {
      code: 'repair',
      name: { zh: '维修记录（收费与材料）', en: 'Repair record (fees and materials)' },
      schema: repairSchema,
      required: true,
      async prepare(tx, ctx, raw) {
        const input = raw as RepairInput;
        const list = await priceListOf(tx, ctx.actor.companyId, ctx.order);
        const { lines, total } = priceLines(list, input.lines, 'data.lines');
        if (new Decimal(total).gt(0) && !input.paymentMethod) {
          throw WorkOrderError('PAYMENT_METHOD_REQUIRED', { field: 'data.paymentMethod' });
        }
        await formsRepo.setFees(tx, ctx.actor.companyId, ctx.order.id, total, input.paymentMethod ?? null);
        return { ...input, lines, total, paymentMethod: input.paymentMethod ?? null };
      },
    },
  ],
});
