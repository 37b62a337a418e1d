-- Issue 7, parts 5 and 7: refunds (PAY-7, 退费) and deposits (PAY-8, 押金).
-- A refund is filed by case (000 ch.15) with the documents checked, reviewed (refused with a reason, or
-- accepted), then either moved to another account's prepayment at once (ledger 'prepaymentTransfer': a debit
-- on this account, source = the refund; a credit on the other, source = transfer_credit_id) or filed for the
-- `refund` approval chain, whose final approval posts the ledger 'refund' debit (source = the refund) and
-- finance records the payout. A deposit is held outside the gas account with its own movements; released it is
-- refunded, applied to the account (ledger 'depositApplied' credit, source = the deposit) or forfeited.

CREATE TABLE refunds (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- TF-YYYYMMDD-NNNN, a daily serial.
  no text NOT NULL,
  account_id uuid NOT NULL,
  case_kind text NOT NULL CHECK (case_kind IN (
    'readingError', -- 抄表差错 (安抄中心)
    'wrongAccount', -- 交错账户 (客户服务中心)
    'wrongAmount',  -- 交错金额
    'stoppedUse',   -- 停用气
    'demolition',   -- 拆迁
    'commercial',   -- 工商户退费 (工商户管理班)
    'other'         -- 其他
  )),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  -- The checklist in force when filed: [{code, label, required, checked}].
  documents jsonb NOT NULL,
  notes text,
  payee_name text,
  bank_name text,
  bank_account_no text,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN (
    'submitted', 'refused', 'transferred', 'approving', 'approved', 'rejected', 'withdrawn', 'paidOut')),
  disposition text CHECK (disposition IN ('transfer', 'payout')),
  filed_by uuid NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by uuid,
  reviewed_at timestamptz,
  refusal_reason text,
  target_account_id uuid,
  transfer_credit_id uuid,
  approval_id uuid,
  ledger_entry_id uuid,
  target_entry_id uuid,
  payout_method text CHECK (payout_method IN ('cash', 'bankTransfer')),
  payout_reference text,
  paid_by uuid,
  paid_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, no),
  UNIQUE (company_id, transfer_credit_id),
  CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
  CHECK (target_account_id IS NULL OR target_account_id <> account_id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, target_account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, filed_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, reviewed_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, paid_by) REFERENCES users (company_id, id)
);
CREATE INDEX refunds_account ON refunds (company_id, account_id, filed_at DESC);
CREATE INDEX refunds_filed ON refunds (company_id, filed_at DESC);

-- PAY-8: the deposits table of CUS-9 (0020, 0023; meter-test deposits of SVC-9 work orders) gains the water
-- new-connection kind, the releases 'applied' and 'forfeited', a number, the tender and what went where.
-- Kinds: 'meter' 验表押金, 'prepayment' 工商户预付押金, 'waterConnection' 水表接水押金, 'other'.
ALTER TABLE deposits DROP CONSTRAINT deposits_kind_check;
ALTER TABLE deposits ADD CONSTRAINT deposits_kind_check
  CHECK (kind IN ('prepayment', 'meter', 'waterConnection', 'other'));
ALTER TABLE deposits DROP CONSTRAINT deposits_status_check;
ALTER TABLE deposits ADD CONSTRAINT deposits_status_check
  CHECK (status IN ('held', 'refunded', 'transferred', 'applied', 'forfeited'));
-- YJ-YYYYMMDD-NNNN for deposits received at the desk (printed on the deposit receipt).
ALTER TABLE deposits ADD COLUMN no text;
ALTER TABLE deposits ADD COLUMN method text CHECK (method IN ('cash', 'pos', 'wechat', 'alipay', 'bankTransfer'));
ALTER TABLE deposits ADD COLUMN reference text;
ALTER TABLE deposits ADD COLUMN refunded_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0);
ALTER TABLE deposits ADD COLUMN applied_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (applied_amount >= 0);
ALTER TABLE deposits ADD COLUMN forfeited_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (forfeited_amount >= 0);
ALTER TABLE deposits ADD COLUMN meter_test_result text CHECK (meter_test_result IN ('accurate', 'inaccurate'));
ALTER TABLE deposits ADD COLUMN release_note text;
ALTER TABLE deposits ADD COLUMN ledger_entry_id uuid;
ALTER TABLE deposits ADD COLUMN received_by uuid;
ALTER TABLE deposits ADD COLUMN released_by uuid;
ALTER TABLE deposits ADD COLUMN released_at timestamptz;
ALTER TABLE deposits ADD CONSTRAINT deposits_no_unique UNIQUE (company_id, no);
-- The paper receipt number is unique in the company: the check before insert alone let two desks at once both take
-- one number. Deposits received at the desk (no IS NOT NULL) only: older rows of 0020/0023 are left as they are.
CREATE UNIQUE INDEX deposits_receipt_no_unique ON deposits (company_id, receipt_no)
  WHERE receipt_no IS NOT NULL AND no IS NOT NULL;
ALTER TABLE deposits ADD FOREIGN KEY (company_id, received_by) REFERENCES users (company_id, id);
ALTER TABLE deposits ADD FOREIGN KEY (company_id, released_by) REFERENCES users (company_id, id);
-- Released here: what went out adds up to what was held.
ALTER TABLE deposits ADD CONSTRAINT deposits_released_sum
  CHECK (released_at IS NULL OR refunded_amount + applied_amount + forfeited_amount = amount);
CREATE INDEX deposits_held ON deposits (company_id, created_at DESC) WHERE status = 'held';

-- Each state change of a deposit, once: received, then refunded / applied / forfeited (each at most once).
CREATE TABLE deposit_movements (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  deposit_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('received', 'refunded', 'applied', 'forfeited')),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  method text,
  reference text,
  note text,
  by_user uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, deposit_id, kind),
  FOREIGN KEY (company_id, deposit_id) REFERENCES deposits (company_id, id),
  FOREIGN KEY (company_id, by_user) REFERENCES users (company_id, id)
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('refund.read', 'payments', '查看退费申请', 'View refunds'),
  ('refund.request', 'payments', '受理退费申请', 'File refunds'),
  ('refund.review', 'payments', '审核退费申请（拒绝 / 转户 / 提交财务审批）', 'Review refunds (refuse, transfer, send for approval)'),
  ('refund.payout', 'payments', '退费付款登记（财务）', 'Record refund payouts (finance)'),
  ('deposit.read', 'payments', '查看押金', 'View deposits'),
  ('deposit.manage', 'payments', '收取、退还押金', 'Receive and release deposits');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'refund.read' FROM unnest(ARRAY['hall_clerk', 'cashier', 'meter_reader', 'team_leader',
  'centre_director', 'centre_supervisor', 'department_manager', 'finance', 'finance_director', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'refund.request' FROM unnest(ARRAY['hall_clerk', 'meter_reader', 'team_leader',
  'centre_supervisor']) AS role_code
UNION ALL
SELECT role_code, 'refund.review' FROM unnest(ARRAY['team_leader', 'centre_director', 'centre_supervisor']) AS role_code
UNION ALL
SELECT role_code, 'refund.payout' FROM unnest(ARRAY['finance', 'finance_director']) AS role_code
UNION ALL
SELECT role_code, 'deposit.read' FROM unnest(ARRAY['cashier', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'finance', 'finance_director', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'deposit.manage' FROM unnest(ARRAY['cashier', 'hall_clerk', 'team_leader']) AS role_code;
SELECT grant_default_permissions(ARRAY['refund.read', 'refund.request', 'refund.review', 'refund.payout',
  'deposit.read', 'deposit.manage']);
