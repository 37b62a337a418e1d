import { registerJob } from '../../platform/jobs/registry.js';
import { summaryDue } from './service.js';

// BIL-5: the monthly 维修换表退补汇总表 on day bil.meterFaultAdjustmentSummaryDay (a company's own day), once.
registerJob({
  name: 'adjustments.meterFaultSummary',
  description: {
    zh: 'BIL-5 每日检查：到表具故障退补汇总日（默认每月 27 日）生成本月维修换表退补汇总表（每月一次）',
    en: 'BIL-5 daily: on the meter-fault summary day (27th by default) the month’s meter-fault adjustment summary, once',
  },
  schedule: { daily: '06:10' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    let built = 0;
    for (const c of companies.rows) {
      const s = await db.tx((tx) => summaryDue(tx, c.id));
      if (s) built++;
    }
    if (built) log(`${built} meter-fault summary(ies) built`);
    return { companies: companies.rows.length, built };
  },
});
