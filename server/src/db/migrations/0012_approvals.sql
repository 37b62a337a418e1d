-- The approvals engine: a request of a kind, about a subject, with an amount, a reason and a
-- payload; a chain of steps computed from the company's policy by kind and amount tier; every
-- action on the timeline. On final approval the owning module's action runs in the same transaction.
CREATE TABLE approval_requests (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  no text NOT NULL,
  kind text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  amount numeric(14, 2),
  reason text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  current_step integer,
  requested_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, no),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id)
);
CREATE INDEX approval_requests_status ON approval_requests (company_id, status, created_at DESC);
CREATE INDEX approval_requests_requester ON approval_requests (company_id, requested_by, created_at DESC);
CREATE INDEX approval_requests_kind ON approval_requests (company_id, kind, created_at DESC);

CREATE TABLE approval_steps (
  company_id uuid NOT NULL,
  request_id uuid NOT NULL,
  step_no integer NOT NULL,
  roles text[] NOT NULL,
  label text NOT NULL,
  status text NOT NULL CHECK (status IN ('waiting', 'pending', 'approved', 'rejected', 'skipped')),
  acted_by uuid,
  acted_at timestamptz,
  comment text,
  PRIMARY KEY (company_id, request_id, step_no),
  FOREIGN KEY (company_id, request_id) REFERENCES approval_requests (company_id, id)
);

CREATE TABLE approval_events (
  company_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  request_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text,
  action text NOT NULL CHECK (action IN ('submitted', 'approved', 'rejected', 'withdrawn', 'completed', 'attached')),
  step_no integer,
  comment text,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, request_id) REFERENCES approval_requests (company_id, id)
);
CREATE INDEX approval_events_request ON approval_events (company_id, request_id, id);

CREATE TABLE approval_attachments (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  data bytea NOT NULL,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, request_id) REFERENCES approval_requests (company_id, id)
);

-- IAM-1 account requests are approval requests of kind accountRequest from now on.
DROP TABLE account_requests;

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('approvals.read', 'approvals', '查看和处理我的审批', 'See and act on my approvals'),
  ('approvals.register', 'approvals', '查看审批登记簿和月报', 'View the approvals register and monthly report');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT code, 'approvals.read' FROM (VALUES
  ('hotline_agent'), ('hall_clerk'), ('cashier'), ('archivist'), ('gas_in_technician'), ('repair_technician'),
  ('installer'), ('meter_reader'), ('safety_inspector'), ('team_leader'), ('centre_director'), ('centre_supervisor'),
  ('department_manager'), ('safety_officer'), ('receipt_keeper'), ('materials_keeper'), ('adjustment_approver'),
  ('system_admin'), ('auditor'), ('general_manager'), ('deputy_general_manager'), ('finance_director'), ('finance')
) AS r(code)
UNION ALL
SELECT code, 'approvals.register' FROM (VALUES
  ('system_admin'), ('auditor'), ('department_manager'), ('general_manager'), ('deputy_general_manager'),
  ('finance_director')
) AS r(code);
SELECT grant_default_permissions(ARRAY['approvals.read', 'approvals.register']);

-- Who approves an account request is now the approval chain's business (policy approvals.chains).
DELETE FROM role_permissions WHERE permission_code IN ('iam.accountRequest.approve', 'iam.accountRequest.provision');
DELETE FROM default_role_permissions WHERE permission_code IN ('iam.accountRequest.approve', 'iam.accountRequest.provision');
DELETE FROM permissions WHERE code IN ('iam.accountRequest.approve', 'iam.accountRequest.provision');
