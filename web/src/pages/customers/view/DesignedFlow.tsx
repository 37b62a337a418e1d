import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { setDesignedFlow } from '../../../api/billingExtras';
import { type AccountOverview, accountKey } from '../../../api/customers';
import { useCan } from '../../../auth/CurrentUserContext';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';

type MeterItem = AccountOverview['meters'][number];

/** m³/h: a positive number with at most 3 decimals (the server's numeric(10, 3)). */
const FLOW = /^\d{1,7}(\.\d{1,3})?$/;

function DesignedFlowModal({
  accountId,
  meter,
  onClose,
}: {
  accountId: string;
  meter: MeterItem;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ designedFlow?: string }>();
  const mutation = useMutation({
    mutationFn: (v: string | null) => setDesignedFlow(meter.id, v),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (saved) => {
      message.success(
        saved.designedFlow === null
          ? t('designedFlow.cleared', { serial: saved.serial })
          : t('designedFlow.saved', { serial: saved.serial, flow: saved.designedFlow }),
      );
      queryClient.invalidateQueries({ queryKey: accountKey(accountId) });
      onClose();
    },
  });
  return (
    <FormModal
      open
      title={t('designedFlow.title', { serial: meter.serial })}
      onCancel={onClose}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="designed-flow-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ designedFlow: meter.designedFlow ?? '' }}
        onFinish={(v) => mutation.mutate(v.designedFlow?.trim() || null)}
      >
        <Typography.Paragraph type="secondary">{t('designedFlow.hint')}</Typography.Paragraph>
        <Form.Item
          name="designedFlow"
          label={t('designedFlow.label')}
          rules={[
            { pattern: FLOW, message: t('designedFlow.invalid') },
            {
              validator: (_, v: string | undefined) =>
                v && FLOW.test(v.trim()) && Number(v) <= 0
                  ? Promise.reject(new Error(t('designedFlow.positive')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input
            inputMode="decimal"
            suffix="m³/h"
            allowClear
            style={{ width: 220 }}
            placeholder={t('designedFlow.placeholder')}
            data-testid="designed-flow-input"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * MTR-4: the designed flow (m³/h) of a C&I account's installed meters, which its readings are checked against;
 * holders of reading.meterFault.manage set it here.
 */
export function DesignedFlowTable({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const can = useCan();
  const [editing, setEditing] = useState<MeterItem | null>(null);
  const kind = overview.account.natureCustomerKind ?? overview.customer.kind;
  const installed = overview.meters.filter((m) => m.current);
  if (kind === 'residential' || installed.length === 0) return null;
  const manage = can('reading.meterFault.manage');
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('designedFlow.section')}
      </Typography.Title>
      <Table<MeterItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={installed}
        data-testid="view-designed-flow"
        columns={[
          { title: t('customers.meterSerial'), dataIndex: 'serial', key: 'serial' },
          {
            title: t('designedFlow.label'),
            dataIndex: 'designedFlow',
            key: 'designedFlow',
            render: (v: string | null | undefined) =>
              v ? `${v} m³/h` : <Typography.Text type="secondary">{t('designedFlow.notSet')}</Typography.Text>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, m: MeterItem) => (
                    <Button size="small" onClick={() => setEditing(m)} data-testid={`designed-flow-set-${m.serial}`}>
                      {t('designedFlow.set')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <DesignedFlowModal
          key={editing.id}
          accountId={overview.account.id}
          meter={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
