import type { z } from 'zod';
import { businessToday } from '../calendar/workdays.js';
import type { Lang, Text } from '../errors.js';
import { registerExport } from '../spreadsheets/registry.js';
import type { PolicyUnit } from './define.js';
import { policyQuery } from './routes.js';
import { currentPolicy } from './service.js';

const pick = (text: Text, lang: Lang) => (lang === 'en' ? text.en : text.zh);

type PolicyItem = Awaited<ReturnType<typeof currentPolicy>>['items'][number];

const unitText: Record<PolicyUnit, Text> = {
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  days: { zh: '天', en: 'days' },
  workingDays: { zh: '工作日', en: 'working days' },
  months: { zh: '月', en: 'months' },
  yuan: { zh: '元', en: 'yuan' },
  rate: { zh: '比率', en: 'rate' },
  count: { zh: '个', en: 'count' },
  dayOfMonth: { zh: '每月第几日', en: 'day of month' },
  percent: { zh: '%', en: '%' },
  seconds: { zh: '秒', en: 'seconds' },
  text: { zh: '文本', en: 'text' },
  table: { zh: '表', en: 'table' },
};

// The policy in force on a date, setting by setting: no personal data.
registerExport<z.infer<typeof policyQuery>, PolicyItem & Record<string, unknown>>({
  name: 'policy',
  title: { zh: '策略参数', en: 'Policy' },
  permission: 'policy.read',
  sensitive: false,
  query: policyQuery,
  async *rows(db, principal, q) {
    const policy = await currentPolicy(db, principal.companyId, q.asOf ?? businessToday());
    yield* policy.items as (PolicyItem & Record<string, unknown>)[];
  },
  columns: [
    { key: 'rule', header: { zh: '规则', en: 'Rule' }, width: 10 },
    { key: 'key', header: { zh: '参数键', en: 'Key' }, width: 32 },
    { key: 'name', header: { zh: '参数', en: 'Setting' }, width: 30, format: (_, r, lang) => pick(r.name, lang) },
    {
      key: 'unit',
      header: { zh: '单位', en: 'Unit' },
      width: 10,
      format: (v, _, lang) => (unitText[v as PolicyUnit] ? pick(unitText[v as PolicyUnit], lang) : v),
    },
    // Numbers as numbers, decimals and text as written; tables (objects, lists) as JSON.
    { key: 'value', header: { zh: '当前值', en: 'Value' }, width: 40 },
    { key: 'effectiveFrom', header: { zh: '生效日期', en: 'Effective from' }, width: 12 },
    { key: 'version', header: { zh: '版本', en: 'Version' }, width: 8 },
  ],
});
