import { registerJob } from '../../platform/jobs/registry.js';
import { checkPromises } from './promises.js';

// SVC-6: warn before a promise is breached, escalate when it is, every minute.
registerJob({
  name: 'workOrders.promiseCheck',
  description: {
    zh: 'SVC-6 每分钟检查工单服务承诺：临近超时预警，超时升级至班组长，再逾时升级至中心主任',
    en: 'SVC-6 check of work-order promises every minute: warn before a breach, escalate to the team head and then the centre manager',
  },
  schedule: { every: 'minute' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    const written = { warning: 0, teamHead: 0, centreManager: 0 };
    for (const c of companies.rows) {
      const r = await checkPromises(db, c.id);
      written.warning += r.warning;
      written.teamHead += r.teamHead;
      written.centreManager += r.centreManager;
    }
    if (written.teamHead + written.centreManager) {
      log(`${written.teamHead + written.centreManager} work-order escalation(s)`);
    }
    return { companies: companies.rows.length, ...written };
  },
});
