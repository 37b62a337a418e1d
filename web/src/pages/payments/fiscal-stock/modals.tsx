import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import {
  type Batch,
  checkRange,
  type FiscalKind,
  fileRequest,
  fiscalStockKey,
  type HandoverReason,
  handOver,
  issueRange,
  type Range,
  receiveBatch,
  reportLoss,
  voidNumber,
} from '../../../api/fiscalStock';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { blankToUndefined, rules } from '../../../lib/validation';
import { HolderSelect, KindSelect, kindKey, rangeText, SERIES, TICKET_NO, ticketRule, toNoRule } from './shared';

function useDone() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: fiscalStockKey });
}

/** PAY-5: a batch received into stock (票据入库). */
export function ReceiveBatchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: {
      kind: FiscalKind;
      series: string;
      fromNo: string;
      toNo: string;
      parts: number;
      receivedOn?: Dayjs;
      note?: string;
    }) =>
      receiveBatch({
        kind: v.kind,
        series: v.series.trim(),
        fromNo: v.fromNo.trim(),
        toNo: v.toNo.trim(),
        parts: v.parts,
        receivedOn: v.receivedOn?.format('YYYY-MM-DD'),
        note: blankToUndefined(v.note),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (b) => {
      message.success(t('fiscal.received', { series: b.series, from: b.fromNo, to: b.toNo }));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('fiscal.receiveTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-receive-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ kind: 'receipt', parts: 3, receivedOn: dayjs() }}
        onFinish={(v) => m.mutate(v)}
      >
        <Form.Item name="kind" label={t('fiscal.kind')} rules={[rules.requiredSelect(t, 'fiscal.kind')]}>
          <KindSelect testId="fiscal-receive-kind" />
        </Form.Item>
        <Form.Item
          name="series"
          label={t('fiscal.series')}
          extra={t('fiscal.seriesHint')}
          rules={[rules.required(t, 'fiscal.series'), { pattern: SERIES, message: t('fiscal.invalidSeries') }]}
        >
          <Input data-testid="fiscal-receive-series" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="fromNo" label={t('fiscal.fromNo')} extra={t('fiscal.numberHint')} rules={[ticketRule(t)]}>
              <Input inputMode="numeric" data-testid="fiscal-receive-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="toNo"
              label={t('fiscal.toNo')}
              dependencies={['fromNo']}
              rules={[ticketRule(t), toNoRule(t)]}
            >
              <Input inputMode="numeric" data-testid="fiscal-receive-to" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="parts" label={t('fiscal.parts')} rules={[rules.requiredSelect(t, 'fiscal.parts')]}>
              <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="receivedOn" label={t('fiscal.receivedOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('fiscal.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-5: a sub-range of a batch issued to a holder; ranges never overlap (the server says which one clashes). */
export function IssueRangeModal({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: { holderId: string; fromNo: string; toNo: string }) =>
      issueRange({ batchId: batch!.id, holderId: v.holderId, fromNo: v.fromNo.trim(), toNo: v.toNo.trim() }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('fiscal.issued', { from: r.fromNo, to: r.toNo, holder: r.holder.name }));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  const width = batch?.fromNo.length ?? 0;
  const sameWidth = {
    validator: (_: unknown, v?: string) =>
      !v?.trim() || !TICKET_NO.test(v.trim()) || v.trim().length === width
        ? Promise.resolve()
        : Promise.reject(new Error(t('fiscal.widthMismatch'))),
  };
  return (
    <FormModal
      open={batch !== null}
      title={batch ? t('fiscal.issueTitle', { series: batch.series, from: batch.fromNo, to: batch.toNo }) : ''}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-issue-submit"
    >
      <Alert type="info" showIcon title={t('fiscal.overlapHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" validateTrigger="onChange" preserve={false} onFinish={(v) => m.mutate(v)}>
        <Form.Item name="holderId" label={t('fiscal.holder')} rules={[rules.requiredSelect(t, 'fiscal.holder')]}>
          <HolderSelect testId="fiscal-issue-holder" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="fromNo" label={t('fiscal.fromNo')} rules={[ticketRule(t), sameWidth]}>
              <Input inputMode="numeric" placeholder={batch?.fromNo} data-testid="fiscal-issue-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="toNo"
              label={t('fiscal.toNo')}
              dependencies={['fromNo']}
              rules={[ticketRule(t), sameWidth, toNoRule(t)]}
            >
              <Input inputMode="numeric" placeholder={batch?.toNo} data-testid="fiscal-issue-to" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

/** PAY-5: a stock request, due pay.receiptRequestLeadDays (7) ahead; a late one is filed with a warning. */
export function RequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: { kind: FiscalKind; quantity: number; neededBy: Dayjs; note?: string }) =>
      fileRequest({
        kind: v.kind,
        quantity: v.quantity,
        neededBy: v.neededBy.format('YYYY-MM-DD'),
        note: blankToUndefined(v.note),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      if (r.warning) message.warning(r.warning);
      else message.success(t('fiscal.requestFiled'));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('fiscal.requestTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-request-submit"
    >
      <Alert type="info" showIcon title={t('fiscal.leadHint', { days: 7 })} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ kind: 'receipt', neededBy: dayjs().add(7, 'day') }}
        onFinish={(v) => m.mutate(v)}
      >
        <Form.Item name="kind" label={t('fiscal.kind')} rules={[rules.requiredSelect(t, 'fiscal.kind')]}>
          <KindSelect />
        </Form.Item>
        <Form.Item name="quantity" label={t('fiscal.quantity')} rules={[rules.requiredSelect(t, 'fiscal.quantity')]}>
          <InputNumber
            min={1}
            max={100000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="fiscal-request-quantity"
          />
        </Form.Item>
        <Form.Item name="neededBy" label={t('fiscal.neededBy')} rules={[rules.requiredSelect(t, 'fiscal.neededBy')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('fiscal.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-5 启用前核对: the holder counts the copies and lists the missing numbers. */
export function CheckModal({ range, onClose }: { range: Range | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const missing = (Form.useWatch('missing', form) as string[] | undefined) ?? [];
  const m = useMutation({
    mutationFn: (v: { count: number; missing?: string[]; note?: string }) =>
      checkRange(range!.id, {
        count: v.count,
        missing: (v.missing ?? []).map((x) => x.trim()),
        note: blankToUndefined(v.note),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('fiscal.checked'));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  const total = range?.count ?? 0;
  return (
    <FormModal
      open={range !== null}
      title={
        range ? t('fiscal.checkTitle', { series: range.series, from: range.fromNo, to: range.endNo ?? range.toNo }) : ''
      }
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-check-submit"
    >
      <Alert type="info" showIcon title={t('fiscal.checkHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ count: total, missing: [] }}
        onFinish={(v) => m.mutate(v)}
      >
        <Form.Item
          name="missing"
          label={t('fiscal.missing')}
          extra={t('fiscal.missingHint')}
          rules={[
            {
              validator: (_: unknown, v?: string[]) => {
                const bad = (v ?? []).find((x) => {
                  const s = x.trim();
                  if (!TICKET_NO.test(s) || !range || s.length !== range.fromNo.length) return true;
                  const n = BigInt(s);
                  return n < BigInt(range.fromNo) || n > BigInt(range.endNo ?? range.toNo);
                });
                return bad === undefined
                  ? Promise.resolve()
                  : Promise.reject(new Error(`${t('fiscal.invalidNo')}：${bad}`));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="fiscal-check-missing" />
        </Form.Item>
        <Form.Item
          name="count"
          label={t('fiscal.checkCount')}
          dependencies={['missing']}
          rules={[
            rules.requiredSelect(t, 'fiscal.checkCount'),
            ({ getFieldValue }) => ({
              validator: (_: unknown, v?: number) => {
                const miss = new Set((getFieldValue('missing') as string[] | undefined) ?? []).size;
                return v === undefined || v === null || v === total - miss
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('fiscal.countMismatch', { expected: total - miss, total, missing: miss })),
                    );
              },
            }),
          ]}
          extra={`${t('fiscal.count')}：${total}${missing.length ? ` − ${missing.length}` : ''}`}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="fiscal-check-count" />
        </Form.Item>
        <Form.Item name="note" label={t('fiscal.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-5: a number voided with all its parts and the reason. */
export function VoidModal({ open, range, onClose }: { open: boolean; range?: Range | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: {
      kind: FiscalKind;
      series: string;
      number: string;
      cause: 'error' | 'damaged' | 'other';
      reason: string;
    }) =>
      voidNumber({
        kind: v.kind,
        series: v.series.trim(),
        number: v.number.trim(),
        cause: v.cause,
        reason: v.reason.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (n) => {
      message.success(t('fiscal.voidDone', { number: n.number, parts: n.parts ?? 0 }));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={open}
      title={t('fiscal.voidTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-void-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ kind: range?.kind ?? 'receipt', series: range?.series, cause: 'error' }}
        onFinish={(v) => m.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('fiscal.kind')} rules={[rules.requiredSelect(t, 'fiscal.kind')]}>
              <KindSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="series"
              label={t('fiscal.series')}
              rules={[rules.required(t, 'fiscal.series'), { pattern: SERIES, message: t('fiscal.invalidSeries') }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="number" label={t('fiscal.number')} rules={[ticketRule(t)]}>
          <Input inputMode="numeric" placeholder={range?.nextNo ?? undefined} data-testid="fiscal-void-number" />
        </Form.Item>
        <Form.Item name="cause" label={t('fiscal.cause')}>
          <Radio.Group>
            {(['error', 'damaged', 'other'] as const).map((c) => (
              <Radio key={c} value={c}>
                {t(`fiscal.cause.${c}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('fiscal.reason')} rules={[rules.required(t, 'fiscal.reason'), { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="fiscal-void-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-5 (000 §64): a loss reported the same day; the keeper is alerted. */
export function LossModal({ range, onClose }: { range: Range | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: { fromNo: string; toNo: string; lostOn: Dayjs; description: string }) =>
      reportLoss({
        rangeId: range!.id,
        fromNo: v.fromNo.trim(),
        toNo: v.toNo.trim(),
        lostOn: v.lostOn.format('YYYY-MM-DD'),
        description: v.description.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      message.success(t('fiscal.lossReported'));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={range !== null}
      title={t('fiscal.lossTitle')}
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-loss-submit"
    >
      <Alert type="warning" showIcon title={t('fiscal.lossHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ lostOn: dayjs(), fromNo: range?.nextNo ?? undefined }}
        onFinish={(v) => m.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="fromNo" label={t('fiscal.fromNo')} rules={[ticketRule(t)]}>
              <Input inputMode="numeric" data-testid="fiscal-loss-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="toNo"
              label={t('fiscal.toNo')}
              dependencies={['fromNo']}
              rules={[ticketRule(t), toNoRule(t)]}
            >
              <Input inputMode="numeric" placeholder={range?.endNo ?? undefined} data-testid="fiscal-loss-to" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="lostOn" label={t('fiscal.lostOn')} rules={[rules.requiredSelect(t, 'fiscal.lostOn')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('fiscal.description')}
          rules={[rules.required(t, 'fiscal.description'), { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="fiscal-loss-description" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** PAY-5: hand-over on transfer or leaving; both sides sign. */
export function HandoverModal({ range, onClose }: { range: Range | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const done = useDone();
  const [form] = Form.useForm();
  const m = useMutation({
    mutationFn: (v: {
      toHolderId: string | null;
      reason: HandoverReason;
      note?: string;
      fromSignature: string;
      toSignature: string;
    }) =>
      handOver({
        rangeId: range!.id,
        toHolderId: v.toHolderId ?? null,
        reason: v.reason,
        note: blankToUndefined(v.note),
        fromSignature: v.fromSignature.trim(),
        toSignature: v.toSignature.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (h) => {
      message.success(t('fiscal.handedOver', { count: h.count }));
      done();
      m.reset();
      onClose();
    },
  });
  const close = () => {
    m.reset();
    onClose();
  };
  return (
    <FormModal
      open={range !== null}
      title={
        range
          ? t('fiscal.handoverTitle', {
              holder: range.holder.name,
              series: `${t(kindKey(range.kind))} ${range.series} ${rangeText(range)}`,
            })
          : ''
      }
      onCancel={close}
      form={form}
      pending={m.isPending}
      error={m.error}
      submitTestId="fiscal-handover-submit"
    >
      <Alert type="info" showIcon title={t('fiscal.handoverHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ toHolderId: null, reason: 'transfer', fromSignature: range?.holder.name }}
        onFinish={(v) => m.mutate(v)}
      >
        <Form.Item name="toHolderId" label={t('fiscal.toHolder')}>
          <HolderSelect allowStock exclude={range?.holder.id} testId="fiscal-handover-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('fiscal.handoverReason')}>
          <Radio.Group>
            {(['transfer', 'leaving', 'other'] as const).map((r) => (
              <Radio key={r} value={r}>
                {t(`fiscal.handoverReason.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="fromSignature"
              label={t('fiscal.fromSignature')}
              rules={[rules.required(t, 'fiscal.fromSignature'), { max: 50 }]}
            >
              <Input data-testid="fiscal-handover-from-sign" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="toSignature"
              label={t('fiscal.toSignature')}
              rules={[rules.required(t, 'fiscal.toSignature'), { max: 50 }]}
            >
              <Input data-testid="fiscal-handover-to-sign" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('fiscal.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
