import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

/** PAY-1 tender methods: 现金, POS 刷卡, 微信, 支付宝, 银行转账, 代金券, 网上缴费, 银行代扣. */
export const TENDER_METHODS = [
  'cash',
  'pos',
  'wechat',
  'alipay',
  'bankTransfer',
  'voucher',
  'online',
  'bankDebit',
] as const;
export const tenderMethod = z.enum(TENDER_METHODS, {
  error: '收款方式应为 cash/pos/wechat/alipay/bankTransfer/voucher/online/bankDebit / Unknown tender method',
});
/** Where a payment came from: 营业厅收费台, 走收员上门收费, 网上缴费, 银行代扣, IC 卡购气. */
export const PAYMENT_CHANNELS = ['desk', 'collector', 'online', 'bankDebit', 'icCard'] as const;
export const paymentChannel = z.enum(PAYMENT_CHANNELS);
export type PaymentChannel = z.infer<typeof paymentChannel>;
export const paymentStatus = z.enum(['posted', 'reversed']);

/** The Idempotency-Key header: 8–64 of [A-Za-z0-9_-]. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Money in yuan: more than 0, at most 2 decimals. */
const money = z
  .string({ error: '请填写金额 / Give the amount' })
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' })
  .refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' });

export const tenderSchema = z.object({
  method: tenderMethod,
  amount: money,
  /** POS voucher number, WeChat/Alipay transaction id, bank slip number, voucher code … */
  reference: z.string().trim().max(64).optional(),
});
export type Tender = z.infer<typeof tenderSchema>;

export const newPaymentBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  tenders: z
    .array(tenderSchema, { error: '请填写收款方式和金额 / Give the tenders' })
    .min(1, { error: '至少一种收款方式 / At least one tender' })
    .max(6, { error: '最多六种收款方式 / At most six tenders' }),
  note: z.string().trim().max(200).optional(),
});
export type NewPayment = z.infer<typeof newPaymentBody>;

export const allocationSchema = z.object({
  /** The debt (ledger debit) paid. */
  entryId: z.uuid(),
  period: z.string().nullable(),
  /** Its late fee to the day of payment, crystallised and paid first. */
  lateFee: z.string(),
  principal: z.string(),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const paymentSchema = z.object({
  id: z.uuid(),
  /** SK-YYYYMMDD-<cashier's employee no>-NNNN: each cashier's daily serial. */
  no: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  amount: z.string(),
  tenders: z.array(z.object({ method: tenderMethod, amount: z.string(), reference: z.string().nullable().optional() })),
  allocations: z.array(allocationSchema),
  /** What was left after the debts and their late fees: credit for later bills. */
  prepayment: z.string(),
  note: z.string().nullable(),
  receivedAt: z.string(),
  status: paymentStatus,
  /** Where it came from; online and bank-debit payments have no cashier. */
  channel: paymentChannel,
  cashierId: z.uuid().nullable(),
  cashierName: z.string().nullable(),
  reversalApprovalId: z.uuid().nullable(),
  reversedAt: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const debtsSchema = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  address: z.string(),
  /** Sum of the ledger entries (negative = paid in advance). */
  balance: z.string(),
  /** Credit not yet used by any debt. */
  prepayment: z.string(),
  /** Late fees of the open debts to today, after approved waivers. */
  lateFee: z.string(),
  /** Open debts + late fees − prepayment, never below 0. */
  totalDue: z.string(),
  debts: z.array(
    z.object({
      entryId: z.uuid(),
      kind: z.string(),
      period: z.string().nullable(),
      dueOn: z.string().nullable(),
      open: z.string(),
      lateFee: z.string(),
      overdueDays: z.number().int(),
    }),
  ),
});
export type AccountDebts = z.infer<typeof debtsSchema>;

export const listPaymentsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['receivedAt', 'no', 'amount']).default('receivedAt'),
  accountId: z.uuid().optional(),
  cashierId: z.uuid().optional(),
  status: paymentStatus.optional(),
  /** Any tender of the payment by this method. */
  method: tenderMethod.optional(),
  /** Received on or after / on or before (business dates). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ListPaymentsQuery = z.infer<typeof listPaymentsQuery>;

export const receiptQuery = z.object({
  format: z.enum(['html', 'pdf']).default('html'),
});

export const reversalBody = z.object({
  reason: z
    .string({ error: '请填写冲正原因 / Give the reason' })
    .trim()
    .min(1, { error: '请填写冲正原因 / Give the reason' })
    .max(500),
});

export const reversalSchema = z.object({
  paymentId: z.uuid(),
  status: paymentStatus,
  approvalId: z.uuid(),
  approvalNo: z.string(),
});
