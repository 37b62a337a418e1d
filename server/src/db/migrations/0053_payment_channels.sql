-- Issue 7, step 2: the ledger kinds and payment columns the rest of issue 7 posts, in one place, so the
-- modules that post them (channel payments, refunds, deposits, IC cards) do not each rewrite the check.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN (
  'openingBalance',     -- 期初欠费
  'bill',               -- a period's bill (actual or estimated)
  'lateFee',            -- 违约金 charged (crystallised when collected or waived)
  'lateFeeWaiver',      -- 违约金减免 (a credit against a charged late fee)
  'adjustment',         -- 退补 (credit or debit)
  'priceAdjustment',    -- 调价补差 (C&I)
  'payment',            -- 收费 (credit)
  'paymentReversal',    -- 收费冲正 (debit)
  'refund',             -- 退费 paid out of the prepayment (debit)
  'prepaymentTransfer', -- 预存款转户: a debit on the account it leaves, a credit on the one it reaches
  'depositApplied',     -- 押金转预存 (credit)
  'icPurchase',         -- IC 卡购气: the gas written to the card (debit, paid by the purchase's payment)
  'icReplenishmentCharge' -- 补气核算为负：用户补交的差额 (debit)
));

-- Where a payment came from. Desk and collector payments are taken by a person (the cashier); online and bank
-- debit payments by the channel (no cashier). An IC purchase is a desk payment for gas written to a card.
ALTER TABLE payments ADD COLUMN channel text NOT NULL DEFAULT 'desk'
  CHECK (channel IN ('desk', 'collector', 'online', 'bankDebit', 'icCard'));
ALTER TABLE payments ALTER COLUMN cashier_id DROP NOT NULL;
ALTER TABLE payments ADD CONSTRAINT payments_person_channels
  CHECK (cashier_id IS NOT NULL OR channel IN ('online', 'bankDebit'));
