-- Policy values are versioned: a second change effective from the same date is a new version,
-- never an overwrite. A change made through an approval names its request.
ALTER TABLE policy_values ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE policy_values ADD COLUMN request_id uuid;
ALTER TABLE policy_values DROP CONSTRAINT policy_values_pkey;
ALTER TABLE policy_values ADD PRIMARY KEY (company_id, key, effective_from, version);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('policy.read', 'policy', '查看策略参数', 'View the policy'),
  ('policy.propose', 'policy', '申请修改策略参数', 'Propose policy changes');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT code, 'policy.read' FROM (VALUES
  ('system_admin'), ('auditor'), ('department_manager'), ('general_manager'), ('deputy_general_manager'),
  ('finance_director'), ('centre_director'), ('centre_supervisor'), ('team_leader')
) AS r(code)
UNION ALL
SELECT code, 'policy.propose' FROM (VALUES ('system_admin'), ('department_manager')) AS r(code);
SELECT grant_default_permissions(ARRAY['policy.read', 'policy.propose']);
