-- Spreadsheets (IAM-5): exports of personal data need an approved data-export request. Its final
-- approval leaves a grant here: one export, with exactly the approved filters, by the requester, once.
CREATE TABLE export_grants (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL,
  export_name text NOT NULL,
  filters jsonb NOT NULL,
  requested_by uuid NOT NULL,
  approved_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (company_id, id),
  -- One grant per approved request, however often the approval's effect is retried.
  UNIQUE (company_id, request_id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id)
);
CREATE INDEX export_grants_requester ON export_grants (company_id, requested_by, expires_at DESC);

-- The rejected rows of an import, as the .xlsx the user downloads to fix and upload again.
CREATE TABLE import_results (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  import_name text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rejected_rows integer NOT NULL,
  file bytea NOT NULL,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('export.request', 'platform', '申请导出数据', 'Request a data export');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT code, 'export.request' FROM (VALUES
  ('hotline_agent'), ('hall_clerk'), ('cashier'), ('archivist'), ('gas_in_technician'), ('repair_technician'),
  ('installer'), ('meter_reader'), ('safety_inspector'), ('team_leader'), ('centre_director'), ('centre_supervisor'),
  ('department_manager'), ('safety_officer'), ('receipt_keeper'), ('materials_keeper'), ('adjustment_approver'),
  ('system_admin'), ('auditor'), ('general_manager'), ('deputy_general_manager'), ('finance_director'), ('finance')
) AS r(code);
SELECT grant_default_permissions(ARRAY['export.request']);
