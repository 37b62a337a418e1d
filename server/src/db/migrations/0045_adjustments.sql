-- Issue 6, step 2. BIL-5 adjustments (退补, 000 §142–143): applied for (the 退补气量气费申请单), approved
-- (approval kind `adjustment`), posted to the ledger by the final approval (kind 'adjustment', source_id =
-- the adjustment) and archived by the admin team (综合管理班). Meter-fault adjustments are summarised monthly
-- (维修换表退补汇总表, day bil.meterFaultAdjustmentSummaryDay). MTR-6 IC-card meter checks of C&I accounts
-- and MTR-7 safety checks of suspended C&I accounts.
CREATE TABLE meter_fault_summaries (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The month summarised (YYYY-MM): one summary per company and month, so a rerun writes nothing.
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  built_on date NOT NULL,
  adjustments integer NOT NULL DEFAULT 0,
  credit_total numeric(14, 2) NOT NULL DEFAULT 0,
  debit_total numeric(14, 2) NOT NULL DEFAULT 0,
  -- NULL: built by the scheduled job.
  built_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, month),
  FOREIGN KEY (company_id, built_by) REFERENCES users (company_id, id)
);

CREATE TABLE adjustments (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  adjustment_no text COLLATE "C" NOT NULL,
  account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN
    ('readingError', 'masterDataError', 'meterFault', 'auditFinding', 'priceAdjustment', 'other')),
  -- credit 退 (the customer owes less), debit 补 (the customer owes more).
  direction text NOT NULL CHECK (direction IN ('credit', 'debit')),
  -- The form's 上次表码 / 本次表码 and 退补量; the amount is volume × price or given as such.
  previous_reading numeric(12, 3) CHECK (previous_reading >= 0),
  current_reading numeric(12, 3) CHECK (current_reading >= 0),
  volume numeric(12, 3) CHECK (volume > 0),
  price numeric(10, 4) CHECK (price > 0),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  -- The billing periods concerned (YYYY-MM).
  periods text[] NOT NULL DEFAULT '{}',
  reason text NOT NULL CHECK (reason <> ''),
  evidence text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected', 'withdrawn', 'posted', 'archived')),
  approval_id uuid,
  applied_by uuid NOT NULL,
  ledger_entry_id uuid,
  posted_at timestamptz,
  due_on date,
  archive_no text,
  archived_by uuid,
  archived_at timestamptz,
  meter_fault_summary_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, adjustment_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, approval_id) REFERENCES approval_requests (company_id, id),
  FOREIGN KEY (company_id, applied_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, ledger_entry_id) REFERENCES ledger_entries (company_id, id),
  FOREIGN KEY (company_id, archived_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, meter_fault_summary_id) REFERENCES meter_fault_summaries (company_id, id),
  CHECK ((status IN ('posted', 'archived')) = (ledger_entry_id IS NOT NULL AND posted_at IS NOT NULL)),
  CHECK ((status = 'archived') = (archive_no IS NOT NULL AND archived_at IS NOT NULL)),
  CHECK (direction = 'credit' OR status NOT IN ('posted', 'archived') OR due_on IS NOT NULL),
  CHECK (meter_fault_summary_id IS NULL OR kind = 'meterFault')
);
CREATE UNIQUE INDEX adjustments_archive_no ON adjustments (company_id, archive_no) WHERE archive_no IS NOT NULL;
CREATE INDEX adjustments_account ON adjustments (company_id, account_id, created_at);
CREATE INDEX adjustments_status ON adjustments (company_id, status, created_at);
CREATE INDEX adjustments_unsummarised ON adjustments (company_id, posted_at)
  WHERE kind = 'meterFault' AND meter_fault_summary_id IS NULL AND posted_at IS NOT NULL;

-- MTR-6: an IC-card meter of a C&I account checked on site: base reading and remaining volume.
CREATE TABLE ic_meter_checks (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meter_id uuid NOT NULL,
  account_id uuid NOT NULL,
  checked_on date NOT NULL,
  base_reading numeric(12, 3) NOT NULL CHECK (base_reading >= 0),
  remaining_volume numeric(12, 3) NOT NULL CHECK (remaining_volume >= 0),
  note text,
  checked_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, checked_by) REFERENCES users (company_id, id)
);
CREATE INDEX ic_meter_checks_meter ON ic_meter_checks (company_id, meter_id, checked_on DESC);

-- MTR-7: the safety check of a suspended C&I account.
CREATE TABLE suspended_safety_checks (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  checked_on date NOT NULL,
  result text NOT NULL CHECK (result IN ('ok', 'hazard')),
  note text,
  checked_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, checked_by) REFERENCES users (company_id, id),
  CHECK (result = 'ok' OR coalesce(note, '') <> '')
);
CREATE INDEX suspended_safety_checks_account ON suspended_safety_checks (company_id, account_id, checked_on DESC);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('adjustment.read', 'billing', '查看退补申请和表具故障退补汇总', 'View adjustments and meter-fault summaries'),
  ('adjustment.apply', 'billing', '发起退补申请', 'Apply for adjustments'),
  ('adjustment.archive', 'billing', '退补审核归档（综合管理班）', 'Archive posted adjustments (admin team)'),
  ('meterCheck.read', 'billing', '查看 IC 卡表核查和停用户安检', 'View IC-meter checks and suspended-account safety checks'),
  ('meterCheck.record', 'billing', '登记 IC 卡表核查和停用户安检', 'Record IC-meter checks and suspended-account safety checks');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'adjustment.read' FROM unnest(ARRAY['hall_clerk', 'meter_reader', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'adjustment_approver', 'archivist', 'finance', 'finance_director',
  'general_manager', 'deputy_general_manager', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'adjustment.apply' FROM unnest(ARRAY['hall_clerk', 'meter_reader', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager']) AS role_code
UNION ALL
SELECT role_code, 'adjustment.archive' FROM unnest(ARRAY['archivist']) AS role_code
UNION ALL
SELECT role_code, 'meterCheck.read' FROM unnest(ARRAY['meter_reader', 'safety_inspector', 'team_leader',
  'centre_director', 'centre_supervisor', 'department_manager', 'safety_officer', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'meterCheck.record' FROM unnest(ARRAY['meter_reader', 'safety_inspector', 'team_leader']) AS role_code;
SELECT grant_default_permissions(ARRAY['adjustment.read', 'adjustment.apply', 'adjustment.archive', 'meterCheck.read',
  'meterCheck.record']);
