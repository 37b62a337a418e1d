-- CUS-9, CUS-10, CUS-11: the account-change cases of the hall — ownership transfer (过户), suspension
-- (报停/封停), reactivation (启封), closure (销户, or a temporary meter removal) and usage-nature change
-- (用气性质变更). One row per case; what happened to it is kept in account_case_events, never overwritten.

-- CUS-11 needs to tell a cheap nature from a dear one. There are no tariffs yet: until billing lands,
-- a company orders its natures by `price_rank` (higher = dearer) and billing will replace it with the
-- tariffs' prices. The demo natures are ranked as city-gas prices usually run: residential lowest,
-- institutional, industry and boilers, then commercial catering.
ALTER TABLE usage_natures ADD COLUMN price_rank integer NOT NULL DEFAULT 0 CHECK (price_rank BETWEEN 0 AND 1000);
UPDATE usage_natures SET price_rank = CASE code
  WHEN 'RES' THEN 10 WHEN 'RES_HEAT' THEN 10 WHEN 'PUBLIC' THEN 20 WHEN 'INDUSTRY' THEN 30
  WHEN 'BOILER' THEN 30 WHEN 'CATERING' THEN 40
  WHEN 'W_RES' THEN 10 WHEN 'W_NONRES' THEN 30 WHEN 'W_SPECIAL' THEN 50 ELSE 0 END;

-- A new company's natures get the same ranks (same body as 0020's, plus price_rank).
CREATE OR REPLACE FUNCTION seed_usage_natures(p_company uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO usage_natures (company_id, code, name, commodity, customer_kind, sort_order, price_rank)
  SELECT c.id, v.code, v.name, v.commodity, v.kind, v.ord, v.rank
    FROM companies c,
         (VALUES ('RES', '居民生活用气', 'gas', 'residential', 1, 10),
                 ('RES_HEAT', '居民采暖用气', 'gas', 'residential', 2, 10),
                 ('CATERING', '经营性餐饮用气', 'gas', 'commercial', 3, 40),
                 ('INDUSTRY', '工业生产用气', 'gas', 'commercial', 4, 30),
                 ('BOILER', '锅炉用气', 'gas', 'commercial', 5, 30),
                 ('PUBLIC', '公建非经营性用气', 'gas', 'institutional', 6, 20),
                 ('W_RES', '居民生活用水', 'water', 'residential', 11, 10),
                 ('W_NONRES', '非居民用水', 'water', 'commercial', 12, 30),
                 ('W_SPECIAL', '特种用水', 'water', 'commercial', 13, 50)) AS v(code, name, commodity, kind, ord, rank)
   WHERE c.id = p_company OR p_company IS NULL
  ON CONFLICT DO NOTHING
$$;

-- CUS-9: a C&I prepayment deposit moves to the new holder on transfer: the old row is settled as
-- 'transferred' and a new held row of the same amount names where it came from and who holds it.
ALTER TABLE deposits ADD COLUMN holder_customer_id uuid;
ALTER TABLE deposits ADD COLUMN transferred_from uuid;
ALTER TABLE deposits ADD FOREIGN KEY (company_id, holder_customer_id) REFERENCES customers (company_id, id);
ALTER TABLE deposits ADD FOREIGN KEY (company_id, transferred_from) REFERENCES deposits (company_id, id);

-- Case numbers: kind prefix + business date + a serial per company and day (GH202611230001).
CREATE TABLE account_case_counters (
  company_id uuid NOT NULL REFERENCES companies (id),
  day date NOT NULL,
  last_value integer NOT NULL CHECK (last_value > 0),
  PRIMARY KEY (company_id, day)
);

CREATE TABLE account_cases (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_no text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('transfer', 'suspension', 'reactivation', 'closure', 'natureChange')),
  account_id uuid NOT NULL,
  -- The holder when the case was opened (the old owner of a transfer) and the kind its checklist is for.
  customer_id uuid NOT NULL,
  customer_kind text NOT NULL CHECK (customer_kind IN ('residential', 'commercial', 'institutional')),
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'pendingApproval', 'completed', 'cancelled', 'refused')),
  -- The checklist of the kind and customer kind in force when the case opened (policy cus.caseDocuments):
  -- [{ code, label, required, received }].
  documents jsonb NOT NULL DEFAULT '[]',
  -- The meter reading at the change, confirmed and signed by the customer (or their agent). For an
  -- IC-card meter it is the cumulative volume purchased (CUS-9).
  meter_id uuid,
  reading numeric(12, 3) CHECK (reading >= 0),
  reading_kind text CHECK (reading_kind IN ('register', 'icCumulative')),
  read_on date,
  reading_confirmed boolean NOT NULL DEFAULT false,
  reading_signed_by text,
  -- What the kind needs: the new owner of a transfer, the new nature, the reason, a temporary removal…
  details jsonb NOT NULL DEFAULT '{}',
  -- CUS-9: the on-site handling limit (minutes, from cus.transferMinutes when the case opened).
  time_limit_minutes integer CHECK (time_limit_minutes >= 0),
  -- CUS-11: the on-site check is due by; CUS-10: the meter must be removed by.
  due_on date,
  meter_removed_on date,
  -- CUS-10: a temporarily removed meter must be restored by this date or the account is a new connection.
  restore_by date,
  -- Set when a reactivation put the account back in use (a removed meter reinstalled, or none removed yet).
  restored_on date,
  approval_request_id uuid,
  -- What the completion made: the new holder, the contracts voided and signed.
  new_customer_id uuid,
  old_contract_id uuid,
  new_contract_id uuid,
  cancel_reason text,
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  completed_by uuid,
  created_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, case_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, customer_id) REFERENCES customers (company_id, id),
  FOREIGN KEY (company_id, new_customer_id) REFERENCES customers (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, approval_request_id) REFERENCES approval_requests (company_id, id),
  FOREIGN KEY (company_id, old_contract_id) REFERENCES supply_contracts (company_id, id),
  FOREIGN KEY (company_id, new_contract_id) REFERENCES supply_contracts (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, completed_by) REFERENCES users (company_id, id),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK (status <> 'pendingApproval' OR approval_request_id IS NOT NULL),
  CHECK ((reading IS NULL) = (read_on IS NULL)),
  CHECK (meter_removed_on IS NULL OR kind = 'closure'),
  CHECK (restore_by IS NULL OR meter_removed_on IS NOT NULL),
  CHECK (restored_on IS NULL OR kind = 'closure')
);
-- One unfinished case per account: two flows changing the same account at once would undo each other.
CREATE UNIQUE INDEX account_cases_one_open ON account_cases (company_id, account_id)
  WHERE status IN ('open', 'pendingApproval');
CREATE INDEX account_cases_account ON account_cases (company_id, account_id, created_at DESC);
CREATE INDEX account_cases_created ON account_cases (company_id, created_at DESC);
CREATE INDEX account_cases_kind_status ON account_cases (company_id, kind, status, created_at DESC);
-- The deadline check (daily job, register filter): closures whose meter is still to be removed, and
-- temporary removals still to be restored.
CREATE INDEX account_cases_due ON account_cases (company_id, due_on) WHERE kind = 'closure' AND status = 'completed';

-- IAM-4: every step of a case with its before and after. Append-only, like the audit log.
CREATE TABLE account_case_events (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  action text NOT NULL,
  actor_id uuid,
  actor_name text,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, case_id) REFERENCES account_cases (company_id, id),
  FOREIGN KEY (company_id, actor_id) REFERENCES users (company_id, id)
);
CREATE INDEX account_case_events_case ON account_case_events (company_id, case_id, at);

CREATE FUNCTION account_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'account_case_events is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER account_case_events_no_change BEFORE UPDATE OR DELETE ON account_case_events
  FOR EACH ROW EXECUTE FUNCTION account_case_events_append_only();
CREATE TRIGGER account_case_events_no_truncate BEFORE TRUNCATE ON account_case_events
  FOR EACH STATEMENT EXECUTE FUNCTION account_case_events_append_only();

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('customer.case', 'customers', '用户变更业务', 'Account changes: transfer, suspension, closure, usage nature');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'customer.case' FROM unnest(ARRAY['hall_clerk', 'centre_director', 'archivist', 'system_admin']) AS role_code;
SELECT grant_default_permissions(ARRAY['customer.case']);
