-- Issue 7, step 1. PAY-5 (000 ch.9 §62–64): receipt books (收据) and paper invoice stock (增值税普通 / 专用发票)
-- requested a week ahead (pay.receiptRequestLeadDays), received into stock by the receipt keeper (票据管理员) in
-- batches of a series with a number range, issued to holders (cashiers, collectors) as sub-ranges that never
-- overlap within a series, checked before use (missing copies/numbers recorded and voided), used one number at a
-- time (never twice), voided with all parts, lost (reported the same day, an alert to the keeper), handed over on
-- transfer or leaving, and counted monthly (pay.stockCountReportDay).

-- A request for stock, filed pay.receiptRequestLeadDays before it is needed (late: filed later than that).
CREATE TABLE fiscal_stock_requests (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('receipt', 'invoiceGeneral', 'invoiceSpecial')),
  -- Books (收据) or copies (发票) wanted.
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  needed_by date NOT NULL,
  requested_on date NOT NULL,
  late boolean NOT NULL,
  note text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  requested_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id)
);
CREATE INDEX fiscal_stock_requests_open ON fiscal_stock_requests (company_id, status, needed_by);

-- A batch received into stock: a series (收据 series / 发票代码) and its fixed-width number range.
CREATE TABLE fiscal_batches (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('receipt', 'invoiceGeneral', 'invoiceSpecial')),
  series text COLLATE "C" NOT NULL CHECK (series ~ '^[A-Za-z0-9-]{1,20}$'),
  from_no text COLLATE "C" NOT NULL CHECK (from_no ~ '^[0-9]{1,12}$'),
  to_no text COLLATE "C" NOT NULL CHECK (to_no ~ '^[0-9]{1,12}$'),
  from_n bigint NOT NULL,
  to_n bigint NOT NULL,
  width integer NOT NULL CHECK (width BETWEEN 1 AND 12),
  -- 联数: every copy has this many parts (a voided number is voided in all of them).
  parts integer NOT NULL DEFAULT 3 CHECK (parts BETWEEN 1 AND 9),
  received_on date NOT NULL,
  received_by uuid NOT NULL,
  request_id uuid,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, kind, series, from_n),
  FOREIGN KEY (company_id, received_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, request_id) REFERENCES fiscal_stock_requests (company_id, id),
  CHECK (from_n <= to_n AND length(from_no) = width AND length(to_no) = width)
);

-- A sub-range of a batch issued to a holder. [from_n, end_n] is what the holder keeps: end_n = to_n until a
-- hand-over moves the unused rest on (end_n = the last number kept; below from_n when nothing was kept).
-- issued: not yet checked; open: checked before use, numbers may be used; closed: handed over or used up.
CREATE TABLE fiscal_ranges (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL,
  kind text NOT NULL,
  series text COLLATE "C" NOT NULL,
  holder_id uuid NOT NULL,
  from_n bigint NOT NULL,
  to_n bigint NOT NULL,
  end_n bigint NOT NULL,
  status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'open', 'closed')),
  issued_on date NOT NULL,
  issued_by uuid NOT NULL,
  -- The hand-over this range came from (NULL: issued from stock).
  handover_id uuid,
  checked_at timestamptz,
  checked_count integer,
  check_note text,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, batch_id) REFERENCES fiscal_batches (company_id, id),
  FOREIGN KEY (company_id, holder_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, issued_by) REFERENCES users (company_id, id),
  CHECK (from_n <= to_n AND end_n <= to_n AND end_n >= from_n - 1),
  CHECK ((status = 'issued') = (checked_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX fiscal_ranges_series ON fiscal_ranges (company_id, kind, series, from_n);
CREATE INDEX fiscal_ranges_holder ON fiscal_ranges (company_id, holder_id, status);

-- Every number used or voided, once: the unique key is the guard against a number used twice.
-- cause (voided only): error 开具错误, damaged 损毁, missing 缺号 (check before use), lost 丢失.
CREATE TABLE fiscal_numbers (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  range_id uuid NOT NULL,
  kind text NOT NULL,
  series text COLLATE "C" NOT NULL,
  n bigint NOT NULL,
  number text COLLATE "C" NOT NULL,
  status text NOT NULL CHECK (status IN ('used', 'voided')),
  cause text CHECK (cause IN ('error', 'damaged', 'missing', 'lost', 'other')),
  reason text,
  parts integer,
  -- What the number was used for (a payment, say).
  reference text,
  loss_id uuid,
  by_user uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, kind, series, n),
  FOREIGN KEY (company_id, range_id) REFERENCES fiscal_ranges (company_id, id),
  FOREIGN KEY (company_id, by_user) REFERENCES users (company_id, id),
  CHECK ((status = 'voided') = (cause IS NOT NULL AND coalesce(reason, '') <> '' AND parts IS NOT NULL))
);
CREATE INDEX fiscal_numbers_range ON fiscal_numbers (company_id, range_id, n);

-- A loss (丢失) reported by the holder; late when reported after the day of the loss. The keeper is alerted
-- (open until acknowledged).
CREATE TABLE fiscal_losses (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  range_id uuid NOT NULL,
  kind text NOT NULL,
  series text COLLATE "C" NOT NULL,
  from_n bigint NOT NULL,
  to_n bigint NOT NULL,
  lost_on date NOT NULL,
  reported_on date NOT NULL,
  late boolean NOT NULL,
  description text NOT NULL CHECK (description <> ''),
  reported_by uuid NOT NULL,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, range_id) REFERENCES fiscal_ranges (company_id, id),
  FOREIGN KEY (company_id, reported_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, acknowledged_by) REFERENCES users (company_id, id),
  CHECK (from_n <= to_n)
);
CREATE INDEX fiscal_losses_open ON fiscal_losses (company_id, created_at) WHERE acknowledged_at IS NULL;

-- A hand-over (交接) on transfer or leaving: the unused rest of a range moves to another holder or back to stock,
-- signed by the one handing over and the one taking over (the keeper for stock).
CREATE TABLE fiscal_handovers (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  range_id uuid NOT NULL,
  from_holder_id uuid NOT NULL,
  to_holder_id uuid,
  to_range_id uuid,
  from_n bigint,
  to_n bigint,
  count integer NOT NULL CHECK (count >= 0),
  reason text NOT NULL CHECK (reason IN ('transfer', 'leaving', 'other')),
  note text,
  from_signature text NOT NULL CHECK (from_signature <> ''),
  to_signature text NOT NULL CHECK (to_signature <> ''),
  recorded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, range_id) REFERENCES fiscal_ranges (company_id, id),
  FOREIGN KEY (company_id, from_holder_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, to_holder_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, recorded_by) REFERENCES users (company_id, id)
);

-- The monthly count (票据盘点表): per holder and series; one per company and month.
CREATE TABLE fiscal_count_reports (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  built_on date NOT NULL,
  built_by uuid,
  rows jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, month),
  FOREIGN KEY (company_id, built_by) REFERENCES users (company_id, id)
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('fiscal.stock.manage', 'payments', '票据管理（入库、发放、交接、盘点）', 'Manage receipt and invoice stock'),
  ('fiscal.stock.read', 'payments', '查看票据库存和盘点表', 'View receipt and invoice stock and counts'),
  ('fiscal.stock.use', 'payments', '领用、核对和使用票据', 'Hold, check and use receipts and invoices');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'fiscal.stock.manage' FROM unnest(ARRAY['receipt_keeper']) AS role_code
UNION ALL
SELECT role_code, 'fiscal.stock.read' FROM unnest(ARRAY['receipt_keeper', 'cashier', 'finance', 'finance_director',
  'auditor', 'centre_director']) AS role_code
UNION ALL
SELECT role_code, 'fiscal.stock.use' FROM unnest(ARRAY['cashier', 'hall_clerk']) AS role_code;
SELECT grant_default_permissions(ARRAY['fiscal.stock.manage', 'fiscal.stock.read', 'fiscal.stock.use']);
