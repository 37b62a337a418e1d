import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { caseKinds } from './documents.js';

export const caseKind = z.enum(caseKinds);
export const caseStatus = z.enum(['open', 'pendingApproval', 'completed', 'cancelled', 'refused']);
const customerKind = z.enum(['residential', 'commercial', 'institutional']);
const ymd = z.iso.date({ error: '日期格式应为 YYYY-MM-DD / a date YYYY-MM-DD' });
const text = (max: number) => z.string().trim().min(1).max(max);
const reason = text(500);

/** A meter reading: up to 9 digits and 3 decimals (numeric(12,3)). */
export const readingValue = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, { error: '读数应为非负数，最多三位小数 / a reading like 1234.5' });

const ID_TYPES = ['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other'] as const;

/** The new owner of a transfer when they are not yet a customer (CUS-1; the same shapes as the customers table). */
export const newCustomer = z
  .object({
    kind: customerKind,
    name: text(64).regex(/^\S+$/, { error: '名称中不能有空格 / no spaces in the name' }),
    idType: z.enum(ID_TYPES).nullish(),
    idNo: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,32}$/, { error: '证件号码为 4–32 位字母或数字 / 4–32 letters or digits' })
      .nullish(),
    taxNo: z
      .string()
      .trim()
      .regex(/^[0-9A-Z]{15,20}$/, { error: '统一社会信用代码为 15–20 位大写字母或数字 / 15–20 capitals or digits' })
      .nullish(),
    mobile: z
      .string()
      .trim()
      .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字 / 11 digits' })
      .nullish(),
    phone: z.string().trim().max(32).nullish(),
  })
  .superRefine((c, ctx) => {
    if (!c.idType !== !c.idNo) {
      ctx.addIssue({
        code: 'custom',
        path: [c.idType ? 'idNo' : 'idType'],
        message: '证件类型和证件号码须同时填写 / give both the document type and number',
      });
    }
    if (c.idType === 'residentId' && c.idNo && !/^\d{17}[\dXx]$/.test(c.idNo)) {
      ctx.addIssue({ code: 'custom', path: ['idNo'], message: '居民身份证号码应为 18 位 / 18 characters' });
    }
    if (c.kind === 'residential' && !c.idNo) {
      ctx.addIssue({
        code: 'custom',
        path: ['idNo'],
        message: '居民新户须提供身份证件号码 / an ID number is required',
      });
    }
    if (c.kind !== 'residential' && !c.taxNo) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxNo'],
        message: '单位新户须提供统一社会信用代码 / the unified social credit code is required',
      });
    }
  });
export type NewCustomer = z.infer<typeof newCustomer>;

export const newOwner = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('new'), customer: newCustomer }),
  z.object({ mode: z.literal('existing'), customerId: z.uuid() }),
]);

/** What each kind records besides documents and reading; every field may be filled in as the case goes. */
export const detailsByKind = {
  // 000 ch.16 附件1 用户过户登记表: new owner, property certificate, agent and their phone.
  transfer: z.object({
    newOwner: newOwner.optional(),
    propertyCertNo: z.string().trim().max(64).optional(),
    agentName: z.string().trim().max(32).optional(),
    agentPhone: z.string().trim().max(32).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  // 报停 on the customer's request, or 封停 (the meter sealed, with the seal's number).
  suspension: z.object({
    reason: reason.optional(),
    sealed: z.boolean().optional(),
    sealNo: z.string().trim().max(32).optional(),
  }),
  reactivation: z.object({ reason: reason.optional() }),
  // 004: a temporary removal (临时拆表) follows the closure flow but keeps the account, suspended.
  closure: z.object({ reason: reason.optional(), temporary: z.boolean().optional() }),
  // CUS-11 / 004: the new nature, why, and the on-site check (2 working days) before approval.
  natureChange: z.object({
    newNature: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{0,31}$/, { error: '用气性质编码 / a usage-nature code' })
      .optional(),
    reason: reason.optional(),
    siteCheck: z.object({ checkedOn: ymd, inspector: text(32), opinion: text(500) }).optional(),
  }),
} as const;
export type TransferDetails = z.infer<typeof detailsByKind.transfer>;
export type SuspensionDetails = z.infer<typeof detailsByKind.suspension>;
export type ClosureDetails = z.infer<typeof detailsByKind.closure>;
export type NatureChangeDetails = z.infer<typeof detailsByKind.natureChange> & {
  /** Set when the case is submitted: the nature the approval changes from. */
  fromNature?: string;
};

const details = z.record(z.string(), z.unknown());

export const createCaseBody = z.object({
  kind: caseKind,
  accountId: z.uuid(),
  details: details.optional(),
});

export const readingInput = z.object({
  value: readingValue,
  readOn: ymd,
  /** The customer (or their agent) confirmed the reading and signed for it (CUS-9). */
  confirmed: z.boolean(),
  signedBy: z.string().trim().max(32).nullish(),
});

export const updateCaseBody = z.object({
  version: z.number().int().min(1),
  documents: z
    .array(z.object({ code: z.string().max(40), received: z.boolean() }))
    .max(40)
    .optional(),
  /** null clears the reading. */
  reading: readingInput.nullable().optional(),
  /** The kind's details, replaced as a whole. */
  details: details.optional(),
});

export const versionBody = z.object({ version: z.number().int().min(1) });
export const cancelBody = z.object({ version: z.number().int().min(1), reason });
export const meterRemovalBody = z.object({ version: z.number().int().min(1), removedOn: ymd, reading: readingValue });

export const listCasesQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['createdAt', 'caseNo', 'kind', 'status', 'accountNo']).default('createdAt'),
  kind: caseKind.optional(),
  status: caseStatus.optional(),
  accountId: z.uuid().optional(),
  q: z.string().trim().min(1).max(64).optional(),
  from: ymd.optional(),
  to: ymd.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const person = z.object({ id: z.uuid(), fullName: z.string() }).nullable();

export const caseDto = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  kind: caseKind,
  status: caseStatus,
  account: z.object({
    id: z.uuid(),
    accountNo: z.string(),
    status: z.enum(['pending', 'active', 'suspended', 'closed']),
    commodity: z.enum(['gas', 'water']),
    usageNature: z.string(),
    usageNatureName: z.string(),
    address: z.string(),
  }),
  customer: z.object({ id: z.uuid(), name: z.string(), kind: customerKind }),
  documents: z.array(z.object({ code: z.string(), label: z.string(), required: z.boolean(), received: z.boolean() })),
  meter: z.object({ id: z.uuid(), serial: z.string(), meterType: z.string() }).nullable(),
  reading: z
    .object({
      value: z.string(),
      kind: z.enum(['register', 'icCumulative']),
      readOn: z.string(),
      confirmed: z.boolean(),
      signedBy: z.string().nullable(),
    })
    .nullable(),
  /** For an IC-card meter the reading is the cumulative volume purchased. */
  readingKind: z.enum(['register', 'icCumulative']).nullable(),
  details: details,
  timeLimitMinutes: z.number().int().nullable(),
  elapsedSeconds: z.number().int(),
  /** CUS-9: the on-site handling took (or is taking) longer than the limit. */
  overrun: z.boolean(),
  dueOn: z.string().nullable(),
  meterRemovedOn: z.string().nullable(),
  restoreBy: z.string().nullable(),
  restoredOn: z.string().nullable(),
  overdue: z.enum(['siteCheck', 'meterRemoval', 'restore']).nullable(),
  approval: z.object({ id: z.uuid(), no: z.string(), kind: z.string(), status: z.string() }).nullable(),
  newCustomer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  oldContractNo: z.string().nullable(),
  newContractNo: z.string().nullable(),
  cancelReason: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: person,
  createdBy: person,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const caseDetailDto = caseDto.extend({
  /** What still stands in the way of completing the case (empty when it can be submitted). */
  problems: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
  /** CUS-9 / CUS-10: the account's balance and arrears from the ledger. */
  balance: z.object({
    balance: z.string(),
    arrears: z.string(),
    arrearsByPeriod: z.array(z.object({ period: z.string().nullable(), dueOn: z.string(), amount: z.string() })),
  }),
  events: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      actor: person,
      at: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  /** An open case can be cancelled; one awaiting approval only by who submitted it. */
  canCancel: z.boolean(),
});

export const natureOption = z.object({
  code: z.string(),
  name: z.string(),
  commodity: z.enum(['gas', 'water']),
  customerKind,
  priceRank: z.number().int(),
});

export const accountPreview = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  status: z.enum(['pending', 'active', 'suspended', 'closed']),
  customerName: z.string(),
  customerKind,
  usageNatureName: z.string(),
  address: z.string(),
  /** The flows the account's status allows. */
  allowedKinds: z.array(caseKind),
  balance: z.string(),
  arrears: z.string(),
  openCase: z.object({ id: z.uuid(), caseNo: z.string(), kind: caseKind }).nullable(),
});

export const idParams = z.object({ id: z.uuid() });
