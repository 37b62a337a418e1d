-- Notifications: a company's templates for the message kinds the code registers, the outbox of
-- messages (delivered by background tasks), and every delivery attempt's outcome.
CREATE TABLE notification_templates (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  name text NOT NULL,
  body text NOT NULL,
  -- The placeholders the body uses; checked against the kind's required variables when saved.
  variables text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (company_id, id),
  UNIQUE (company_id, code, channel),
  FOREIGN KEY (company_id, updated_by) REFERENCES users (company_id, id)
);

CREATE TABLE notification_messages (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  template_code text NOT NULL,
  -- A mainland mobile number for SMS, an openid for WeChat.
  recipient text NOT NULL,
  -- The customer or account the message is about (customers arrive with a later module).
  customer_ref text,
  variables jsonb NOT NULL DEFAULT '{}',
  rendered text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  provider text,
  provider_message_id text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  created_by uuid,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, created_by) REFERENCES users (company_id, id)
);
CREATE INDEX notification_messages_recent ON notification_messages (company_id, created_at DESC);
CREATE INDEX notification_messages_customer ON notification_messages (company_id, customer_ref, created_at DESC)
  WHERE customer_ref IS NOT NULL;
CREATE INDEX notification_messages_recipient ON notification_messages (company_id, recipient, created_at DESC);
CREATE INDEX notification_messages_status ON notification_messages (company_id, status, created_at DESC);
-- Delivery receipts name the provider's id only.
CREATE INDEX notification_messages_provider_id ON notification_messages (provider, provider_message_id)
  WHERE provider_message_id IS NOT NULL;

CREATE TABLE notification_deliveries (
  company_id uuid NOT NULL REFERENCES companies (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL,
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  provider text NOT NULL,
  ok boolean NOT NULL,
  response jsonb,
  PRIMARY KEY (company_id, id),
  FOREIGN KEY (company_id, message_id) REFERENCES notification_messages (company_id, id)
);
CREATE INDEX notification_deliveries_message ON notification_deliveries (company_id, message_id, attempt);

INSERT INTO permissions (code, module, name_zh, name_en) VALUES
  ('notify.read', 'notify', '查看消息记录与模板', 'View messages and templates'),
  ('notify.send', 'notify', '发送与重发消息', 'Send and resend messages'),
  ('notify.manage', 'notify', '管理消息模板', 'Manage message templates');
INSERT INTO default_role_permissions (role_code, permission_code)
SELECT r.code, p.code FROM (VALUES
  ('hotline_agent'), ('hall_clerk'), ('centre_director'), ('centre_supervisor'), ('department_manager'), ('system_admin')
) AS r(code), (VALUES ('notify.read'), ('notify.send')) AS p(code)
UNION ALL
SELECT r.code, 'notify.manage' FROM (VALUES ('system_admin'), ('department_manager')) AS r(code);
SELECT grant_default_permissions(ARRAY['notify.read', 'notify.send', 'notify.manage']);

-- The default Chinese SMS templates of the companies that exist already; a new company gets the
-- same from seedDefaultTemplates (platform/notify/templates-service.ts), and a test keeps the two equal.
-- The signature in 【】 is the company's short name: its name without the legal form.
-- seed:begin
INSERT INTO notification_templates (company_id, code, channel, name, body, variables)
SELECT c.id, t.code, 'sms', t.name,
       '【' || regexp_replace(c.name, '(股份)?有限(责任)?公司$', '') || '】' || t.body, t.variables
  FROM companies c, (VALUES
    ('arrears', '欠费提醒',
     '尊敬的{customerName}，您的燃气账户{accountNo}截至{dueDate}欠费{amount}元，请及时缴纳。咨询热线95777。',
     ARRAY['customerName', 'accountNo', 'amount', 'dueDate']),
    ('paymentReceived', '缴费成功',
     '尊敬的{customerName}，您的燃气账户{accountNo}于{paidAt}缴费{amount}元成功，当前余额{balance}元。感谢您的支持。',
     ARRAY['customerName', 'accountNo', 'amount', 'paidAt', 'balance']),
    ('appointment', '上门预约提醒',
     '尊敬的{customerName}，我司工作人员{technician}将于{date} {timeWindow}上门服务，联系电话{phone}，请您届时在家。',
     ARRAY['customerName', 'date', 'timeWindow', 'technician', 'phone']),
    ('outageNotice', '停气通知',
     '因{reason}，{area}将于{start}至{end}停止供气，请提前做好准备，停气期间请关闭燃气阀门。咨询热线95777。',
     ARRAY['area', 'start', 'end', 'reason']),
    ('verificationCode', '验证码',
     '您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。',
     ARRAY['code', 'minutes'])
  ) AS t(code, name, body, variables)
ON CONFLICT (company_id, code, channel) DO NOTHING;
-- seed:end
