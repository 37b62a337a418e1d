import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';

/** 验表押金 meter, 工商户预付押金 prepayment, 水表接水押金 waterConnection; 'other' from the customer register. */
export const depositKind = z.enum(['meter', 'prepayment', 'waterConnection', 'other']);
export const receivedKind = z.enum(['meter', 'prepayment', 'waterConnection']);
export type DepositKind = z.infer<typeof depositKind>;
export const depositStatus = z.enum(['held', 'refunded', 'transferred', 'applied', 'forfeited']);
export const depositMethod = z.enum(['cash', 'pos', 'wechat', 'alipay', 'bankTransfer']);

const money = z
  .string({ error: '请填写金额 / Give the amount' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' });
const positive = money.refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' });
const text = (max: number) => z.string().trim().max(max);

/** PAY-8: a deposit received (收取押金), with its tender and the paper receipt's number when one is written. */
export const newDepositBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  kind: receivedKind,
  /** Default for a meter-test deposit: `svc.meterTestDeposit`. */
  amount: positive.nullish(),
  method: depositMethod,
  reference: text(64).nullish(),
  receiptNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, { error: '收据号为字母、数字或连字符 / letters, digits and hyphens' })
    .nullish()
    .or(z.literal('')),
  note: text(500).nullish(),
});
export type NewDeposit = z.infer<typeof newDepositBody>;

/**
 * Release: `refund` pays it back (less what is kept), `apply` credits it to the gas account (less what is kept),
 * `forfeit` keeps it all (reason). A meter-test deposit has the test result (its work order's, or given):
 * accurate ⇒ the test and refitting fee is kept (the work order's fee unless given), inaccurate ⇒ nothing is
 * kept (003 §11(四)).
 */
export const releaseBody = z.object({
  action: z.enum(['refund', 'apply', 'forfeit']),
  meterTestResult: z.enum(['accurate', 'inaccurate']).nullish(),
  /** What is kept (C&I meters: negotiated); a meter test that passed: its work order's fee when not given. */
  forfeitAmount: money.nullish(),
  method: z.enum(['cash', 'bankTransfer']).nullish(),
  reference: text(64).nullish(),
  note: text(500).nullish(),
});
export type ReleaseBody = z.infer<typeof releaseBody>;

const user = z.object({ id: z.uuid(), name: z.string() }).nullable();
export const movementSchema = z.object({
  kind: z.enum(['received', 'refunded', 'applied', 'forfeited']),
  amount: z.string(),
  method: z.string().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  by: user,
  at: z.string(),
});
export const depositSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.string(),
  address: z.string(),
  kind: depositKind,
  amount: z.string(),
  method: depositMethod.nullable(),
  reference: z.string().nullable(),
  receiptNo: z.string().nullable(),
  note: z.string().nullable(),
  status: depositStatus,
  refundedAmount: z.string(),
  appliedAmount: z.string(),
  forfeitedAmount: z.string(),
  meterTestResult: z.string().nullable(),
  /** The SVC-9 work order that took a meter-test deposit, with its result and fee. */
  workOrder: z
    .object({ id: z.uuid(), orderNo: z.string(), result: z.string().nullable(), fee: z.string().nullable() })
    .nullable(),
  releaseNote: z.string().nullable(),
  ledgerEntryId: z.uuid().nullable(),
  receivedBy: user,
  receivedAt: z.string(),
  receivedOn: z.string(),
  settledOn: z.string().nullable(),
  releasedBy: user,
  releasedAt: z.string().nullable(),
  movements: z.array(movementSchema),
});
export type Deposit = z.infer<typeof depositSchema>;

export const listDepositsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['receivedAt', 'no', 'amount']).default('receivedAt'),
  kind: depositKind.optional(),
  status: depositStatus.optional(),
  accountId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListDepositsQuery = z.infer<typeof listDepositsQuery>;
