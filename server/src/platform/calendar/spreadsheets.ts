import type { z } from 'zod';
import type { Lang, Text } from '../errors.js';
import { shanghaiTime, yesNo } from '../spreadsheets/format.js';
import { registerExport } from '../spreadsheets/registry.js';
import { calendarDaysQuery } from './routes.js';
import { listCalendarDays, loadCalendar } from './service.js';
import { weekday } from './workdays.js';

interface CalendarRow extends Record<string, unknown> {
  date: string;
  kind: 'holiday' | 'workday' | 'closure';
  /** The holiday's name, or the closure's reason. */
  name: string;
  working: boolean;
  updatedAt: string;
}

const pick = (text: Text, lang: Lang) => (lang === 'en' ? text.en : text.zh);

const kindText: Record<CalendarRow['kind'], Text> = {
  holiday: { zh: '法定节假日', en: 'Public holiday' },
  workday: { zh: '调休上班', en: 'Make-up working day' },
  closure: { zh: '本公司停业', en: 'Company closure' },
};

const WEEKDAYS: Text[] = [
  { zh: '星期日', en: 'Sun' },
  { zh: '星期一', en: 'Mon' },
  { zh: '星期二', en: 'Tue' },
  { zh: '星期三', en: 'Wed' },
  { zh: '星期四', en: 'Thu' },
  { zh: '星期五', en: 'Fri' },
  { zh: '星期六', en: 'Sat' },
];

// SVC-6: the year's official holidays and make-up working days, and the company's closures, by date.
registerExport<z.infer<typeof calendarDaysQuery>, CalendarRow>({
  name: 'calendarDays',
  title: { zh: '工作日历', en: 'Working calendar' },
  permission: 'calendar.read',
  sensitive: false,
  query: calendarDaysQuery,
  async *rows(db, principal, q) {
    const [list, calendar] = await Promise.all([
      listCalendarDays(db, principal.companyId, q.year),
      loadCalendar(db, principal.companyId, q.year, q.year),
    ]);
    const rows: CalendarRow[] = [
      ...list.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, updatedAt: d.updatedAt, working: false })),
      ...list.closures.map((c) => ({
        date: c.date,
        kind: 'closure' as const,
        name: c.reason,
        updatedAt: c.createdAt,
        working: false,
      })),
    ];
    // By date; on a date that is both, the official row before the company's closure.
    rows.sort((a, b) => (a.date === b.date ? (a.kind === 'closure' ? 1 : -1) : a.date < b.date ? -1 : 1));
    for (const row of rows) yield { ...row, working: calendar.isWorkingDay(row.date) };
  },
  columns: [
    { key: 'date', header: { zh: '日期', en: 'Date' }, width: 12 },
    {
      key: 'weekday',
      header: { zh: '星期', en: 'Weekday' },
      width: 8,
      format: (_, r, lang) => pick(WEEKDAYS[weekday(r.date)]!, lang),
    },
    {
      key: 'kind',
      header: { zh: '类型', en: 'Kind' },
      width: 14,
      format: (_, r, lang) => pick(kindText[r.kind], lang),
    },
    { key: 'name', header: { zh: '名称/事由', en: 'Name or reason' }, width: 24 },
    {
      key: 'working',
      header: { zh: '是否上班', en: 'Working day' },
      width: 10,
      format: (v, _, lang) => yesNo(v, lang),
    },
    { key: 'updatedAt', header: { zh: '修改时间', en: 'Changed' }, width: 20, format: shanghaiTime },
  ],
});
