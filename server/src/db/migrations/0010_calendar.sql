-- SVC-6 working-day calendar. China's official schedule is national (the same for every company,
-- a reference table under Citus): a 'holiday' row is a day of an official holiday span, a 'workday'
-- row a weekend day worked to make up for one (调休上班). Other days: Monday to Friday work.
CREATE TABLE calendar_days (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

-- Days a company is closed on its own account (a move, a system cut-over): not working days for it alone.
CREATE TABLE company_closures (
  company_id uuid NOT NULL REFERENCES companies (id),
  date date NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (company_id, date)
);

-- The State Council notices (国务院办公厅关于20XX年部分节假日安排的通知):
-- 2024 国办发明电〔2023〕7号 (2023-10-25), 2025 国办发明电〔2024〕12号 (2024-11-12),
-- 2026 国办发明电〔2025〕7号 (2025-11-04). Later years are entered in the console when announced.
INSERT INTO calendar_days (date, kind, name)
SELECT d::date, 'holiday', v.name
  FROM (VALUES
    ('2024-01-01'::date, '2024-01-01'::date, '元旦'),
    ('2024-02-10', '2024-02-17', '春节'),
    ('2024-04-04', '2024-04-06', '清明节'),
    ('2024-05-01', '2024-05-05', '劳动节'),
    ('2024-06-10', '2024-06-10', '端午节'),
    ('2024-09-15', '2024-09-17', '中秋节'),
    ('2024-10-01', '2024-10-07', '国庆节'),
    ('2025-01-01', '2025-01-01', '元旦'),
    ('2025-01-28', '2025-02-04', '春节'),
    ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'),
    ('2025-05-31', '2025-06-02', '端午节'),
    ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ('2026-01-01', '2026-01-03', '元旦'),
    ('2026-02-15', '2026-02-23', '春节'),
    ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'),
    ('2026-06-19', '2026-06-21', '端午节'),
    ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
  ) AS v(first_day, last_day, name)
  CROSS JOIN LATERAL generate_series(v.first_day, v.last_day, interval '1 day') AS d;

INSERT INTO calendar_days (date, kind, name) VALUES
  ('2024-02-04', 'workday', '春节'), ('2024-02-18', 'workday', '春节'),
  ('2024-04-07', 'workday', '清明节'),
  ('2024-04-28', 'workday', '劳动节'), ('2024-05-11', 'workday', '劳动节'),
  ('2024-09-14', 'workday', '中秋节'),
  ('2024-09-29', 'workday', '国庆节'), ('2024-10-12', 'workday', '国庆节'),
  ('2025-01-26', 'workday', '春节'), ('2025-02-08', 'workday', '春节'),
  ('2025-04-27', 'workday', '劳动节'),
  ('2025-09-28', 'workday', '国庆节、中秋节'), ('2025-10-11', 'workday', '国庆节、中秋节'),
  ('2026-01-04', 'workday', '元旦'),
  ('2026-02-14', 'workday', '春节'), ('2026-02-28', 'workday', '春节'),
  ('2026-05-09', 'workday', '劳动节'),
  ('2026-09-20', 'workday', '国庆节'), ('2026-10-10', 'workday', '国庆节');

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('calendar.read', 'calendar', '查看工作日历', 'View the working calendar'),
  ('calendar.manage', 'calendar', '维护工作日历与公司停业日', 'Maintain the working calendar and company closures');
INSERT INTO default_role_permissions (role_code, permission_code) VALUES
  ('system_admin', 'calendar.read'), ('system_admin', 'calendar.manage'),
  ('department_manager', 'calendar.read'), ('centre_director', 'calendar.read'),
  ('centre_supervisor', 'calendar.read'), ('team_leader', 'calendar.read'),
  ('auditor', 'calendar.read'), ('general_manager', 'calendar.read');
SELECT grant_default_permissions(ARRAY['calendar.read', 'calendar.manage']);
