import type { Tx } from '../../db/types.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { sendMessage } from '../../platform/notify/messages-service.js';
import type { Grade } from './levels.js';

/** Why a new handler was not texted (kept on the complaint event, see migration 0036). */
export type HandlerSmsSkipped = 'noRecipient' | 'self' | 'noPhone' | 'badPhone' | 'templateDisabled';
export interface HandlerSms {
  messageId: string | null;
  skipped: HandlerSmsSkipped | null;
}

/** How the complaint reached its new handler: given to them, escalated by a handler, or escalated at breach. */
export type HandlerSmsVia = 'assigned' | 'escalated' | 'breached';

const VIA_TEXT: Record<HandlerSmsVia, string> = {
  assigned: '分派给您',
  escalated: '升级转交您',
  breached: '超时升级转交您',
};

const GRADE_TEXT: Record<Grade, string> = {
  ordinary: '一般性投诉',
  withImpact: '有影响的投诉',
  serious: '严重投诉',
  media: '媒体/消委会参与',
};

const MOBILE = /^1[3-9]\d{9}$/;

/** A time as staff read it in an SMS, in Asia/Shanghai: 12月4日 10:40. */
export function shanghaiShort(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * CMP-1 / CMP-2: the SMS to the person a complaint was just given to (complaintAssigned), queued in the
 * caller's transaction so it goes out only if the change commits. It names the complaint, its grade,
 * level and deadline, and how it came — never the complainant (a confidential complaint's complainant
 * may not even be shown to its handler's colleagues). Without one to send to, it says why.
 */
export async function handlerSms(
  tx: Tx,
  actor: Actor,
  c: { complaintNo: string; grade: Grade; deadlineAt: Date },
  level: { zh: string },
  toUserId: string | null,
  via: HandlerSmsVia,
): Promise<HandlerSms> {
  if (!toUserId) return { messageId: null, skipped: 'noRecipient' };
  if (toUserId === actor.userId) return { messageId: null, skipped: 'self' };
  const r = await tx.query<{ name: string; phone: string | null }>(
    'SELECT full_name AS name, phone FROM users WHERE company_id = $1 AND id = $2',
    [actor.companyId, toUserId],
  );
  const to = r.rows[0];
  const phone = to?.phone?.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '') ?? '';
  if (!to || !phone) return { messageId: null, skipped: 'noPhone' };
  if (!MOBILE.test(phone)) return { messageId: null, skipped: 'badPhone' };
  try {
    const m = await sendMessage(tx, actor, {
      channel: 'sms',
      templateCode: 'complaintAssigned',
      recipient: phone,
      customerRef: null,
      variables: {
        staffName: to.name,
        complaintNo: c.complaintNo,
        grade: GRADE_TEXT[c.grade] ?? c.grade,
        level: level.zh,
        via: VIA_TEXT[via],
        deadline: shanghaiShort(new Date(c.deadlineAt)),
      },
    });
    return { messageId: m.id, skipped: null };
  } catch (err) {
    // A company that switched the template off (or never had it) still gets its complaint handed over.
    if (err instanceof AppError && (err.code === 'TEMPLATE_DISABLED' || err.code === 'TEMPLATE_NOT_FOUND')) {
      return { messageId: null, skipped: 'templateDisabled' };
    }
    throw err;
  }
}
