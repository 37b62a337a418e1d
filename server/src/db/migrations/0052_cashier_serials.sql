-- PAY-1/PAY-2: payments are numbered per cashier and day (`payment:<user id>`), so one desk's commit never
-- holds up another's; the series name may now carry the id of whom it counts for.
ALTER TABLE daily_serials DROP CONSTRAINT daily_serials_series_check;
ALTER TABLE daily_serials ADD CONSTRAINT daily_serials_series_check
  CHECK (series ~ '^[a-z][A-Za-z]*(:[0-9a-f-]{36})?$');
