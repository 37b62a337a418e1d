import { z } from 'zod';
import { pagingQuery } from '../../platform/paging.js';
import { refundCases } from './documents.js';

export const refundCase = z.enum(refundCases);
export const refundStatus = z.enum([
  'submitted',
  'refused',
  'transferred',
  'approving',
  'approved',
  'rejected',
  'withdrawn',
  'paidOut',
]);
export type RefundStatus = z.infer<typeof refundStatus>;
export const payoutMethod = z.enum(['cash', 'bankTransfer']);

/** Money in yuan: more than 0, at most 2 decimals. */
export const money = z
  .string({ error: '请填写金额 / Give the amount' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { error: '金额须为数字，最多两位小数 / An amount with at most 2 decimals' })
  .refine((v) => Number(v) > 0, { error: '金额须大于 0 / The amount must be above 0' });
const text = (max: number) => z.string().trim().max(max);

/** PAY-7: a refund request (退费申请), filed with the documents checked. */
export const newRefundBody = z.object({
  accountId: z.uuid({ error: '请选择用户 / Choose the account' }),
  caseKind: refundCase,
  amount: money,
  /** Codes of the checklist's documents the clerk has seen. */
  documents: z.array(z.string().max(40)).max(20).default([]),
  notes: text(1000).nullish(),
  payeeName: text(100).nullish(),
  bankName: text(100).nullish(),
  bankAccountNo: z
    .string()
    .trim()
    .regex(/^[0-9 -]{6,40}$/, { error: '账号为 6–40 位数字 / 6–40 digits' })
    .nullish()
    .or(z.literal('')),
});
export type NewRefund = z.infer<typeof newRefundBody>;

const reason = z
  .string({ error: '请说明拒绝的原因 / Explain the refusal' })
  .trim()
  .min(2, { error: '请说明拒绝的原因 / Explain the refusal' })
  .max(500);

/** Review: refuse (reason), move to another account's prepayment, or send the payout for approval. */
export const reviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('refuse'), reason }),
  z.object({
    decision: z.literal('transfer'),
    targetAccountId: z.uuid({ error: '请选择转入的用户 / Choose the account' }),
    comment: text(500).nullish(),
  }),
  z.object({ decision: z.literal('payout'), comment: text(500).nullish() }),
]);
export type ReviewBody = z.infer<typeof reviewBody>;

export const payoutBody = z
  .object({
    method: payoutMethod,
    reference: text(64).nullish(),
    note: text(500).nullish(),
  })
  .refine((b) => b.method === 'cash' || !!b.reference, {
    error: '银行转账请填写转账凭证号 / Give the transfer reference',
    path: ['reference'],
  });
export type PayoutBody = z.infer<typeof payoutBody>;

const user = z.object({ id: z.uuid(), name: z.string() }).nullable();
export const documentCheck = z.object({
  code: z.string(),
  label: z.string(),
  required: z.boolean(),
  checked: z.boolean(),
});

export const refundSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.string(),
  address: z.string(),
  caseKind: refundCase,
  amount: z.string(),
  documents: z.array(documentCheck),
  notes: z.string().nullable(),
  payeeName: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccountNo: z.string().nullable(),
  status: refundStatus,
  disposition: z.enum(['transfer', 'payout']).nullable(),
  filedBy: user,
  filedAt: z.string(),
  reviewedBy: user,
  reviewedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  targetAccountId: z.uuid().nullable(),
  targetAccountNo: z.string().nullable(),
  approvalId: z.uuid().nullable(),
  approvalNo: z.string().nullable(),
  approvalStatus: z.string().nullable(),
  ledgerEntryId: z.uuid().nullable(),
  targetEntryId: z.uuid().nullable(),
  payoutMethod: payoutMethod.nullable(),
  payoutReference: z.string().nullable(),
  paidBy: user,
  paidAt: z.string().nullable(),
});
export type Refund = z.infer<typeof refundSchema>;

export const listRefundsQuery = z.object({
  ...pagingQuery,
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['filedAt', 'no', 'amount']).default('filedAt'),
  caseKind: refundCase.optional(),
  status: refundStatus.optional(),
  accountId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Text in the refund number, account number or customer name. */
  q: z.string().trim().max(50).optional(),
});
export type ListRefundsQuery = z.infer<typeof listRefundsQuery>;

/** The checklist and the available prepayment of an account for a case, before filing. */
export const checklistQuery = z.object({ accountId: z.uuid(), caseKind: refundCase });
export const checklistSchema = z.object({
  accountId: z.uuid(),
  accountNo: z.string(),
  customerName: z.string(),
  customerKind: z.string(),
  prepayment: z.string(),
  pending: z.string(),
  available: z.string(),
  documents: z.array(documentCheck.omit({ checked: true })),
});
