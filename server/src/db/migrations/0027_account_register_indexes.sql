-- The customer register (GET /api/accounts) at a million accounts: its two sorts and its status filter
-- read a page from an index instead of sorting every account.
-- account_no is COLLATE "C", so a plain index serves both ORDER BY and a prefix LIKE (search by number):
-- it replaces the text_pattern_ops one of 0020, which could only serve the LIKE.
-- (Same name: the account-opening service maps a violation of it to a field error on accountNo.)
DROP INDEX accounts_account_no;
CREATE UNIQUE INDEX accounts_account_no ON accounts (company_id, account_no);
-- Pending accounts have no opening date yet: they sort as the oldest both ways, so one index serves both.
CREATE INDEX accounts_opened ON accounts (company_id, opened_on NULLS FIRST, account_no);
CREATE INDEX accounts_status ON accounts (company_id, status, account_no);
