import type { Db } from '../../db/types.js';
import type { Actor } from '../../platform/context.js';
import { issueCard } from './cards.js';

/**
 * ICC demo: three residential IC-meter accounts get a simulated card each (the last one sits in reader DESK-1),
 * so the IC sales screen has something to read on a fresh `npm start`. Idempotent: nothing when cards exist.
 */
export async function seedDemoIcCards(db: Db, companyId: string): Promise<number> {
  const system: Actor = { companyId, userId: null, name: '系统初始化' };
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM accounts a
       JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id AND m.meter_type = 'icCard' AND m.status = 'installed'
      WHERE a.company_id = $1 AND a.status = 'active' AND a.usage_nature = 'RES'
        AND NOT EXISTS (SELECT 1 FROM ic_cards k WHERE k.company_id = a.company_id)
      ORDER BY a.account_no LIMIT 3`,
    [companyId],
  );
  for (const r of rows) await db.tx((tx) => issueCard(tx, system, r.id, 'DESK-1'));
  return rows.length;
}
