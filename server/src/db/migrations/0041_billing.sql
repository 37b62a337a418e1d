-- BIL-1 / BIL-2, step 1 of issue 6: tariffs by usage nature (effective-dated, tiered annual volumes for
-- households), the billing run of a period (resumable, one run at a time) and its bills, each posted to the
-- account ledger as a debit in the same transaction.

-- BIL-1: a tariff of one usage nature in force from `effective_from` to `effective_to` (both inclusive; NULL:
-- open-ended). Two tariffs of one nature never overlap: the service checks it under a lock of the nature row.
-- Changing a tariff later goes through approvals (a later step).
CREATE TABLE tariffs (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  usage_nature text NOT NULL,
  name text NOT NULL CHECK (name <> ''),
  effective_from date NOT NULL,
  effective_to date,
  -- Tiered annual volumes (阶梯气价): the tier an m³ falls in is set by the account's billed volume in the
  -- calendar year so far. A flat tariff is one tier without an upper bound.
  tiered boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, usage_nature) REFERENCES usage_natures (company_id, code),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX tariffs_nature ON tariffs (company_id, usage_nature, effective_from);

-- The tiers of a tariff: annual volume from `lower_volume` (inclusive) to `upper_volume` (exclusive; NULL: no
-- bound, the last tier) per household and year, and the price per m³. Large households (policy
-- bil.largeHouseholdPersons) get bil.largeHouseholdExtraVolume more m³ in every bounded tier.
CREATE TABLE tariff_tiers (
  company_id uuid NOT NULL,
  tariff_id uuid NOT NULL,
  tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 9),
  lower_volume numeric(12, 3) NOT NULL CHECK (lower_volume >= 0),
  upper_volume numeric(12, 3),
  price numeric(10, 4) NOT NULL CHECK (price >= 0),
  PRIMARY KEY (company_id, tariff_id, tier),
  FOREIGN KEY (company_id, tariff_id) REFERENCES tariffs (company_id, id) ON DELETE CASCADE,
  CHECK (upper_volume IS NULL OR upper_volume > lower_volume)
);

-- BIL-1: the household size a residential account's tiers are widened for (户籍人口, from the household
-- register the customer shows). No row: a standard household.
CREATE TABLE billing_households (
  company_id uuid NOT NULL,
  account_id uuid NOT NULL,
  persons smallint NOT NULL CHECK (persons BETWEEN 1 AND 99),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, account_id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);

-- BIL-2: a billing run of one period. It works through the accounts with accepted readings in chunks by
-- account id; every chunk is one transaction that also moves `cursor_account_id`, so a run that stopped
-- (crash, restart) continues after the last chunk it committed. One run per company and period at a time.
CREATE TABLE billing_runs (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  chunk_size integer NOT NULL DEFAULT 20000 CHECK (chunk_size BETWEEN 1 AND 1000000),
  -- Accounts with accepted readings in the period when the run started (for the progress bar).
  accounts_total integer,
  cursor_account_id uuid,
  chunks_done integer NOT NULL DEFAULT 0,
  accounts_done integer NOT NULL DEFAULT 0,
  bills_created integer NOT NULL DEFAULT 0,
  -- Accounts whose nature had no tariff in force over their reading days: not billed, listed for the desk.
  accounts_without_tariff integer NOT NULL DEFAULT 0,
  amount_total numeric(16, 2) NOT NULL DEFAULT 0,
  error text,
  started_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, started_by) REFERENCES users (company_id, id)
);
CREATE UNIQUE INDEX billing_runs_one_active ON billing_runs (company_id, period) WHERE status IN ('queued', 'running');
CREATE INDEX billing_runs_recent ON billing_runs (company_id, created_at DESC);

-- BIL-2: one bill per account and period (the unique key makes a rerun a no-op). `lines` holds the volume per
-- tariff segment and tier with its price and amount (each rounded to 0.01 half-up); they are written once with
-- the bill and always read with it.
CREATE TABLE bills (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  run_id uuid,
  kind text NOT NULL DEFAULT 'actual' CHECK (kind IN ('actual', 'estimated')),
  usage_nature text NOT NULL,
  customer_kind text NOT NULL CHECK (customer_kind IN ('residential', 'commercial', 'institutional')),
  -- The days the readings cover (from the day after the previous reading) and the last reading date.
  from_date date NOT NULL,
  read_on date NOT NULL,
  meters integer NOT NULL CHECK (meters >= 1),
  volume numeric(12, 3) NOT NULL CHECK (volume >= 0),
  -- The account's billed volume earlier in the same calendar year: where the tiers started.
  year_volume_before numeric(14, 3) NOT NULL DEFAULT 0,
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  due_on date NOT NULL,
  lines jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, account_id, period),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, run_id) REFERENCES billing_runs (company_id, id)
);
CREATE INDEX bills_run ON bills (company_id, run_id);

-- The ledger takes bills as debits; one bill debit per account and period.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('openingBalance', 'bill'));
CREATE UNIQUE INDEX ledger_entries_one_bill ON ledger_entries (company_id, account_id, period) WHERE kind = 'bill';

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('billing.read', 'billing', '查看气价、账单和计费批次', 'View tariffs, bills and billing runs'),
  ('billing.tariff.manage', 'billing', '维护气价（含阶梯气价）', 'Maintain tariffs (incl. tiered prices)'),
  ('billing.run', 'billing', '发起计费批次', 'Start billing runs');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'billing.read' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'cashier', 'meter_reader',
  'team_leader', 'centre_director', 'centre_supervisor', 'department_manager', 'adjustment_approver', 'finance',
  'finance_director', 'general_manager', 'deputy_general_manager', 'system_admin', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'billing.tariff.manage' FROM unnest(ARRAY['department_manager', 'finance_director']) AS role_code
UNION ALL
SELECT role_code, 'billing.run' FROM unnest(ARRAY['centre_supervisor', 'department_manager', 'finance']) AS role_code;
SELECT grant_default_permissions(ARRAY['billing.read', 'billing.tariff.manage', 'billing.run']);
