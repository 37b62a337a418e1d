-- CMP-1 / CMP-2: the SMS to a complaint's new handler (complaintAssigned), recorded on the event that gave it
-- to them. SVC-10: the SMS telling the customers texted of an outage that it was cancelled (outageCancelled).

-- The trail is append-only: the SMS is queued before the event is written, and the event names it, or why
-- none went out. Both stay null on events that give the complaint to nobody new.
-- noRecipient: no handler was found; self: the person who gave it took it; noPhone: the handler has no phone;
-- badPhone: their phone is not a mainland mobile; templateDisabled: the company switched the template off.
ALTER TABLE complaint_events
  ADD COLUMN sms_message_id uuid,
  ADD COLUMN sms_skipped text CHECK (sms_skipped IN ('noRecipient', 'self', 'noPhone', 'badPhone', 'templateDisabled')),
  ADD FOREIGN KEY (company_id, sms_message_id) REFERENCES notification_messages (company_id, id),
  ADD CHECK (sms_message_id IS NULL OR sms_skipped IS NULL);

-- SVC-10: the cancellation SMS of each recipient whose notice was queued; the outage keeps how many went out.
ALTER TABLE outage_recipients
  ADD COLUMN cancel_message_id uuid,
  ADD FOREIGN KEY (company_id, cancel_message_id) REFERENCES notification_messages (company_id, id)
    DEFERRABLE INITIALLY DEFERRED,
  ADD CHECK (cancel_message_id IS NULL OR message_id IS NOT NULL);
ALTER TABLE outages ADD COLUMN cancel_sms_queued integer;

-- The default templates of the two kinds for the companies that exist already; a new company gets the same
-- from seedDefaultTemplates (notify/catalogue.ts), and notify.test keeps the two equal.
-- seed:begin
INSERT INTO notification_templates (company_id, code, channel, name, body, variables)
SELECT c.id, t.code, 'sms', t.name,
       '【' || regexp_replace(c.name, '(股份)?有限(责任)?公司$', '') || '】' || t.body, t.variables
  FROM companies c, (VALUES
    ('complaintAssigned', '投诉待处理',
     '{staffName}您好：投诉{complaintNo}（{grade}，{level}）已{via}处理，答复时限{deadline}，请及时处理。',
     ARRAY['staffName', 'complaintNo', 'grade', 'level', 'via', 'deadline']),
    ('outageCancelled', '停气取消通知',
     '原定{start}至{end}{area}的停气已取消，届时正常供气。如已关闭燃气阀门，恢复用气前请先确认灶具开关均已关闭。咨询热线95777。',
     ARRAY['area', 'start', 'end'])
  ) AS t(code, name, body, variables)
ON CONFLICT (company_id, code, channel) DO NOTHING;
-- seed:end
