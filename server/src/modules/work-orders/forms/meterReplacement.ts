/**
 * 换表 (CUS-4, MTR-5): the old meter's final reading and the new meter as fitted. Completion writes the
 * meter history in its own transaction: the old meter removed, the new one installed on the account, and a
 * `replace` event carrying both readings (billing bills by old and new base readings).
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { WorkOrderError } from '../errors.js';
import * as formsRepo from '../forms-repo.js';
import { type HookContext, registerTypeHooks } from '../type-hooks.js';
import { direction, location, meterType, optText, reading, serial, text } from './shapes.js';

export const meterReplacementSchema = z.object({
  /** 旧表止码. */
  oldFinalReading: reading,
  newMeter: z.object({
    serial,
    maker: text(60),
    model: optText(40),
    meterType,
    baseReading: reading,
    direction,
    sealInlet: optText(40),
    sealOutlet: optText(40),
    location,
    metalHose: z.boolean(),
  }),
  reason: optText(200),
});
export type MeterReplacementInput = z.infer<typeof meterReplacementSchema>;

async function check(ctx: HookContext, input: MeterReplacementInput, prefix: string) {
  const { companyId } = ctx.actor;
  if (!ctx.order.accountId)
    throw WorkOrderError('ACCOUNT_REQUIRED', { vars: { what: { zh: '换表', en: 'replace a meter' } } });
  const old = await formsRepo.installedMeter(ctx.db, companyId, ctx.order.accountId);
  if (!old) throw WorkOrderError('NO_INSTALLED_METER', { vars: { accountNo: ctx.order.accountNo ?? '' } });
  if (new Decimal(input.oldFinalReading).lt(old.baseReading)) {
    throw WorkOrderError('READING_BELOW_BASE', {
      field: `${prefix}oldFinalReading`,
      vars: { reading: input.oldFinalReading, base: old.baseReading },
    });
  }
  if (await formsRepo.meterExists(ctx.db, companyId, input.newMeter.maker, input.newMeter.serial)) {
    throw WorkOrderError('METER_SERIAL_TAKEN', {
      field: `${prefix}newMeter.serial`,
      vars: { serial: input.newMeter.serial, maker: input.newMeter.maker },
    });
  }
  return old;
}

registerTypeHooks('meterReplacement', {
  forms: [
    {
      code: 'meterReplacement',
      name: { zh: '换表记录', en: 'Meter replacement' },
      schema: meterReplacementSchema,
      required: true,
      async prepare(_tx, ctx, raw) {
        const old = await check(ctx, raw as MeterReplacementInput, 'data.');
        return { ...raw, oldMeter: { id: old.id, serial: old.serial, maker: old.manufacturer } };
      },
    },
  ],
  async onComplete(tx, ctx) {
    const input = meterReplacementSchema.parse(ctx.forms.meterReplacement?.data);
    const old = await check({ ...ctx, db: tx }, input, 'forms.meterReplacement.');
    const { companyId } = ctx.actor;
    const accountId = ctx.order.accountId!;
    const m = input.newMeter;
    await formsRepo.removeMeter(tx, companyId, old.id);
    const newId = await formsRepo.installMeter(tx, companyId, {
      serial: m.serial,
      manufacturer: m.maker,
      model: m.model ?? null,
      meterType: m.meterType,
      inletDirection: m.direction,
      baseReading: m.baseReading,
      sealInlet: m.sealInlet ?? null,
      sealOutlet: m.sealOutlet ?? null,
      location: m.location,
      metalHose: m.metalHose,
      accountId,
      installedOn: ctx.today,
    });
    const eventId = await formsRepo.insertReplaceEvent(tx, companyId, {
      accountId,
      meterId: newId,
      on: ctx.today,
      reading: m.baseReading,
      oldMeterId: old.id,
      oldReading: input.oldFinalReading,
      reason: input.reason || `工单 ${ctx.order.orderNo} 换表`,
      by: ctx.actor.userId,
    });
    await recordAudit(tx, ctx.actor, {
      action: 'meter.replace',
      entityType: 'account',
      entityId: accountId,
      before: { meterId: old.id, serial: old.serial, status: 'installed' },
      after: {
        workOrderId: ctx.order.id,
        meterEventId: eventId,
        oldMeter: { id: old.id, status: 'removed', finalReading: input.oldFinalReading },
        newMeter: { id: newId, serial: m.serial, maker: m.maker, baseReading: m.baseReading },
      },
    });
  },
});
