-- SVC-5 / SVC-7 / SVC-8 / SVC-9, step 3 of issue 5: what the technician records on site. The forms of an
-- order's type (置换登记表, fee lines and materials, the meter changed or tested), the hazards found at a
-- gas-in, the customer's signature and photos, and the visits where nobody was home (到访不遇).
-- Every table leads its key with company_id; references are composite.

-- One form of an order, by its code (preconditions, register, repair, meterReplacement, meterTest…): the
-- data as the type's schema validated it, plus what the server worked out (prices, the deposit). Versioned:
-- each save bumps the version; the audit log holds every before and after.
CREATE TABLE work_order_forms (
  company_id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  form_code text NOT NULL CHECK (form_code ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, work_order_id, form_code),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, updated_by) REFERENCES users (company_id, id)
);

-- SVC-8: a hazard found at a gas-in (from the policy list svc.gasInHazards), open until marked fixed.
-- Gas-in is refused while one is open.
CREATE TABLE work_order_hazards (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_order_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  note text,
  found_at timestamptz NOT NULL DEFAULT now(),
  found_by uuid NOT NULL,
  fixed_at timestamptz,
  fixed_by uuid,
  fix_note text,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, work_order_id, code),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, found_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, fixed_by) REFERENCES users (company_id, id),
  CHECK ((fixed_at IS NULL) = (fixed_by IS NULL))
);

-- The customer's signature drawn on screen and the photos of the work: images only (checked by their
-- magic bytes before they get here), size-limited by the service and here.
CREATE TABLE work_order_attachments (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_order_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('signature', 'photo')),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 4194304),
  data bytea NOT NULL,
  uploaded_by uuid NOT NULL,
  -- clock_timestamp: the photos of one completion keep the order they were sent in.
  uploaded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, uploaded_by) REFERENCES users (company_id, id)
);
CREATE INDEX work_order_attachments_order ON work_order_attachments (company_id, work_order_id, uploaded_at);

-- SVC-5: a visit where nobody was home: when, by whom (and their employee number, as on the card left at
-- the door), and the revisit agreed or proposed.
CREATE TABLE work_order_visits (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_order_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('noAccess')),
  visited_at timestamptz NOT NULL,
  technician_id uuid NOT NULL,
  employee_no text,
  revisit_at timestamptz NOT NULL,
  note text,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, technician_id) REFERENCES users (company_id, id),
  CHECK (revisit_at > visited_at)
);
CREATE INDEX work_order_visits_order ON work_order_visits (company_id, work_order_id, visited_at);

ALTER TABLE work_orders
  -- SVC-5: how many times nobody was home; repeated no-access is reported.
  ADD COLUMN no_access_count integer NOT NULL DEFAULT 0 CHECK (no_access_count >= 0),
  -- SVC-7: the amount on the order (fee lines priced from the price list) and how the customer pays it.
  ADD COLUMN fee_total numeric(14, 2) CHECK (fee_total >= 0),
  ADD COLUMN payment_method text CHECK (payment_method IN ('wechat', 'alipay', 'hall')),
  ADD COLUMN completion_note text;
CREATE INDEX work_orders_no_access ON work_orders (company_id, no_access_count) WHERE no_access_count > 0;
