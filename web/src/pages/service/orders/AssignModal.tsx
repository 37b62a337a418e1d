import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Select, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import { assignWorkOrder, type WorkOrder, type WorkOrderDetail, workOrdersKey } from '../../../api/workOrders';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined } from '../../../lib/validation';
import { useCentreWorkers } from './shared';

interface AssignForm {
  teamId?: string;
  technicianId?: string;
  reason?: string;
}

/**
 * 派单 / 改派: a team and a technician of the order's centre, each technician shown with their load.
 * Moving the order from one person to another asks why; the server's refusals (not in the centre,
 * another company's user, changed meanwhile, taken already) are shown as it words them.
 */
export function AssignModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrder | null;
  onClose: () => void;
  onDone?: (o: WorkOrderDetail) => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<AssignForm>();
  const queryClient = useQueryClient();
  const workers = useCentreWorkers(order?.orgUnitId);
  const teamId = Form.useWatch('teamId', form);
  const technicianId = Form.useWatch('technicianId', form);
  const assign = useMutation({
    mutationFn: (v: AssignForm) =>
      assignWorkOrder(order!.id, {
        teamId: v.teamId ?? null,
        technicianId: v.technicianId ?? null,
        version: order!.version,
        reason: blankToUndefined(v.reason) ?? null,
      }),
    onSuccess: async (o) => {
      await queryClient.invalidateQueries({ queryKey: workOrdersKey });
      onDone?.(o);
      onClose();
    },
    onError: (err) => {
      applyServerFieldErrors(form, err);
      // Changed or taken meanwhile: fetch the order as it is now, so a second try carries its new version.
      if (err instanceof ApiError && err.status === 409)
        void queryClient.invalidateQueries({ queryKey: workOrdersKey });
    },
  });
  if (!order) return null;

  const moving = !!order.technicianId && !!technicianId && technicianId !== order.technicianId;
  const teamMoving = !order.technicianId && !!order.teamId && !!teamId && teamId !== order.teamId;
  const reasonNeeded = moving || teamMoving;
  const teams = workers.data?.teams ?? [];
  const people = (workers.data?.workers ?? []).filter((w) => !teamId || w.teamId === teamId);

  return (
    <FormModal
      open
      title={t(order.technicianId || order.teamId ? 'wo.assign.reassignTitle' : 'wo.assign.title', {
        no: order.orderNo,
      })}
      onCancel={onClose}
      form={form}
      pending={assign.isPending}
      error={assign.error}
      submitTestId="assign-submit"
      submitLabel={t('wo.assign.submit')}
      width={560}
    >
      {(order.technicianName || order.teamName) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('wo.assign.current', {
            who: [order.teamName, order.technicianName].filter(Boolean).join(' · '),
          })}
        />
      )}
      <Form<AssignForm>
        form={form}
        layout="vertical"
        initialValues={{ teamId: order.teamId ?? undefined }}
        onFinish={(v) => assign.mutate(v)}
      >
        <Form.Item name="teamId" label={t('wo.team')}>
          <Select
            allowClear
            loading={workers.isPending}
            data-testid="assign-team"
            options={teams.map((x) => ({
              value: x.id,
              label: t('wo.assign.teamOption', { name: x.name, open: x.openOrders }),
            }))}
            onChange={() => form.setFieldValue('technicianId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="technicianId"
          label={t('wo.technician')}
          dependencies={['teamId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v || getFieldValue('teamId')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('wo.assign.whoRequired'))),
            }),
          ]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            loading={workers.isPending}
            data-testid="assign-technician"
            options={people.map((w) => ({
              value: w.id,
              search: `${w.fullName} ${w.username}`,
              label: (
                <span data-testid={`assign-option-${w.username}`}>
                  {w.fullName}（{w.orgUnitName ?? '—'}）
                  <Typography.Text type={w.breachedOrders ? 'danger' : 'secondary'} style={{ marginLeft: 8 }}>
                    {t('wo.assign.load', { open: w.openOrders, breached: w.breachedOrders })}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('wo.assign.reason')}
          dependencies={['technicianId', 'teamId']}
          rules={[
            { required: reasonNeeded, whitespace: true, message: t('wo.assign.reasonRequired') },
            { max: 500, message: t('wo.reasonMax') },
          ]}
          extra={reasonNeeded ? t('wo.assign.reasonHint') : undefined}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="assign-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
