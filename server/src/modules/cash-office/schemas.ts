import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { tenderMethod } from '../payments/schemas.js';

/** PAY-2 现金盘点表: notes and coins counted by denomination (yuan). */
export const DENOMINATIONS = ['100', '50', '20', '10', '5', '1', '0.5', '0.1'] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
/** The tenders a cashier answers for at the close: cash counted, POS slips, and the other tenders. */
export const CLOSE_METHODS = ['cash', 'pos', 'wechat', 'alipay', 'bankTransfer', 'voucher'] as const;
export const OTHER_METHODS = ['wechat', 'alipay', 'bankTransfer', 'voucher'] as const;
export type CloseMethod = (typeof CLOSE_METHODS)[number];

export const SHIFT_STATUSES = ['open', 'submitted', 'returned', 'signed'] as const;
export const shiftStatus = z.enum(SHIFT_STATUSES);

/** Money in yuan, 0 allowed, at most 2 decimals. */
const money0 = (what: string) =>
  z
    .string({ error: `请填写${what} / Give the amount` })
    .trim()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, {
      error: `${what}须为不小于 0 的数字，最多两位小数 / An amount of 0 or more with at most 2 decimals`,
    });
const pieces = z
  .number({ error: '张数/枚数须为整数 / A whole number of pieces' })
  .int({ error: '张数/枚数须为整数 / A whole number of pieces' })
  .min(0, { error: '张数/枚数不能为负 / The count cannot be negative' })
  .max(1_000_000, { error: '张数/枚数过大 / Too many pieces' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `最多 ${max} 字 / At most ${max} characters` });

export const openShiftBody = z.object({
  /** The float (备用金); pay.cashierFloat when not given. */
  float: money0('备用金').optional(),
});

export const cashCount = z.object({
  '100': pieces.default(0),
  '50': pieces.default(0),
  '20': pieces.default(0),
  '10': pieces.default(0),
  '5': pieces.default(0),
  '1': pieces.default(0),
  '0.5': pieces.default(0),
  '0.1': pieces.default(0),
});
export type CashCount = z.infer<typeof cashCount>;

export const closeBody = z.object({
  cash: cashCount,
  posTotal: money0('POS 小票合计').default('0'),
  posCount: z
    .number({ error: 'POS 小票张数须为整数 / A whole number of slips' })
    .int({ error: 'POS 小票张数须为整数 / A whole number of slips' })
    .min(0, { error: 'POS 小票张数不能为负 / The slip count cannot be negative' })
    .max(100_000)
    .default(0),
  other: z
    .object({
      wechat: money0('微信合计').default('0'),
      alipay: money0('支付宝合计').default('0'),
      bankTransfer: money0('银行转账合计').default('0'),
      voucher: money0('代金券合计').default('0'),
    })
    .default({ wechat: '0', alipay: '0', bankTransfer: '0', voucher: '0' }),
  /**
   * Why a method's count differs from the system (required for each non-zero variance) — for any tender method:
   * a desk payment may carry one the close has no count for (online, bankDebit), and its line needs explaining too.
   */
  explanations: z.partialRecord(tenderMethod, text(500)).default({}),
});
export type CloseInput = z.infer<typeof closeBody>;

export const reviewBody = z.object({ note: text(500).optional() });
export const returnBody = z.object({
  reason: z
    .string({ error: '请填写退回原因 / Give the reason' })
    .trim()
    .min(1, { error: '请填写退回原因 / Give the reason' })
    .max(500),
});

const person = z.object({ id: z.uuid(), name: z.string() });

export const closeLine = z.object({
  method: z.string(),
  expected: z.string(),
  counted: z.string(),
  variance: z.string(),
  explanation: z.string().nullable(),
});
export type CloseLine = z.infer<typeof closeLine>;

export const shiftRowSchema = z.object({
  id: z.uuid(),
  cashier: person,
  orgUnitName: z.string().nullable(),
  businessDate: z.string(),
  float: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  status: shiftStatus,
  countedCash: z.string().nullable(),
  posTotal: z.string().nullable(),
  posCount: z.number().int().nullable(),
  denominations: z.record(z.string(), z.number()).nullable(),
  otherTotals: z.record(z.string(), z.string()).nullable(),
  lines: z.array(closeLine).nullable(),
  /** Σ |variance| of the submitted lines. */
  varianceTotal: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submitCount: z.number().int(),
  returnReason: z.string().nullable(),
  reviewedBy: person.nullable(),
  reviewedAt: z.string().nullable(),
});
export type ShiftRow = z.infer<typeof shiftRowSchema>;

export const postingSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  accountNo: z.string(),
  customerName: z.string(),
  amount: z.string(),
  tenders: z.array(z.object({ method: z.string(), amount: z.string() })),
  status: z.enum(['posted', 'reversed']),
  channel: z.string(),
  receivedAt: z.string(),
});
export type Posting = z.infer<typeof postingSchema>;

export const safeSchema = z.object({
  /** Floats of cashiers off shift + takings of closed shifts − bank deposits. */
  cash: z.string(),
  floats: z.string(),
  takings: z.string(),
  deposited: z.string(),
  limit: z.string(),
  over: z.boolean(),
  warning: z.string().nullable(),
});
export type Safe = z.infer<typeof safeSchema>;

export const summarySchema = z.object({
  byMethod: z.array(z.object({ method: z.string(), count: z.number().int(), amount: z.string() })),
  postingCount: z.number().int(),
  postedAmount: z.string(),
  reversedCount: z.number().int(),
  reversedAmount: z.string(),
  /** Cash received from collectors' hand-overs into this shift. */
  handoversReceived: z.string(),
  /** PAY-2: deposits received at the desk in the shift, by tender method (押金收取). */
  depositsReceived: z.array(z.object({ method: z.string(), count: z.number().int(), amount: z.string() })),
  /** PAY-2: deposits paid back by this cashier in the shift, by tender method (押金退还). */
  depositsRefunded: z.array(z.object({ method: z.string(), count: z.number().int(), amount: z.string() })),
  /** What the system expects per method: postings + deposits received − deposits refunded (+ float and hand-overs for cash). */
  expected: z.record(z.string(), z.string()),
  drawerCash: z.string(),
});

export const shiftDetailSchema = shiftRowSchema.extend({
  summary: summarySchema,
  postings: z.array(postingSchema),
  warnings: z.array(z.string()),
  safe: safeSchema.nullable(),
});
export type ShiftDetail = z.infer<typeof shiftDetailSchema>;

export const listShiftsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  status: shiftStatus.optional(),
  cashierId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ListShiftsQuery = z.infer<typeof listShiftsQuery>;

export const printQuery = z.object({ format: z.enum(['html', 'pdf']).default('html') });
export const dayQuery = z.object({
  date: z.iso.date({ error: '日期格式应为 YYYY-MM-DD / A date as YYYY-MM-DD' }),
  orgUnitId: z.uuid().optional(),
});
export const dayPrintQuery = dayQuery.extend({ format: z.enum(['html', 'pdf']).default('html') });

const amountByMethod = z.record(z.string(), z.string());
export const centreReportSchema = z.object({
  date: z.string(),
  orgUnitId: z.uuid().nullable(),
  totals: z.object({
    byMethod: amountByMethod,
    total: z.string(),
    count: z.number().int(),
    reversedCount: z.number().int(),
    reversedAmount: z.string(),
    /** PAY-2: deposits received / refunded at the desk that day, by tender method. */
    depositsReceived: amountByMethod,
    depositsRefunded: amountByMethod,
  }),
  cashiers: z.array(
    z.object({
      cashier: person,
      orgUnitName: z.string().nullable(),
      byMethod: amountByMethod,
      total: z.string(),
      count: z.number().int(),
      collector: z.string(),
      reversedCount: z.number().int(),
      depositsReceived: amountByMethod,
      depositsRefunded: amountByMethod,
      shifts: z.array(
        z.object({
          id: z.uuid(),
          status: shiftStatus,
          countedCash: z.string().nullable(),
          varianceTotal: z.string().nullable(),
        }),
      ),
    }),
  ),
  closes: z.object({
    open: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    signed: z.number().int(),
  }),
  varianceTotal: z.string(),
  deposits: z.string(),
  safe: safeSchema,
});
export type CentreReport = z.infer<typeof centreReportSchema>;

export const depositBody = z.object({
  amount: z
    .string({ error: '请填写存款金额 / Give the amount' })
    .trim()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' })
    .refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' }),
  depositedOn: z.iso.date().optional(),
  slipNo: z
    .string({ error: '请填写进账单号 / Give the bank slip number' })
    .trim()
    .min(1, { error: '请填写进账单号 / Give the bank slip number' })
    .max(64),
  note: text(200).optional(),
});
export const depositSchema = z.object({
  id: z.uuid(),
  depositedOn: z.string(),
  amount: z.string(),
  slipNo: z.string(),
  note: z.string().nullable(),
  recordedBy: person,
  createdAt: z.string(),
});
export const listDepositsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

// ---------------------------------------------------------------- PAY-4 collectors
export const handoverBody = z.object({
  receiverId: z.uuid({ error: '请选择接收的收费员 / Choose the receiving cashier' }),
  /** The collector payments covered; all my collector payments not yet handed over when not given. */
  paymentIds: z.array(z.uuid()).max(500).optional(),
  handed: money0('交款金额'),
  note: text(200).optional(),
});
export const confirmHandoverBody = z.object({
  received: money0('实收金额'),
  explanation: text(500).optional(),
});
export const handoverSchema = z.object({
  id: z.uuid(),
  collector: person,
  receiver: person,
  expected: z.string(),
  handed: z.string(),
  received: z.string().nullable(),
  variance: z.string().nullable(),
  explanation: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'confirmed']),
  shiftId: z.uuid().nullable(),
  paymentCount: z.number().int(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type Handover = z.infer<typeof handoverSchema>;
export const listHandoversQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum(['pending', 'confirmed']).optional(),
});
export const pendingCollectionSchema = z.object({
  items: z.array(postingSchema.extend({ cash: z.string() })),
  cashTotal: z.string(),
});
