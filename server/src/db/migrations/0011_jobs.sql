-- Scheduled jobs: one row per job and slot. Whoever inserts the row runs the slot, so two
-- server instances never run it twice; a run whose lease lapsed (its process died) is taken over.
CREATE TABLE job_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_name text NOT NULL,
  slot timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 1,
  claimed_by text NOT NULL,
  lease_until timestamptz NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  result jsonb,
  error text,
  UNIQUE (job_name, slot)
);
CREATE INDEX job_runs_recent ON job_runs (started_at DESC);
CREATE INDEX job_runs_failed ON job_runs (status, started_at DESC) WHERE status <> 'succeeded';

-- Background tasks of a company, claimed with FOR UPDATE SKIP LOCKED, retried with back-off.
CREATE TABLE background_tasks (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  payload jsonb,
  dedupe_key text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  lease_until timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, kind, dedupe_key)
);
CREATE INDEX background_tasks_due ON background_tasks (run_at) WHERE status IN ('queued', 'running');

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('platform.jobs.read', 'platform', '查看定时任务与后台任务', 'View scheduled jobs and background tasks'),
  ('platform.jobs.manage', 'platform', '手动运行定时任务', 'Run scheduled jobs by hand');
INSERT INTO default_role_permissions (role_code, permission_code) VALUES
  ('system_admin', 'platform.jobs.read'), ('system_admin', 'platform.jobs.manage'), ('auditor', 'platform.jobs.read');
SELECT grant_default_permissions(ARRAY['platform.jobs.read', 'platform.jobs.manage']);
