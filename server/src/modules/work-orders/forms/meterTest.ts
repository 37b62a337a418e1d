/**
 * SVC-9 气表检测 (003 §11): a deposit (svc.meterTestDeposit) is taken and held, a temporary meter that is never
 * an IC-card meter is fitted, the meter is tested within svc.meterTestDays. Pass → the test and refitting fee
 * from the price list goes on the order; fail → the deposit is released (the refund is paid out by payments,
 * issue #7) and the re-rating of the last two bills is noted for billing (issue #6).
 */
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { policyValue } from '../../../platform/policy/policy.js';
import { WorkOrderError } from '../errors.js';
import * as formsRepo from '../forms-repo.js';
import { registerTypeHooks } from '../type-hooks.js';
import { priceLines, priceListOf } from './repair.js';
import { optText, paymentMethod, reading, serial, text } from './shapes.js';

/** The price-list item charged when the meter passes. */
export const METER_TEST_FEE_ITEM = 'meterTest';

export const meterTestSchema = z.object({
  depositReceiptNo: optText(40),
  tempMeter: z.object({
    serial,
    maker: text(60),
    /** Never icCard (refused with its own message). */
    meterType: z.enum(['diaphragm', 'icCard', 'remoteRead', 'iot']),
    baseReading: reading,
  }),
  /** 检测结果: empty until the test is back. */
  result: z.enum(['pass', 'fail']).nullish(),
  testReportNo: optText(60),
  paymentMethod: paymentMethod.nullish(),
});
export type MeterTestInput = z.infer<typeof meterTestSchema>;

registerTypeHooks('meterTest', {
  forms: [
    {
      code: 'meterTest',
      name: { zh: '气表检测', en: 'Meter test' },
      schema: meterTestSchema,
      required: true,
      async prepare(tx, ctx, raw) {
        const input = raw as MeterTestInput;
        const { companyId } = ctx.actor;
        if (!ctx.order.accountId) {
          throw WorkOrderError('ACCOUNT_REQUIRED', { vars: { what: { zh: '收取检测押金', en: 'take the deposit' } } });
        }
        if (input.tempMeter.meterType === 'icCard') {
          throw WorkOrderError('TEMP_METER_IC', { field: 'data.tempMeter.meterType' });
        }
        // The deposit is taken once, on the first save, at the amount of the policy that day.
        const saved = ctx.forms.meterTest?.data as { deposit?: { id: string; amount: string } } | undefined;
        let deposit = saved?.deposit;
        if (!deposit) {
          const amount = await policyValue(tx, companyId, 'svc.meterTestDeposit', ctx.today);
          const id = await formsRepo.insertMeterDeposit(tx, companyId, {
            accountId: ctx.order.accountId,
            amount,
            on: ctx.today,
            receiptNo: input.depositReceiptNo ?? null,
            note: `工单 ${ctx.order.orderNo} 气表检测押金`,
          });
          deposit = { id, amount };
          await recordAudit(tx, ctx.actor, {
            action: 'deposit.receive',
            entityType: 'deposit',
            entityId: id,
            after: { kind: 'meter', amount, status: 'held', workOrderId: ctx.order.id },
          });
        }
        let fee: { lines: unknown[]; total: string } | null = null;
        if (input.result === 'pass') {
          const list = await priceListOf(tx, companyId, ctx.order);
          if (!list.some((i) => i.code === METER_TEST_FEE_ITEM)) {
            throw WorkOrderError('PRICE_LIST_MISSING', { vars: { code: METER_TEST_FEE_ITEM } });
          }
          fee = priceLines(list, [{ code: METER_TEST_FEE_ITEM, quantity: '1' }]);
        }
        await formsRepo.setFees(
          tx,
          companyId,
          ctx.order.id,
          fee?.total ?? null,
          fee ? (input.paymentMethod ?? 'hall') : null,
        );
        return { ...input, deposit, fee };
      },
    },
  ],
  async beforeComplete(_tx, ctx) {
    const data = ctx.forms.meterTest?.data as MeterTestInput | undefined;
    if (!data?.result) throw WorkOrderError('TEST_RESULT_REQUIRED', { field: 'forms.meterTest.result' });
  },
  async onComplete(tx, ctx) {
    const form = ctx.forms.meterTest!;
    const data = form.data as MeterTestInput & { deposit: { id: string; amount: string } };
    const { companyId } = ctx.actor;
    let settlement: Record<string, unknown>;
    if (data.result === 'fail') {
      const released = await formsRepo.refundDeposit(tx, companyId, data.deposit.id, {
        on: ctx.today,
        by: ctx.actor.userId!,
        note: `工单 ${ctx.order.orderNo} 检测不合格，押金全额退还`,
      });
      settlement = {
        depositReleased: released,
        depositReleasedOn: ctx.today,
        newMeterFree: true,
        rerateLastBills: 2,
        forBilling: '检测不合格：免费更换新表，最近两期账单需按新表重新核算（由计费模块处理）',
      };
      if (released) {
        await recordAudit(tx, ctx.actor, {
          action: 'deposit.release',
          entityType: 'deposit',
          entityId: data.deposit.id,
          before: { status: 'held' },
          after: { status: 'refunded', refunded: data.deposit.amount, settledOn: ctx.today, workOrderId: ctx.order.id },
        });
      }
    } else {
      settlement = { depositHeld: true, feeCharged: true };
    }
    await formsRepo.saveForm(
      tx,
      companyId,
      ctx.order.id,
      'meterTest',
      form.version,
      { ...data, settlement },
      ctx.actor.userId!,
    );
  },
});
