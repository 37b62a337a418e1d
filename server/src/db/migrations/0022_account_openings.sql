-- CUS-7, CUS-8: account opening (报装受理). Saving the opening form creates the customer, the premise,
-- the account (pending) and a service application (报装申请) that the work-order module picks up:
-- pending → scheduled → done / cancelled. An individual application (散户) is one household; a
-- collective one (集体报装: a developer or community paid the fees in one batch) lists many.

-- Application numbers: a prefix, the business date and a serial per company and day (BZ20261123-0001).
CREATE TABLE service_application_sequences (
  company_id uuid NOT NULL REFERENCES companies (id),
  day date NOT NULL,
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (company_id, day)
);

CREATE TABLE service_applications (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  application_no text COLLATE "C" NOT NULL,
  kind text NOT NULL DEFAULT 'installation' CHECK (kind IN ('installation')),
  -- 报装性质: 散户 (individual) or 集体 (collective).
  mode text NOT NULL CHECK (mode IN ('individual', 'collective')),
  -- Collective: who applied (the developer or community) and their batch reference.
  applicant_org text,
  batch_ref text,
  -- Who and where, as written on the form (the applicant at the time; the account keeps the live data).
  applicant_name text NOT NULL,
  applicant_mobile text,
  address text NOT NULL,
  commodity text NOT NULL CHECK (commodity IN ('gas', 'water')),
  usage_nature text NOT NULL,
  customer_kind text NOT NULL CHECK (customer_kind IN ('residential', 'commercial', 'institutional')),
  meter_type text NOT NULL CHECK (meter_type IN ('diaphragm', 'icCard', 'remoteRead', 'iot')),
  payment_method text NOT NULL CHECK (payment_method IN ('counter', 'bankDebit', 'icTopUp', 'online')),
  building_type text CHECK (building_type IN ('multiStorey', 'highRise', 'villa')),
  -- CUS-8: 等待安排 / 按照约定 / 尽快安排 / 加急安排.
  priority text NOT NULL DEFAULT 'waiting' CHECK (priority IN ('waiting', 'asAgreed', 'soon', 'urgent')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'scheduled', 'done', 'cancelled')),
  household_count integer NOT NULL CHECK (household_count >= 1),
  -- CUS-8: the whole application's installation fee, and how it was reckoned (policy values used).
  fee_amount numeric(14, 2) NOT NULL CHECK (fee_amount >= 0),
  fee_breakdown jsonb NOT NULL,
  application_date date NOT NULL,
  invoice_date date NOT NULL,
  fee_invoice_no text,
  fee_invoice_lost boolean NOT NULL DEFAULT false,
  installation_request text,
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, application_no),
  FOREIGN KEY (company_id, usage_nature, commodity) REFERENCES usage_natures (company_id, code, commodity),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  -- CUS-7: the invoice date is on or before the application date.
  CONSTRAINT service_applications_invoice_date CHECK (invoice_date <= application_date),
  CONSTRAINT service_applications_collective CHECK ((mode = 'collective') = (applicant_org IS NOT NULL)),
  CHECK (mode = 'collective' OR household_count = 1),
  CHECK (customer_kind <> 'residential' OR building_type IS NOT NULL)
);
CREATE INDEX service_applications_date ON service_applications (company_id, application_date DESC);
CREATE INDEX service_applications_open ON service_applications (company_id, status, priority)
  WHERE status IN ('pending', 'scheduled');
CREATE INDEX service_applications_applicant ON service_applications (company_id, applicant_name text_pattern_ops);

-- The households (accounts) an application opens, each with its share of the fee.
CREATE TABLE service_application_accounts (
  company_id uuid NOT NULL,
  application_id uuid NOT NULL,
  account_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  fee_amount numeric(14, 2) NOT NULL CHECK (fee_amount >= 0),
  PRIMARY KEY (company_id, application_id, account_id),
  UNIQUE (company_id, application_id, position),
  FOREIGN KEY (company_id, application_id) REFERENCES service_applications (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);
CREATE INDEX service_application_accounts_account ON service_application_accounts (company_id, account_id);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('customer.open', 'customers', '报装受理', 'Take account openings (installation applications)');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'customer.open' FROM unnest(ARRAY['hall_clerk', 'centre_director', 'system_admin']) AS role_code;
SELECT grant_default_permissions(ARRAY['customer.open']);
