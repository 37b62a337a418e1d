-- SVC-6 step 2: warnings before a breach and escalations on it. Each level is written once per order:
-- the key below makes a second run of the job (or a second instance) a no-op.
CREATE TABLE work_order_escalations (
  company_id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  -- warning: the share of the promise in svc.breachWarningPercent has elapsed; teamHead: breached;
  -- centreManager: still open svc.escalationStepMinutes after the breach.
  level text NOT NULL CHECK (level IN ('warning', 'teamHead', 'centreManager')),
  to_user_id uuid,
  at timestamptz NOT NULL,
  PRIMARY KEY (company_id, work_order_id, level),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  FOREIGN KEY (company_id, to_user_id) REFERENCES users (company_id, id)
);
CREATE INDEX work_order_escalations_to ON work_order_escalations (company_id, to_user_id);

ALTER TABLE work_order_events DROP CONSTRAINT work_order_events_kind_check;
ALTER TABLE work_order_events ADD CONSTRAINT work_order_events_kind_check
  CHECK (kind IN ('created', 'assigned', 'reassigned', 'taken', 'status', 'paused', 'resumed', 'warned', 'escalated'));
