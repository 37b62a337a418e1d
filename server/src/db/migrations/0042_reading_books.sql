-- MTR-1..4, step 1 of issue 6: reading books (抄表册) and their monthly plans, and what the handheld
-- exchange and the plausibility check keep beside each reading.

-- MTR-3: a book groups accounts (their installed meter at the time of reading) of one area for one
-- reader, in walking order. Residential books are read every mtr.residentialCycleMonths months, in the
-- months whose index (year × 12 + month − 1) modulo the cycle equals cycle_offset; C&I books monthly.
CREATE TABLE reading_books (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text COLLATE "C" NOT NULL CHECK (code ~ '^[A-Za-z0-9-]+$' AND length(code) BETWEEN 1 AND 32),
  name text NOT NULL CHECK (name <> '' AND length(name) <= 100),
  -- The area the book walks (a community, a street, an industrial park).
  area text NOT NULL CHECK (area <> '' AND length(area) <= 200),
  customer_kind text NOT NULL CHECK (customer_kind IN ('residential', 'commercial')),
  reader_id uuid,
  -- The day of the month the round is planned for (C&I: kept inside the policy's window).
  read_day integer NOT NULL DEFAULT 10 CHECK (read_day BETWEEN 1 AND 28),
  cycle_offset integer NOT NULL DEFAULT 0 CHECK (cycle_offset BETWEEN 0 AND 11),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code),
  FOREIGN KEY (company_id, reader_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);

-- An account is in at most one book; seq is the walking order inside the book.
CREATE TABLE reading_book_accounts (
  company_id uuid NOT NULL,
  book_id uuid NOT NULL,
  account_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq BETWEEN 1 AND 100000),
  PRIMARY KEY (company_id, book_id, account_id),
  UNIQUE (company_id, account_id),
  UNIQUE (company_id, book_id, seq),
  FOREIGN KEY (company_id, book_id) REFERENCES reading_books (company_id, id) ON DELETE CASCADE,
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id)
);

-- MTR-1/2: the plan of a book for a period: the planned date and the reader of that round.
CREATE TABLE reading_plans (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  book_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  planned_on date NOT NULL,
  reader_id uuid,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'downloaded', 'uploaded')),
  downloaded_at timestamptz,
  uploaded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, book_id, period),
  FOREIGN KEY (company_id, book_id) REFERENCES reading_books (company_id, id),
  FOREIGN KEY (company_id, reader_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);
CREATE INDEX reading_plans_period ON reading_plans (company_id, period, planned_on);

-- MTR-4: what the reading was compared with (last period, same period last year, average), for the
-- reviewer; one live (not superseded) reading per meter and period, which also makes an upload of the
-- same readings twice find the row it made the first time.
ALTER TABLE meter_readings ADD COLUMN comparison jsonb;
ALTER TABLE meter_readings ADD COLUMN book_id uuid;
ALTER TABLE meter_readings ADD FOREIGN KEY (company_id, book_id) REFERENCES reading_books (company_id, id);
CREATE UNIQUE INDEX meter_readings_one_live ON meter_readings (company_id, meter_id, period)
  WHERE status <> 'superseded';
CREATE INDEX meter_readings_account_accepted ON meter_readings (company_id, account_id, period DESC)
  WHERE status = 'accepted';

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('reading.read', 'readings', '查看抄表册、计划和抄表数据', 'View reading books, plans and readings'),
  ('reading.book.manage', 'readings', '维护抄表册和抄表计划', 'Maintain reading books and plans'),
  ('reading.upload', 'readings', '下载抄表册、上传抄表数据', 'Download books and upload readings'),
  ('reading.review', 'readings', '审核异常抄表数据', 'Review flagged readings');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'reading.read' FROM unnest(ARRAY['meter_reader', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'hall_clerk', 'hotline_agent', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'reading.upload' FROM unnest(ARRAY['meter_reader', 'team_leader']) AS role_code
UNION ALL
SELECT role_code, 'reading.book.manage' FROM unnest(ARRAY['team_leader', 'centre_supervisor', 'department_manager'])
  AS role_code
UNION ALL
SELECT role_code, 'reading.review' FROM unnest(ARRAY['team_leader', 'centre_supervisor', 'centre_director',
  'department_manager']) AS role_code;
SELECT grant_default_permissions(ARRAY['reading.read', 'reading.book.manage', 'reading.upload', 'reading.review']);
