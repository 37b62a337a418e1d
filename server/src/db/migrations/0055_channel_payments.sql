-- Issue 7, part 2 (PAY-1): payments that reach us without a cashier — online (网上缴费, through a payment gateway
-- that calls us back) and bank batch debit (银行代扣, a file out to the bank and its results file back).

-- A channel numbers its own payments (payments/service.ts paymentNo: series payment:online, payment:bankDebit).
ALTER TABLE daily_serials DROP CONSTRAINT daily_serials_series_check;
ALTER TABLE daily_serials ADD CONSTRAINT daily_serials_series_check
  CHECK (series ~ '^[a-z][A-Za-z]*(:([0-9a-f-]{36}|[a-z][A-Za-z]*))?$');

-- The company's account at its payment gateway. The secret signs the gateway's callbacks (HMAC-SHA256); it is
-- never returned by the API nor logged. provider 'simulator' is the local gateway shipped with Hearth.
CREATE TABLE payment_gateway_accounts (
  company_id uuid PRIMARY KEY REFERENCES companies (id),
  provider text NOT NULL DEFAULT 'simulator' CHECK (provider ~ '^[a-z][a-zA-Z0-9]{1,31}$'),
  merchant_id text NOT NULL UNIQUE CHECK (merchant_id ~ '^[A-Za-z0-9_-]{4,64}$'),
  secret text NOT NULL CHECK (length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A pay order: what the customer is asked to pay online for an account, until it is paid or expires.
CREATE TABLE online_orders (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  -- WO-YYYYMMDD-NNNNNN, a daily serial: the order number the gateway knows.
  no text NOT NULL,
  account_id uuid NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'expired')),
  pay_url text NOT NULL,
  qr_payload text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  gateway_trade_no text,
  payment_id uuid,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id),
  CHECK ((status = 'paid') = (payment_id IS NOT NULL))
);
CREATE INDEX online_orders_created ON online_orders (company_id, created_at DESC);
CREATE INDEX online_orders_account ON online_orders (company_id, account_id, created_at DESC);

-- Every verified callback: its notification id is processed once (the gateway retries), its nonce used once.
CREATE TABLE online_notifications (
  company_id uuid NOT NULL,
  notification_id text NOT NULL,
  nonce text NOT NULL,
  order_id uuid NOT NULL,
  amount numeric(14, 2) NOT NULL,
  trade_no text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, notification_id),
  FOREIGN KEY (company_id, order_id) REFERENCES online_orders (company_id, id)
);
CREATE TABLE online_nonces (
  company_id uuid NOT NULL,
  nonce text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, nonce)
);
-- Nonces older than twice the timestamp window are pruned: a replay of one is stale anyway.
CREATE INDEX online_nonces_seen ON online_nonces (company_id, seen_at);

-- 银行代扣协议: the account's gas bill is debited from this bank account.
CREATE TABLE debit_mandates (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  account_id uuid NOT NULL,
  bank_code text NOT NULL CHECK (bank_code ~ '^[A-Z0-9]{2,12}$'),
  bank_name text NOT NULL,
  bank_account_no text NOT NULL CHECK (bank_account_no ~ '^[0-9]{8,30}$'),
  holder_name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);
CREATE UNIQUE INDEX debit_mandates_active ON debit_mandates (company_id, account_id) WHERE status = 'active';

-- A batch debit run: one bank, one debit date, one file out; its results file back settles the lines. The lines
-- are built by a background task (building → exported), over the mandates taken when the run was started.
CREATE TABLE debit_batches (
  company_id uuid NOT NULL,
  id uuid NOT NULL,
  -- BD<YYYYMMDD><BANK>: the file's name and the prefix of its line references.
  no text NOT NULL,
  bank_code text NOT NULL,
  debit_date date NOT NULL,
  status text NOT NULL DEFAULT 'building' CHECK (status IN ('building', 'exported', 'completed')),
  -- The mandates of the run, in account order; mandates_done of them are built.
  mandate_ids uuid[] NOT NULL,
  mandates_done integer NOT NULL DEFAULT 0,
  line_count integer NOT NULL DEFAULT 0,
  total_amount numeric(14, 2) NOT NULL DEFAULT 0,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  results_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, bank_code, debit_date),
  UNIQUE (company_id, no),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);

CREATE TABLE debit_batch_lines (
  company_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  line_no integer NOT NULL,
  reference text NOT NULL,
  mandate_id uuid NOT NULL,
  account_id uuid NOT NULL,
  bank_account_no text NOT NULL,
  holder_name text NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  failure_reason text,
  payment_id uuid,
  notice_message_id uuid,
  -- Why no notice went out for a failure: noMobile / templateDisabled.
  notice_skipped text,
  result_at timestamptz,
  PRIMARY KEY (company_id, batch_id, line_no),
  UNIQUE (company_id, reference),
  FOREIGN KEY (company_id, batch_id) REFERENCES debit_batches (company_id, id),
  FOREIGN KEY (company_id, mandate_id) REFERENCES debit_mandates (company_id, id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id),
  CHECK ((status = 'succeeded') = (payment_id IS NOT NULL))
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('payment.channel.manage', 'payments', '网上缴费订单与银行代扣（协议、批量代扣、结果导入）',
   'Online pay orders and bank debit (mandates, batch runs, results)'),
  ('payment.channel.read', 'payments', '查看网上缴费订单与银行代扣', 'View online pay orders and bank debit');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'payment.channel.manage' FROM unnest(ARRAY['hall_clerk', 'centre_supervisor', 'finance']) AS role_code
UNION ALL
SELECT role_code, 'payment.channel.read' FROM unnest(ARRAY['hall_clerk', 'centre_supervisor', 'finance', 'cashier',
  'centre_director', 'finance_director', 'auditor']) AS role_code;
SELECT grant_default_permissions(ARRAY['payment.channel.manage', 'payment.channel.read']);

-- The default template of the failed bank debit notice for the companies that exist already; a new company gets
-- the same from seedDefaultTemplates (notify/catalogue.ts).
-- seed:begin
INSERT INTO notification_templates (company_id, code, channel, name, body, variables)
SELECT c.id, t.code, 'sms', t.name,
       '【' || regexp_replace(c.name, '(股份)?有限(责任)?公司$', '') || '】' || t.body, t.variables
  FROM companies c, (VALUES
    ('bankDebitFailed', '银行代扣未成功',
     '尊敬的{customerName}，您的燃气账户{accountNo}燃气费{amount}元银行代扣未成功（{reason}），请及时缴费。咨询热线95777。',
     ARRAY['customerName', 'accountNo', 'amount', 'reason'])
  ) AS t(code, name, body, variables)
ON CONFLICT (company_id, code, channel) DO NOTHING;
-- seed:end
