import type { Db } from '../../db/types.js';
import { insertTariff } from '../../modules/billing/repo.js';
import { createBook, generatePlans, setBookAccounts } from '../../modules/readings/service.js';
import { businessToday } from '../calendar/workdays.js';
import type { Actor } from '../context.js';
import { policyValue } from '../policy/policy.js';

/** Demo prices (元/m³): residential tiered by annual volume per household, the others flat. */
const RESIDENTIAL_TIERS = [
  { tier: 1, from: '0.000', upTo: '350.000', price: '2.6100' },
  { tier: 2, from: '350.000', upTo: '500.000', price: '3.1300' },
  { tier: 3, from: '500.000', upTo: null, price: '3.9100' },
];
const FLAT: Record<string, { name: string; price: string }> = {
  RES_HEAT: { name: '居民采暖气价', price: '2.6100' },
  CATERING: { name: '经营性餐饮气价', price: '3.6500' },
  INDUSTRY: { name: '工业生产气价', price: '3.3800' },
  BOILER: { name: '锅炉用气气价', price: '3.3800' },
  PUBLIC: { name: '公建非经营性气价', price: '2.9500' },
};

const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/**
 * Issue 6: a fresh demo shows billing at work. Tariffs for the gas usage natures (in force since the
 * start of last year), two residential reading books and one C&I book walking a few demo accounts, the
 * meter reader as their reader, and the plans of the current period. Set-based and small: well under a second.
 */
export async function seedDemoBilling(db: Db, companyId: string): Promise<{ tariffs: number; books: number }> {
  const today = businessToday();
  const period = today.slice(0, 7);
  const since = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const system: Actor = { companyId, userId: null, name: '系统初始化' };
  return db.tx(async (tx) => {
    const natures = (
      await tx.query<{ code: string }>(
        `SELECT code FROM usage_natures WHERE company_id = $1 AND commodity = 'gas' AND active ORDER BY sort_order`,
        [companyId],
      )
    ).rows.map((r) => r.code);
    let tariffs = 0;
    for (const code of natures) {
      const flat = FLAT[code];
      if (code !== 'RES' && !flat) continue;
      await insertTariff(tx, companyId, {
        usageNature: code,
        name: code === 'RES' ? '居民生活阶梯气价' : flat!.name,
        effectiveFrom: since,
        effectiveTo: null,
        tiered: code === 'RES',
        tiers: code === 'RES' ? RESIDENTIAL_TIERS : [{ tier: 1, from: '0.000', upTo: null, price: flat!.price }],
        createdBy: null,
      });
      tariffs++;
    }

    const reader = (
      await tx.query<{ id: string }>(
        `SELECT u.id FROM users u JOIN user_roles ur ON ur.company_id = u.company_id AND ur.user_id = u.id
           JOIN roles r ON r.company_id = ur.company_id AND r.id = ur.role_id
          WHERE u.company_id = $1 AND r.code = 'meter_reader' AND u.status = 'active'
          ORDER BY u.username LIMIT 1`,
        [companyId],
      )
    ).rows[0]?.id;
    // The accounts with a meter in, by district, in account-number order (the walking order of the demo).
    const accounts = (
      await tx.query<{ accountNo: string; district: string; kind: string }>(
        `SELECT a.account_no AS "accountNo", p.district, n.customer_kind AS kind
           FROM accounts a
           JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
           JOIN usage_natures n ON n.company_id = a.company_id AND n.code = a.usage_nature AND n.commodity = a.commodity
          WHERE a.company_id = $1 AND a.commodity = 'gas' AND a.status <> 'closed'
            AND EXISTS (SELECT 1 FROM meters m WHERE m.company_id = a.company_id AND m.account_id = a.id
                          AND m.status = 'installed')
          ORDER BY a.account_no`,
        [companyId],
      )
    ).rows;
    const residential = accounts.filter((a) => a.kind === 'residential');
    const commercial = accounts.filter((a) => a.kind !== 'residential');
    const districts = [...new Set(residential.map((a) => a.district))].slice(0, 2);
    const resCycle = await policyValue(tx, companyId, 'mtr.residentialCycleMonths', today);
    const comCycle = await policyValue(tx, companyId, 'mtr.commercialCycleMonths', today);
    const books = [
      ...districts.map((district, i) => ({
        code: `R-${String(i + 1).padStart(2, '0')}`,
        name: `${district}居民抄表册`,
        area: district,
        customerKind: 'residential' as const,
        cycleOffset: monthIndex(period) % resCycle,
        members: residential.filter((a) => a.district === district).slice(0, 30),
      })),
      {
        code: 'C-01',
        name: '工商业抄表册',
        area: '全市',
        customerKind: 'commercial' as const,
        cycleOffset: monthIndex(period) % comCycle,
        members: commercial.slice(0, 20),
      },
    ].filter((b) => b.members.length > 0);
    for (const b of books) {
      const book = await createBook(tx, system, {
        code: b.code,
        name: b.name,
        area: b.area,
        customerKind: b.customerKind,
        readerId: reader ?? null,
        readDay: 10,
        cycleOffset: b.cycleOffset,
      });
      await setBookAccounts(tx, system, book.id, {
        version: book.version,
        accounts: b.members.map((m, i) => ({ accountNo: m.accountNo, seq: i + 1 })),
      });
    }
    if (books.length) await generatePlans(tx, system, period);
    return { tariffs, books: books.length };
  });
}
