-- CUS-11: a usage-nature change whose approval is rejected or withdrawn is now written refused / open
-- in the transaction of the decision (the approval kinds' onRejected / onWithdrawn hooks). Cases decided
-- before that kept 'pendingApproval' stored until their next write; they are written now, each with its
-- history row, as the hooks write them.
WITH settled AS (
  UPDATE account_cases c
     SET status = CASE ar.status WHEN 'rejected' THEN 'refused' ELSE 'open' END,
         version = c.version + 1,
         updated_at = now()
    FROM approval_requests ar
   WHERE ar.company_id = c.company_id AND ar.id = c.approval_request_id
     AND c.status = 'pendingApproval' AND ar.status IN ('rejected', 'withdrawn')
  RETURNING c.company_id, c.id, c.status, ar.no, ar.status AS approval_status
)
INSERT INTO account_case_events (company_id, case_id, action, actor_id, actor_name, before, after)
SELECT company_id, id, CASE status WHEN 'refused' THEN 'refused' ELSE 'reopened' END, NULL, '系统',
       jsonb_build_object('status', 'pendingApproval'),
       jsonb_build_object('status', status, 'approvalNo', no, 'approvalStatus', approval_status)
  FROM settled;
