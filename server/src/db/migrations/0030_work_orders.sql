-- SVC: work orders (工单), step 1: their types as data, the orders, their append-only event trail,
-- pauses and the permissions. Every table leads its key with company_id; references are composite.

-- SVC-2 / SVC-6: the kinds of work a company does. Each names its SVC-2 category, the policy key of
-- its promise (服务承诺) and that promise's unit, and its ordered steps. A company may add its own.
CREATE TABLE work_order_types (
  company_id uuid NOT NULL REFERENCES companies (id),
  code text NOT NULL CHECK (code ~ '^[a-z][A-Za-z0-9]{0,31}$'),
  name_zh text NOT NULL CHECK (name_zh <> ''),
  name_en text NOT NULL CHECK (name_en <> ''),
  category text NOT NULL CHECK (category IN ('fee', 'business', 'consultation', 'repair', 'emergency', 'complaint')),
  promise_key text NOT NULL CHECK (promise_key ~ '^svc\.[A-Za-z.]+$'),
  promise_unit text NOT NULL CHECK (promise_unit IN ('minutes', 'hours', 'workingHours', 'days', 'workingDays')),
  default_priority text NOT NULL DEFAULT 'normal' CHECK (default_priority IN ('low', 'normal', 'high', 'urgent')),
  -- [{ "code": "arrive", "zh": "到场", "en": "Arrive" }, …] in order.
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) >= 1),
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, code)
);

-- The types a new company starts with (setup/company.ts calls this; the company may change them).
CREATE FUNCTION seed_work_order_types(p_company uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO work_order_types (company_id, code, name_zh, name_en, category, promise_key, promise_unit,
                                default_priority, steps, sort_order)
  SELECT c.id, v.code, v.zh, v.en, v.category, v.pkey, v.punit, v.prio, v.steps::jsonb, v.ord
    FROM companies c,
         (VALUES
           ('leakEmergency', '漏气抢险', 'Leak emergency', 'emergency', 'svc.leakArrivalMinutes', 'minutes', 'urgent',
            '[{"code":"arrive","zh":"到场","en":"Arrive"},{"code":"secure","zh":"关阀排险","en":"Make safe"},{"code":"repair","zh":"抢修","en":"Repair"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 1),
           ('repair', '维修', 'Repair', 'repair', 'svc.repairArrivalMaxHours', 'hours', 'normal',
            '[{"code":"appoint","zh":"预约","en":"Appointment"},{"code":"arrive","zh":"到场","en":"Arrive"},{"code":"repair","zh":"维修","en":"Repair"},{"code":"fees","zh":"收费与材料","en":"Fees and materials"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 2),
           ('gasIn', '置换通气', 'Commissioning / gas-in', 'business', 'svc.ignitionWorkingDays', 'workingDays', 'normal',
            '[{"code":"preconditions","zh":"交接条件核查","en":"Handover preconditions"},{"code":"appoint","zh":"预约","en":"Appointment"},{"code":"register","zh":"置换登记","en":"On-site register"},{"code":"hazards","zh":"隐患整改","en":"Hazards fixed"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 3),
           ('ignition', '点火', 'Ignition', 'business', 'svc.ignitionWorkingDays', 'workingDays', 'normal',
            '[{"code":"appoint","zh":"预约","en":"Appointment"},{"code":"arrive","zh":"到场","en":"Arrive"},{"code":"ignite","zh":"点火试烧","en":"Ignite and test"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 4),
           ('installation', '新装/改装', 'Installation / modification', 'business', 'svc.installationWorkingDays', 'workingDays', 'normal',
            '[{"code":"survey","zh":"勘察","en":"Survey"},{"code":"install","zh":"安装","en":"Install"},{"code":"accept","zh":"验收","en":"Acceptance"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 5),
           ('meterReplacement', '换表', 'Meter replacement', 'business', 'svc.installationWorkingDays', 'workingDays', 'normal',
            '[{"code":"appoint","zh":"预约","en":"Appointment"},{"code":"readOld","zh":"旧表止码","en":"Old meter final reading"},{"code":"fitNew","zh":"新表安装","en":"New meter fitted"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 6),
           ('meterTest', '气表检测', 'Meter test', 'business', 'svc.meterTestDays', 'days', 'normal',
            '[{"code":"deposit","zh":"收取押金","en":"Deposit"},{"code":"tempMeter","zh":"安装临时表","en":"Temporary meter"},{"code":"test","zh":"送检","en":"Test"},{"code":"result","zh":"结果处理","en":"Result"}]', 7),
           ('shutOff', '停气', 'Shut-off', 'business', 'svc.ignitionWorkingDays', 'workingDays', 'normal',
            '[{"code":"arrive","zh":"到场","en":"Arrive"},{"code":"shutOff","zh":"关阀加封","en":"Shut and seal"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 8),
           ('reconnection', '恢复供气', 'Reconnection', 'business', 'svc.reconnectionHours', 'hours', 'high',
            '[{"code":"arrive","zh":"到场","en":"Arrive"},{"code":"unseal","zh":"启封通气","en":"Unseal and restore"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 9),
           ('requestedInspection', '用户申请安检', 'Customer-requested inspection', 'business', 'svc.requestedInspectionDays', 'days', 'normal',
            '[{"code":"appoint","zh":"预约","en":"Appointment"},{"code":"inspect","zh":"入户安检","en":"Inspect"},{"code":"sign","zh":"用户签字","en":"Customer signs"}]', 10)
         ) AS v(code, zh, en, category, pkey, punit, prio, steps, ord)
   WHERE c.id = p_company OR p_company IS NULL
  ON CONFLICT DO NOTHING
$$;
SELECT seed_work_order_types(NULL);

-- Order numbers: a prefix, the business date and a serial per company and day (GD20261123-0001).
CREATE TABLE work_order_sequences (
  company_id uuid NOT NULL REFERENCES companies (id),
  day date NOT NULL,
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (company_id, day)
);

-- SVC-4: created → dispatched → appointed → arrived → completed / notCompleted → closed; or cancelled.
CREATE TABLE work_orders (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_no text COLLATE "C" NOT NULL,
  type_code text NOT NULL,
  -- SVC-1: 热线 / 营业厅 / 网上 / 上门 / 抄表或安检发现.
  channel text NOT NULL CHECK (channel IN ('hotline', 'hall', 'online', 'doorToDoor', 'finding')),
  account_id uuid,
  -- Who and where as taken down (from the account when there is one, else the unknown caller's).
  caller_name text,
  phone text,
  address text,
  contact_id uuid,
  service_application_id uuid,
  description text NOT NULL CHECK (description <> ''),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL DEFAULT 'created'
    CHECK (status IN ('created', 'dispatched', 'appointed', 'arrived', 'completed', 'notCompleted', 'closed', 'cancelled')),
  -- The centre that does the work, its team and technician.
  org_unit_id uuid NOT NULL,
  team_id uuid,
  technician_id uuid,
  -- SVC-3: who first took it; they own it until it is closed.
  owner_id uuid NOT NULL,
  reported_at timestamptz NOT NULL,
  -- SVC-6: fixed at creation from the type's promise in force that day; never recomputed.
  deadline_at timestamptz NOT NULL,
  promise jsonb NOT NULL,
  -- SVC-6: waiting for the customer does not count against the promise.
  paused_since timestamptz,
  pause_reason text,
  paused_ms bigint NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
  dispatched_at timestamptz,
  appointment_at timestamptz,
  arrived_at timestamptz,
  completed_at timestamptz,
  closed_at timestamptz,
  outcome_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, order_no),
  FOREIGN KEY (company_id, type_code) REFERENCES work_order_types (company_id, code),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, contact_id) REFERENCES contacts (company_id, id),
  FOREIGN KEY (company_id, service_application_id) REFERENCES service_applications (company_id, id),
  FOREIGN KEY (company_id, org_unit_id) REFERENCES org_units (company_id, id),
  FOREIGN KEY (company_id, team_id) REFERENCES org_units (company_id, id),
  FOREIGN KEY (company_id, technician_id) REFERENCES users (company_id, id),
  FOREIGN KEY (company_id, owner_id) REFERENCES users (company_id, id),
  CHECK (account_id IS NOT NULL OR caller_name IS NOT NULL OR phone IS NOT NULL),
  CHECK (deadline_at > reported_at),
  CHECK ((paused_since IS NULL) = (pause_reason IS NULL)),
  CHECK (status = 'created' OR status = 'cancelled' OR dispatched_at IS NOT NULL),
  CHECK (status <> 'notCompleted' OR outcome_reason IS NOT NULL)
);
-- The dispatch board: a centre's open orders by deadline.
CREATE INDEX work_orders_board ON work_orders (company_id, org_unit_id, deadline_at)
  WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX work_orders_technician ON work_orders (company_id, technician_id, deadline_at)
  WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX work_orders_owner ON work_orders (company_id, owner_id, reported_at DESC);
CREATE INDEX work_orders_account ON work_orders (company_id, account_id, reported_at DESC);

-- SVC-4: the order's life, append-only: creation, every (re)assignment, status change, pause and resume.
CREATE TABLE work_order_events (
  company_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  work_order_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'assigned', 'reassigned', 'taken', 'status', 'paused', 'resumed')),
  from_status text,
  to_status text,
  from_team_id uuid,
  to_team_id uuid,
  from_user_id uuid,
  to_user_id uuid,
  reason text,
  actor_id uuid,
  actor_name text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, work_order_id) REFERENCES work_orders (company_id, id),
  CHECK (kind NOT IN ('paused', 'resumed') OR (reason IS NOT NULL AND reason <> ''))
);
CREATE INDEX work_order_events_order ON work_order_events (company_id, work_order_id, id);

CREATE FUNCTION work_order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work_order_events is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER work_order_events_no_change BEFORE UPDATE OR DELETE ON work_order_events
  FOR EACH ROW EXECUTE FUNCTION work_order_events_append_only();
CREATE TRIGGER work_order_events_no_truncate BEFORE TRUNCATE ON work_order_events
  FOR EACH STATEMENT EXECUTE FUNCTION work_order_events_append_only();

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('workorder.create', 'workorders', '受理工单', 'Take requests and create work orders'),
  ('workorder.dispatch', 'workorders', '派单调度', 'Dispatch and reassign work orders'),
  ('workorder.read', 'workorders', '查看工单', 'View work orders'),
  ('workorder.work', 'workorders', '处理工单', 'Take and work on work orders');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'workorder.create' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'team_leader', 'centre_director',
  'system_admin']) AS role_code
UNION ALL
SELECT role_code, 'workorder.dispatch' FROM unnest(ARRAY['team_leader', 'centre_director', 'centre_supervisor'])
  AS role_code
UNION ALL
SELECT role_code, 'workorder.read' FROM unnest(ARRAY['hotline_agent', 'hall_clerk', 'archivist', 'gas_in_technician',
  'repair_technician', 'installer', 'safety_inspector', 'team_leader', 'centre_director', 'centre_supervisor',
  'department_manager', 'system_admin', 'auditor']) AS role_code
UNION ALL
SELECT role_code, 'workorder.work' FROM unnest(ARRAY['gas_in_technician', 'repair_technician', 'installer',
  'safety_inspector', 'team_leader']) AS role_code;
SELECT grant_default_permissions(ARRAY['workorder.create', 'workorder.dispatch', 'workorder.read', 'workorder.work']);
