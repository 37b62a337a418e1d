import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import {
  assignComplaint,
  COMMUNICATED_VIA,
  type CommunicatedVia,
  type ComplaintDetail,
  closeComplaint,
  complaintHandlers,
  complaintsKey,
  decideComplaint,
  escalateComplaint,
  extendComplaint,
  recuseComplaint,
} from '../../../api/complaints';
import { useCan, useCurrentUser } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { businessInstant } from '../../../lib/time';
import { blankToUndefined, rules } from '../../../lib/validation';

type Action = 'assign' | 'escalate' | 'extend' | 'recuse' | 'decide' | 'close';

interface ActionForm {
  handlerId?: string;
  reason?: string;
  agreedDate?: Dayjs | null;
  decision?: string;
  communicatedVia?: CommunicatedVia;
  communicatedAt?: Dayjs | null;
  note?: string;
}

function HandlerSelect({
  complaintId,
  level,
  ...rest
}: {
  complaintId: string;
  level?: string;
  value?: string;
  onChange?: (v: string) => void;
  'data-testid'?: string;
}) {
  const { t } = useT();
  const handlers = useQuery({
    queryKey: [...complaintsKey, complaintId, 'handlers', level ?? ''],
    queryFn: () => complaintHandlers(complaintId, level),
  });
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={handlers.isLoading}
      options={(handlers.data?.items ?? []).map((u) => ({
        value: u.id,
        label: t('common.userOption', { name: u.fullName, username: u.username }),
      }))}
      {...rest}
    />
  );
}

/**
 * The handler's actions on a complaint (CMP-1, CMP-2, SVC-6): assign or take, escalate beyond authority,
 * extend with the complainant's agreed date, step aside, answer, close. Each is one modal whose fields
 * are checked as they are typed and whose server errors land on the fields.
 */
export function ComplaintActions({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useT();
  const can = useCan();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const open = complaint.status === 'received' || complaint.status === 'handling';
  const mine = complaint.handlerId === me.id;
  const levelIndex = complaint.levels.findIndex((l) => l.code === complaint.level);
  const next = complaint.levels[levelIndex + 1];

  // Who may handle it at its level (not the person complained about, not those who stepped aside).
  const eligible = useQuery({
    queryKey: [...complaintsKey, complaint.id, 'handlers', ''],
    queryFn: () => complaintHandlers(complaint.id),
    enabled: open && can('complaint.handle'),
  });
  const mayHandle = (eligible.data?.items ?? []).some((u) => u.id === me.id);

  const mutation = useMutation({
    mutationFn: async (v: ActionForm) => {
      const version = complaint.version;
      switch (action) {
        case 'assign':
          return assignComplaint(complaint.id, {
            handlerId: v.handlerId!,
            version,
            reason: blankToUndefined(v.reason),
          });
        case 'escalate':
          return escalateComplaint(complaint.id, {
            reason: v.reason?.trim() ?? '',
            version,
            handlerId: v.handlerId ?? null,
          });
        case 'extend':
          return extendComplaint(complaint.id, {
            reason: blankToUndefined(v.reason) ?? null,
            agreedDate: v.agreedDate ? v.agreedDate.format('YYYY-MM-DD') : null,
            version,
          });
        case 'recuse':
          return recuseComplaint(complaint.id, { reason: v.reason?.trim() ?? '', version });
        case 'decide':
          return decideComplaint(complaint.id, {
            decision: v.decision?.trim() ?? '',
            communicatedVia: v.communicatedVia!,
            communicatedAt: v.communicatedAt ? businessInstant(v.communicatedAt) : new Date().toISOString(),
            version,
          });
        default:
          return closeComplaint(complaint.id, { version, note: blankToUndefined(v.note) ?? null });
      }
    },
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (after) => {
      message.success(t('cmp.action.done', { action: t(`cmp.action.${action}` as MessageKey) }));
      queryClient.setQueryData([...complaintsKey, 'detail', complaint.id], after);
      queryClient.invalidateQueries({ queryKey: complaintsKey });
      close();
    },
  });
  const take = useMutation({
    mutationFn: () => assignComplaint(complaint.id, { handlerId: me.id, version: complaint.version }),
    onSuccess: (after) => {
      queryClient.setQueryData([...complaintsKey, 'detail', complaint.id], after);
      queryClient.invalidateQueries({ queryKey: complaintsKey });
    },
  });

  function close() {
    mutation.reset();
    setAction(null);
  }
  const start = (a: Action) => {
    mutation.reset();
    setAction(a);
  };

  if (!can('complaint.handle')) return null;
  const fieldError = mutation.error instanceof ApiError && (mutation.error.details?.fields?.length ?? 0) > 0;
  return (
    <>
      <Space wrap>
        {open && !mine && mayHandle && (
          <Button onClick={() => take.mutate()} loading={take.isPending} data-testid="complaint-take">
            {t('cmp.action.take')}
          </Button>
        )}
        {open && (
          <Button onClick={() => start('assign')} data-testid="complaint-assign">
            {t('cmp.action.assign')}
          </Button>
        )}
        {open && next && (mine || mayHandle) && (
          <Button onClick={() => start('escalate')} data-testid="complaint-escalate">
            {t('cmp.action.escalate')}
          </Button>
        )}
        {open && mine && (
          <>
            <Button onClick={() => start('extend')} data-testid="complaint-extend">
              {t('cmp.action.extend')}
            </Button>
            <Button onClick={() => start('recuse')} data-testid="complaint-recuse">
              {t('cmp.action.recuse')}
            </Button>
            <Button type="primary" onClick={() => start('decide')} data-testid="complaint-decide">
              {t('cmp.action.decide')}
            </Button>
          </>
        )}
        {complaint.status === 'decided' && (mine || complaint.ownerId === me.id) && (
          <Button type="primary" onClick={() => start('close')} data-testid="complaint-close">
            {t('cmp.action.close')}
          </Button>
        )}
      </Space>
      {take.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={(take.error as Error).message} />}
      <FormModal
        open={action !== null}
        title={action ? `${t(`cmp.action.${action}` as MessageKey)} · ${complaint.complaintNo}` : ''}
        onCancel={close}
        form={form}
        pending={mutation.isPending}
        error={fieldError ? null : mutation.error}
        submitTestId="complaint-action-submit"
        width={560}
      >
        <Form<ActionForm>
          form={form}
          layout="vertical"
          validateTrigger="onChange"
          preserve={false}
          initialValues={{ communicatedVia: 'phone' }}
          onFinish={(v) => mutation.mutate(v)}
        >
          {action === 'assign' && (
            <>
              <Form.Item name="handlerId" label={t('cmp.handler')} rules={[rules.requiredSelect(t, 'cmp.handler')]}>
                <HandlerSelect complaintId={complaint.id} data-testid="complaint-handler" />
              </Form.Item>
              <Form.Item name="reason" label={t('cmp.action.reason')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {action === 'escalate' && (
            <>
              <Form.Item
                name="reason"
                label={t('cmp.action.escalateReason')}
                rules={[rules.required(t, 'cmp.action.reason'), { max: 500 }]}
              >
                <Input.TextArea rows={3} maxLength={500} data-testid="complaint-reason" />
              </Form.Item>
              <Form.Item name="handlerId" label={t('cmp.action.nextHandler')} extra={t('cmp.action.nextHandlerHint')}>
                <HandlerSelect complaintId={complaint.id} level={next?.code} />
              </Form.Item>
            </>
          )}
          {action === 'extend' && (
            <>
              <Form.Item
                name="reason"
                label={t('cmp.action.extendReason')}
                rules={[rules.required(t, 'cmp.action.reason'), { max: 500 }]}
              >
                <Input.TextArea rows={3} maxLength={500} data-testid="complaint-reason" />
              </Form.Item>
              <Form.Item
                name="agreedDate"
                label={t('cmp.action.agreedDate')}
                extra={t('cmp.action.agreedDateHint')}
                rules={[rules.requiredSelect(t, 'cmp.action.agreedDate')]}
              >
                <DatePicker
                  disabledDate={(d) => d.isBefore(dayjs(complaint.deadlineAt).subtract(1, 'day'), 'day')}
                  data-testid="complaint-agreed-date"
                />
              </Form.Item>
            </>
          )}
          {action === 'recuse' && (
            <>
              <Alert type="warning" showIcon title={t('cmp.action.recuseConfirm')} style={{ marginBottom: 16 }} />
              <Form.Item
                name="reason"
                label={t('cmp.action.recuseReason')}
                rules={[rules.required(t, 'cmp.action.reason'), { max: 500 }]}
              >
                <Input.TextArea rows={3} maxLength={500} data-testid="complaint-reason" />
              </Form.Item>
            </>
          )}
          {action === 'decide' && (
            <>
              <Form.Item
                name="decision"
                label={t('cmp.decision')}
                rules={[rules.required(t, 'cmp.decision'), { max: 4000 }]}
              >
                <Input.TextArea rows={4} maxLength={4000} showCount data-testid="complaint-decision" />
              </Form.Item>
              <Space size={16} wrap>
                <Form.Item
                  name="communicatedVia"
                  label={t('cmp.communicatedVia')}
                  rules={[rules.requiredSelect(t, 'cmp.communicatedVia')]}
                >
                  <Select
                    style={{ width: 160 }}
                    options={COMMUNICATED_VIA.map((v) => ({ value: v, label: t(`cmp.via.${v}` as MessageKey) }))}
                  />
                </Form.Item>
                <Form.Item name="communicatedAt" label={t('cmp.communicatedAt')} extra={t('cmp.communicatedAtHint')}>
                  <DatePicker
                    showTime
                    format="YYYY-MM-DD HH:mm"
                    placeholder={t('cmp.now')}
                    disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')}
                  />
                </Form.Item>
              </Space>
            </>
          )}
          {action === 'close' && (
            <>
              <Alert type="info" showIcon title={t('cmp.action.closeHint')} style={{ marginBottom: 16 }} />
              <Form.Item name="note" label={t('cmp.action.closeNote')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </FormModal>
    </>
  );
}
