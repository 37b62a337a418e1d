-- MTR, step 1 of issue 6: the readings every bill is computed from. One row per reading of one meter
-- for one billing period as it came in (handheld, file, API, the desk) or as estimated; a reviewer's
-- correction or a re-read replaces it by a new row (the old one is superseded), never by an edit of the
-- numbers. Only accepted readings are billed (MTR-4); at most one accepted reading per meter and period.
CREATE TABLE meter_readings (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  -- The billing period the reading closes (YYYY-MM).
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  read_on date NOT NULL,
  -- The meter's register now, and where the period started (the last accepted reading, the base reading
  -- of a new meter, or the final reading of a replaced one).
  reading numeric(12, 3) NOT NULL CHECK (reading >= 0),
  previous_reading numeric(12, 3) NOT NULL CHECK (previous_reading >= 0),
  previous_read_on date,
  -- The volume the period used (m³): reading − previous, or as worked out for a rollover, a meter change
  -- or an estimate; never negative once accepted.
  volume numeric(12, 3) NOT NULL,
  -- actual: read on site; estimated (BIL-6): no reading, billed on the average and trued up by the next
  -- actual one; corrected: a reviewer's correction of an actual reading (reason required).
  kind text NOT NULL DEFAULT 'actual' CHECK (kind IN ('actual', 'estimated', 'corrected')),
  -- pending: checked, nothing found, not yet accepted; flagged: waits in the review queue; accepted:
  -- billable; reread: a re-read was ordered; superseded: replaced by a later row of the same period.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'flagged', 'accepted', 'reread', 'superseded')),
  -- MTR-4 findings: zeroUse, negative, rollover, reversal, high, low, belowDesignFlow, …
  flags text[] NOT NULL DEFAULT '{}',
  source text NOT NULL CHECK (source IN ('handheld', 'file', 'api', 'desk', 'estimate', 'review')),
  reader_id uuid,
  reason text,
  replaces_id uuid,
  accepted_by uuid,
  accepted_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, reader_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, accepted_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, replaces_id) REFERENCES meter_readings (company_id, id),
  CHECK (status <> 'accepted' OR (volume >= 0 AND accepted_at IS NOT NULL)),
  CHECK (kind <> 'corrected' OR (reason IS NOT NULL AND reason <> ''))
);
CREATE UNIQUE INDEX meter_readings_one_accepted ON meter_readings (company_id, meter_id, period)
  WHERE status = 'accepted';
-- What billing reads: the accepted readings of a period, account by account.
CREATE INDEX meter_readings_period ON meter_readings (company_id, period, account_id) WHERE status = 'accepted';
CREATE INDEX meter_readings_meter ON meter_readings (company_id, meter_id, read_on DESC);
CREATE INDEX meter_readings_review ON meter_readings (company_id, status, period) WHERE status = 'flagged';
