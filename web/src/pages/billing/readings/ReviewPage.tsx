import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  acceptReading,
  correctReading,
  listReview,
  orderReread,
  READING_FLAGS,
  type Reading,
  type ReadingSort,
  type ReviewParams,
  readingsKey,
  reviewKey,
} from '../../../api/readings';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { useBookOptions } from './PlansPage';
import { FlagTags, toPeriod } from './shared';

const SORTABLE: ReadingSort[] = ['period', 'accountNo', 'readOn', 'volume'];
const READING = /^\d{1,9}(\.\d{1,3})?$/;

interface CorrectForm {
  reading: string;
  readOn?: Dayjs;
  reason: string;
}

function CorrectModal({ reading, onClose }: { reading: Reading | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CorrectForm>();
  const mutation = useMutation({
    mutationFn: (v: CorrectForm) =>
      correctReading(reading!.id, {
        reading: v.reading.trim(),
        readOn: toDateString(v.readOn) ?? undefined,
        reason: v.reason.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (r) => {
      message.success(t('reading.review.corrected', { accountNo: r.accountNo, volume: r.volume }));
      queryClient.invalidateQueries({ queryKey: readingsKey });
      mutation.reset();
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <FormModal
      open={!!reading}
      title={t('reading.review.correctTitle', { accountNo: reading?.accountNo ?? '' })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="reading-correct-submit"
    >
      {reading && (
        <Form<CorrectForm>
          form={form}
          layout="vertical"
          validateTrigger="onChange"
          preserve={false}
          onFinish={(v) => mutation.mutate(v)}
        >
          <p>
            {t('reading.review.was', {
              previous: reading.previousReading,
              reading: reading.reading,
              volume: reading.volume,
            })}
          </p>
          <Form.Item
            name="reading"
            label={t('reading.review.newReading')}
            rules={[
              rules.required(t, 'reading.review.newReading'),
              { pattern: READING, message: t('reading.review.readingInvalid') },
            ]}
          >
            <Input inputMode="decimal" maxLength={13} data-testid="reading-correct-value" />
          </Form.Item>
          <Form.Item name="readOn" label={t('reading.readOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('reading.review.reason')}
            rules={[rules.required(t, 'reading.review.reason'), { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="reading-correct-reason" />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

function Comparison({ r }: { r: Reading }) {
  const { t } = useT();
  const c = r.comparison ?? {};
  const v = (x: string | null | undefined) => (x == null ? '—' : x);
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
      <span>
        {t('reading.review.lastVolume')}: {v(c.lastVolume)}
      </span>
      <span>
        {t('reading.review.lastYearVolume')}: {v(c.lastYearVolume)}
      </span>
      <span>
        {t('reading.review.averageVolume', { n: c.averagePeriods ?? 0 })}: {v(c.averageVolume)}
      </span>
      {c.oldMeterVolume != null && (
        <span>
          {t('reading.review.oldMeterVolume')}: {c.oldMeterVolume}
        </span>
      )}
    </Space>
  );
}

interface FilterForm {
  period?: Dayjs;
  bookId?: string;
  flag?: string;
}

/** 抄表复核 (MTR-4): flagged readings with their comparison; accept, correct (reason required) or re-read. */
export function ReviewPage() {
  const { t } = useT();
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const review = can('reading.review');
  const bookOptions = useBookOptions();
  const [form] = Form.useForm<FilterForm>();
  const [correcting, setCorrecting] = useState<Reading | null>(null);
  const [params, setParams] = useState<ReviewParams>({ page: 1, pageSize: 20, sort: 'accountNo', order: 'asc' });
  const readings = useQuery({
    queryKey: [...reviewKey, params],
    queryFn: () => listReview(params),
    placeholderData: keepPreviousData,
  });
  const sortable = (key: ReadingSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const { page: _p, pageSize: _s, ...exportable } = params;

  const act = async (fn: () => Promise<Reading>, done: string) => {
    try {
      await fn();
      message.success(done);
      queryClient.invalidateQueries({ queryKey: readingsKey });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const reread = (r: Reading) => {
    let reason = '';
    modal.confirm({
      title: t('reading.review.rereadTitle', { accountNo: r.accountNo }),
      content: (
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('reading.review.rereadReason')}
          onChange={(e) => {
            reason = e.target.value;
          }}
          data-testid="reading-reread-reason"
        />
      ),
      okText: t('reading.review.reread'),
      okButtonProps: { 'data-testid': 'reading-reread-ok' } as never,
      onOk: () =>
        act(
          () => orderReread(r.id, reason.trim() || undefined),
          t('reading.review.rereadDone', { accountNo: r.accountNo }),
        ),
    });
  };

  const columns: TableProps<Reading>['columns'] = [
    { title: t('reading.period'), dataIndex: 'period', key: 'period', ...sortable('period') },
    { title: t('reading.accountNo'), dataIndex: 'accountNo', key: 'accountNo', ...sortable('accountNo') },
    { title: t('reading.address'), dataIndex: 'address', key: 'address' },
    { title: t('reading.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial' },
    { title: t('reading.readOn'), dataIndex: 'readOn', key: 'readOn', ...sortable('readOn') },
    { title: t('reading.previousReading'), dataIndex: 'previousReading', key: 'previousReading', align: 'right' },
    { title: t('reading.reading'), dataIndex: 'reading', key: 'reading', align: 'right' },
    { title: t('reading.volume'), dataIndex: 'volume', key: 'volume', align: 'right', ...sortable('volume') },
    { title: t('reading.flags'), key: 'flags', render: (_, r) => <FlagTags flags={r.flags} /> },
    { title: t('reading.review.comparison'), key: 'comparison', render: (_, r) => <Comparison r={r} /> },
    ...(review
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Reading) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="primary"
                  aria-label={t('reading.review.accept')}
                  onClick={() =>
                    act(() => acceptReading(r.id), t('reading.review.acceptedDone', { accountNo: r.accountNo }))
                  }
                  data-testid={`reading-accept-${r.accountNo}`}
                >
                  {t('reading.review.accept')}
                </Button>
                <Button
                  size="small"
                  aria-label={t('reading.review.correct')}
                  onClick={() => setCorrecting(r)}
                  data-testid={`reading-correct-${r.accountNo}`}
                >
                  {t('reading.review.correct')}
                </Button>
                <Button
                  size="small"
                  aria-label={t('reading.review.reread')}
                  onClick={() => reread(r)}
                  data-testid={`reading-reread-${r.accountNo}`}
                >
                  {t('reading.review.reread')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title={t('menu.readingReview')}
      extra={<ExportButton exportName="meterReadings" filters={{ ...exportable, status: 'flagged' }} />}
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) =>
          setParams((p) => ({ ...p, page: 1, period: toPeriod(v.period), bookId: v.bookId, flag: v.flag }))
        }
      >
        <Form.Item name="period" label={t('reading.period')}>
          <DatePicker picker="month" />
        </Form.Item>
        <Form.Item name="bookId" label={t('reading.plan.book')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} options={bookOptions} />
        </Form.Item>
        <Form.Item name="flag" label={t('reading.flags')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={READING_FLAGS.map((f) => ({ value: f, label: t(`reading.flag.${f}`) }))}
          />
        </Form.Item>
        <FilterActions
          form={form}
          searchTestId="review-search"
          onReset={() => setParams((p) => ({ ...p, page: 1, period: undefined, bookId: undefined, flag: undefined }))}
        />
      </Form>
      <Table<Reading>
        rowKey="id"
        data-testid="review-table"
        columns={columns}
        dataSource={readings.data?.items}
        loading={readings.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: readings.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <CorrectModal reading={correcting} onClose={() => setCorrecting(null)} />
    </PageCard>
  );
}
