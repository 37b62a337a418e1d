import { registerJob } from '../../platform/jobs/registry.js';
import { checkComplaintDeadlines } from './escalation.js';

// CMP-1 / SVC-6: a complaint not answered by its deadline escalates one level, once per breach, every minute.
registerJob({
  name: 'complaints.deadlineCheck',
  description: {
    zh: 'CMP-1 每分钟检查投诉答复时限：超时未答复的投诉自动上报上一层级（每次超时一次）',
    en: 'CMP-1 check of complaint deadlines every minute: a complaint not answered in time goes one level up, once per breach',
  },
  schedule: { every: 'minute' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    let escalated = 0;
    let atTop = 0;
    for (const c of companies.rows) {
      const r = await checkComplaintDeadlines(db, c.id);
      escalated += r.escalated;
      atTop += r.atTop;
    }
    if (escalated + atTop) log(`${escalated} complaint escalation(s), ${atTop} at the top level`);
    return { companies: companies.rows.length, escalated, atTop };
  },
});
