-- Issue 6, step 2 (billing engine): estimated bills and their true-up (BIL-6), broken meters billed on the
-- average with the 补气登记表 (MTR-5), the designed flow of C&I meters (MTR-4) and the C&I price-adjustment
-- run (调价补差, BIL-1).

-- BIL-6: the bill of a true-up credits the volume billed on estimates since the last actual reading, so it
-- may come out as a credit (a negative volume and amount, no due date; the ledger takes a negative entry).
ALTER TABLE bills DROP CONSTRAINT bills_volume_check;
ALTER TABLE bills DROP CONSTRAINT bills_amount_check;
ALTER TABLE bills ALTER COLUMN due_on DROP NOT NULL;
ALTER TABLE bills ADD CONSTRAINT bills_due_on_debit CHECK (amount <= 0 OR due_on IS NOT NULL);
-- The estimates (BIL-6 and broken meters) billing looks back at: few rows, so the true-up costs the run
-- nothing where there are none.
CREATE INDEX meter_readings_estimated ON meter_readings (company_id, account_id, period)
  WHERE kind = 'estimated' AND status = 'accepted';

-- MTR-5: a meter reported broken from a day until it is resolved (repaired or replaced). For the periods it
-- is broken the billing run bills it on the average of the previous mtr.anomalyAveragePeriods periods.
CREATE TABLE meter_faults (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  from_on date NOT NULL,
  note text CHECK (length(note) <= 500),
  reported_by uuid,
  reported_at timestamptz NOT NULL DEFAULT now(),
  resolved_on date,
  resolved_by uuid,
  resolved_note text CHECK (length(resolved_note) <= 500),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, reported_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, resolved_by) REFERENCES users (company_id, id),
  CHECK (resolved_on IS NULL OR resolved_on >= from_on)
);
-- One open fault per meter.
CREATE UNIQUE INDEX meter_faults_open ON meter_faults (company_id, meter_id) WHERE resolved_on IS NULL;
CREATE INDEX meter_faults_recent ON meter_faults (company_id, from_on DESC);

-- MTR-4: the designed flow of a (C&I) meter in m³/h; a reading whose average hourly use is below
-- mtr.designedFlowLowRatio of it is flagged belowDesignedFlow.
ALTER TABLE meters ADD COLUMN designed_flow numeric(10, 3) CHECK (designed_flow > 0);

-- BIL-1 调价补差: a run for one usage nature and a date range re-prices the C&I bills already issued for
-- days in the range at the tariffs now in force and posts the difference per bill (ledger kind
-- priceAdjustment, source_id = the line id, so a line is posted once).
CREATE TABLE price_adjustment_runs (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  usage_nature text NOT NULL,
  from_on date NOT NULL,
  to_on date NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  bills_total integer,
  -- Worked through in chunks by bill id; each chunk commits its lines, postings and this cursor together.
  cursor_bill_id uuid,
  bills_done integer NOT NULL DEFAULT 0,
  lines_created integer NOT NULL DEFAULT 0,
  amount_total numeric(16, 2) NOT NULL DEFAULT 0,
  error text,
  started_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, usage_nature) REFERENCES usage_natures (company_id, code),
  FOREIGN KEY (company_id, started_by) REFERENCES users (company_id, id),
  CHECK (to_on >= from_on)
);
CREATE UNIQUE INDEX price_adjustment_runs_one_active ON price_adjustment_runs (company_id, usage_nature)
  WHERE status IN ('queued', 'running');
-- The C&I bills a run walks by id (a small share of all bills).
CREATE INDEX bills_commercial ON bills (company_id, usage_nature, id) WHERE customer_kind <> 'residential';
CREATE INDEX price_adjustment_runs_recent ON price_adjustment_runs (company_id, created_at DESC);

-- One line per bill whose amount changed: what it was billed (with earlier adjustments), what it comes to
-- now, and the difference posted (positive: the customer pays more).
CREATE TABLE price_adjustment_lines (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL,
  bill_id uuid NOT NULL,
  account_id uuid NOT NULL,
  period text NOT NULL,
  volume numeric(12, 3) NOT NULL,
  billed_amount numeric(14, 2) NOT NULL,
  repriced_amount numeric(14, 2) NOT NULL,
  difference numeric(14, 2) NOT NULL CHECK (difference <> 0),
  lines jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, run_id, bill_id),
  FOREIGN KEY (company_id, run_id) REFERENCES price_adjustment_runs (company_id, id),
  FOREIGN KEY (company_id, bill_id) REFERENCES bills (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);
CREATE INDEX price_adjustment_lines_bill ON price_adjustment_lines (company_id, bill_id);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('reading.meterFault.manage', 'readings', '登记坏表、打印补气登记表、维护表具设计流量',
   'Report broken meters, print the top-up register, set meters'' designed flow'),
  ('billing.priceAdjustment.run', 'billing', '发起工商户调价补差', 'Start C&I price-adjustment runs');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'reading.meterFault.manage' FROM unnest(ARRAY['meter_reader', 'team_leader', 'centre_supervisor',
  'department_manager']) AS role_code
UNION ALL
SELECT role_code, 'billing.priceAdjustment.run' FROM unnest(ARRAY['department_manager', 'finance']) AS role_code;
SELECT grant_default_permissions(ARRAY['reading.meterFault.manage', 'billing.priceAdjustment.run']);
