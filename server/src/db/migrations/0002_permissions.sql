-- Permissions of the platform core. Later modules add theirs in their own migrations.
INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('iam.user.read', 'iam', '查看账号', 'View accounts'),
  ('iam.user.manage', 'iam', '管理账号', 'Manage accounts'),
  ('iam.role.read', 'iam', '查看角色', 'View roles'),
  ('iam.role.manage', 'iam', '管理角色与岗位互斥', 'Manage roles and duty conflicts'),
  ('iam.accountRequest.create', 'iam', '提交账号申请', 'Request accounts'),
  ('iam.accountRequest.approve', 'iam', '部门审批账号申请', 'Approve account requests (department)'),
  ('iam.accountRequest.provision', 'iam', '审核并开通账号', 'Review and provision accounts'),
  ('org.read', 'org', '查看组织机构', 'View organisation'),
  ('org.manage', 'org', '管理组织机构', 'Manage organisation'),
  ('audit.read', 'audit', '查看审计日志', 'View the audit log');
