-- Issue 7, step 1 (PAY-1): the cash desk's payments. A payment is one credit in the ledger (kind 'payment');
-- before it, the late fee of each debt it pays is crystallised (kind 'lateFee', source = the allocation). A
-- reversal, on final approval, is one debit (kind 'paymentReversal', source = the payment).
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN (
  'openingBalance', -- 期初欠费
  'bill',           -- a period's bill (actual or estimated)
  'lateFee',        -- 违约金 charged (crystallised when collected or waived)
  'lateFeeWaiver',  -- 违约金减免 (a credit against a charged late fee)
  'adjustment',     -- 退补 (credit or debit)
  'priceAdjustment',-- 调价补差 (C&I)
  'payment',        -- 收费 (credit)
  'paymentReversal' -- 收费冲正 (debit)
));

CREATE TABLE payments (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  -- SK-YYYYMMDD-NNNNNN, a daily serial.
  no text NOT NULL,
  account_id uuid NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  -- [{method, amount, reference}], 1–6 tenders summing to amount.
  tenders jsonb NOT NULL,
  prepayment numeric(14, 2) NOT NULL CHECK (prepayment >= 0),
  note text,
  idempotency_key text NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  -- sha256 of the normalised request: the same key with another body is refused.
  request_hash text NOT NULL,
  status text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'reversed')),
  cashier_id uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_on date NOT NULL,
  ledger_entry_id uuid NOT NULL,
  reversal_approval_id uuid,
  reversal_reason text,
  reversed_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, idempotency_key),
  UNIQUE (company_id, no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, cashier_id) REFERENCES users (company_id, id)
);
CREATE INDEX payments_account ON payments (company_id, account_id, received_at DESC);
CREATE INDEX payments_received ON payments (company_id, received_at DESC);
CREATE INDEX payments_cashier ON payments (company_id, cashier_id, received_at DESC);

-- What a payment paid of each debt: its late fee first, then its principal.
CREATE TABLE payment_allocations (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  payment_id uuid NOT NULL,
  account_id uuid NOT NULL,
  seq int NOT NULL,
  -- The debt (a ledger debit).
  entry_id uuid NOT NULL,
  period text,
  late_fee numeric(14, 2) NOT NULL CHECK (late_fee >= 0),
  principal numeric(14, 2) NOT NULL CHECK (principal >= 0),
  -- The crystallised late fee (kind 'lateFee') when late_fee > 0.
  late_fee_entry_id uuid,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, payment_id, seq),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id)
);
CREATE INDEX payment_allocations_account ON payment_allocations (company_id, account_id) WHERE late_fee > 0;

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('payment.read', 'payments', '查看收费记录和用户欠费', 'View payments and what accounts owe'),
  ('payment.collect', 'payments', '收费（收费台）', 'Collect payments at the cash desk'),
  ('payment.reverse', 'payments', '申请收费冲正', 'File payment reversals');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'payment.read' FROM unnest(ARRAY['cashier', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'finance', 'finance_director', 'auditor', 'department_manager']) AS role_code
UNION ALL
SELECT role_code, 'payment.collect' FROM unnest(ARRAY['cashier', 'hall_clerk']) AS role_code
UNION ALL
SELECT role_code, 'payment.reverse' FROM unnest(ARRAY['cashier', 'centre_supervisor']) AS role_code;
SELECT grant_default_permissions(ARRAY['payment.read', 'payment.collect', 'payment.reverse']);
