import { defineErrors } from '../errors.js';

export const CalendarError = defineErrors({
  DAY_NOT_FOUND: {
    status: 404,
    zh: '{date} 没有节假日或调休安排',
    en: '{date} has no holiday or make-up working day on file',
  },
  WORKDAY_ON_WEEKDAY: {
    status: 400,
    zh: '{date} 是周一至周五，本来就要上班，不能设为调休上班日',
    en: '{date} is a weekday and already a working day: only a weekend day can be a make-up working day',
  },
  CLOSURE_EXISTS: { status: 409, zh: '{date} 已设为本公司停业日', en: '{date} is already a closure of the company' },
  CLOSURE_NOT_FOUND: { status: 404, zh: '{date} 不是本公司停业日', en: '{date} is not a closure of the company' },
  ONE_MEASURE: {
    status: 400,
    zh: '请只填写工作日数、工作小时数或截止时间中的一项',
    en: 'Give exactly one of working days, working hours or an end',
  },
});
