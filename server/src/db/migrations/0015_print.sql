-- Printing: notice kinds and their default templates are code; a company may override a kind's
-- template. The override is checked against the kind's variables when it is saved.
CREATE TABLE print_templates (
  company_id uuid NOT NULL REFERENCES companies (id),
  code text NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (company_id, code),
  FOREIGN KEY (company_id, updated_by) REFERENCES users (company_id, id)
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('print.use', 'platform', '打印通知书与单据', 'Print notices and receipts'),
  ('print.manage', 'platform', '管理打印模板', 'Manage print templates');
-- Everybody prints; only the administrator changes what a notice looks like.
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT code, 'print.use' FROM (VALUES
  ('hotline_agent'), ('hall_clerk'), ('cashier'), ('archivist'), ('gas_in_technician'), ('repair_technician'),
  ('installer'), ('meter_reader'), ('safety_inspector'), ('team_leader'), ('centre_director'), ('centre_supervisor'),
  ('department_manager'), ('safety_officer'), ('receipt_keeper'), ('materials_keeper'), ('adjustment_approver'),
  ('system_admin'), ('auditor'), ('general_manager'), ('deputy_general_manager'), ('finance_director'), ('finance')
) AS r(code)
UNION ALL SELECT 'system_admin', 'print.manage';
SELECT grant_default_permissions(ARRAY['print.use', 'print.manage']);
