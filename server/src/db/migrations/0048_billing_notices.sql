-- MTR-8: the notices printed after a reading round (缴费通知单, 抄表告知单, 工商客户抄表通知单). A batch print
-- is recorded with what it covered, so the hall can see who printed which notices and how many.
CREATE TABLE notice_print_batches (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- payment: 燃气缴费通知单 (indoor meters); area: 天然气抄表告知单 (outdoor meters, one per book);
  -- ci: 工商客户抄表通知单.
  notice_kind text NOT NULL CHECK (notice_kind IN ('payment', 'area', 'ci')),
  paper text NOT NULL CHECK (paper IN ('A4', 'receipt80')),
  format text NOT NULL CHECK (format IN ('html', 'pdf')),
  -- The batch's filters as given (book, area, reader, customer kind).
  filters jsonb NOT NULL DEFAULT '{}',
  notices integer NOT NULL CHECK (notices >= 0),
  bills integer NOT NULL CHECK (bills >= 0),
  amount_total numeric(16, 2) NOT NULL DEFAULT 0,
  printed_by uuid,
  printed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, printed_by) REFERENCES users (company_id, id)
);
CREATE INDEX notice_print_batches_recent ON notice_print_batches (company_id, printed_at DESC);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('billing.notice.print', 'billing', '打印缴费通知单、抄表告知单', 'Print payment and reading notices');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'billing.notice.print' FROM unnest(ARRAY['meter_reader', 'team_leader', 'hall_clerk', 'cashier',
  'centre_supervisor', 'centre_director', 'department_manager']) AS role_code;
SELECT grant_default_permissions(ARRAY['billing.notice.print']);
