import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import {
  COMPLAINT_CHANNELS,
  type ComplaintChannel,
  type ComplaintGrade,
  complaintsKey,
  createComplaint,
  GRADES,
  type NewComplaint,
} from '../../../api/complaints';
import { accountKey, getOverview } from '../../../api/customers';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { businessInstant } from '../../../lib/time';
import { blankToUndefined, rules } from '../../../lib/validation';
import { AccountSelect } from '../../customers/AccountSelect';
import { StaffSelect } from './shared';

interface ComplaintForm {
  channel: ComplaintChannel;
  accountId?: string;
  complainantName?: string;
  phone?: string;
  address?: string;
  subject: string;
  description: string;
  subjectUserId?: string;
  subjectOrgUnitId?: string;
  grade: ComplaintGrade;
  receivedAt?: Dayjs | null;
  confidential?: boolean;
}

const PHONE = /^[0-9+\-() ]{3,32}$/;
const MAX_DAYS_BACK = 30;

/**
 * 受理投诉 (CMP-1, CMP-2): the complaint, its grade (which gives its handler level), whom it is about,
 * and — for one forwarded by 12345 or the consumer council — its original receipt time. Opened from the
 * intake screen with `?accountId=&contactId=`.
 */
export function NewComplaintPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const contactId = search.get('contactId') || null;
  const [prefilled, setPrefilled] = useState<string | null>(search.get('accountId') || null);
  const [form] = Form.useForm<ComplaintForm>();
  const accountId = Form.useWatch('accountId', form);
  const grade = Form.useWatch('grade', form);
  const account = useQuery({
    queryKey: prefilled ? accountKey(prefilled) : ['none'],
    queryFn: () => getOverview(prefilled!),
    enabled: !!prefilled && can('customer.read'),
  });

  const mutation = useMutation({
    mutationFn: (body: NewComplaint) => createComplaint(body),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (c) => {
      message.success(t('cmp.created', { no: c.complaintNo }));
      queryClient.invalidateQueries({ queryKey: complaintsKey });
      navigate(`/service/complaints/${c.id}`);
    },
  });

  const onFinish = (v: ComplaintForm) =>
    mutation.mutate({
      channel: v.channel,
      accountId: prefilled ?? v.accountId ?? null,
      complainantName: blankToUndefined(v.complainantName) ?? null,
      phone: blankToUndefined(v.phone) ?? null,
      address: blankToUndefined(v.address) ?? null,
      contactId,
      subject: v.subject.trim(),
      description: v.description.trim(),
      subjectUserId: v.subjectUserId ?? null,
      subjectOrgUnitId: v.subjectOrgUnitId ?? null,
      grade: v.grade,
      receivedAt: v.receivedAt ? businessInstant(v.receivedAt) : null,
      confidential: v.confidential ?? false,
    });

  const fieldError = mutation.error instanceof ApiError && (mutation.error.details?.fields?.length ?? 0) > 0;
  const hasAccount = !!(prefilled || accountId);
  return (
    <Card variant="borderless" title={t('menu.complaintNew')}>
      <FormErrorAlert error={fieldError ? null : mutation.error} />
      <Form<ComplaintForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        initialValues={{ channel: 'hotline', grade: 'ordinary', confidential: false }}
        onFinish={onFinish}
        style={{ maxWidth: 760 }}
      >
        <Form.Item name="channel" label={t('cmp.channel')} rules={[rules.requiredSelect(t, 'cmp.channel')]}>
          <Select
            options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`cmp.channel.${c}` as MessageKey) }))}
            data-testid="complaint-channel"
          />
        </Form.Item>
        <Form.Item
          name="grade"
          label={t('cmp.grade')}
          rules={[rules.requiredSelect(t, 'cmp.grade')]}
          extra={grade ? t(`cmp.gradeHint.${grade}` as MessageKey) : undefined}
        >
          <Radio.Group
            optionType="button"
            options={GRADES.map((g) => ({ value: g, label: t(`cmp.grade.${g}` as MessageKey) }))}
            data-testid="complaint-grade"
          />
        </Form.Item>
        {prefilled ? (
          <Form.Item label={t('cmp.account')}>
            <Space>
              <Tag color="blue" data-testid="complaint-prefilled-account">
                {account.data ? `${account.data.account.accountNo} ${account.data.customer.name}` : prefilled}
              </Tag>
              <Button size="small" onClick={() => setPrefilled(null)}>
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        ) : (
          can('customer.read') && (
            <Form.Item name="accountId" label={t('cmp.account')}>
              <AccountSelect data-testid="complaint-account" />
            </Form.Item>
          )
        )}
        <Space size={16} wrap style={{ display: 'flex' }}>
          <Form.Item
            name="complainantName"
            label={t('cmp.complainantName')}
            dependencies={['phone', 'accountId']}
            style={{ minWidth: 220 }}
            rules={[
              { max: 50 },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  hasAccount || v?.trim() || getFieldValue('phone')?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('cmp.whoRequired'))),
              }),
            ]}
          >
            <Input data-testid="complaint-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('cmp.phone')}
            style={{ minWidth: 220 }}
            rules={[{ pattern: PHONE, message: t('cmp.phoneFormat') }]}
          >
            <Input data-testid="complaint-phone" />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('cmp.address')} rules={[{ max: 200 }]}>
          <Input data-testid="complaint-address" />
        </Form.Item>
        <Form.Item name="subject" label={t('cmp.subject')} rules={[rules.required(t, 'cmp.subject'), { max: 100 }]}>
          <Input maxLength={100} data-testid="complaint-subject" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('cmp.description')}
          rules={[rules.required(t, 'cmp.description'), { max: 4000 }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="complaint-description" />
        </Form.Item>
        <Space size={16} wrap style={{ display: 'flex' }}>
          <Form.Item name="subjectUserId" label={t('cmp.subjectUser')} style={{ minWidth: 260 }}>
            <StaffSelect data-testid="complaint-subject-user" />
          </Form.Item>
          <Form.Item name="subjectOrgUnitId" label={t('cmp.subjectOrgUnit')} style={{ minWidth: 260 }}>
            <OrgUnitTreeSelect />
          </Form.Item>
        </Space>
        <Form.Item
          name="receivedAt"
          label={t('cmp.receivedAt')}
          extra={t('cmp.receivedAtHint')}
          rules={[
            {
              validator: (_, v: Dayjs | null | undefined) =>
                !v?.isBefore(dayjs().subtract(MAX_DAYS_BACK, 'day'))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cmp.receivedAtHint'))),
            },
          ]}
        >
          <DatePicker
            showTime
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) =>
              d.isAfter(dayjs().add(1, 'day'), 'day') || d.isBefore(dayjs().subtract(MAX_DAYS_BACK, 'day'), 'day')
            }
            style={{ width: 240 }}
            data-testid="complaint-received-at"
          />
        </Form.Item>
        <Form.Item name="confidential" valuePropName="checked" extra={t('cmp.confidentialHint')}>
          <Checkbox data-testid="complaint-confidential">{t('cmp.confidential')}</Checkbox>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="complaint-submit">
            {t('common.submit')}
          </Button>
          <Button onClick={() => navigate('/service/complaints')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
