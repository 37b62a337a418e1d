import { registerJob } from '../../platform/jobs/registry.js';
import { countReportDue } from './service.js';

// PAY-5: the monthly stock count (票据盘点表) of the month before, on day pay.stockCountReportDay (a company's own), once.
registerJob({
  name: 'fiscalStock.monthlyCount',
  description: {
    zh: 'PAY-5 每日检查：到票据盘点报告日（默认每月 1 日）生成上月票据盘点表（每月一次）',
    en: 'PAY-5 daily: on the stock count day (1st by default) the previous month’s receipt and invoice count, once',
  },
  schedule: { daily: '06:20' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    let built = 0;
    for (const c of companies.rows) {
      const r = await db.tx((tx) => countReportDue(tx, c.id));
      if (r) built++;
    }
    if (built) log(`${built} stock count report(s) built`);
    return { companies: companies.rows.length, built };
  },
});
