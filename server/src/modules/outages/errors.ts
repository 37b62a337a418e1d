import { defineErrors } from '../../platform/errors.js';

export const OutageError = defineErrors({
  NOT_FOUND: { status: 404, zh: '找不到该停气通知', en: 'No such outage notice' },
  ENDS_BEFORE_START: {
    status: 400,
    zh: '恢复供气时间必须晚于停气开始时间',
    en: 'The outage must end after it starts',
  },
  PLANNED_TOO_LATE: {
    status: 422,
    zh: '计划停气须至少提前 {hours} 小时公告（最晚 {latest} 前发布）；请推迟开始时间或改为紧急停气',
    en: 'A planned outage must be announced at least {hours} hours before it starts (by {latest}); start it later or register it as an emergency',
  },
  ALREADY_ENDED: {
    status: 422,
    zh: '该停气已于 {end} 结束，不能再发布',
    en: 'This outage ended at {end}; it can no longer be announced',
  },
  NOT_DRAFT: {
    status: 409,
    zh: '只有未发布的停气通知可以修改或发布（当前：{status}）',
    en: 'Only an outage not yet announced can be changed or announced (it is {status})',
  },
  ALREADY_CANCELLED: { status: 409, zh: '该停气通知已取消', en: 'This outage notice is cancelled already' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '该停气通知已被他人修改，请刷新后重试',
    en: 'Someone else changed this outage notice; reload and try again',
  },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '找不到该用户', en: 'No such account' },
});
