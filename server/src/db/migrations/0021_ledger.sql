-- The account ledger: every amount an account owes (positive) or has paid or been credited (negative).
-- A balance is always the sum of its entries. This migration starts it with the opening balances a
-- company brings over from its old system (期初欠费); billing, late fees, adjustments and payments add
-- their kinds when they land. Entries are never changed or removed: a correction is a new entry.
CREATE TABLE ledger_entries (
  company_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('openingBalance')),
  -- The billing period the amount belongs to (YYYY-MM); arrears are shown by period.
  period text CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount numeric(14, 2) NOT NULL CHECK (amount <> 0),
  -- A debit is in arrears from the day after it falls due.
  due_on date,
  memo text,
  posted_by uuid,
  posted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES accounts (company_id, id),
  FOREIGN KEY (company_id, posted_by) REFERENCES users (company_id, id),
  CHECK (amount < 0 OR due_on IS NOT NULL)
);
CREATE INDEX ledger_entries_account ON ledger_entries (company_id, account_id, posted_at);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
