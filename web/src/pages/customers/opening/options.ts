import type {
  AddressKind,
  ApplianceKind,
  ApplicationMode,
  ApplicationStatus,
  BuildingType,
  CustomerKind,
  FeeCategory,
  IdType,
  InstallationPriority,
  MeterType,
  PaymentMethod,
  SmsCarrier,
  SpecialCare,
} from '../../../api/openings';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';

/** The words of each choice of the form, in the order the paper form lists them. */
export const LABELS = {
  mode: { individual: 'opening.mode.individual', collective: 'opening.mode.collective' },
  priority: {
    waiting: 'opening.priority.waiting',
    asAgreed: 'opening.priority.asAgreed',
    soon: 'opening.priority.soon',
    urgent: 'opening.priority.urgent',
  },
  status: {
    pending: 'opening.status.pending',
    scheduled: 'opening.status.scheduled',
    done: 'opening.status.done',
    cancelled: 'opening.status.cancelled',
  },
  meterType: {
    icCard: 'opening.meterType.icCard',
    diaphragm: 'opening.meterType.diaphragm',
    remoteRead: 'opening.meterType.remoteRead',
    iot: 'opening.meterType.iot',
  },
  paymentMethod: {
    icTopUp: 'opening.payment.icTopUp',
    bankDebit: 'opening.payment.bankDebit',
    counter: 'opening.payment.counter',
    online: 'opening.payment.online',
  },
  smsCarrier: {
    chinaMobile: 'opening.carrier.chinaMobile',
    chinaUnicom: 'opening.carrier.chinaUnicom',
    chinaTelecom: 'opening.carrier.chinaTelecom',
    chinaBroadnet: 'opening.carrier.chinaBroadnet',
  },
  buildingType: {
    multiStorey: 'opening.building.multiStorey',
    highRise: 'opening.building.highRise',
    villa: 'opening.building.villa',
  },
  feeCategory: {
    multiStorey: 'opening.building.multiStorey',
    highRise: 'opening.building.highRise',
    villa: 'opening.building.villa',
    commercialCatering: 'opening.fee.commercialCatering',
    nonProfitCatering: 'opening.fee.nonProfitCatering',
    boiler: 'opening.fee.boiler',
  },
  customerKind: {
    residential: 'opening.customerKind.residential',
    commercial: 'opening.customerKind.commercial',
    institutional: 'opening.customerKind.institutional',
  },
  idType: {
    residentId: 'opening.idType.residentId',
    passport: 'opening.idType.passport',
    hkMacaoPermit: 'opening.idType.hkMacaoPermit',
    taiwanPermit: 'opening.idType.taiwanPermit',
    foreignPermit: 'opening.idType.foreignPermit',
    other: 'opening.idType.other',
  },
  specialCare: {
    elderly: 'opening.care.elderly',
    ill: 'opening.care.ill',
    disabled: 'opening.care.disabled',
    martyr_family: 'opening.care.martyrFamily',
    widowed: 'opening.care.widowed',
  },
  applianceKind: {
    stove: 'opening.appliance.stove',
    waterHeater: 'opening.appliance.waterHeater',
    boiler: 'opening.appliance.boiler',
    other: 'opening.appliance.other',
  },
  addressKind: { apartment: 'opening.address.apartment', bungalow: 'opening.address.bungalow' },
} as const satisfies {
  mode: Record<ApplicationMode, MessageKey>;
  priority: Record<InstallationPriority, MessageKey>;
  status: Record<ApplicationStatus, MessageKey>;
  meterType: Record<MeterType, MessageKey>;
  paymentMethod: Record<PaymentMethod, MessageKey>;
  smsCarrier: Record<SmsCarrier, MessageKey>;
  buildingType: Record<BuildingType, MessageKey>;
  feeCategory: Record<FeeCategory, MessageKey>;
  customerKind: Record<CustomerKind, MessageKey>;
  idType: Record<IdType, MessageKey>;
  specialCare: Record<SpecialCare, MessageKey>;
  applianceKind: Record<ApplianceKind, MessageKey>;
  addressKind: Record<AddressKind, MessageKey>;
};

export type LabelGroup = keyof typeof LABELS;

/** Select / radio options of a group, labelled in the user's language. */
export function useOptions() {
  const { t } = useT();
  return <G extends LabelGroup>(group: G) =>
    Object.entries(LABELS[group]).map(([value, key]) => ({
      value: value as keyof (typeof LABELS)[G] & string,
      label: t(key as MessageKey),
    }));
}

/** The label of one value, or the value itself when unknown. */
export function useLabel() {
  const { t } = useT();
  return (group: LabelGroup, value: string | null | undefined): string => {
    if (!value) return '—';
    const key = (LABELS[group] as Record<string, MessageKey>)[value];
    return key ? t(key) : value;
  };
}
