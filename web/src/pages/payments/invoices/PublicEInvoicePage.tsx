import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { getPublicRequest, isCommercial, publicDocumentUrl, requestEInvoice, TAX_NO } from '../../../api/invoices';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { formatYuan } from '../../approvals/format';
import { applyFieldErrors } from './shared';

interface RequestForm {
  title?: string;
  taxNo?: string;
  email: string;
}

/**
 * 扫码开票 (PAY-6, 000 §68): the page the receipt's QR code opens, outside the console and without a login — the
 * signed token in the address is the only key. The customer gives the title and tax ID (C&I) and an e-mail, and
 * downloads the e-invoice.
 */
export function PublicEInvoicePage() {
  const { t } = useT();
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RequestForm>();
  const key = ['public-e-invoice', token];
  const req = useQuery({ queryKey: key, queryFn: () => getPublicRequest(token), retry: false });
  const send = useMutation({
    mutationFn: (v: RequestForm) =>
      requestEInvoice(token, {
        title: v.title?.trim() || undefined,
        taxNo: v.taxNo?.trim() || undefined,
        email: v.email?.trim() || undefined,
      }),
    meta: { handlesErrors: true },
    onSuccess: (data) => queryClient.setQueryData(key, data),
    onError: (err) => applyFieldErrors(form, err, ['title', 'taxNo', 'email']),
  });

  const frame = (content: React.ReactNode) => (
    <div style={{ maxWidth: 520, margin: '24px auto', padding: '0 12px' }}>
      <Card title={t('invoice.public.title')}>{content}</Card>
    </div>
  );

  if (req.isLoading) return frame(<Spin />);
  if (req.error) {
    const expired = req.error instanceof ApiError && req.error.status === 410;
    return frame(
      <Result
        status={expired ? 'warning' : 'error'}
        title={expired ? t('invoice.public.expired') : t('invoice.public.invalid')}
        subTitle={req.error.message}
      />,
    );
  }
  const d = req.data!;
  const ci = isCommercial(d.customerKind);
  return frame(
    <>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('invoice.public.company')}>{d.companyName}</Descriptions.Item>
        <Descriptions.Item label={t('invoice.accountNo')}>{d.accountNo}</Descriptions.Item>
        <Descriptions.Item label={t('invoice.customerName')}>{d.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('invoice.payment.no')}>{d.paymentNo}</Descriptions.Item>
        <Descriptions.Item label={t('invoice.payment.receivedOn')}>{d.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('invoice.amount')}>{formatYuan(d.amount)}</Descriptions.Item>
      </Descriptions>
      {d.invoice ? (
        <Result
          status={d.invoice.status === 'issued' ? 'success' : 'warning'}
          title={
            d.invoice.status === 'issued'
              ? t('invoice.public.issued', { no: d.invoice.invoiceNo })
              : t('invoice.public.voided', { no: d.invoice.invoiceNo })
          }
          subTitle={`${d.invoice.invoiceCode} ${d.invoice.invoiceNo} · ${d.invoice.buyerTitle} · ${d.invoice.issuedOn}`}
          extra={
            d.invoice.kind === 'electronic' && d.invoice.status === 'issued' ? (
              <Button
                type="primary"
                icon={<FilePdfOutlined />}
                href={publicDocumentUrl(token, 'pdf')}
                data-testid="public-einvoice-pdf"
              >
                {t('invoice.public.download')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('invoice.public.paper')}</Typography.Text>
            )
          }
        />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('invoice.public.until', { date: d.expiresOn })}
          />
          <FormErrorAlert error={send.error} />
          <Form<RequestForm>
            form={form}
            layout="vertical"
            validateTrigger="onChange"
            onFinish={(v) => send.mutate(v)}
            initialValues={{ title: d.title ?? undefined, taxNo: d.taxNo ?? undefined }}
          >
            <Form.Item
              name="title"
              label={t('invoice.buyer.title')}
              extra={ci ? undefined : t('invoice.buyer.residentialTitle')}
              rules={ci ? [{ required: true, whitespace: true, message: t('invoice.public.titleRequired') }] : []}
            >
              <Input disabled={!ci} maxLength={100} data-testid="public-einvoice-title" />
            </Form.Item>
            {ci && (
              <Form.Item
                name="taxNo"
                label={t('invoice.buyer.taxNo')}
                normalize={(v: string) => v?.toUpperCase()}
                rules={[
                  { required: true, whitespace: true, message: t('invoice.public.taxNoRequired') },
                  { pattern: TAX_NO, message: t('invoice.buyer.taxNoInvalid') },
                ]}
              >
                <Input maxLength={20} data-testid="public-einvoice-taxNo" />
              </Form.Item>
            )}
            <Form.Item
              name="email"
              label={t('invoice.buyer.email')}
              rules={[
                { required: true, whitespace: true, message: t('invoice.public.emailRequired') },
                { type: 'email', message: t('invoice.buyer.emailInvalid') },
              ]}
            >
              <Input type="email" maxLength={100} data-testid="public-einvoice-email" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={send.isPending}
              data-testid="public-einvoice-submit"
            >
              {t('invoice.public.submit')}
            </Button>
          </Form>
        </>
      )}
    </>,
  );
}
