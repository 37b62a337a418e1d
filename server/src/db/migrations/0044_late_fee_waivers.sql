-- BIL-3 / BIL-4, issue 6 step 2: late fees are computed from the ledger (accrued to today, never posted
-- daily); a waiver (违约金减免) takes an amount off the late fee of the debts it names, once the approval
-- chain of its amount tier (policy `approvals.chains`, kind `lateFeeWaiver`) has signed in order.
CREATE TABLE late_fee_waivers (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  -- waive: the fee is not owed (the company's fault or a verified event); reduce: it is lowered.
  category text NOT NULL CHECK (category IN ('waive', 'reduce')),
  reason text NOT NULL CHECK (reason ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  note text CHECK (length(note) <= 500),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  -- The late fee of the named debts (after earlier waivers) when the waiver was requested.
  accrued numeric(14, 2) NOT NULL CHECK (accrued >= amount),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  approval_id uuid,
  -- The number of levels of the chain it was filed with (the tier, for the monthly report).
  levels integer NOT NULL CHECK (levels >= 1),
  requested_by uuid NOT NULL,
  requested_on date NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_on date,
  decided_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, approval_id) REFERENCES approval_requests (company_id, id),
  CHECK ((status IN ('pending')) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX late_fee_waivers_approval ON late_fee_waivers (company_id, approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX late_fee_waivers_account ON late_fee_waivers (company_id, account_id);
CREATE INDEX late_fee_waivers_requested ON late_fee_waivers (company_id, requested_on);

-- What a waiver takes off each debt (ledger entry) it names, oldest debt first.
CREATE TABLE late_fee_waiver_debts (
  company_id uuid NOT NULL,
  waiver_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (company_id, waiver_id, entry_id),
  FOREIGN KEY (company_id, waiver_id) REFERENCES late_fee_waivers (company_id, id),
  FOREIGN KEY (company_id, entry_id) REFERENCES ledger_entries (company_id, id)
);
CREATE INDEX late_fee_waiver_debts_entry ON late_fee_waiver_debts (company_id, entry_id);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('lateFee.read', 'billing', '查看违约金、减免登记和月报', 'View late fees, the waiver register and report'),
  ('lateFee.waive.request', 'billing', '申请减免违约金', 'Request a late-fee waiver');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'lateFee.read' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'cashier', 'team_leader',
  'centre_director', 'centre_supervisor', 'department_manager', 'adjustment_approver', 'finance', 'finance_director',
  'general_manager', 'deputy_general_manager', 'system_admin', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'lateFee.waive.request' FROM unnest(ARRAY['hall_clerk', 'cashier', 'team_leader', 'centre_director',
  'centre_supervisor']) AS role_code;
SELECT grant_default_permissions(ARRAY['lateFee.read', 'lateFee.waive.request']);
