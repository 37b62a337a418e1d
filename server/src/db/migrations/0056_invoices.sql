-- Issue 7, part 4b. PAY-6 (000 ch.9 §63, §68–71, annex 1): invoices are issued only from the system, against one or
-- several payments of one account, within pay.invoiceWithinDays (30) of the payment and never across years; a payment
-- is invoiced once (a voided invoice frees its payments). Kinds: 增值税普通发票 (paper, a number of the issuer's
-- invoiceGeneral stock), 增值税专用发票 (paper, invoiceSpecial stock), 电子发票 (the e-invoice service). Also: the
-- account's invoice info (开票信息, changed at the desk only against proof), the key that signs the receipt's QR code, and the
-- receipt number (收据号) a payment's receipt took from the cashier's receipt stock when first printed.

-- 开票信息 (invoice_details, 0020): changed at the desk against proof — residential: the customer's ID number; C&I:
-- the tax ID (纳税人识别号) — and who did it (audited as invoice.infoChange).
ALTER TABLE invoice_details ADD COLUMN proof_kind text CHECK (proof_kind IN ('idNo', 'taxNo'));
ALTER TABLE invoice_details ADD COLUMN proof_no text COLLATE "C";
ALTER TABLE invoice_details ADD COLUMN updated_by uuid;
ALTER TABLE invoice_details ADD CONSTRAINT invoice_details_updated_by
  FOREIGN KEY (company_id, updated_by) REFERENCES users (company_id, id);

-- An invoice. Paper ones carry the series (发票代码) and number of the issuer's stock; e-invoices the code and number
-- the e-invoice service gave. A voided invoice keeps its row (status voided, who, when, why; an e-invoice its
-- red-letter note); its re-issue points back at it (once).
CREATE TABLE invoices (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('general', 'special', 'electronic')),
  account_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
  invoice_code text COLLATE "C" NOT NULL,
  invoice_no text COLLATE "C" NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  tax_rate numeric(5, 4) NOT NULL CHECK (tax_rate >= 0 AND tax_rate < 1),
  net_amount numeric(14, 2) NOT NULL,
  tax_amount numeric(14, 2) NOT NULL,
  buyer_kind text NOT NULL CHECK (buyer_kind IN ('residential', 'commercial', 'institutional')),
  buyer_title text NOT NULL CHECK (buyer_title <> ''),
  buyer_tax_no text COLLATE "C",
  buyer_address text,
  buyer_phone text,
  buyer_bank_name text,
  buyer_bank_account text,
  buyer_email text,
  -- desk: issued by staff; qr: requested by the customer through the receipt's QR code.
  channel text NOT NULL DEFAULT 'desk' CHECK (channel IN ('desk', 'qr')),
  issued_on date NOT NULL,
  issued_by uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  replaces_id uuid,
  void_reason text,
  red_invoice_no text,
  voided_by uuid,
  voided_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, kind, invoice_code, invoice_no),
  -- A voided invoice is re-issued once.
  UNIQUE (company_id, replaces_id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, issued_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, voided_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, replaces_id) REFERENCES invoices (company_id, id),
  CHECK (amount = net_amount + tax_amount),
  CHECK (kind <> 'special' OR (buyer_tax_no IS NOT NULL AND buyer_address IS NOT NULL AND buyer_phone IS NOT NULL
    AND buyer_bank_name IS NOT NULL AND buyer_bank_account IS NOT NULL)),
  CHECK (channel = 'qr' OR issued_by IS NOT NULL),
  CHECK ((status = 'voided') = (voided_at IS NOT NULL AND coalesce(void_reason, '') <> ''))
);
CREATE INDEX invoices_account ON invoices (company_id, account_id, issued_at DESC);
CREATE INDEX invoices_issued ON invoices (company_id, issued_on DESC);

-- The payments an invoice is for. `active` until the invoice is voided: the partial unique index is the guard that
-- a payment is invoiced once, whatever two desks (or a desk and the QR page) do at the same moment.
CREATE TABLE invoice_payments (
  company_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (company_id, invoice_id, payment_id),
  FOREIGN KEY (company_id, invoice_id) REFERENCES invoices (company_id, id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id)
);
CREATE UNIQUE INDEX invoice_payments_once ON invoice_payments (company_id, payment_id) WHERE active;

-- The local e-invoice simulator's numbering (a real service numbers its own invoices).
CREATE TABLE e_invoice_sim_serials (
  company_id uuid NOT NULL,
  year integer NOT NULL,
  last_no bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, year)
);

-- The secret that signs the receipt's e-invoice QR code (HMAC-SHA256), one per company, made on first use.
CREATE TABLE invoice_request_keys (
  company_id uuid NOT NULL PRIMARY KEY,
  secret text NOT NULL CHECK (length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The receipt number (收据号) a payment's receipt took from the cashier's receipt stock when it was first printed at
-- the desk; reprints show it again. number NULL: the cashier had no receipt stock (the receipt says 无票据号).
CREATE TABLE payment_receipt_numbers (
  company_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  series text COLLATE "C",
  number text COLLATE "C",
  fiscal_number_id uuid,
  printed_by uuid NOT NULL,
  printed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, payment_id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id),
  FOREIGN KEY (company_id, printed_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, fiscal_number_id) REFERENCES fiscal_numbers (company_id, id),
  CHECK ((number IS NULL) = (series IS NULL))
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('invoice.issue', 'payments', '开具发票、登记开票信息', 'Issue invoices and record invoice info'),
  ('invoice.void', 'payments', '作废发票（红冲）', 'Void invoices (red-letter)'),
  ('invoice.read', 'payments', '查看发票和开票信息', 'View invoices and invoice info');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'invoice.issue' FROM unnest(ARRAY['cashier', 'hall_clerk']) AS role_code
UNION ALL
SELECT role_code, 'invoice.void' FROM unnest(ARRAY['centre_supervisor', 'finance']) AS role_code
UNION ALL
SELECT role_code, 'invoice.read' FROM unnest(ARRAY['cashier', 'hall_clerk', 'centre_supervisor', 'centre_director',
  'finance', 'finance_director', 'auditor', 'receipt_keeper']) AS role_code;
SELECT grant_default_permissions(ARRAY['invoice.issue', 'invoice.void', 'invoice.read']);
