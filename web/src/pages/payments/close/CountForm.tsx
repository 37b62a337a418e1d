import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  type FormInstance,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import {
  CLOSE_METHODS,
  type CloseInput,
  type CloseMethod,
  cashOfficeKey,
  closeShift,
  DENOMINATIONS,
  type Denomination,
  OTHER_METHODS,
  type OtherMethod,
  type ShiftDetail,
} from '../../../api/cashOffice';
import { ApiError } from '../../../api/client';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';
import { fen, methodKey, yuanOf } from './shared';

const PIECES = /^\d{1,7}$/;
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;
/** Each denomination in fen. */
const FACE_FEN: Record<Denomination, number> = {
  '100': 10000,
  '50': 5000,
  '20': 2000,
  '10': 1000,
  '5': 500,
  '1': 100,
  '0.5': 50,
  '0.1': 10,
};

interface CountValues {
  cash: Partial<Record<Denomination, string>>;
  posTotal?: string;
  posCount?: string;
  other: Partial<Record<OtherMethod, string>>;
  explanations: Partial<Record<CloseMethod, string>>;
}

const piecesOf = (v: string | undefined) => (v && PIECES.test(v.trim()) ? Number(v.trim()) : 0);
const amountOf = (v: string | undefined) => (v && AMOUNT.test(v.trim()) ? fen(v.trim()) : 0);

/** PAY-2 现金盘点表 and close: the cash by denomination, POS slips, the other tenders; variances explained. */
export function CountForm({ shift, onDone }: { shift: ShiftDetail; onDone: (closed: ShiftDetail) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CountValues>();
  const values = Form.useWatch([], form) as CountValues | undefined;
  const close = useMutation({
    mutationFn: (body: CloseInput) => closeShift(shift.id, body),
    meta: { handlesErrors: true },
  });

  const cashFen = DENOMINATIONS.reduce((s, d) => s + piecesOf(values?.cash?.[d]) * FACE_FEN[d], 0);
  const counted: Record<CloseMethod, number> = {
    cash: cashFen,
    pos: amountOf(values?.posTotal),
    wechat: amountOf(values?.other?.wechat),
    alipay: amountOf(values?.other?.alipay),
    bankTransfer: amountOf(values?.other?.bankTransfer),
    voucher: amountOf(values?.other?.voucher),
  };
  const rows = CLOSE_METHODS.map((method) => {
    const expected = fen(shift.summary.expected[method] ?? '0');
    return { method, expected, counted: counted[method], variance: counted[method] - expected };
  });

  const submit = async () => {
    let v: CountValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: CloseInput = {
      cash: Object.fromEntries(DENOMINATIONS.map((d) => [d, piecesOf(v.cash?.[d])])) as Record<Denomination, number>,
      posTotal: v.posTotal?.trim() || '0',
      posCount: piecesOf(v.posCount),
      other: Object.fromEntries(OTHER_METHODS.map((m) => [m, v.other?.[m]?.trim() || '0'])) as Record<
        OtherMethod,
        string
      >,
      explanations: Object.fromEntries(
        rows.filter((r) => r.variance !== 0).map((r) => [r.method, v.explanations?.[r.method]?.trim() ?? '']),
      ),
    };
    try {
      const closed = await close.mutateAsync(body);
      message.success(t('cash.close.done'));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
      onDone(closed);
    } catch (err) {
      if (!(err instanceof ApiError)) return;
      // `cash.0.5` is the field ['cash', '0.5']: only the first dot separates.
      (form as unknown as FormInstance).setFields(
        (err.details?.fields ?? []).map((f) => {
          const [head, ...rest] = f.path.split('.');
          return { name: rest.length > 0 ? [head!, rest.join('.')] : [head!], errors: [f.message] };
        }),
      );
    }
  };

  const piecesRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v?.trim() || PIECES.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('cash.piecesFormat'))),
  };
  const amountRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v?.trim() || AMOUNT.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('cash.amountFormat'))),
  };

  return (
    <Form<CountValues> form={form} layout="vertical" disabled={close.isPending} data-testid="close-form">
      <Typography.Title level={5}>{t('cash.count.title')}</Typography.Title>
      <Row gutter={12}>
        {DENOMINATIONS.map((d) => (
          <Col key={d} xs={12} sm={6} md={3}>
            <Form.Item name={['cash', d]} label={t('cash.count.face', { face: d })} rules={[piecesRule]}>
              <Input inputMode="numeric" autoComplete="off" placeholder="0" data-testid={`close-cash-${d}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Statistic title={t('cash.count.cashTotal')} value={formatYuan(yuanOf(cashFen))} data-testid="close-cash-total" />
      <Row gutter={12} style={{ marginTop: 16 }}>
        <Col xs={12} md={6}>
          <Form.Item name="posTotal" label={t('cash.count.posTotal')} rules={[amountRule]}>
            <Input prefix="¥" inputMode="decimal" autoComplete="off" placeholder="0.00" data-testid="close-pos-total" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="posCount" label={t('cash.count.posCount')} rules={[piecesRule]}>
            <Input inputMode="numeric" autoComplete="off" placeholder="0" data-testid="close-pos-count" />
          </Form.Item>
        </Col>
        {OTHER_METHODS.map((m) => (
          <Col key={m} xs={12} md={3}>
            <Form.Item name={['other', m]} label={t(methodKey(m))} rules={[amountRule]}>
              <Input prefix="¥" inputMode="decimal" autoComplete="off" placeholder="0.00" data-testid={`close-${m}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>{t('cash.count.variances')}</Typography.Title>
      <Table
        size="small"
        rowKey="method"
        pagination={false}
        dataSource={rows}
        data-testid="close-variances"
        columns={[
          { title: t('cash.method'), key: 'method', render: (_, r) => t(methodKey(r.method)) },
          {
            title: t('cash.expected'),
            key: 'expected',
            align: 'right',
            render: (_, r) => formatYuan(yuanOf(r.expected)),
          },
          { title: t('cash.counted'), key: 'counted', align: 'right', render: (_, r) => formatYuan(yuanOf(r.counted)) },
          {
            title: t('cash.variance'),
            key: 'variance',
            align: 'right',
            render: (_, r) => (
              <span
                style={{ color: r.variance === 0 ? undefined : '#cf1322' }}
                data-testid={`close-variance-${r.method}`}
              >
                {formatYuan(yuanOf(r.variance))}
              </span>
            ),
          },
          {
            title: t('cash.explanation'),
            key: 'explanation',
            width: '40%',
            render: (_, r) =>
              r.variance === 0 ? null : (
                <Form.Item
                  name={['explanations', r.method]}
                  style={{ margin: 0 }}
                  rules={[{ required: true, whitespace: true, message: t('cash.explanationRequired') }, { max: 500 }]}
                >
                  <Input
                    autoComplete="off"
                    placeholder={t('cash.explanationPlaceholder')}
                    data-testid={`close-explain-${r.method}`}
                  />
                </Form.Item>
              ),
          },
        ]}
      />
      {rows.some((r) => r.variance !== 0) && (
        <Alert type="warning" showIcon title={t('cash.count.varianceHint')} style={{ marginTop: 12 }} />
      )}
      {close.error && !(close.error instanceof ApiError && (close.error.details?.fields ?? []).length > 0) && (
        <div style={{ marginTop: 12 }}>
          <FormErrorAlert error={close.error} />
        </div>
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={close.isPending} onClick={() => void submit()} data-testid="close-submit">
          {t('cash.close.submit')}
        </Button>
      </Space>
    </Form>
  );
}
