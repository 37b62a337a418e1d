import type { Text } from '../../platform/errors.js';
import { AppError, PlatformError } from '../../platform/errors.js';

/** The records whose fields staff edit; invoice details are keyed by their account. */
export type Entity = 'customer' | 'premise' | 'account' | 'meter' | 'invoiceDetails';

export interface FieldDef {
  entity: Entity;
  /** The name in the API and in the history. */
  field: string;
  column: string;
  label: Text;
  /** IAM-4: changed only through an approved change request. */
  protected: boolean;
  /** Personal data shown masked (IAM-5). */
  sensitive?: boolean;
  /** A text[] column. */
  array?: boolean;
}

const f = (
  entity: Entity,
  field: string,
  column: string,
  zh: string,
  en: string,
  opts: { protected: boolean; sensitive?: boolean; array?: boolean },
): FieldDef => ({ entity, field, column, label: { zh, en }, ...opts });
const P = { protected: true };
const D = { protected: false };

/** Every field the console edits, and whether an edit of it needs an approval (IAM-4, 000 §38). */
export const FIELDS: FieldDef[] = [
  f('customer', 'name', 'name', '用户名称', 'Name', P),
  f('customer', 'idType', 'id_type', '证件类型', 'ID type', P),
  f('customer', 'idNo', 'id_no', '证件号码', 'ID number', { protected: true, sensitive: true }),
  f('customer', 'taxNo', 'tax_no', '纳税人识别号', 'Tax number', P),
  f('customer', 'mobile', 'mobile', '手机号码', 'Mobile', { protected: true, sensitive: true }),
  f('customer', 'phone', 'phone', '联系电话', 'Phone', { protected: true, sensitive: true }),
  f('customer', 'specialCare', 'special_care', '特殊关怀', 'Special care', { protected: false, array: true }),
  f('customer', 'note', 'note', '备注', 'Note', D),
  f('premise', 'district', 'district', '区县', 'District', P),
  f('premise', 'street', 'street', '街道', 'Street', P),
  f('premise', 'addressKind', 'address_kind', '地址类型', 'Address kind', P),
  f('premise', 'community', 'community', '小区', 'Community', P),
  f('premise', 'building', 'building', '楼号', 'Building', P),
  f('premise', 'unit', 'unit', '单元', 'Unit', P),
  f('premise', 'room', 'room', '室号', 'Room', P),
  f('premise', 'lane', 'lane', '巷', 'Lane', P),
  f('premise', 'rowNo', 'row_no', '排', 'Row', P),
  f('premise', 'houseNo', 'house_no', '号', 'Number', P),
  f('meter', 'serial', 'serial', '表钢号', 'Meter serial', P),
  f('meter', 'manufacturer', 'manufacturer', '厂家', 'Manufacturer', P),
  f('meter', 'model', 'model', '型号', 'Model', P),
  f('meter', 'sealInlet', 'seal_inlet', '进气口封号', 'Inlet seal', P),
  f('meter', 'sealOutlet', 'seal_outlet', '出气口封号', 'Outlet seal', P),
  f('meter', 'location', 'location', '安装位置', 'Location', P),
  f('meter', 'inletDirection', 'inlet_direction', '进气方向', 'Inlet direction', P),
  f('account', 'paymentMethod', 'payment_method', '缴费方式', 'Payment method', D),
  f('account', 'bankName', 'bank_name', '开户银行', 'Bank', P),
  f('account', 'bankAccountNo', 'bank_account_no', '银行账号', 'Bank account number', {
    protected: true,
    sensitive: true,
  }),
  f('account', 'bankAccountHolder', 'bank_account_holder', '银行户名', 'Account holder', P),
  f('account', 'smsMobile', 'sms_mobile', '短信号码', 'SMS mobile', { protected: false, sensitive: true }),
  f('account', 'smsCarrier', 'sms_carrier', '短信运营商', 'SMS carrier', D),
  f('invoiceDetails', 'invoiceKind', 'invoice_kind', '发票类型', 'Invoice kind', D),
  f('invoiceDetails', 'title', 'title', '发票抬头', 'Invoice title', D),
  f('invoiceDetails', 'taxNo', 'tax_no', '税号', 'Tax number', D),
  f('invoiceDetails', 'address', 'address', '开票地址', 'Address', D),
  f('invoiceDetails', 'phone', 'phone', '开票电话', 'Phone', D),
  f('invoiceDetails', 'bankName', 'bank_name', '开户行', 'Bank', D),
  f('invoiceDetails', 'bankAccountNo', 'bank_account_no', '开户账号', 'Bank account number', D),
  f('invoiceDetails', 'email', 'email', '电子邮箱', 'E-mail', D),
];

export function fieldDef(entity: Entity, field: string): FieldDef | undefined {
  return FIELDS.find((d) => d.entity === entity && d.field === field);
}

export function fieldsOf(entity: Entity): FieldDef[] {
  return FIELDS.filter((d) => d.entity === entity);
}

/** 138****5678, 3701**********1234, 6222********1234: enough to confirm with the customer, not to copy. */
export function mask(value: string | null): string | null {
  if (!value) return null;
  if (value.length <= 4) return '*'.repeat(value.length);
  if (value.length <= 8) return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
  const head = value.length === 11 ? 3 : 4;
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - 4)}${value.slice(-4)}`;
}

/** A value as the history shows it: masked when the field holds personal data. */
export function shown(entity: Entity, field: string, value: unknown): unknown {
  const def = fieldDef(entity, field);
  return def?.sensitive && typeof value === 'string' ? mask(value) : value;
}

export interface FieldProblem {
  path: string;
  text: Text;
}

/** A 400 naming each field at fault, the same shape as a schema failure. */
export function fieldErrors(problems: FieldProblem[]): AppError {
  const summary = (lang: 'zh' | 'en') => problems.map((p) => `${p.path}: ${p.text[lang]}`).join('; ');
  const spec = PlatformError.catalog.VALIDATION_FAILED;
  return new AppError(
    'VALIDATION_FAILED',
    spec.status,
    { zh: spec.zh.replace('{summary}', summary('zh')), en: spec.en.replace('{summary}', summary('en')) },
    { in: 'body' },
    problems,
  );
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
