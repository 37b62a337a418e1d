-- Whoever may request an account for a colleague must be able to pick its roles.
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'iam.role.read' FROM default_role_permissions WHERE permission_code = 'iam.accountRequest.create'
ON CONFLICT DO NOTHING;
SELECT grant_default_permissions(ARRAY['iam.role.read']);
