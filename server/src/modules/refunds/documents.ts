/**
 * PAY-7 (000 ch.15): the refund cases, who files each and the documents checked for each. Both are policy
 * (`pay.refundDocuments`, `pay.refundFilers`); a refund keeps the checklist in force when it was filed.
 * Only zod here: the policy catalogue imports this file.
 */
import { z } from 'zod';

export const refundCases = [
  'readingError',
  'wrongAccount',
  'wrongAmount',
  'stoppedUse',
  'demolition',
  'commercial',
  'other',
] as const;
export type RefundCase = (typeof refundCases)[number];

const item = z.object({
  code: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, { error: '资料编码为小写字母开头的字母数字 / a camelCase code' }),
  label: z.string().trim().min(1).max(120),
  required: z.boolean(),
});
export type RefundDocument = z.infer<typeof item>;
const list = z
  .array(item)
  .max(20)
  .refine((items) => new Set(items.map((i) => i.code)).size === items.length, {
    error: '同一清单中资料编码不能重复 / codes must be unique within a list',
  });

export const refundDocumentsSchema = z.object(
  Object.fromEntries(refundCases.map((c) => [c, list])) as Record<RefundCase, typeof list>,
);
export type RefundDocuments = z.infer<typeof refundDocumentsSchema>;

const req = (code: string, label: string): RefundDocument => ({ code, label, required: true });
const opt = (code: string, label: string): RefundDocument => ({ code, label, required: false });
const idCopy = req('idCopy', '用户身份证（或户口本）原件及复印件');
const receipt = req('originalReceipt', '缴费收据（发票）原件');
const bankCard = opt('bankCard', '本人银行卡（退至银行账户时）');
const statement = opt('statement', '情况说明（客户签字确认）');

export const defaultRefundDocuments: RefundDocuments = {
  // 000 §110(一), §111(二): the reading centre checks on site.
  readingError: [idCopy, req('siteCheck', '上门核查记录（表码照片）'), statement, bankCard],
  // 000 §110(二): the customer's own mistakes, at the service centre.
  wrongAccount: [idCopy, receipt, req('statement', '情况说明（客户签字确认）'), bankCard],
  wrongAmount: [idCopy, receipt, statement, bankCard],
  stoppedUse: [idCopy, req('finalReading', '停用气确认单（最后表码）'), receipt, bankCard],
  // 000 §110(三).
  demolition: [
    idCopy,
    req('demolitionNotice', '拆迁通知书（或拆迁协议）复印件'),
    opt('propertyCertificate', '房产证复印件'),
    bankCard,
  ],
  // 000 §109, §111(三): C&I refunds at the C&I team.
  commercial: [
    req('licence', '营业执照复印件（加盖公章）'),
    req('stampedApplication', '加盖单位公章的退费申请'),
    req('agentId', '经办人身份证原件及复印件'),
    receipt,
    req('companyAccount', '单位对公账户信息（开户行、账号）'),
  ],
  other: [idCopy, receipt, req('statement', '情况说明（客户签字确认）'), bankCard],
};

/** Who files which refunds (000 §108–§111): role codes for each group. */
export const refundFilersSchema = z.object({
  /** Reading-error refunds of residential accounts: the reading centre (安抄中心). */
  reading: z.array(z.string().min(1).max(40)).min(1).max(20),
  /** Other residential refunds: the service centre / hall (客户服务中心). */
  hall: z.array(z.string().min(1).max(40)).min(1).max(20),
  /** Every refund of a C&I account: the C&I team (工商户管理班). */
  ci: z.array(z.string().min(1).max(40)).min(1).max(20),
});
export type RefundFilers = z.infer<typeof refundFilersSchema>;

export const defaultRefundFilers: RefundFilers = {
  reading: ['meter_reader', 'team_leader', 'centre_supervisor'],
  hall: ['hall_clerk', 'centre_supervisor'],
  ci: ['team_leader', 'centre_supervisor'],
};
