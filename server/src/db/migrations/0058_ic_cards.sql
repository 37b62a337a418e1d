-- Issue 7, part 6 — prepaid IC cards (ICC-1..3, 000 ch.14, 003 §15). A card is written by a card reader/writer
-- behind the `CardDevice` interface; a simulator of card and meter memory ships (ic_sim_*).

-- A card of an IC-card meter. `user`: the customer's card (one active per meter); `transfer` (转移卡): carries the
-- remaining volume and user data of a replaced meter (`meter_id`) to its new meter (`to_meter_id`).
CREATE TABLE ic_cards (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  card_no text COLLATE "C" NOT NULL CHECK (card_no ~ '^[0-9A-Z-]+$' AND length(card_no) BETWEEN 4 AND 24),
  kind text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'transfer')),
  account_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  to_meter_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blacklisted', 'used')),
  -- ICC-3: the card this one replaces (补卡), and whether an on-site check is owed before gas (lost card in use).
  replaces_card_id uuid,
  onsite_check_required boolean NOT NULL DEFAULT false,
  blacklisted_at timestamptz,
  blacklist_reason text,
  issued_by uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, card_no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, to_meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, replaces_card_id) REFERENCES ic_cards (company_id, id),
  FOREIGN KEY (company_id, issued_by) REFERENCES users (company_id, id),
  CHECK ((kind = 'transfer') = (to_meter_id IS NOT NULL)),
  CHECK ((status = 'blacklisted') = (blacklisted_at IS NOT NULL))
);
CREATE UNIQUE INDEX ic_cards_one_active ON ic_cards (company_id, meter_id) WHERE kind = 'user' AND status = 'active';
CREATE INDEX ic_cards_account ON ic_cards (company_id, account_id);

-- ICC-1: a sale of gas to a card: the icPurchase debit and the payment that pays it commit together with it.
CREATE TABLE ic_purchases (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  no text COLLATE "C" NOT NULL,
  account_id uuid NOT NULL,
  card_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  volume numeric(12, 3) NOT NULL CHECK (volume > 0),
  price numeric(10, 4) NOT NULL CHECK (price >= 0),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  collected numeric(14, 2) NOT NULL CHECK (collected >= 0),
  ledger_entry_id uuid NOT NULL,
  payment_id uuid,
  idempotency_key text COLLATE "C" NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  request_hash text NOT NULL,
  sold_on date NOT NULL,
  sold_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, no),
  UNIQUE (company_id, idempotency_key),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, card_id) REFERENCES ic_cards (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, ledger_entry_id) REFERENCES ledger_entries (company_id, id),
  FOREIGN KEY (company_id, payment_id) REFERENCES payments (company_id, id),
  FOREIGN KEY (company_id, sold_by) REFERENCES users (company_id, id)
);
CREATE INDEX ic_purchases_account ON ic_purchases (company_id, account_id, sold_on);

-- ICC-2: 补气. volume = cumulative purchased − (meter reading − start reading), signed. Positive: filed for the
-- `replenishment` approval, the final approval creates the card write once. Negative: charged at once
-- (icReplenishmentCharge), nothing is written.
CREATE TABLE ic_replenishments (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  no text COLLATE "C" NOT NULL,
  account_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  card_id uuid,
  reason text NOT NULL CHECK (reason IN ('nonHumanLoss', 'maintenance', 'cardDamagedLost', 'meterFault', 'writeError')),
  reading numeric(12, 3) NOT NULL CHECK (reading >= 0),
  start_reading numeric(12, 3) NOT NULL CHECK (start_reading >= 0),
  cumulative_purchased numeric(12, 3) NOT NULL CHECK (cumulative_purchased >= 0),
  volume numeric(12, 3) NOT NULL CHECK (volume <> 0),
  price numeric(10, 4) NOT NULL CHECK (price >= 0),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'charged')),
  approval_id uuid,
  ledger_entry_id uuid,
  contact_phone text,
  note text,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, no),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, card_id) REFERENCES ic_cards (company_id, id),
  FOREIGN KEY (company_id, approval_id) REFERENCES approval_requests (company_id, id),
  FOREIGN KEY (company_id, ledger_entry_id) REFERENCES ledger_entries (company_id, id),
  FOREIGN KEY (company_id, requested_by) REFERENCES users (company_id, id),
  CHECK ((volume < 0) = (status = 'charged')),
  CHECK ((status = 'charged') = (ledger_entry_id IS NOT NULL)),
  CHECK (volume < 0 OR card_id IS NOT NULL)
);
CREATE INDEX ic_replenishments_account ON ic_replenishments (company_id, account_id, requested_at);
CREATE INDEX ic_replenishments_status ON ic_replenishments (company_id, status, requested_at);

-- Every write of volume to a card, once per source (a purchase, a replenishment, a card found unused): the unique
-- (kind, source) is the guard against a second write; a failed or unverified write is retried with the same
-- sequence number and volume. `seq` numbers the writes of a meter (the meter accepts each sequence once).
CREATE TABLE ic_card_writes (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  card_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purchase', 'replenishment', 'reissue')),
  source_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  volume numeric(12, 3) NOT NULL CHECK (volume > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  device_id text,
  verified_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, kind, source_id),
  UNIQUE (company_id, meter_id, seq),
  FOREIGN KEY (company_id, card_id) REFERENCES ic_cards (company_id, id),
  FOREIGN KEY (company_id, meter_id) REFERENCES meters (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id),
  CHECK ((status = 'verified') = (verified_at IS NOT NULL))
);
CREATE INDEX ic_card_writes_card ON ic_card_writes (company_id, card_id, created_at);

-- The device simulator (policy icc.cardDevice = simulator): the memory of simulated cards and meters, and which
-- card sits in which reader. A real reader keeps this memory on the card and in the meter.
CREATE TABLE ic_sim_cards (
  company_id uuid NOT NULL REFERENCES companies (id),
  card_no text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('user', 'transfer')),
  meter_no text COLLATE "C" NOT NULL,
  account_no text COLLATE "C" NOT NULL,
  to_meter_no text COLLATE "C",
  -- A transfer card: the user card it carries over, and its stage (new → picked up at the old meter → done).
  user_card_no text COLLATE "C",
  stage text CHECK (stage IN ('new', 'picked', 'done')),
  seq integer NOT NULL DEFAULT 0,
  volume numeric(12, 3) NOT NULL DEFAULT 0 CHECK (volume >= 0),
  -- true: the volume on the card reached the meter (or there never was any): the card is empty.
  loaded boolean NOT NULL DEFAULT true,
  in_reader text,
  -- Simulates a bad card or one pulled out too early: the next N writes fail.
  fail_writes integer NOT NULL DEFAULT 0 CHECK (fail_writes >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, card_no),
  CHECK (loaded = (volume = 0))
);
CREATE UNIQUE INDEX ic_sim_cards_reader ON ic_sim_cards (company_id, in_reader) WHERE in_reader IS NOT NULL;
CREATE TABLE ic_sim_meters (
  company_id uuid NOT NULL REFERENCES companies (id),
  meter_no text COLLATE "C" NOT NULL,
  -- The user code the meter accepts cards of (the account number), learnt when installed or from a transfer card.
  account_no text COLLATE "C",
  last_seq integer NOT NULL DEFAULT 0,
  cumulative_purchased numeric(12, 3) NOT NULL DEFAULT 0 CHECK (cumulative_purchased >= 0),
  remaining numeric(12, 3) NOT NULL DEFAULT 0 CHECK (remaining >= 0),
  reading numeric(12, 3) NOT NULL DEFAULT 0 CHECK (reading >= 0),
  dead boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, meter_no)
);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('ic.read', 'icCards', '查看 IC 卡、购气与补气记录', 'View IC cards, purchases and replenishments'),
  ('ic.card.sell', 'icCards', 'IC 卡购气（售气）', 'Sell gas to IC cards'),
  ('ic.card.manage', 'icCards', 'IC 卡管理（开卡、补卡、转移卡、挂失）', 'Manage IC cards (issue, reissue, transfer, blacklist)'),
  ('ic.replenishment.request', 'icCards', '申请补气', 'File IC-card replenishments');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT role_code, 'ic.read' FROM unnest(ARRAY['cashier', 'hall_clerk', 'team_leader', 'centre_director',
  'centre_supervisor', 'finance', 'finance_director', 'auditor', 'department_manager']) AS role_code
UNION ALL
SELECT role_code, 'ic.card.sell' FROM unnest(ARRAY['cashier', 'hall_clerk']) AS role_code
UNION ALL
SELECT role_code, 'ic.card.manage' FROM unnest(ARRAY['hall_clerk', 'centre_supervisor']) AS role_code
UNION ALL
SELECT role_code, 'ic.replenishment.request' FROM unnest(ARRAY['hall_clerk', 'cashier', 'centre_supervisor']) AS role_code;
SELECT grant_default_permissions(ARRAY['ic.read', 'ic.card.sell', 'ic.card.manage', 'ic.replenishment.request']);
