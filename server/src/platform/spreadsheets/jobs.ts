import { registerJob } from '../jobs/registry.js';
import { RESULT_KEEP_DAYS } from './import-service.js';
import { purgeImportResults } from './repo.js';

registerJob({
  name: 'spreadsheets.purgeImportResults',
  description: {
    zh: `删除 ${RESULT_KEEP_DAYS} 天前导入时未通过校验的行`,
    en: `Delete the rejected rows of imports older than ${RESULT_KEEP_DAYS} days`,
  },
  schedule: { daily: '03:40' },
  async run({ db }) {
    return { deleted: await purgeImportResults(db, RESULT_KEEP_DAYS) };
  },
});
