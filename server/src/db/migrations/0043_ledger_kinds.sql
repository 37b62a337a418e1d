-- Issue 6, step 2: the ledger takes the rest of billing's kinds at once, so the modules that post them
-- (late fees and their waivers, adjustments, the C&I price-adjustment run) do not each rewrite the check.
-- `source_id` names the record an entry was posted for (a waiver, an adjustment, a price-adjustment line).
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN (
  'openingBalance', -- 期初欠费
  'bill',           -- a period's bill (actual or estimated)
  'lateFee',        -- 违约金 charged (crystallised when collected or waived)
  'lateFeeWaiver',  -- 违约金减免 (a credit against a charged late fee)
  'adjustment',     -- 退补 (credit or debit)
  'priceAdjustment' -- 调价补差 (C&I)
));
ALTER TABLE ledger_entries ADD COLUMN source_id uuid;
CREATE UNIQUE INDEX ledger_entries_one_per_source ON ledger_entries (company_id, kind, source_id)
  WHERE source_id IS NOT NULL;
