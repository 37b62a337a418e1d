-- Issue 7, step 3. PAY-2 (000 ch.8 §50–51, ch.10 §74): 日清日结 — a cashier's shift opens with a float
-- (pay.cashierFloat); its postings are the cashier's desk payments while it is open; at the close the cashier
-- counts the cash by denomination and enters the POS slips and the other tenders; the system's expected amount
-- per method (postings, + float for cash) and the variance, explained when not zero; the supervisor (中心主管)
-- signs the close off or returns it for a recount; a signed close never changes.
-- PAY-3 (§50, §55): cash in the safe (takings of closed shifts not yet banked + the floats of cashiers off
-- shift) at most pay.safeLimit; bank deposits take cash out of the safe.
-- PAY-4 (§53): door-to-door collectors (上门收费人员) post their fees at collection time (channel 'collector')
-- and hand the cash to the front desk: a hand-over the receiving cashier confirms into their shift.

CREATE TABLE cash_shifts (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  cashier_id uuid NOT NULL,
  -- The business date the shift was opened on (Asia/Shanghai).
  business_date date NOT NULL,
  float numeric(14, 2) NOT NULL CHECK (float >= 0),
  opened_at timestamptz NOT NULL DEFAULT now(),
  -- The end of the shift's postings window: set by the first close, kept by a recount.
  closed_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'returned', 'signed')),
  -- The count: {"100": 3, "50": 1, …} notes and coins by denomination (yuan).
  denominations jsonb,
  counted_cash numeric(14, 2),
  pos_total numeric(14, 2),
  pos_count integer,
  -- {"wechat": "…", "alipay": "…", "bankTransfer": "…", "voucher": "…"}
  other_totals jsonb,
  -- [{method, expected, counted, variance, explanation}] as submitted.
  lines jsonb,
  submitted_at timestamptz,
  submit_count integer NOT NULL DEFAULT 0,
  return_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, cashier_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, reviewed_by) REFERENCES users (company_id, id),
  CHECK (status = 'open' OR (closed_at IS NOT NULL AND counted_cash IS NOT NULL))
);
-- One open shift per cashier.
CREATE UNIQUE INDEX cash_shifts_one_open ON cash_shifts (company_id, cashier_id) WHERE status = 'open';
CREATE INDEX cash_shifts_date ON cash_shifts (company_id, business_date, status);
CREATE INDEX cash_shifts_status ON cash_shifts (company_id, status, submitted_at);

-- A signed-off close is immutable.
CREATE FUNCTION cash_shifts_signed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'cash_shifts: a signed-off close cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cash_shifts_signed_immutable BEFORE UPDATE OR DELETE ON cash_shifts
  FOR EACH ROW EXECUTE FUNCTION cash_shifts_signed_immutable();

-- Cash taken out of the safe to the bank (进账单): reduces the safe.
CREATE TABLE cash_deposits (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  deposited_on date NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  slip_no text NOT NULL,
  note text,
  recorded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, recorded_by) REFERENCES users (company_id, id)
);
CREATE INDEX cash_deposits_on ON cash_deposits (company_id, deposited_on);

-- PAY-4: a collector hands the cash of their collector payments to a cashier at the front desk.
CREATE TABLE cash_handovers (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  collector_id uuid NOT NULL,
  receiver_id uuid NOT NULL,
  -- The cash tenders of the payments covered, and what the collector says they hand over.
  expected numeric(14, 2) NOT NULL CHECK (expected >= 0),
  handed numeric(14, 2) NOT NULL CHECK (handed >= 0),
  -- What the receiving cashier counted.
  received numeric(14, 2) CHECK (received >= 0),
  explanation text,
  note text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed')),
  -- The receiving cashier's shift the cash went into.
  shift_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, collector_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, receiver_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, shift_id) REFERENCES cash_shifts (company_id, id),
  CHECK (status = 'pending' OR (received IS NOT NULL AND shift_id IS NOT NULL))
);
CREATE INDEX cash_handovers_receiver ON cash_handovers (company_id, receiver_id, status);
CREATE INDEX cash_handovers_shift ON cash_handovers (company_id, shift_id);

-- Each collector payment is handed over once.
CREATE TABLE cash_handover_payments (
  company_id uuid NOT NULL,
  handover_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  PRIMARY KEY (company_id, payment_id),
  FOREIGN KEY (company_id, handover_id) REFERENCES cash_handovers (company_id, id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id)
);
CREATE INDEX cash_handover_payments_handover ON cash_handover_payments (company_id, handover_id);
CREATE INDEX payments_collector ON payments (company_id, cashier_id, received_at) WHERE channel = 'collector';

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('cash.shift.own', 'payments', '开班、日结（本人班次）、接收走收交款', 'Open and close my own cash shift; receive hand-overs'),
  ('cash.collect.door', 'payments', '走收：上门收费并向前台交款', 'Collect door to door and hand the cash to the desk'),
  ('cash.close.review', 'payments', '审核日结（签字确认或退回重新清点）', 'Review daily closes: sign off or return for recount'),
  ('cash.safe.manage', 'payments', '登记银行存款（保险柜）', 'Record bank deposits out of the safe'),
  ('cash.report.read', 'payments', '查看日结、营业厅日报和保险柜现金', 'View daily closes, the centre daily report and the safe');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'cash.shift.own' FROM unnest(ARRAY['cashier', 'hall_clerk']) AS role_code
UNION ALL
SELECT role_code, 'cash.collect.door' FROM unnest(ARRAY['hall_clerk', 'repair_technician']) AS role_code
UNION ALL
SELECT role_code, 'cash.close.review' FROM unnest(ARRAY['centre_supervisor', 'centre_director']) AS role_code
UNION ALL
SELECT role_code, 'cash.safe.manage' FROM unnest(ARRAY['centre_supervisor', 'centre_director']) AS role_code
UNION ALL
SELECT role_code, 'cash.report.read' FROM unnest(ARRAY['centre_supervisor', 'centre_director', 'finance',
  'finance_director', 'auditor', 'department_manager']) AS role_code;
SELECT grant_default_permissions(ARRAY['cash.shift.own', 'cash.collect.door', 'cash.close.review',
  'cash.safe.manage', 'cash.report.read']);
