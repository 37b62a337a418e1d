-- Platform core: tenancy (ORG-1), roles and permissions (ORG-2), segregation of duties (ORG-3),
-- accounts and sessions (IAM-1..3), the append-only audit log (IAM-6), and the policy store.
-- Every business table carries company_id and leads its keys with it, so a group can shard by company.

CREATE TABLE company_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE companies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES company_groups (id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'city' CHECK (kind IN ('city', 'township')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_units (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id uuid,
  kind text NOT NULL CHECK (kind IN ('department', 'unit', 'team')),
  unit_type text,
  code text NOT NULL,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code),
  FOREIGN KEY (company_id, parent_id) REFERENCES org_units (company_id, id)
);

CREATE TABLE permissions (
  code text PRIMARY KEY,
  module text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE roles (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code)
);

CREATE TABLE role_permissions (
  company_id uuid NOT NULL,
  role_id uuid NOT NULL,
  permission_code text NOT NULL REFERENCES permissions (code),
  PRIMARY KEY (company_id, role_id, permission_code),
  FOREIGN KEY (company_id, role_id) REFERENCES roles (company_id, id) ON DELETE CASCADE
);

-- ORG-3: a pair is stored once, the smaller id first.
CREATE TABLE role_conflicts (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  role_a_id uuid NOT NULL,
  role_b_id uuid NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, role_a_id, role_b_id),
  CHECK (role_a_id < role_b_id),
  FOREIGN KEY (company_id, role_a_id) REFERENCES roles (company_id, id) ON DELETE CASCADE,
  FOREIGN KEY (company_id, role_b_id) REFERENCES roles (company_id, id) ON DELETE CASCADE
);

CREATE TABLE users (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL,
  full_name text NOT NULL,
  employee_no text,
  phone text,
  email text,
  org_unit_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at timestamptz,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  leave_date date,
  leave_kind text CHECK (leave_kind IN ('departure', 'transfer')),
  disabled_at timestamptz,
  disabled_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id)
);
-- Staff log in by user name alone, so it is unique across the installation (IAM-2: one person, one account).
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_employee_no_key ON users (company_id, employee_no) WHERE employee_no IS NOT NULL;

CREATE TABLE user_roles (
  company_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role_id uuid NOT NULL,
  granted_by uuid,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, user_id, role_id),
  FOREIGN KEY (company_id, user_id) REFERENCES users (company_id, id) ON DELETE CASCADE,
  FOREIGN KEY (company_id, role_id) REFERENCES roles (company_id, id) ON DELETE CASCADE
);
CREATE INDEX user_roles_role ON user_roles (company_id, role_id);

CREATE TABLE sessions (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, user_id) REFERENCES users (company_id, id) ON DELETE CASCADE
);

-- IAM-1: request -> department approval -> admin review against the conflict table -> provision.
CREATE TABLE account_requests (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  requested_by uuid NOT NULL,
  full_name text NOT NULL,
  username text NOT NULL,
  employee_no text,
  org_unit_id uuid,
  role_ids uuid[] NOT NULL DEFAULT '{}',
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'department_approved', 'provisioned', 'rejected')),
  approved_by uuid,
  approved_at timestamptz,
  decided_by uuid,
  decided_at timestamptz,
  comment text,
  user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id)
);
CREATE INDEX account_requests_status ON account_requests (company_id, status, created_at DESC);

-- IAM-6: every write, in the same transaction as the write.
CREATE TABLE audit_log (
  company_id uuid NOT NULL REFERENCES companies (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  request_id text,
  PRIMARY KEY (company_id, id)
);
CREATE INDEX audit_log_at ON audit_log (company_id, at DESC);
CREATE INDEX audit_log_entity ON audit_log (company_id, entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (company_id, actor_id, at DESC);

-- The log is append-only for everybody, the application included: enforced here, not only in code.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Per-company policy: rulebook numbers, effective-dated. Read "as of a date".
CREATE TABLE policy_values (
  company_id uuid NOT NULL REFERENCES companies (id),
  key text NOT NULL,
  effective_from date NOT NULL,
  value jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (company_id, key, effective_from)
);
