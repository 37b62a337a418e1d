/**
 * The documents a customer hands in for each account change, by customer kind (000 ch.16 for a
 * transfer; 004 for suspension, closure and usage-nature change; 001 for the unsealing form). They are
 * policy (`cus.caseDocuments`): a company edits the list; a case keeps the list in force when it opened.
 * Only zod here: the policy catalogue imports this file.
 */
import { z } from 'zod';

export const caseKinds = ['transfer', 'suspension', 'reactivation', 'closure', 'natureChange'] as const;
export type CaseKind = (typeof caseKinds)[number];
export type CustomerKind = 'residential' | 'commercial' | 'institutional';

const item = z.object({
  code: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, { error: '资料编码为小写字母开头的字母数字 / a camelCase code' }),
  label: z.string().trim().min(1).max(120),
  /** An optional item (e.g. the power of attorney when an agent comes) does not hold the case up. */
  required: z.boolean(),
});
export type DocumentItem = z.infer<typeof item>;

const list = z
  .array(item)
  .max(20)
  .refine((items) => new Set(items.map((i) => i.code)).size === items.length, {
    error: '同一清单中资料编码不能重复 / codes must be unique within a list',
  });
const byCustomerKind = z.object({ residential: list, commercial: list, institutional: list });

export const caseDocumentsSchema = z.object({
  transfer: byCustomerKind,
  suspension: byCustomerKind,
  reactivation: byCustomerKind,
  closure: byCustomerKind,
  natureChange: byCustomerKind,
});
export type CaseDocuments = z.infer<typeof caseDocumentsSchema>;

const req = (code: string, label: string): DocumentItem => ({ code, label, required: true });
const opt = (code: string, label: string): DocumentItem => ({ code, label, required: false });

// 000 §118(三): a C&I transfer is re-assessed by the C&I team with these papers.
const businessTransfer = [
  req('newLicence', '新客户营业执照原件，复印件2份并加盖单位公章'),
  req('newRepresentativeIds', '新客户法人代表和经办人身份证原件，复印件各2份并加盖单位公章'),
  req('oldLicence', '原客户营业执照、法人身份证复印件各1份并加盖公章（无法提供的，由新客户出具盖章的书面情况说明）'),
  req('transferAgreement', '新老客户签订的天然气设施所有权转让协议原件2份，双方签字盖章'),
  req('prepaymentReceipt', '原客户预付款收据原件（原客户未缴纳的，由新客户重新缴纳预付款）'),
  req('newContract', '重新签订《城市供用气合同》一式两份'),
];
const organisationForm = (form: string) => [
  req('stampedApplication', `加盖单位公章的${form}`),
  req('agentId', '经办人身份证原件及复印件'),
];
const personForm = (form: string) => [
  req('application', `${form}（用户本人签字）`),
  req('idCopy', '用户身份证（或户口本）复印件'),
  opt('authorisation', '委托办理的：委托人和受托人身份证复印件各一份'),
];

export const defaultCaseDocuments: CaseDocuments = {
  // 000 §118(二): residential transfer.
  transfer: {
    residential: [
      req(
        'propertyCertificate',
        '新客户房产证原件及复印件1份（无房产证的，提供双方房产交易协议书复印件；廉租房提供廉租房合同复印件）',
      ),
      req('newOwnerId', '新客户身份证原件及复印件1份'),
      opt('authorisation', '非户主本人办理的：户主签字的授权委托书原件，经办人身份证原件及复印件'),
      req('newContract', '重新签订《城市燃气民用供用气合同》一式两份'),
    ],
    commercial: businessTransfer,
    institutional: businessTransfer,
  },
  suspension: {
    residential: personForm('报停申请表'),
    commercial: organisationForm('报停申请表'),
    institutional: organisationForm('报停申请表'),
  },
  reactivation: {
    residential: personForm('启封表申请表'),
    commercial: organisationForm('启封表申请表'),
    institutional: organisationForm('启封表申请表'),
  },
  closure: {
    residential: personForm('销户申请表'),
    commercial: organisationForm('销户申请表'),
    institutional: organisationForm('销户申请表'),
  },
  natureChange: {
    residential: personForm('用气性质变更申请表'),
    commercial: [...organisationForm('用气性质变更申请表'), req('licenceCopy', '营业执照复印件（加盖公章）')],
    institutional: organisationForm('用气性质变更申请表'),
  },
};
