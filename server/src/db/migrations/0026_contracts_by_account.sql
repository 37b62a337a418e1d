-- CUS-6 / CUS-3: every contract an account has had (active and voided), for its 360° view and history.
-- The partial unique index of 0020 covers only the active one.
CREATE INDEX supply_contracts_account ON supply_contracts (company_id, account_id, signed_on DESC);
