import { registerJob } from '../../platform/jobs/registry.js';
import { dailyCheck } from './service.js';

// CUS-10 / CUS-11: the deadlines of account changes, checked every morning.
registerJob({
  name: 'customers.caseDeadlines',
  description: {
    zh: 'CUS-10/11 每日检查：性质变更现场核查、销户拆表、临时拆表复装是否逾期',
    en: 'CUS-10/11 daily check of overdue site checks, meter removals after closure and temporary removals',
  },
  schedule: { daily: '07:30' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    const overdue: Record<string, number> = {};
    for (const c of companies.rows) {
      const r = await dailyCheck(db, c.id);
      for (const [kind, n] of Object.entries(r.overdue)) overdue[kind] = (overdue[kind] ?? 0) + n;
    }
    const total = Object.values(overdue).reduce((a, b) => a + b, 0);
    if (total) log(`${total} account case(s) past a deadline`);
    return { companies: companies.rows.length, overdue };
  },
});
