import {
  ArrowLeftOutlined,
  PauseCircleOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  completeOrder,
  getOrderRecord,
  myOrdersKey,
  type OrderRecord,
  recordKey,
  recordNoAccess,
} from '../../../api/workOrderForms';
import {
  getWorkOrder,
  pauseWorkOrder,
  resumeWorkOrder,
  transitionWorkOrder,
  type WorkOrderDetail,
} from '../../../api/workOrders';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { businessInstant, formatDateTime } from '../../../lib/time';
import { PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { HazardsCard, PreconditionsForm, RegisterForm } from './forms/GasInForms';
import { MeterReplacementForm, MeterTestForm } from './forms/MeterFields';
import { RepairForm } from './forms/RepairForm';
import { RecordView } from './OrderRecordPanel';
import { PhotoPicker } from './PhotoPicker';
import { SignaturePad } from './SignaturePad';

const orderKey = (id: string) => ['work-orders', id] as const;
const OPEN = ['dispatched', 'appointed', 'arrived', 'notCompleted'];

function openCard(code: string, subjectId: string) {
  window.open(
    `/api/print/notices/${encodeURIComponent(code)}/html?subjectId=${encodeURIComponent(subjectId)}`,
    '_blank',
    'noopener',
  );
}

/** The forms of the order's type, each by its code; a type without forms has none to show. */
function TypeForms({ order, record, editable }: { order: WorkOrderDetail; record: OrderRecord; editable: boolean }) {
  const { t } = useT();
  const cards = record.forms.map((f) => {
    const props = { orderId: order.id, form: f, editable };
    switch (f.code) {
      case 'preconditions':
        return <PreconditionsForm key={f.code} {...props} />;
      case 'register':
        return <RegisterForm key={f.code} {...props} />;
      case 'repair':
        return <RepairForm key={f.code} {...props} record={record} />;
      case 'meterReplacement':
        return <MeterReplacementForm key={f.code} {...props} />;
      case 'meterTest':
        return <MeterTestForm key={f.code} {...props} />;
      default:
        return null;
    }
  });
  if (!cards.length && !record.hazardsApply) return null;
  return (
    <>
      <Typography.Title level={5}>{t('tech.forms')}</Typography.Title>
      {cards}
      {record.hazardsApply && <HazardsCard orderId={order.id} record={record} editable={editable} />}
    </>
  );
}

/** Signature, photos and note, then completion (the type's rules are checked by the server). */
function CompletePanel({ order, record, onDone }: { order: WorkOrderDetail; record: OrderRecord; onDone: () => void }) {
  const { t } = useT();
  const [signature, setSignature] = useState<string | null>(null);
  const [photos, setPhotos] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const complete = useMutation({
    mutationFn: () => completeOrder(order.id, { version: order.version, signature, photos, note: note.trim() || null }),
    onSuccess: onDone,
  });
  const missingSignature = record.signatureRequired && !signature;
  return (
    <Card size="small" title={t('tech.complete')} data-testid="complete-panel" style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('tech.photos')}</Typography.Text>
        <PhotoPicker value={photos} onChange={setPhotos} />
        <Typography.Text strong>
          {t('tech.signature')}
          {record.signatureRequired && <Typography.Text type="danger"> *</Typography.Text>}
        </Typography.Text>
        <SignaturePad onChange={setSignature} invalid={tried && missingSignature} />
        {tried && missingSignature && <Typography.Text type="danger">{t('tech.signature.required')}</Typography.Text>}
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('tech.completeNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <FormErrorAlert error={complete.error} />
        <Button
          type="primary"
          size="large"
          block
          loading={complete.isPending}
          data-testid="complete-submit"
          onClick={() => {
            setTried(true);
            if (!missingSignature) complete.mutate();
          }}
        >
          {t('tech.action.complete')}
        </Button>
      </Space>
    </Card>
  );
}

/** One order on the technician's phone: the big buttons, the type's forms, signature and photos, completion. */
export function TechOrderPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams<{ id: string }>();
  const order = useQuery({ queryKey: orderKey(id), queryFn: () => getWorkOrder(id) });
  const record = useQuery({ queryKey: recordKey(id), queryFn: () => getOrderRecord(id) });
  const [modal, setModal] = useState<'pause' | 'resume' | 'noAccess' | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [visitForm] = Form.useForm<{ revisitAt: Dayjs; note?: string }>();

  const refresh = (o?: WorkOrderDetail) => {
    if (o) queryClient.setQueryData(orderKey(id), o);
    void queryClient.invalidateQueries({ queryKey: orderKey(id) });
    void queryClient.invalidateQueries({ queryKey: myOrdersKey });
  };
  const arrive = useMutation({
    mutationFn: (o: WorkOrderDetail) => transitionWorkOrder(o.id, { to: 'arrived', version: o.version }),
    onSuccess: (o) => {
      refresh(o);
      message.success(t('tech.arrived'));
    },
  });
  const pause = useMutation({
    mutationFn: (v: { reason: string }) =>
      (modal === 'resume' ? resumeWorkOrder : pauseWorkOrder)(id, { reason: v.reason, version: order.data!.version }),
    onSuccess: (o) => {
      refresh(o);
      message.success(t(modal === 'resume' ? 'tech.resumed' : 'tech.paused'));
      setModal(null);
    },
  });
  const noAccess = useMutation({
    mutationFn: (v: { revisitAt: Dayjs; note?: string }) =>
      recordNoAccess(id, {
        version: order.data!.version,
        revisitAt: businessInstant(v.revisitAt),
        note: v.note || null,
      }),
    onSuccess: (r) => {
      refresh(r.order);
      void queryClient.invalidateQueries({ queryKey: recordKey(id) });
      setModal(null);
      message.success(t('tech.noAccess.done', { n: r.visit.noAccessCount }));
      if (r.visit.repeated) message.warning(t('tech.noAccess.repeated'));
      openCard(r.notice.code, r.notice.subjectId);
    },
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/service/my-orders')}>
      {t('tech.back')}
    </Button>
  );
  if (order.isPending || order.isError || !order.data) {
    return <DetailPlaceholder query={order} notFound={t('tech.notFound')} failed={t('tech.loadFailed')} back={back} />;
  }
  const o = order.data;
  const open = OPEN.includes(o.status);
  const big = { size: 'large' as const, block: true };
  const lastVisit = record.data?.visits.at(-1);

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="tech-order">
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <Card size="small">
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {lang === 'en' ? o.typeName.en : o.typeName.zh}
              </Typography.Text>
              <span data-testid="order-status">
                <WorkOrderStatusTag status={o.status} />
              </span>
              <PriorityTag priority={o.priority} />
            </Space>
            <Typography.Text type="secondary">{o.orderNo}</Typography.Text>
            <TimeLeftTag order={o} fetchedAt={order.dataUpdatedAt} />
            <Typography.Text>
              {t('tech.customer')}：{o.callerName ?? '—'} {o.accountNo ? `（${o.accountNo}）` : ''}
            </Typography.Text>
            <Typography.Text>
              {t('tech.address')}：{o.address ?? '—'}
            </Typography.Text>
            <Typography.Text>
              {t('tech.description')}：{o.description}
            </Typography.Text>
            {o.appointmentAt && (
              <Typography.Text>{t('tech.appointment', { time: formatDateTime(o.appointmentAt) })}</Typography.Text>
            )}
            {o.phone && (
              <Button icon={<PhoneOutlined />} href={`tel:${o.phone}`} {...big}>
                {t('tech.call', { phone: o.phone })}
              </Button>
            )}
            {o.paused && <Alert type="warning" showIcon title={`${t('wo.timeLeft.paused')}：${o.pauseReason ?? ''}`} />}
            {record.data && record.data.noAccessCount > 0 && (
              <Space wrap>
                <Typography.Text type="warning">
                  {t('tech.noAccessCount', { n: record.data.noAccessCount })}
                </Typography.Text>
                {lastVisit && (
                  <Button
                    size="small"
                    icon={<PrinterOutlined />}
                    onClick={() => openCard('noAccessCard', lastVisit.id)}
                  >
                    {t('tech.action.printCard')}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        </Card>

        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {o.status !== 'arrived' && (
              <Button
                type="primary"
                {...big}
                loading={arrive.isPending}
                data-testid="arrive"
                onClick={() => arrive.mutate(o)}
              >
                {t('tech.action.arrive')}
              </Button>
            )}
            {o.status !== 'arrived' && (
              <Button {...big} danger data-testid="no-access" onClick={() => setModal('noAccess')}>
                {t('tech.action.noAccess')}
              </Button>
            )}
            <Button
              {...big}
              icon={o.paused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
              data-testid="pause"
              onClick={() => setModal(o.paused ? 'resume' : 'pause')}
            >
              {t(o.paused ? 'tech.action.resume' : 'tech.action.pause')}
            </Button>
            <FormErrorAlert error={arrive.error} />
          </Space>
        )}

        {record.data && open && <TypeForms order={o} record={record.data} editable={open} />}
        {record.data && o.status === 'arrived' && !o.paused && (
          <CompletePanel
            order={o}
            record={record.data}
            onDone={() => {
              message.success(t('tech.completed'));
              refresh();
              void queryClient.invalidateQueries({ queryKey: recordKey(id) });
            }}
          />
        )}
        {open && o.status !== 'arrived' && <Typography.Text type="secondary">{t('tech.notArrived')}</Typography.Text>}
        {record.data && !open && (
          <Card size="small" title={t('tech.record')}>
            <RecordView record={record.data} />
          </Card>
        )}
      </Space>

      <FormModal
        open={modal === 'pause' || modal === 'resume'}
        title={t(modal === 'resume' ? 'tech.resume.title' : 'tech.pause.title')}
        onCancel={() => setModal(null)}
        form={reasonForm}
        pending={pause.isPending}
        error={pause.error}
        submitTestId="pause-submit"
      >
        <Form form={reasonForm} layout="vertical" preserve={false} onFinish={(v) => pause.mutate(v)}>
          <Form.Item
            name="reason"
            label={t('tech.pause.reason')}
            rules={[{ required: true, whitespace: true, message: t('tech.reason.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="pause-reason" />
          </Form.Item>
        </Form>
      </FormModal>
      <FormModal
        open={modal === 'noAccess'}
        title={t('tech.noAccess.title')}
        onCancel={() => setModal(null)}
        form={visitForm}
        pending={noAccess.isPending}
        error={noAccess.error}
        submitTestId="no-access-submit"
      >
        <Form
          form={visitForm}
          layout="vertical"
          preserve={false}
          initialValues={{ revisitAt: dayjs().add(1, 'day').hour(9).minute(0).second(0) }}
          onFinish={(v) => noAccess.mutate(v)}
        >
          <Form.Item
            name="revisitAt"
            label={t('tech.noAccess.revisitAt')}
            rules={[
              { required: true, message: t('tech.noAccess.revisitRequired') },
              {
                validator: (_: unknown, v?: Dayjs) =>
                  !v || v.isAfter(dayjs())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('tech.noAccess.revisitFuture'))),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item name="note" label={t('tech.noAccess.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </FormModal>
    </div>
  );
}
