import type { Text } from '../../platform/errors.js';

/** The words of the opening form, for the printed form and the export. */
export const MODE_TEXT: Record<string, Text> = {
  individual: { zh: '散户', en: 'individual' },
  collective: { zh: '集体', en: 'collective' },
};
export const PRIORITY_TEXT: Record<string, Text> = {
  waiting: { zh: '等待安排', en: 'waiting' },
  asAgreed: { zh: '按照约定', en: 'as agreed' },
  soon: { zh: '尽快安排', en: 'soon' },
  urgent: { zh: '加急安排', en: 'urgent' },
};
export const STATUS_TEXT: Record<string, Text> = {
  pending: { zh: '待安排', en: 'pending' },
  scheduled: { zh: '已派工', en: 'scheduled' },
  done: { zh: '已完成', en: 'done' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};
export const METER_TYPE_TEXT: Record<string, Text> = {
  diaphragm: { zh: '皮膜表', en: 'diaphragm' },
  icCard: { zh: 'IC卡表', en: 'IC card' },
  remoteRead: { zh: '远传表', en: 'remote read' },
  iot: { zh: '物联网表', en: 'IoT' },
};
export const PAYMENT_TEXT: Record<string, Text> = {
  counter: { zh: '营业厅缴费', en: 'at the counter' },
  bankDebit: { zh: '银行代扣', en: 'bank debit' },
  icTopUp: { zh: '充值', en: 'top-up' },
  online: { zh: '网上缴费', en: 'online' },
};
export const BUILDING_TEXT: Record<string, Text> = {
  multiStorey: { zh: '多层', en: 'multi-storey' },
  highRise: { zh: '高层', en: 'high-rise' },
  villa: { zh: '别墅', en: 'villa' },
};
export const FEE_CATEGORY_TEXT: Record<string, Text> = {
  ...BUILDING_TEXT,
  commercialCatering: { zh: '厨房用气（营业）', en: 'kitchen, commercial' },
  nonProfitCatering: { zh: '厨房用气（非营业）', en: 'kitchen, non-profit' },
  boiler: { zh: '锅炉用气', en: 'boiler' },
};
export const APPLIANCE_TEXT: Record<string, Text> = {
  stove: { zh: '灶具', en: 'stove' },
  waterHeater: { zh: '热水器', en: 'water heater' },
  boiler: { zh: '锅炉', en: 'boiler' },
  other: { zh: '其他', en: 'other' },
};
export const KIND_TEXT: Record<string, Text> = {
  residential: { zh: '居民', en: 'residential' },
  commercial: { zh: '工商业', en: 'commercial' },
  institutional: { zh: '公建', en: 'institutional' },
};
