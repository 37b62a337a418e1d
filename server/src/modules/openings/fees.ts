import { Decimal } from 'decimal.js';
import type { Queryable } from '../../db/types.js';
import type { PolicyKey } from '../../platform/policy/catalogue/index.js';
import { policyValue } from '../../platform/policy/policy.js';
import type { CustomerKind } from '../customers/repo.js';
import type { FeeQuote } from './schemas.js';

type FeeLine = FeeQuote['lines'][number];
type BuildingType = 'multiStorey' | 'highRise' | 'villa';
type ApplianceKind = 'stove' | 'waterHeater' | 'boiler' | 'other';
type PowerCategory = 'commercialCatering' | 'nonProfitCatering' | 'boiler';

const BUILDING_FEE: Record<BuildingType, PolicyKey> = {
  multiStorey: 'cus.installationFee.multiStorey',
  highRise: 'cus.installationFee.highRise',
  villa: 'cus.installationFee.villa',
};
const PER_KW: Record<PowerCategory, PolicyKey> = {
  commercialCatering: 'cus.installationFee.perKwCommercialCatering',
  nonProfitCatering: 'cus.installationFee.perKwNonProfitCatering',
  boiler: 'cus.installationFee.perKwBoiler',
};

/**
 * CUS-8 (003 §10): boilers at the boiler rate; every other appliance is kitchen use, at the
 * non-profit rate for institutions (government, schools, the army …) and the commercial rate for
 * everyone else, industry included.
 */
export function powerCategory(kind: ApplianceKind, customerKind: CustomerKind): PowerCategory {
  if (kind === 'boiler') return 'boiler';
  return customerKind === 'institutional' ? 'nonProfitCatering' : 'commercialCatering';
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

export interface FeeInput {
  customerKind: CustomerKind;
  buildingType?: BuildingType | null;
  appliances: { kind: ApplianceKind; powerKw?: string | null }[];
  households: number;
  /** The business date whose schedule applies (the fee invoice's date). */
  asOf: string;
}

/**
 * CUS-8: residential households pay the flat fee of their building type; non-residential
 * applicants pay each appliance's kW times its category's rate, rounded half-up to the fen.
 */
export async function quoteFee(db: Queryable, companyId: string, input: FeeInput): Promise<FeeQuote> {
  const lines: FeeLine[] = [];
  if (input.customerKind === 'residential') {
    if (input.buildingType) {
      const key = BUILDING_FEE[input.buildingType];
      const rate = new Decimal(String(await policyValue(db, companyId, key, input.asOf)));
      lines.push({
        category: input.buildingType,
        policyKey: key,
        quantity: String(input.households),
        unit: 'household',
        rate: money(rate),
        amount: money(rate.times(input.households)),
        applianceKind: null,
      });
    }
  } else {
    const rates = new Map<PowerCategory, Decimal>();
    for (const appliance of input.appliances) {
      if (!appliance.powerKw) continue;
      const category = powerCategory(appliance.kind, input.customerKind);
      let rate = rates.get(category);
      if (!rate) {
        rate = new Decimal(String(await policyValue(db, companyId, PER_KW[category], input.asOf)));
        rates.set(category, rate);
      }
      const kw = new Decimal(appliance.powerKw);
      lines.push({
        category,
        policyKey: PER_KW[category],
        quantity: kw.toString(),
        unit: 'kW',
        rate: money(rate),
        amount: money(kw.times(rate)),
        applianceKind: appliance.kind,
      });
    }
  }
  const total = lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  const perHousehold = input.customerKind === 'residential' && lines[0] ? new Decimal(lines[0].rate) : total;
  return {
    asOf: input.asOf,
    customerKind: input.customerKind,
    lines,
    perHousehold: money(perHousehold),
    households: input.households,
    total: money(total),
  };
}
