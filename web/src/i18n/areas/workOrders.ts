/** Strings shared by the service-desk screens (work orders): zh is the source, en must have the same keys. */
export const zh = {
  'wo.status.created': '已受理',
  'wo.status.dispatched': '已派单',
  'wo.status.appointed': '已预约',
  'wo.status.arrived': '已到场',
  'wo.status.completed': '已完成',
  'wo.status.notCompleted': '未完成',
  'wo.status.closed': '已归档',
  'wo.status.cancelled': '已撤销',

  'wo.priority.low': '低',
  'wo.priority.normal': '普通',
  'wo.priority.high': '高',
  'wo.priority.urgent': '紧急',

  'wo.timeLeft.left': '剩余 {time}',
  'wo.timeLeft.over': '超时 {time}',
  'wo.timeLeft.paused': '暂停计时',
  'wo.timeLeft.done': '已办结',
  'wo.timeLeft.doneBreached': '已办结（超时）',
  'wo.duration.dh': '{d}天{h}小时',
  'wo.duration.hm': '{h}小时{m}分',
  'wo.duration.m': '{m}分钟',
};

export const en: Record<keyof typeof zh, string> = {
  'wo.status.created': 'Created',
  'wo.status.dispatched': 'Dispatched',
  'wo.status.appointed': 'Appointed',
  'wo.status.arrived': 'Arrived',
  'wo.status.completed': 'Completed',
  'wo.status.notCompleted': 'Not completed',
  'wo.status.closed': 'Closed',
  'wo.status.cancelled': 'Cancelled',

  'wo.priority.low': 'Low',
  'wo.priority.normal': 'Normal',
  'wo.priority.high': 'High',
  'wo.priority.urgent': 'Urgent',

  'wo.timeLeft.left': '{time} left',
  'wo.timeLeft.over': '{time} over',
  'wo.timeLeft.paused': 'Clock paused',
  'wo.timeLeft.done': 'Done',
  'wo.timeLeft.doneBreached': 'Done (late)',
  'wo.duration.dh': '{d} d {h} h',
  'wo.duration.hm': '{h} h {m} min',
  'wo.duration.m': '{m} min',
};
