/** 新装/改装 (CUS-7/CUS-8): completing the work marks the linked service application done. */
import { recordAudit } from '../../../platform/audit.js';
import * as formsRepo from '../forms-repo.js';
import { registerTypeHooks } from '../type-hooks.js';

registerTypeHooks('installation', {
  async onComplete(tx, ctx) {
    if (!ctx.order.serviceApplicationId) return;
    const done = await formsRepo.markApplicationDone(tx, ctx.actor.companyId, ctx.order.serviceApplicationId);
    if (!done) return;
    await recordAudit(tx, ctx.actor, {
      action: 'serviceApplication.done',
      entityType: 'serviceApplication',
      entityId: ctx.order.serviceApplicationId,
      before: { status: 'scheduled' },
      after: { status: 'done', workOrderId: ctx.order.id, orderNo: ctx.order.orderNo },
    });
  },
});
