import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { accountBalance, hasArrears, postOpeningBalance } from '../src/modules/ledger/service.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

describe.each(dbKinds)('account ledger on %s', (kind) => {
  let t: TestApp;
  let accountId: string;
  const actor = () => ({ companyId: t.companyA, userId: null, name: 'test' });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await generateAccounts(t.db, t.companyA, { count: 3, seed: 5 });
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [
      t.companyA,
    ]);
    accountId = rows[0]!.id;
  });
  afterAll(() => t?.close());

  it('balance is the sum of entries; credits settle the oldest debts first (arrears by period)', async () => {
    await t.db.tx(async (tx) => {
      await postOpeningBalance(tx, actor(), { accountId, period: '2026-08', amount: '120.50', dueOn: '2026-09-15' });
      await postOpeningBalance(tx, actor(), { accountId, period: '2026-10', amount: '80.00', dueOn: '2026-11-15' });
      await postOpeningBalance(tx, actor(), { accountId, period: null, amount: '-100.00', dueOn: '2026-09-01' });
    });
    const b = await accountBalance(t.db, t.companyA, accountId, '2026-11-01');
    expect(b.balance).toBe('100.50');
    // 100 of credit settles most of August; October is not due yet on 1 November.
    expect(b.arrears).toBe('20.50');
    expect(b.arrearsByPeriod).toEqual([{ period: '2026-08', dueOn: '2026-09-15', amount: '20.50' }]);
    const later = await accountBalance(t.db, t.companyA, accountId, '2026-11-20');
    expect(later.arrears).toBe('100.50');
    expect(await hasArrears(t.db, t.companyA, accountId, '2026-09-10')).toBe(false);
    expect(await hasArrears(t.db, t.companyA, accountId, '2026-09-16')).toBe(true);
  });

  it('ledger entries are append-only and every posting is audited', async () => {
    await expect(t.db.query('UPDATE ledger_entries SET amount = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ledger.openingBalance' AND entity_id = $1`,
      [accountId],
    );
    expect(rows[0]!.n).toBe(3);
  });
});
