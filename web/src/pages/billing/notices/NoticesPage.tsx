import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  downloadNoticeBatchPdf,
  listNoticeBatches,
  type NoticeFilters,
  type NoticeKind,
  type NoticePaper,
  type NoticePreviewItem,
  noticeBatchUrl,
  noticesKey,
  type PrintBatch,
  previewNotices,
} from '../../../api/notices';
import { booksKey, listBooks } from '../../../api/readings';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { NoticeFrame } from '../../system/print/NoticeFrame';
import { currentPeriod, fromPeriod, toPeriod } from '../readings/shared';

const KINDS: NoticeKind[] = ['payment', 'area', 'ci'];
const PAPERS: NoticePaper[] = ['A4', 'receipt80'];

interface FormValues {
  period?: Dayjs | null;
  kind: NoticeKind;
  paper: NoticePaper;
  bookId?: string;
  area?: string;
  readerId?: string;
  customerKind?: 'commercial' | 'institutional';
}

function toFilters(v: FormValues): NoticeFilters | null {
  const period = toPeriod(v.period);
  if (!period) return null;
  return {
    period,
    kind: v.kind,
    bookId: v.bookId || undefined,
    area: v.area?.trim() || undefined,
    readerId: v.readerId || undefined,
    customerKind: v.kind === 'ci' ? v.customerKind || undefined : undefined,
  };
}

/** 通知单打印 (MTR-8): the notices of a reading round for a period, by book, area or reader, printed in one go. */
export function NoticesPage() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initial: FormValues = { period: fromPeriod(currentPeriod()), kind: 'payment', paper: 'A4' };
  const [values, setValues] = useState<FormValues>(initial);
  const [pdfBusy, setPdfBusy] = useState(false);
  const filters = toFilters(values);
  const paper = values.paper;

  const books = useQuery({
    queryKey: [...booksKey, 'all-for-notices'],
    queryFn: () => listBooks({ page: 1, pageSize: 200, sort: 'code', order: 'asc' }),
    enabled: can('reading.read'),
    staleTime: 60_000,
  });
  const readers = new Map<string, string>();
  for (const b of books.data?.items ?? []) if (b.readerId && b.readerName) readers.set(b.readerId, b.readerName);

  const preview = useQuery({
    queryKey: [...noticesKey, 'preview', filters, paper],
    queryFn: () => previewNotices(filters!, paper),
    enabled: filters !== null,
    placeholderData: keepPreviousData,
  });
  const [batchPage, setBatchPage] = useState({ page: 1, pageSize: 10 });
  const batches = useQuery({
    queryKey: [...noticesKey, 'batches', batchPage],
    queryFn: () => listNoticeBatches(batchPage),
    placeholderData: keepPreviousData,
  });

  const p = preview.data;
  const current = filters !== null && p !== undefined && !preview.isPlaceholderData;
  const empty = current && p.notices === 0;
  const tooLarge = current && p.bills > p.max;
  const tooLargePdf = current && p.bills > p.maxPdf;

  const print = () => {
    if (!filters || !p) return;
    const win = window.open(noticeBatchUrl(filters, paper), '_blank');
    if (!win) {
      message.warning(t('notice.popupBlocked'));
      return;
    }
    message.success(t('notice.printOpened', { count: p.notices }));
    // The print is recorded when the page is served; show it in the register.
    setTimeout(() => queryClient.invalidateQueries({ queryKey: [...noticesKey, 'batches'] }), 1500);
  };
  const pdf = async () => {
    if (!filters) return;
    setPdfBusy(true);
    try {
      await downloadNoticeBatchPdf(filters, paper);
      message.success(t('notice.pdfDone'));
      queryClient.invalidateQueries({ queryKey: [...noticesKey, 'batches'] });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setPdfBusy(false);
    }
  };

  const columns: TableProps<NoticePreviewItem>['columns'] = [
    { title: t('notice.accountNo'), dataIndex: 'accountNo', key: 'accountNo' },
    { title: t('notice.customerName'), dataIndex: 'customerName', key: 'customerName' },
    { title: t('notice.address'), dataIndex: 'address', key: 'address' },
    {
      title: t('notice.bookSeq'),
      key: 'book',
      render: (_, i) => (i.bookCode ? `${i.bookCode} / ${i.seq ?? ''}` : '—'),
    },
    { title: t('notice.volume'), dataIndex: 'volume', key: 'volume', align: 'right' },
    { title: t('notice.amount'), dataIndex: 'amount', key: 'amount', align: 'right' },
    { title: t('notice.dueOn'), dataIndex: 'dueOn', key: 'dueOn', render: (v: string | null) => v ?? '—' },
  ];
  const batchColumns: TableProps<PrintBatch>['columns'] = [
    {
      title: t('notice.printedAt'),
      dataIndex: 'printedAt',
      key: 'printedAt',
      render: (v: string) => formatDateTime(v),
    },
    { title: t('notice.period'), dataIndex: 'period', key: 'period' },
    {
      title: t('notice.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => t(`notice.kind.${k}` as MessageKey),
    },
    {
      title: t('notice.paper'),
      dataIndex: 'paper',
      key: 'paper',
      render: (v: string) => t(`notice.paper.${v}` as MessageKey),
    },
    { title: t('notice.format'), dataIndex: 'format', key: 'format', render: (v: string) => v.toUpperCase() },
    {
      title: t('notice.filters'),
      dataIndex: 'filters',
      key: 'filters',
      render: (f: Record<string, unknown>) =>
        Object.entries(f)
          .map(([k, v]) => {
            if (k === 'bookId') return books.data?.items.find((b) => b.id === v)?.code ?? String(v).slice(0, 8);
            if (k === 'readerId') return readers.get(String(v)) ?? String(v).slice(0, 8);
            return String(v);
          })
          .join(' · ') || '—',
    },
    { title: t('notice.count'), dataIndex: 'notices', key: 'notices', align: 'right' },
    { title: t('notice.bills'), dataIndex: 'bills', key: 'bills', align: 'right' },
    { title: t('notice.amountTotal'), dataIndex: 'amountTotal', key: 'amountTotal', align: 'right' },
    { title: t('notice.printedBy'), dataIndex: 'printedByName', key: 'printedByName' },
  ];

  const canPrint = current && !empty && !tooLarge;
  return (
    <PageCard
      title={t('menu.billingNotices')}
      extra={
        <Space>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!canPrint}
            onClick={print}
            data-testid="notice-print"
          >
            {t('notice.print')}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            disabled={!canPrint || tooLargePdf}
            loading={pdfBusy}
            onClick={pdf}
            data-testid="notice-pdf"
          >
            {t('notice.pdf')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="inline"
        initialValues={initial}
        style={{ marginBottom: 16, rowGap: 12 }}
        onValuesChange={(_, all) => setValues({ ...initial, ...all })}
      >
        <Form.Item
          name="period"
          label={t('notice.period')}
          rules={[{ required: true, message: t('notice.periodRequired') }]}
        >
          <DatePicker picker="month" allowClear={false} data-testid="notice-period" />
        </Form.Item>
        <Form.Item name="kind" label={t('notice.kind')}>
          <Select
            style={{ width: 240 }}
            options={KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}` as MessageKey) }))}
            data-testid="notice-kind"
          />
        </Form.Item>
        <Form.Item name="paper" label={t('notice.paper')}>
          <Select
            style={{ width: 150 }}
            options={PAPERS.map((k) => ({ value: k, label: t(`notice.paper.${k}` as MessageKey) }))}
            data-testid="notice-paper"
          />
        </Form.Item>
        {can('reading.read') && (
          <Form.Item name="bookId" label={t('notice.book')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              loading={books.isLoading}
              options={(books.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))}
              data-testid="notice-book"
            />
          </Form.Item>
        )}
        <Form.Item name="area" label={t('notice.area')}>
          <Input allowClear style={{ width: 160 }} maxLength={200} data-testid="notice-area" />
        </Form.Item>
        {readers.size > 0 && (
          <Form.Item name="readerId" label={t('notice.reader')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={[...readers].map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        )}
        {values.kind === 'ci' && (
          <Form.Item name="customerKind" label={t('notice.customerKind')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={(['commercial', 'institutional'] as const).map((k) => ({
                value: k,
                label: t(`notice.customerKind.${k}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>

      {preview.isError && (
        <Alert type="error" showIcon message={errorText(preview.error)} style={{ marginBottom: 16 }} />
      )}
      <Spin
        spinning={preview.isFetching || pdfBusy}
        tip={pdfBusy && p ? t('notice.pdfBusy', { count: p.notices }) : undefined}
      >
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col>
            <Statistic
              title={t('notice.count')}
              value={p ? t('notice.countValue', { count: p.notices }) : '—'}
              valueStyle={{ fontSize: 20 }}
            />
          </Col>
          <Col>
            <Statistic
              title={t('notice.bills')}
              value={p ? t('notice.billsValue', { count: p.bills }) : '—'}
              valueStyle={{ fontSize: 20 }}
            />
          </Col>
          <Col>
            <Statistic title={t('notice.amountTotal')} value={p?.amountTotal ?? '—'} valueStyle={{ fontSize: 20 }} />
          </Col>
        </Row>
        {tooLarge && p && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('notice.tooLarge', { count: p.bills, max: p.max })}
          />
        )}
        {!tooLarge && tooLargePdf && p && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('notice.tooLargePdf', { max: p.maxPdf })}
          />
        )}
        {empty ? (
          <Empty description={t('notice.none')} />
        ) : (
          <Row gutter={16}>
            <Col xs={24} xl={13}>
              <Card size="small" title={t('notice.list')}>
                <Table<NoticePreviewItem>
                  rowKey="billId"
                  size="small"
                  data-testid="notice-items"
                  columns={columns}
                  dataSource={p?.items}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card size="small" title={t('notice.preview')}>
                {filters && current && (
                  <NoticeFrame
                    key={noticeBatchUrl(filters, paper, { preview: true })}
                    src={noticeBatchUrl(filters, paper, { preview: true })}
                    title={t('notice.preview')}
                    paper={paper}
                  />
                )}
              </Card>
            </Col>
          </Row>
        )}
      </Spin>

      <Card size="small" title={t('notice.batches')} style={{ marginTop: 16 }}>
        <Table<PrintBatch>
          rowKey="id"
          size="small"
          data-testid="notice-batches"
          columns={batchColumns}
          dataSource={batches.data?.items}
          loading={batches.isFetching}
          onChange={(pg) => setBatchPage({ page: pg.current ?? 1, pageSize: pg.pageSize ?? 10 })}
          pagination={{
            current: batchPage.page,
            pageSize: batchPage.pageSize,
            total: batches.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </PageCard>
  );
}
