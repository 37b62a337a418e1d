import { z } from 'zod';
import { clock, count, policy } from '../define.js';

const step = z.object({
  /** Any one of these roles may sign the step. */
  roles: z.array(z.string().min(1)).min(1),
  label: z.string().min(1),
});
const tier = z.object({
  /** The tier covers amounts up to and including this; null = no upper bound. */
  upTo: z.number().nonnegative().nullable(),
  /** The levels that sign, in order. */
  steps: z.array(step).min(1),
});
export const chainsSchema = z.record(z.string(), z.array(tier).min(1));
export type ApprovalChains = z.infer<typeof chainsSchema>;

const teamLevel = { roles: ['team_leader', 'centre_director'], label: '班长或营业厅主任' };
const supervisorLevel = { roles: ['centre_supervisor'], label: '分管主管' };
const departmentLevel = { roles: ['department_manager'], label: '部门经理' };
const deputyLevel = { roles: ['deputy_general_manager'], label: '副总经理' };
const financeLevel = { roles: ['finance_director'], label: '财务总监' };
const gmLevel = { roles: ['general_manager'], label: '总经理' };

export const platformPolicies = {
  'iam.deprovisionWorkingDays': policy({
    rule: 'IAM-3',
    zh: '调岗或离职后调整或停用账号的期限',
    en: 'Working days to adjust or disable an account after a transfer or departure',
    unit: 'workingDays',
    schema: count(60),
    default: 3,
  }),
  'approvals.chains': policy({
    rule: 'BIL-4 / IAM-1 / IAM-5',
    zh: '审批链：按审批类型和金额档位，逐级签批',
    en: 'Approval chains by kind and amount tier; each level signs in order',
    unit: 'table',
    schema: chainsSchema,
    default: {
      // BIL-4: 1–50 team leader or hall director; 51–100 supervising manager; 101–300 department
      // manager; 301–500 deputy GM and finance director; > 500 general manager; each level in order.
      lateFeeWaiver: [
        { upTo: 50, steps: [teamLevel] },
        { upTo: 100, steps: [teamLevel, supervisorLevel] },
        { upTo: 300, steps: [teamLevel, supervisorLevel, departmentLevel] },
        { upTo: 500, steps: [teamLevel, supervisorLevel, departmentLevel, deputyLevel, financeLevel] },
        { upTo: null, steps: [teamLevel, supervisorLevel, departmentLevel, deputyLevel, financeLevel, gmLevel] },
      ],
      policyChange: [{ upTo: null, steps: [gmLevel] }],
      // IAM-1: department approval, then the administrator's review against the conflict table.
      accountRequest: [
        {
          upTo: null,
          steps: [
            { roles: ['centre_director', 'centre_supervisor', 'department_manager'], label: '部门审批' },
            { roles: ['system_admin'], label: '系统管理员审核开通' },
          ],
        },
      ],
      // IAM-5: bulk extraction of customer data.
      dataExport: [{ upTo: null, steps: [departmentLevel] }],
      // IAM-4 (000 §38): protected customer data (name, ID, phone, address, meter, bank) changes on the
      // archivist's or the hall director's review.
      customerDataChange: [
        { upTo: null, steps: [{ roles: ['archivist', 'centre_director'], label: '建档员或营业厅主任审核' }] },
      ],
      // IAM-2: a privileged account is used only after an approved temporary-use request.
      privilegedAccess: [{ upTo: null, steps: [departmentLevel] }],
      // CUS-11: cheap → dear by the office manager; dear → cheap by the deputy GM.
      usageNatureChangeUp: [{ upTo: null, steps: [{ roles: ['centre_director'], label: '营业所主任' }] }],
      usageNatureChangeDown: [{ upTo: null, steps: [deputyLevel] }],
      // MTR-1: a change of reading plan needs a written request and the manager's approval.
      readingPlanChange: [{ upTo: null, steps: [departmentLevel] }],
      // BIL-5: adjustments (退补) are applied for, approved, posted and archived.
      adjustment: [{ upTo: null, steps: [{ roles: ['adjustment_approver'], label: '退补审批' }] }],
      // BIL-1: a new tariff, a new price version or ending one: department manager, then finance director.
      tariffChange: [{ upTo: null, steps: [departmentLevel, financeLevel] }],
      // PAY-1: a payment is reversed (冲正) after the hall director's and then finance's approval.
      paymentReversal: [
        {
          upTo: null,
          steps: [
            { roles: ['centre_director'], label: '营业厅主任审批' },
            { roles: ['finance', 'finance_director'], label: '财务审批' },
          ],
        },
      ],
      // PAY-7: accepted refunds are paid out after finance approval.
      refund: [{ upTo: null, steps: [departmentLevel, { roles: ['finance', 'finance_director'], label: '财务审批' }] }],
      // ICC-2: replenishment needs an authorised approver.
      replenishment: [{ upTo: null, steps: [{ roles: ['centre_director', 'centre_supervisor'], label: '补气审批' }] }],
      // COL-4: a repayment agreement is approved by the deputy GM.
      repaymentAgreement: [{ upTo: null, steps: [deputyLevel] }],
      // WTR-1: a meter-index correction needs the manager's approval.
      meterIndexCorrection: [{ upTo: null, steps: [departmentLevel] }],
      // BOF-4: leave by length — up to 1 day the supervisor, up to 3 days the manager, beyond the director.
      leave: [
        { upTo: 1, steps: [supervisorLevel] },
        { upTo: 3, steps: [departmentLevel] },
        { upTo: null, steps: [{ roles: ['general_manager', 'deputy_general_manager'], label: '分管领导' }] },
      ],
    },
  }),
  'calendar.workingHours': policy({
    rule: 'SVC-6',
    zh: '工作时段（计算工作小时）',
    en: 'Working hours of a working day (for working-hour deadlines)',
    unit: 'table',
    schema: z.array(z.object({ start: clock, end: clock })).min(1),
    default: [
      { start: '08:30', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ],
  }),
};
