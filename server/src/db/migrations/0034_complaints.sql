-- CMP-1 / CMP-2 / CMP-3: complaints (投诉), their append-only trail, conflict-of-interest recusals, the
-- once-per-breach escalations, and callbacks (回访) with every call attempt. Every table leads its key with
-- company_id; references are composite.

-- CMP-1: graded, handled at the level the policy cmp.complaintHandlerLevels gives the grade; escalated
-- when beyond the handler's authority or when its deadline (SVC-6, svc.complaintDecisionWorkingDays)
-- passes. CMP-2: a deadline is only moved with a reason and the complainant's agreed date.
CREATE TABLE complaints (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  complaint_no text COLLATE "C" NOT NULL,
  -- intake: taken from a complainant; callback: opened by a poor callback score (CMP-3).
  source text NOT NULL DEFAULT 'intake' CHECK (source IN ('intake', 'callback')),
  channel text NOT NULL CHECK (channel IN ('hotline', 'hall', 'online', 'doorToDoor', 'letter', 'hotline12345',
    'consumerCouncil', 'media', 'callback')),
  account_id uuid,
  complainant_name text,
  phone text,
  address text,
  contact_id uuid,
  subject text NOT NULL CHECK (subject <> ''),
  description text NOT NULL CHECK (description <> ''),
  -- Whom the complaint is about (optional): a member of staff and/or a department.
  subject_user_id uuid,
  subject_org_unit_id uuid,
  grade text NOT NULL CHECK (grade IN ('ordinary', 'withImpact', 'serious', 'media')),
  -- A level code of the policy cmp.complaintHandlerLevels (clerk → head → deputyManager → centreManager).
  level text NOT NULL CHECK (level ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  handler_id uuid,
  -- The hall or centre that took it.
  org_unit_id uuid,
  -- SVC-3: who first took it.
  owner_id uuid NOT NULL,
  received_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  promise jsonb NOT NULL,
  extended boolean NOT NULL DEFAULT false,
  -- CMP-2: the complainant's name, phone and address are shown only to holders of complaint.confidential.
  confidential boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'handling', 'decided', 'closed')),
  decision text,
  communicated_via text CHECK (communicated_via IN ('phone', 'sms', 'visit', 'letter', 'inPerson', 'wechat')),
  communicated_at timestamptz,
  decided_by uuid,
  closed_at timestamptz,
  closed_by uuid,
  callback_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, complaint_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, contact_id) REFERENCES contacts (company_id, id),
  FOREIGN KEY (company_id, subject_user_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, subject_org_unit_id) REFERENCES org_units (company_id, id),
  FOREIGN KEY (company_id, handler_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id),
  FOREIGN KEY (company_id, owner_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, decided_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, closed_by) REFERENCES users (company_id, id),
  CHECK (account_id IS NOT NULL OR complainant_name IS NOT NULL OR phone IS NOT NULL),
  CHECK (deadline_at > received_at),
  CHECK (handler_id IS NULL OR handler_id IS DISTINCT FROM subject_user_id),
  CHECK (status NOT IN ('decided', 'closed') OR (decision IS NOT NULL AND communicated_at IS NOT NULL
    AND communicated_via IS NOT NULL)),
  CHECK (status <> 'closed' OR closed_at IS NOT NULL)
);
CREATE INDEX complaints_open ON complaints (company_id, deadline_at) WHERE status IN ('received', 'handling');
CREATE INDEX complaints_received ON complaints (company_id, received_at DESC);
CREATE INDEX complaints_owner ON complaints (company_id, owner_id, received_at DESC);
CREATE INDEX complaints_handler ON complaints (company_id, handler_id, deadline_at);
CREATE INDEX complaints_account ON complaints (company_id, account_id, received_at DESC);

-- The complaint's life, append-only.
CREATE TABLE complaint_events (
  company_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  complaint_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'assigned', 'escalated', 'breached', 'extended', 'recused',
    'decided', 'closed')),
  from_level text,
  to_level text,
  from_user_id uuid,
  to_user_id uuid,
  from_deadline timestamptz,
  to_deadline timestamptz,
  reason text,
  actor_id uuid,
  actor_name text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, complaint_id) REFERENCES complaints (company_id, id),
  FOREIGN KEY (company_id, from_user_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, to_user_id) REFERENCES users (company_id, id),
  CHECK (kind NOT IN ('escalated', 'extended', 'recused') OR (reason IS NOT NULL AND reason <> ''))
);
CREATE INDEX complaint_events_complaint ON complaint_events (company_id, complaint_id, id);

CREATE FUNCTION complaint_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER complaint_events_no_change BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION complaint_trail_append_only();
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_trail_append_only();

-- CMP-2: a handler with a conflict of interest steps aside and is never given the complaint again.
CREATE TABLE complaint_recusals (
  company_id uuid NOT NULL,
  complaint_id uuid NOT NULL,
  user_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, complaint_id, user_id),
  FOREIGN KEY (company_id, complaint_id) REFERENCES complaints (company_id, id),
  FOREIGN KEY (company_id, user_id) REFERENCES users (company_id, id)
);

-- CMP-1 / SVC-6: one escalation per breach: the key is the deadline that was missed, so a second run of the
-- job (or a second instance) writes nothing, and a complaint extended and breached again escalates again.
CREATE TABLE complaint_breaches (
  company_id uuid NOT NULL,
  complaint_id uuid NOT NULL,
  deadline_at timestamptz NOT NULL,
  from_level text NOT NULL,
  to_level text NOT NULL,
  to_user_id uuid,
  at timestamptz NOT NULL,
  PRIMARY KEY (company_id, complaint_id, deadline_at),
  FOREIGN KEY (company_id, complaint_id) REFERENCES complaints (company_id, id),
  FOREIGN KEY (company_id, to_user_id) REFERENCES users (company_id, id)
);

-- CMP-3: a callback after a completed repair or door-to-door order, or a closed complaint.
CREATE TABLE callbacks (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  source text NOT NULL CHECK (source IN ('workOrder', 'complaint')),
  work_order_id uuid,
  complaint_id uuid,
  -- What the call is about (the order or complaint number and its type), for the queue.
  source_no text NOT NULL,
  topic text NOT NULL,
  account_id uuid,
  name text,
  phone text,
  address text,
  confidential boolean NOT NULL DEFAULT false,
  org_unit_id uuid,
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'unreachable')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  score smallint CHECK (score BETWEEN 1 AND 5),
  comments text,
  follow_up_complaint_id uuid,
  completed_by uuid,
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, complaint_id) REFERENCES complaints (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id),
  FOREIGN KEY (company_id, follow_up_complaint_id) REFERENCES complaints (company_id, id),
  FOREIGN KEY (company_id, completed_by) REFERENCES users (company_id, id),
  CHECK ((source = 'workOrder') = (work_order_id IS NOT NULL)),
  CHECK ((source = 'complaint') = (complaint_id IS NOT NULL)),
  CHECK (status <> 'done' OR (score IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE UNIQUE INDEX callbacks_one_per_order ON callbacks (company_id, work_order_id) WHERE work_order_id IS NOT NULL;
CREATE UNIQUE INDEX callbacks_one_per_complaint ON callbacks (company_id, complaint_id) WHERE complaint_id IS NOT NULL;
CREATE INDEX callbacks_queue ON callbacks (company_id, due_at) WHERE status = 'pending';

ALTER TABLE complaints ADD FOREIGN KEY (company_id, callback_id) REFERENCES callbacks (company_id, id);

-- CMP-3: every call, reached or not, recorded in full; append-only.
CREATE TABLE callback_attempts (
  company_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  callback_id uuid NOT NULL,
  reached boolean NOT NULL,
  score smallint CHECK (score BETWEEN 1 AND 5),
  comments text,
  by_user_id uuid NOT NULL,
  by_name text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, callback_id) REFERENCES callbacks (company_id, id),
  FOREIGN KEY (company_id, by_user_id) REFERENCES users (company_id, id),
  CHECK (reached OR score IS NULL),
  CHECK (NOT reached OR score IS NOT NULL)
);
CREATE INDEX callback_attempts_callback ON callback_attempts (company_id, callback_id, id);
CREATE TRIGGER callback_attempts_no_change BEFORE UPDATE OR DELETE ON callback_attempts
  FOR EACH ROW EXECUTE FUNCTION complaint_trail_append_only();
CREATE TRIGGER callback_attempts_no_truncate BEFORE TRUNCATE ON callback_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_trail_append_only();

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('complaint.create', 'complaints', '受理投诉', 'Take complaints'),
  ('complaint.handle', 'complaints', '处理投诉', 'Handle complaints: assign, escalate, extend, decide, close'),
  ('complaint.read', 'complaints', '查看投诉', 'View complaints'),
  ('complaint.confidential', 'complaints', '查看保密投诉人信息', 'See the complainant of a confidential complaint'),
  ('callback.work', 'complaints', '回访', 'Make callbacks and record their results');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'complaint.create' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager']) AS role_code
UNION ALL
SELECT role_code, 'complaint.handle' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'deputy_general_manager', 'general_manager']) AS role_code
UNION ALL
SELECT role_code, 'complaint.read' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'deputy_general_manager', 'general_manager', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'complaint.confidential' FROM unnest(ARRAY['centre_director', 'centre_supervisor',
  'department_manager', 'deputy_general_manager', 'general_manager']) AS role_code
UNION ALL
SELECT role_code, 'callback.work' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor']) AS role_code;
SELECT grant_default_permissions(ARRAY['complaint.create', 'complaint.handle', 'complaint.read',
  'complaint.confidential', 'callback.work']);
