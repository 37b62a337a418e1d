import type { MessageKey } from '../../i18n/translate';

/** The message key of an enum value of the customers screens, e.g. label('status', 'active'). */
export function label(group: string, value: string | null | undefined): MessageKey {
  return `customers.${group}.${value}` as MessageKey;
}

export const CUSTOMER_KINDS = ['residential', 'commercial', 'institutional'] as const;
export const ACCOUNT_STATUSES = ['pending', 'active', 'suspended', 'closed'] as const;
export const COMMODITIES = ['gas', 'water'] as const;
export const PAYMENT_METHODS = ['counter', 'bankDebit', 'icTopUp', 'online'] as const;
export const SPECIAL_CARE = ['elderly', 'ill', 'disabled', 'martyr_family', 'widowed'] as const;
export const ID_TYPES = ['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other'] as const;
export const SMS_CARRIERS = ['chinaMobile', 'chinaUnicom', 'chinaTelecom', 'chinaBroadnet'] as const;

export const STATUS_COLOR: Record<string, string> = {
  pending: 'blue',
  active: 'green',
  suspended: 'orange',
  closed: 'default',
};

export const accountViewPath = (id: string) => `/customers/accounts/${encodeURIComponent(id)}`;

/** The label of a field of customer data, as the change history and change requests name it. */
export const FIELD_LABEL: Record<string, MessageKey> = {
  'customer.name': 'customers.name',
  'customer.idType': 'customers.idType',
  'customer.idNo': 'customers.idNo',
  'customer.taxNo': 'customers.taxNo',
  'customer.mobile': 'customers.mobile',
  'customer.phone': 'customers.phone',
  'premise.district': 'customers.district',
  'premise.street': 'customers.street',
  'premise.addressKind': 'customers.addressKind',
  'premise.community': 'customers.community',
  'premise.building': 'customers.building',
  'premise.unit': 'customers.unit',
  'premise.room': 'customers.room',
  'premise.lane': 'customers.lane',
  'premise.rowNo': 'customers.rowNo',
  'premise.houseNo': 'customers.houseNo',
  'meter.serial': 'customers.meterSerial',
  'meter.manufacturer': 'customers.view.manufacturer',
  'meter.model': 'customers.view.model',
  'meter.sealInlet': 'customers.view.sealInlet',
  'meter.sealOutlet': 'customers.view.sealOutlet',
  'meter.location': 'customers.view.location',
  'meter.inletDirection': 'customers.view.inletDirection',
  'account.paymentMethod': 'customers.paymentMethod',
  'account.bankName': 'customers.bankName',
  'account.bankAccountNo': 'customers.bankAccountNo',
  'account.bankAccountHolder': 'customers.bankAccountHolder',
};
