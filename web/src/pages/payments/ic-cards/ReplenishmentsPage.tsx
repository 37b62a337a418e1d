import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import {
  deskReader,
  fileReplenishment,
  icKey,
  listReplenishments,
  previewReplenishment,
  REPLENISHMENT_REASONS,
  type Replenishment,
  type ReplenishmentReason,
  readsCard,
} from '../../../api/icCards';
import { noticeHtmlUrl } from '../../../api/print';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatYuan } from '../../approvals/format';
import { AccountSelect, m3, ReaderBar, useWriteCard, WriteStatusTag } from './shared';

const READING = /^\d{1,9}(\.\d{1,3})?$/;
const STATUS_COLOR: Record<string, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
  charged: 'purple',
};

interface FormValues {
  accountId: string;
  reason: ReplenishmentReason;
  reading: string;
  contactPhone?: string;
  note?: string;
}

const printForm = (id: string) => {
  const w = window.open(noticeHtmlUrl('icReplenishmentForm', id), '_blank');
  if (w) w.opener = null;
};

/** ICC-2 补气申请: the form with the formula live, the register, detail, approval and the card write. */
export function ReplenishmentsPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<string>();
  const [detail, setDetail] = useState<Replenishment>();
  const accountId = Form.useWatch('accountId', form);
  const reason = Form.useWatch('reason', form);
  // ICC-2: the card in the reader is read so the gas still on it is not given again (not for a lost/damaged card).
  const [deviceId, setDeviceId] = useState(deskReader());
  const [readerError, setReaderError] = useState<string>();
  const cardDevice = readsCard(reason) && deviceId ? deviceId : undefined;
  const reading = Form.useWatch('reading', form)?.trim() ?? '';
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(reading), 250);
    return () => clearTimeout(timer);
  }, [reading]);

  const preview = useQuery({
    queryKey: [...icKey, 'replPreview', accountId, debounced, reason, cardDevice],
    queryFn: () => previewReplenishment(accountId!, debounced, reason, cardDevice),
    enabled: Boolean(accountId) && READING.test(debounced),
    retry: false,
  });
  const list = useQuery({
    queryKey: [...icKey, 'replenishments', page, status],
    queryFn: () => listReplenishments({ ...page, status, order: 'desc' }),
  });
  const file = useMutation({ mutationFn: fileReplenishment });
  const write = useWriteCard();

  const submit = async (v: FormValues) => {
    try {
      const r = await file.mutateAsync({
        accountId: v.accountId,
        reason: v.reason,
        reading: v.reading.trim(),
        ...(cardDevice ? { deviceId: cardDevice } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(
        r.status === 'charged'
          ? t('ic.repl.charged', { no: r.no, amount: r.amount })
          : t('ic.repl.filed', { no: r.no }),
      );
      form.resetFields();
      setDetail(r);
      void queryClient.invalidateQueries({ queryKey: icKey });
    } catch (err) {
      const all = err instanceof ApiError ? (err.details?.fields ?? []) : [];
      const reader = all.find((f) => f.path === 'deviceId');
      setReaderError(reader?.message);
      const fields = all.filter((f) => f.path !== 'deviceId');
      if (fields.length > 0) {
        form.setFields(fields.map((f) => ({ name: f.path as keyof FormValues, errors: [f.message] })));
      } else if (!reader) message.error(errorText(err));
    }
  };

  const p = preview.data;
  return (
    <PageCard title={t('ic.repl.title')}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="ic-repl-form">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="accountId"
                label={t('ic.account')}
                rules={[{ required: true, message: t('ic.accountRequired') }]}
              >
                <AccountSelect testId="ic-repl-account" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="reason"
                label={t('ic.repl.reason')}
                rules={[{ required: true, message: t('ic.repl.reasonRequired') }]}
              >
                <Select
                  data-testid="ic-repl-reason"
                  options={REPLENISHMENT_REASONS.map((r) => ({
                    value: r,
                    label: t(`ic.repl.reason.${r}` as MessageKey),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item
                name="reading"
                label={t('ic.repl.reading')}
                rules={[
                  { required: true, message: t('ic.repl.readingRequired') },
                  { pattern: READING, message: t('ic.repl.readingFormat') },
                ]}
              >
                <Input suffix={t('ic.m3')} data-testid="ic-repl-reading" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="contactPhone" label={t('ic.repl.phone')} rules={[{ max: 20 }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('ic.repl.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {readsCard(reason) ? (
            <Form.Item
              extra={t('ic.repl.readerHint')}
              validateStatus={readerError ? 'error' : undefined}
              help={readerError}
              data-testid="ic-repl-reader"
            >
              <Space wrap>
                <ReaderBar
                  deviceId={deviceId}
                  onChange={(id) => {
                    setDeviceId(id);
                    setReaderError(undefined);
                  }}
                />
                <Button onClick={() => void preview.refetch()} disabled={!preview.isEnabled} data-testid="ic-repl-read">
                  {t('ic.repl.readCard')}
                </Button>
              </Space>
            </Form.Item>
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ic.repl.cardNotRead')} />
          )}
          {p && (
            <Alert
              type={p.outcome === 'customerPays' ? 'warning' : 'info'}
              showIcon
              data-testid="ic-repl-formula"
              title={t('ic.repl.formula', {
                purchased: m3(p.cumulativePurchased),
                reading: m3(p.reading),
                start: m3(p.startReading),
                card: m3(p.cardVolume ?? '0'),
                volume: m3(p.volume),
              })}
              description={
                <>
                  {p.card && (
                    <div data-testid="ic-repl-card-volume">
                      {t(
                        !p.card.counted
                          ? 'ic.repl.cardNotCounted'
                          : Number(p.card.onCard) > 0
                            ? 'ic.repl.cardVolume'
                            : 'ic.repl.cardEmpty',
                        {
                          cardNo: p.card.cardNo,
                          volume: m3(p.card.onCard),
                        },
                      )}
                    </div>
                  )}
                  <div>{t(`ic.repl.outcome.${p.outcome}` as MessageKey, { amount: p.amount, price: p.price })}</div>
                  {p.lastCheck && (
                    <div>
                      {t('ic.repl.lastCheck', {
                        date: p.lastCheck.checkedOn,
                        reading: m3(p.lastCheck.baseReading),
                        remaining: m3(p.lastCheck.remainingVolume),
                      })}
                    </div>
                  )}
                </>
              }
            />
          )}
          {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
          <Button
            type="primary"
            htmlType="submit"
            style={{ marginTop: 12 }}
            loading={file.isPending}
            disabled={!p || p.outcome === 'nothing'}
            data-testid="ic-repl-submit"
          >
            {p?.outcome === 'customerPays' ? t('ic.repl.submitCharge') : t('ic.repl.submit')}
          </Button>
        </Form>

        <Table<Replenishment>
          size="small"
          rowKey="id"
          data-testid="ic-repl-list"
          title={() => (
            <Space>
              {t('ic.repl.register')}
              <Select
                allowClear
                size="small"
                style={{ width: 140 }}
                placeholder={t('ic.repl.status')}
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage((x) => ({ ...x, page: 1 }));
                }}
                options={['pending', 'approved', 'rejected', 'withdrawn', 'charged'].map((s) => ({
                  value: s,
                  label: t(`ic.repl.status.${s}` as MessageKey),
                }))}
              />
            </Space>
          )}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            onChange: (n, size) => setPage({ page: n, pageSize: size }),
          }}
          columns={[
            {
              title: t('ic.repl.no'),
              dataIndex: 'no',
              render: (no: string, r) => (
                <Button type="link" size="small" onClick={() => setDetail(r)}>
                  {no}
                </Button>
              ),
            },
            { title: t('ic.accountNo'), dataIndex: 'accountNo' },
            { title: t('ic.customerName'), dataIndex: 'customerName' },
            {
              title: t('ic.repl.reason'),
              dataIndex: 'reason',
              render: (r: string) => t(`ic.repl.reason.${r}` as MessageKey),
            },
            { title: t('ic.volume'), dataIndex: 'volume', align: 'right', render: m3 },
            { title: t('ic.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatYuan(v) },
            {
              title: t('ic.repl.status'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={STATUS_COLOR[s]} data-testid="ic-repl-status">
                  {t(`ic.repl.status.${s}` as MessageKey)}
                </Tag>
              ),
            },
            {
              title: t('ic.repl.approval'),
              dataIndex: 'approvalNo',
              render: (no: string | null, r) =>
                no && r.approvalId ? <Link to={`/approvals/${r.approvalId}`}>{no}</Link> : '—',
            },
            {
              title: t('ic.write.status'),
              dataIndex: 'writeStatus',
              render: (s: string | null) => <WriteStatusTag status={s} />,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space>
                  <Button size="small" icon={<PrinterOutlined />} onClick={() => printForm(r.id)}>
                    {t('ic.repl.print')}
                  </Button>
                  {r.status === 'approved' && r.writeId && r.writeStatus !== 'verified' && (
                    <Button
                      size="small"
                      type="primary"
                      loading={write.isPending}
                      onClick={() => write.mutate(r.writeId!)}
                      data-testid={`ic-repl-write-${r.no}`}
                    >
                      {t('ic.write.action')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <Drawer open={Boolean(detail)} onClose={() => setDetail(undefined)} title={detail?.no} size="large">
        {detail && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('ic.accountNo')}>{detail.accountNo}</Descriptions.Item>
            <Descriptions.Item label={t('ic.customerName')}>{detail.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('ic.address')}>{detail.address}</Descriptions.Item>
            <Descriptions.Item label={t('ic.meterNo')}>{detail.meterNo}</Descriptions.Item>
            <Descriptions.Item label={t('ic.card.cardNo')}>{detail.cardNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.reason')}>
              {t(`ic.repl.reason.${detail.reason}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.reading')}>{m3(detail.reading)}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.start')}>{m3(detail.startReading)}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.purchased')}>{m3(detail.cumulativePurchased)}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.cardGas')}>
              {detail.cardVolume === null ? t('ic.repl.cardNotReadShort') : m3(detail.cardVolume)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ic.volume')}>{m3(detail.volume)}</Descriptions.Item>
            <Descriptions.Item label={t('ic.amount')}>{formatYuan(detail.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.status')}>
              {t(`ic.repl.status.${detail.status}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.operator')}>{detail.requestedByName}</Descriptions.Item>
            <Descriptions.Item label={t('ic.repl.time')}>
              {new Date(detail.requestedAt).toLocaleString()}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </PageCard>
  );
}
