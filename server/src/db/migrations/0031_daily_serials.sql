-- Document numbers made of a prefix, the business date and a daily serial (报装申请 BZ…, 用户变更 GH…,
-- 工单 GD…) take their serial from one table, keyed by the series they number, instead of a table each.
CREATE TABLE daily_serials (
  company_id uuid NOT NULL REFERENCES companies (id),
  series text NOT NULL CHECK (series ~ '^[a-z][A-Za-z]*$'),
  day date NOT NULL,
  last_value integer NOT NULL CHECK (last_value > 0),
  PRIMARY KEY (company_id, series, day)
);
INSERT INTO daily_serials (company_id, series, day, last_value)
SELECT company_id, 'serviceApplication', day, last_value FROM service_application_sequences WHERE last_value > 0
UNION ALL
SELECT company_id, 'accountCase', day, last_value FROM account_case_counters
UNION ALL
SELECT company_id, 'workOrder', day, last_value FROM work_order_sequences WHERE last_value > 0;
DROP TABLE service_application_sequences, account_case_counters, work_order_sequences;
