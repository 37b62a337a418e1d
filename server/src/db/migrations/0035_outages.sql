-- SVC-10: outage notices (停气通知), planned and emergency, with the area they cover, and who was told.
-- SVC-6: the SMS of work-order warnings and escalations to the person told.

CREATE TABLE outages (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- TQ20261204-01: a prefix, the business date of registration and a daily serial.
  outage_no text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('planned', 'emergency')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'announced', 'cancelled')),
  -- The affected area: [{ "district": "城东区", "street": "幸福路", "community": "幸福小区" }, …]; a premise is
  -- covered by an entry when its district is the entry's and, where the entry names them, its street and
  -- community too.
  area jsonb NOT NULL CHECK (jsonb_typeof(area) = 'array' AND jsonb_array_length(area) >= 1),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  contact_name text,
  contact_phone text NOT NULL CHECK (contact_phone <> ''),
  note text,
  -- SVC-10 / policy: a planned outage is announced at least svc.plannedOutageNoticeHours before it starts;
  -- an emergency one is notified by starts_at + svc.emergencyOutageNoticeHours. Fixed when registered.
  notify_by timestamptz NOT NULL,
  announced_at timestamptz,
  announced_by uuid,
  announced_late boolean NOT NULL DEFAULT false,
  -- Accounts covered when announced, of which SMS were queued and skipped (no valid mobile).
  affected_count integer,
  sms_queued integer,
  sms_skipped integer,
  cancelled_at timestamptz,
  cancel_reason text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, outage_no),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, announced_by) REFERENCES users (company_id, id),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'announced') = (announced_at IS NOT NULL) OR status = 'cancelled'),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK (status <> 'cancelled' OR coalesce(cancel_reason, '') <> '')
);
-- The register by start, and the current and upcoming outages an intake checks.
CREATE INDEX outages_starts ON outages (company_id, starts_at DESC);
CREATE INDEX outages_current ON outages (company_id, ends_at) WHERE status = 'announced';

-- SVC-10: the premises of an outage's area, found district by district (then street and community).
CREATE INDEX premises_area ON premises (company_id, district, street, community);

-- Who an announcement told: one row per covered account, with its SMS or why none was sent.
CREATE TABLE outage_recipients (
  company_id uuid NOT NULL,
  outage_id uuid NOT NULL,
  account_id uuid NOT NULL,
  recipient text,
  message_id uuid,
  -- noMobile: neither the account's SMS number nor the customer's mobile is a valid mainland mobile.
  skipped text CHECK (skipped IN ('noMobile')),
  PRIMARY KEY (company_id, outage_id, account_id),
  FOREIGN KEY (company_id, outage_id) REFERENCES outages (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  -- The messages are inserted right after, in the same transaction.
  FOREIGN KEY (company_id, message_id) REFERENCES notification_messages (company_id, id) DEFERRABLE INITIALLY DEFERRED,
  CHECK ((message_id IS NULL) = (skipped IS NOT NULL))
);

-- SVC-6: the SMS to the person warned or escalated to, or why none went out.
ALTER TABLE work_order_escalations
  ADD COLUMN sms_message_id uuid,
  -- noRecipient: nobody holds the role above the order; noPhone: the person has no phone;
  -- badPhone: their phone is not a mainland mobile; templateDisabled: the company switched the template off.
  ADD COLUMN sms_skipped text CHECK (sms_skipped IN ('noRecipient', 'noPhone', 'badPhone', 'templateDisabled')),
  ADD FOREIGN KEY (company_id, sms_message_id) REFERENCES notification_messages (company_id, id);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('outage.read', 'outages', '查看停气通知', 'View outage notices'),
  ('outage.manage', 'outages', '登记、发布和取消停气通知', 'Register, announce and cancel outage notices');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'outage.read' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'archivist', 'gas_in_technician',
  'repair_technician', 'installer', 'safety_inspector', 'meter_reader', 'team_leader', 'centre_director',
  'centre_supervisor', 'department_manager', 'safety_officer', 'system_admin', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'outage.manage' FROM unnest(ARRAY['centre_director', 'centre_supervisor', 'department_manager'])
  AS role_code;
SELECT grant_default_permissions(ARRAY['outage.read', 'outage.manage']);

-- The default template of the staff message of SVC-6 for the companies that exist already; a new company
-- gets the same from seedDefaultTemplates (notify/catalogue.ts), and notify.test keeps the two equal.
-- seed:begin
INSERT INTO notification_templates (company_id, code, channel, name, body, variables)
SELECT c.id, t.code, 'sms', t.name,
       '【' || regexp_replace(c.name, '(股份)?有限(责任)?公司$', '') || '】' || t.body, t.variables
  FROM companies c, (VALUES
    ('workOrderEscalation', '工单超时预警与升级',
     '{staffName}您好：工单{orderNo}（{orderType}，{address}）{level}，承诺时限{deadline}，请及时督办。',
     ARRAY['staffName', 'orderNo', 'orderType', 'address', 'level', 'deadline'])
  ) AS t(code, name, body, variables)
ON CONFLICT (company_id, code, channel) DO NOTHING;
-- seed:end
