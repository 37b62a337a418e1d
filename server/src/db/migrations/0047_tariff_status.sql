-- BIL-1, issue 6 step 2: a tariff (and a change of one: ending it) takes effect only on final approval
-- (approval kind `tariffChange`: department manager, then finance director). Until then a new tariff is
-- `pending` (it counts for the overlap check but is never billed); a rejected one stays as `rejected`.
ALTER TABLE tariffs ADD COLUMN status text NOT NULL DEFAULT 'active'
  CHECK (status IN ('pending', 'active', 'rejected'));
ALTER TABLE tariffs ADD COLUMN approval_id uuid;
ALTER TABLE tariffs ADD FOREIGN KEY (company_id, approval_id) REFERENCES approval_requests (company_id, id);

-- The price clerk of finance prepares tariffs and files them; department manager and finance director sign.
INSERT INTO default_role_permissions (role_code, permission_code) VALUES ('finance', 'billing.tariff.manage')
ON CONFLICT DO NOTHING;
-- Only the finance roles of existing companies get it (a company's own changes to other roles stay).
INSERT INTO role_permissions (company_id, role_id, permission_code)
SELECT r.company_id, r.id, 'billing.tariff.manage' FROM roles r WHERE r.code = 'finance'
ON CONFLICT DO NOTHING;
