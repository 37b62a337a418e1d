-- The national holiday table is shared by every company of the installation; changing it is a
-- permission of its own, apart from a company's own closures (calendar.manage).
INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('calendar.national.manage', 'calendar', '维护国家法定节假日与调休', 'Maintain the national holidays and make-up days');
INSERT INTO default_role_permissions (role_code, permission_code) VALUES ('system_admin', 'calendar.national.manage');
SELECT grant_default_permissions(ARRAY['calendar.national.manage']);
