-- Default grants of each seeded role, as data: a module's migration adds its permissions here
-- and grants them to the roles of existing companies with grant_default_permissions(codes).
-- A new company's roles get every default (setup/company.ts). A company's own later changes
-- are never overwritten: only the named new codes are granted.
CREATE TABLE default_role_permissions (
  role_code text NOT NULL,
  permission_code text NOT NULL REFERENCES permissions (code),
  PRIMARY KEY (role_code, permission_code)
);

CREATE FUNCTION grant_default_permissions(codes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO role_permissions (company_id, role_id, permission_code)
  SELECT r.company_id, r.id, d.permission_code
    FROM roles r JOIN default_role_permissions d ON d.role_code = r.code
   WHERE d.permission_code = ANY(codes)
  ON CONFLICT DO NOTHING
$$;

INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, permission_code FROM (VALUES
  ('system_admin', 'org.read'), ('system_admin', 'org.manage'), ('system_admin', 'iam.user.read'),
  ('system_admin', 'iam.user.manage'), ('system_admin', 'iam.role.read'), ('system_admin', 'iam.role.manage'),
  ('system_admin', 'iam.accountRequest.create'), ('system_admin', 'iam.accountRequest.provision'),
  ('system_admin', 'audit.read'),
  ('auditor', 'org.read'), ('auditor', 'iam.user.read'), ('auditor', 'iam.role.read'), ('auditor', 'audit.read'),
  ('team_leader', 'iam.user.read'), ('team_leader', 'iam.role.read'),
  ('centre_director', 'iam.user.read'), ('centre_director', 'iam.role.read'), ('centre_director', 'iam.accountRequest.approve'),
  ('centre_supervisor', 'iam.user.read'), ('centre_supervisor', 'iam.role.read'), ('centre_supervisor', 'iam.accountRequest.approve'),
  ('department_manager', 'iam.user.read'), ('department_manager', 'iam.role.read'),
  ('department_manager', 'iam.accountRequest.approve'), ('department_manager', 'audit.read'),
  ('general_manager', 'iam.user.read'), ('general_manager', 'iam.role.read'), ('general_manager', 'audit.read'),
  ('deputy_general_manager', 'iam.user.read'), ('deputy_general_manager', 'iam.role.read'),
  ('finance_director', 'iam.user.read'), ('finance_director', 'iam.role.read')
) AS v(role_code, permission_code)
UNION
-- Everybody may look at the organisation and ask for an account for a new colleague.
SELECT code, p FROM (VALUES
  ('hotline_agent'), ('hall_clerk'), ('cashier'), ('archivist'), ('gas_in_technician'), ('repair_technician'),
  ('installer'), ('meter_reader'), ('safety_inspector'), ('team_leader'), ('centre_director'), ('centre_supervisor'),
  ('department_manager'), ('safety_officer'), ('receipt_keeper'), ('materials_keeper'), ('adjustment_approver'),
  ('general_manager'), ('deputy_general_manager'), ('finance_director'), ('finance')
) AS r(code), (VALUES ('org.read'), ('iam.accountRequest.create')) AS q(p);
