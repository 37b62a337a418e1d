-- IAM-4 customer-data changes and SVC-1 contact log.
--
-- Premises are edited with an optimistic lock like customers, accounts and meters: a protected
-- change is applied only if the record still has the version the request was based on.
ALTER TABLE premises ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE premises ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- The customer register filters by district and lists the districts to pick from.
CREATE INDEX premises_district ON premises (company_id, district);

-- IAM-4 (000 §38): every version of customer data is kept — who, when, before, after, why. One row
-- per edit of one record: direct edits of unprotected fields, and protected edits applied by the final
-- approval of a customerDataChange request. Rows are never changed or removed.
CREATE TABLE customer_changes (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The account the change was made through (a customer's change shows on each of its accounts).
  account_id uuid NOT NULL,
  entity_type text NOT NULL CHECK (entity_type IN ('customer', 'premise', 'account', 'meter', 'invoiceDetails')),
  entity_id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('direct', 'approved')),
  -- [{ "field": "mobile", "before": "139…", "after": "138…" }, …]
  changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array' AND jsonb_array_length(changes) > 0),
  version_before integer,
  version_after integer NOT NULL,
  reason text,
  changed_by uuid,
  changed_by_name text,
  -- An approved change: who asked for it, and the request that carried it.
  requested_by uuid,
  requested_by_name text,
  approval_request_id uuid,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, changed_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, approval_request_id) REFERENCES approval_requests (company_id, id),
  CHECK ((mode = 'approved') = (approval_request_id IS NOT NULL))
);
CREATE INDEX customer_changes_account ON customer_changes (company_id, account_id, changed_at DESC);
CREATE INDEX customer_changes_entity ON customer_changes (company_id, entity_type, entity_id, changed_at DESC);

CREATE FUNCTION customer_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_changes is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER customer_changes_no_change BEFORE UPDATE OR DELETE ON customer_changes
  FOR EACH ROW EXECUTE FUNCTION customer_changes_append_only();
CREATE TRIGGER customer_changes_no_truncate BEFORE TRUNCATE ON customer_changes
  FOR EACH STATEMENT EXECUTE FUNCTION customer_changes_append_only();

-- The 360° view lists the change requests about an account; approvals are found by their subject.
CREATE INDEX approval_requests_subject ON approval_requests (company_id, subject_type, subject_id, created_at DESC);

-- SVC-1: every hall visit, call or online contact. The account's number, name, address and phone are
-- copied when the contact is recorded, as the hall intake register (业务受理登记表) wrote them down; an
-- unknown caller leaves the account empty and gives a name or a phone. Categories (SVC-2) are the
-- policy's svc.contactCategories.
CREATE TABLE contacts (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('hotline', 'hall', 'online', 'doorToDoor', 'finding')),
  category text NOT NULL CHECK (category ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  account_id uuid,
  account_no text,
  customer_name text,
  address text,
  caller_name text,
  phone text,
  summary text NOT NULL CHECK (summary <> ''),
  taken_by uuid NOT NULL,
  taken_by_name text NOT NULL,
  org_unit_id uuid,
  contacted_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, taken_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id),
  CHECK (account_id IS NOT NULL OR caller_name IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX contacts_recent ON contacts (company_id, contacted_at DESC);
CREATE INDEX contacts_account ON contacts (company_id, account_id, contacted_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX contacts_taker ON contacts (company_id, taken_by, contacted_at DESC);
CREATE INDEX contacts_unit ON contacts (company_id, org_unit_id, contacted_at DESC);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('customer.reveal', 'customers', '查看完整证件号码和手机号', 'Reveal full ID numbers and mobiles'),
  ('contact.record', 'contacts', '登记来访来电', 'Record visits, calls and contacts'),
  ('contact.read', 'contacts', '查看业务受理登记表', 'View the contact log and intake register');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'customer.reveal' FROM unnest(ARRAY[
  'hall_clerk', 'archivist', 'centre_director', 'centre_supervisor']) AS role_code
UNION ALL
SELECT role_code, 'contact.record' FROM unnest(ARRAY[
  'hall_clerk', 'hotline_agent', 'archivist', 'meter_reader', 'safety_inspector', 'repair_technician', 'team_leader',
  'centre_director', 'centre_supervisor', 'system_admin']) AS role_code
UNION ALL
SELECT role_code, 'contact.read' FROM unnest(ARRAY[
  'hall_clerk', 'hotline_agent', 'archivist', 'team_leader', 'centre_director', 'centre_supervisor',
  'department_manager', 'system_admin']) AS role_code;
SELECT grant_default_permissions(ARRAY['customer.reveal', 'contact.record', 'contact.read']);
