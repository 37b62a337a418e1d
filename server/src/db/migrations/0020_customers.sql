-- CUS: customers, premises, accounts, supply contracts, meters and their history, appliances,
-- invoice details and deposits. Every table leads its key with company_id; references are composite.
-- Only the root tables (usage_natures, customers, premises, account_no_sequences) reference companies:
-- the others reach it through their composite parent key, which spares a check on every insert.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CUS-1: usage natures (用气性质) per company; they drive the tariff. An account's nature must be of
-- its own commodity: the foreign key (company_id, code, commodity) says so.
CREATE TABLE usage_natures (
  company_id uuid NOT NULL REFERENCES companies (id),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]*$' AND length(code) <= 32),
  name text NOT NULL,
  commodity text NOT NULL CHECK (commodity IN ('gas', 'water')),
  customer_kind text NOT NULL CHECK (customer_kind IN ('residential', 'commercial', 'institutional')),
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, code),
  UNIQUE (company_id, code, commodity)
);

-- The demo natures a new company starts with (setup/company.ts calls this; the company may change them).
CREATE FUNCTION seed_usage_natures(p_company uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO usage_natures (company_id, code, name, commodity, customer_kind, sort_order)
  SELECT c.id, v.code, v.name, v.commodity, v.kind, v.ord
    FROM companies c,
         (VALUES ('RES', '居民生活用气', 'gas', 'residential', 1),
                 ('RES_HEAT', '居民采暖用气', 'gas', 'residential', 2),
                 ('CATERING', '经营性餐饮用气', 'gas', 'commercial', 3),
                 ('INDUSTRY', '工业生产用气', 'gas', 'commercial', 4),
                 ('BOILER', '锅炉用气', 'gas', 'commercial', 5),
                 ('PUBLIC', '公建非经营性用气', 'gas', 'institutional', 6),
                 ('W_RES', '居民生活用水', 'water', 'residential', 11),
                 ('W_NONRES', '非居民用水', 'water', 'commercial', 12),
                 ('W_SPECIAL', '特种用水', 'water', 'commercial', 13)) AS v(code, name, commodity, kind, ord)
   WHERE c.id = p_company OR p_company IS NULL
  ON CONFLICT DO NOTHING
$$;
SELECT seed_usage_natures(NULL);

-- CUS-1: the person or organisation. Residential customers carry an ID document; organisations a tax
-- number (统一社会信用代码). `version` is the optimistic lock of every edit.
CREATE TABLE customers (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('residential', 'commercial', 'institutional')),
  -- CUS-7: a name has no spaces ("用户" when unknown).
  name text NOT NULL CHECK (name <> '' AND name !~ '\s'),
  id_type text CHECK (id_type IN ('residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other')),
  id_no text COLLATE "C" CHECK (id_no ~ '^[0-9A-Za-z]+$' AND length(id_no) BETWEEN 4 AND 32),
  tax_no text COLLATE "C" CHECK (tax_no ~ '^[0-9A-Z]+$' AND length(tax_no) BETWEEN 15 AND 20),
  mobile text COLLATE "C" CHECK (mobile ~ '^1[0-9]+$' AND length(mobile) = 11),
  phone text,
  special_care text[] NOT NULL DEFAULT '{}'
    CHECK (special_care <@ ARRAY['elderly', 'ill', 'disabled', 'martyr_family', 'widowed']::text[]),
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  CHECK ((id_type IS NULL) = (id_no IS NULL))
);
-- Codes and numbers compare as bytes (COLLATE "C"): cheaper to index, and a prefix LIKE can use them.
-- Search: name exact or prefix; mobile exact; the last digits of mobile and ID number (reversed, prefix).
CREATE INDEX customers_name ON customers (company_id, name text_pattern_ops);
CREATE INDEX customers_mobile ON customers (company_id, mobile) WHERE mobile IS NOT NULL;
CREATE INDEX customers_mobile_rev ON customers (company_id, reverse(mobile) text_pattern_ops) WHERE mobile IS NOT NULL;
CREATE INDEX customers_id_no_rev ON customers (company_id, reverse(upper(id_no)) text_pattern_ops) WHERE id_no IS NOT NULL;
CREATE INDEX customers_tax_no ON customers (company_id, tax_no) WHERE tax_no IS NOT NULL;

-- CUS-2: where gas (or water) is delivered. An apartment is community / building / unit / room
-- (小区/楼/单元/室); a bungalow is lane / row / number (巷/排/号). The full address is derived by
-- the database, so it reads the same however the premise was written.
CREATE TABLE premises (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  district text NOT NULL CHECK (district <> ''),
  street text NOT NULL DEFAULT '',
  address_kind text NOT NULL CHECK (address_kind IN ('apartment', 'bungalow')),
  community text,
  building text COLLATE "C",
  unit text COLLATE "C",
  room text COLLATE "C",
  lane text,
  row_no text COLLATE "C",
  house_no text COLLATE "C",
  full_address text GENERATED ALWAYS AS (
    district || street ||
    CASE WHEN address_kind = 'apartment'
         THEN coalesce(community, '') || coalesce(building, '') || '号楼' || coalesce(unit, '') || '单元' || coalesce(room, '') || '室'
         ELSE coalesce(lane, '') || coalesce(row_no, '') || '排' || coalesce(house_no, '') || '号' END
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  CONSTRAINT premises_address_shape CHECK (
    (address_kind = 'apartment'
      AND coalesce(community, '') <> '' AND coalesce(building, '') <> ''
      AND coalesce(unit, '') <> '' AND coalesce(room, '') <> ''
      AND lane IS NULL AND row_no IS NULL AND house_no IS NULL)
    OR (address_kind = 'bungalow'
      AND coalesce(lane, '') <> '' AND coalesce(row_no, '') <> '' AND coalesce(house_no, '') <> ''
      AND community IS NULL AND building IS NULL AND unit IS NULL AND room IS NULL))
);
-- Search: "幸福小区 3-2-501" seeks building/unit/room and filters on the community; "槐树巷3排12号"
-- seeks row/number and filters on the lane; anything else of 3+ characters is a trigram match.
CREATE INDEX premises_apartment ON premises (company_id, building, unit, room, community) WHERE address_kind = 'apartment';
CREATE INDEX premises_bungalow ON premises (company_id, row_no, house_no, lane) WHERE address_kind = 'bungalow';
CREATE INDEX premises_full_address_trgm ON premises USING gin (full_address gin_trgm_ops);

-- CUS-3: account numbers come from the policy cus.accountNo (prefix + zero-padded serial); the serial
-- is per company, taken with UPDATE … RETURNING so two clerks never get the same one.
CREATE TABLE account_no_sequences (
  company_id uuid NOT NULL REFERENCES companies (id),
  last_value bigint NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (company_id)
);

-- CUS-3: the supply account staff and customers quote. CUS-7 shapes: bank fields all or none and
-- present exactly for bank debit; an SMS number needs its carrier.
CREATE TABLE accounts (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_no text COLLATE "C" NOT NULL CHECK (account_no ~ '^[0-9]+$' AND length(account_no) BETWEEN 6 AND 18),
  customer_id uuid NOT NULL,
  premise_id uuid NOT NULL,
  commodity text NOT NULL DEFAULT 'gas' CHECK (commodity IN ('gas', 'water')),
  usage_nature text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
  payment_method text NOT NULL CHECK (payment_method IN ('counter', 'bankDebit', 'icTopUp', 'online')),
  bank_name text,
  bank_account_no text CHECK (bank_account_no ~ '^[0-9]+$' AND length(bank_account_no) BETWEEN 8 AND 30),
  bank_account_holder text,
  sms_mobile text CHECK (sms_mobile ~ '^1[0-9]+$' AND length(sms_mobile) = 11),
  sms_carrier text CHECK (sms_carrier IN ('chinaMobile', 'chinaUnicom', 'chinaTelecom', 'chinaBroadnet')),
  opened_on date,
  closed_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id),
  FOREIGN KEY (company_id, premise_id) REFERENCES premises (company_id, id),
  FOREIGN KEY (company_id, usage_nature, commodity) REFERENCES usage_natures (company_id, code, commodity),
  CONSTRAINT accounts_bank_all_or_none CHECK (
    (bank_name IS NULL) = (bank_account_no IS NULL) AND (bank_name IS NULL) = (bank_account_holder IS NULL)),
  CONSTRAINT accounts_bank_debit CHECK ((payment_method = 'bankDebit') = (bank_account_no IS NOT NULL)),
  CONSTRAINT accounts_sms_carrier CHECK (sms_mobile IS NULL OR sms_carrier IS NOT NULL),
  CONSTRAINT accounts_closed CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on)
);
-- Unique per company; text_pattern_ops so a prefix (LIKE '0100%') uses it too.
CREATE UNIQUE INDEX accounts_account_no ON accounts (company_id, account_no text_pattern_ops);
CREATE INDEX accounts_customer ON accounts (company_id, customer_id);
CREATE INDEX accounts_premise ON accounts (company_id, premise_id);

-- CUS-6: one supply contract in force per account; re-signed on transfer, the old one voided.
CREATE TABLE supply_contracts (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contract_no text NOT NULL,
  account_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided')),
  signed_on date NOT NULL,
  voided_on date,
  void_reason text,
  replaced_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, contract_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id),
  FOREIGN KEY (company_id, replaced_by) REFERENCES supply_contracts (company_id, id),
  CHECK ((status = 'voided') = (voided_on IS NOT NULL))
);
CREATE UNIQUE INDEX supply_contracts_one_active ON supply_contracts (company_id, account_id) WHERE status = 'active';

-- CUS-4: the meter (表钢号 is its serial) and the account it is installed on now.
CREATE TABLE meters (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  serial text COLLATE "C" NOT NULL CHECK (serial ~ '^[0-9A-Za-z-]+$' AND length(serial) BETWEEN 3 AND 32),
  manufacturer text NOT NULL,
  model text,
  meter_type text NOT NULL CHECK (meter_type IN ('diaphragm', 'icCard', 'remoteRead', 'iot')),
  commodity text NOT NULL DEFAULT 'gas' CHECK (commodity IN ('gas', 'water')),
  inlet_direction text CHECK (inlet_direction IN ('left', 'right')),
  base_reading numeric(12, 3) NOT NULL DEFAULT 0 CHECK (base_reading >= 0),
  seal_inlet text,
  seal_outlet text,
  location text CHECK (location IN ('indoor', 'outdoor')),
  metal_hose boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'inStock' CHECK (status IN ('inStock', 'installed', 'removed', 'scrapped')),
  account_id uuid,
  installed_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, manufacturer, serial),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  CONSTRAINT meters_installed_on_account CHECK ((status = 'installed') = (account_id IS NOT NULL))
);
CREATE INDEX meters_serial ON meters (company_id, upper(serial) text_pattern_ops);
CREATE INDEX meters_account ON meters (company_id, account_id) WHERE account_id IS NOT NULL;

-- CUS-4: install / replace / remove, with the readings at the event. A replacement names the old
-- meter and its final reading; the new meter's starting reading is `reading`.
CREATE TABLE meter_events (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('install', 'replace', 'remove')),
  happened_on date NOT NULL,
  reading numeric(12, 3) NOT NULL CHECK (reading >= 0),
  old_meter_id uuid,
  old_reading numeric(12, 3) CHECK (old_reading >= 0),
  -- CUS-10: a temporary removal must be restored within the policy's months or becomes a new connection.
  temporary boolean NOT NULL DEFAULT false,
  reason text,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, old_meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, recorded_by) REFERENCES users (company_id, id),
  CHECK ((kind = 'replace') = (old_meter_id IS NOT NULL AND old_reading IS NOT NULL)),
  CHECK (temporary = false OR kind = 'remove')
);
CREATE INDEX meter_events_account ON meter_events (company_id, account_id, happened_on);
CREATE INDEX meter_events_meter ON meter_events (company_id, meter_id, happened_on);

-- CUS-5: appliances at the account's premise. A stove without flame-failure protection may only be
-- commissioned with a signed safety-responsibility pledge (enforced at commissioning).
CREATE TABLE appliances (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('stove', 'waterHeater', 'boiler', 'other')),
  brand text,
  model text,
  stove_mount text CHECK (stove_mount IN ('table', 'builtIn')),
  flue_type text CHECK (flue_type IN ('forcedExhaust', 'balanced')),
  flame_failure_protection boolean,
  safety_pledge_signed boolean NOT NULL DEFAULT false,
  power_kw numeric(8, 2) CHECK (power_kw > 0),
  installed_on date,
  removed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  CHECK (stove_mount IS NULL OR kind = 'stove'),
  CHECK (flue_type IS NULL OR kind IN ('waterHeater', 'boiler'))
);
CREATE INDEX appliances_account ON appliances (company_id, account_id);

-- Invoice details (开票信息) of an account: one row per account, edited with its version.
CREATE TABLE invoice_details (
  company_id uuid NOT NULL,
  account_id uuid NOT NULL,
  invoice_kind text NOT NULL DEFAULT 'ordinary' CHECK (invoice_kind IN ('ordinary', 'special')),
  title text NOT NULL,
  tax_no text CHECK (tax_no ~ '^[0-9A-Z]+$' AND length(tax_no) BETWEEN 15 AND 20),
  address text,
  phone text,
  bank_name text,
  bank_account_no text,
  email text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, account_id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  CHECK (invoice_kind = 'ordinary' OR (tax_no IS NOT NULL AND address IS NOT NULL AND bank_account_no IS NOT NULL))
);

-- Deposits held for an account (C&I prepayment deposit, meter deposit); CUS-9 transfers them.
CREATE TABLE deposits (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('prepayment', 'meter', 'other')),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'refunded', 'transferred')),
  received_on date NOT NULL,
  settled_on date,
  receipt_no text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  CHECK ((status = 'held') = (settled_on IS NULL))
);
CREATE INDEX deposits_account ON deposits (company_id, account_id);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('customer.read', 'customers', '查看用户档案', 'View customers and accounts'),
  ('customer.manage', 'customers', '维护用户档案', 'Maintain customers and accounts');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'customer.read' FROM unnest(ARRAY[
  'hall_clerk', 'hotline_agent', 'archivist', 'cashier', 'meter_reader', 'safety_inspector', 'team_leader',
  'centre_director', 'centre_supervisor', 'department_manager', 'system_admin']) AS role_code
UNION ALL
SELECT role_code, 'customer.manage' FROM unnest(ARRAY['hall_clerk', 'archivist', 'centre_director', 'system_admin']) AS role_code;
SELECT grant_default_permissions(ARRAY['customer.read', 'customer.manage']);
