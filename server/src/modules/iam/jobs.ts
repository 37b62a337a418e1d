import { registerJob } from '../../platform/jobs/registry.js';
import { overdueDeprovisioning } from './users-service.js';

registerJob({
  name: 'iam.deprovisioningCheck',
  description: {
    zh: 'IAM-3 每日检查调岗/离职后逾期未停用的账号',
    en: 'IAM-3 daily check of accounts overdue for disabling after a transfer or departure',
  },
  schedule: { daily: '08:00' },
  async run({ db, log }) {
    const companies = await db.query<{ id: string }>('SELECT id FROM companies');
    let overdue = 0;
    for (const c of companies.rows) overdue += (await overdueDeprovisioning(db, c.id)).length;
    if (overdue) log(`${overdue} account(s) overdue for disabling`);
    return { companies: companies.rows.length, overdue };
  },
});

registerJob({
  name: 'iam.sessionCleanup',
  description: { zh: '清理 30 天前已结束的会话', en: 'Delete sessions that ended more than 30 days ago' },
  schedule: { daily: '03:30' },
  async run({ db }) {
    const r = await db.query(
      `DELETE FROM sessions WHERE COALESCE(revoked_at, expires_at) < now() - interval '30 days'`,
    );
    return { deleted: r.rowCount };
  },
});
