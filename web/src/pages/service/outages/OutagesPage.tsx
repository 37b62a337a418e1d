import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  announceOutage,
  cancelOutage,
  getOutage,
  listOutages,
  type Outage,
  type OutageFilters,
  type OutageListParams,
  type OutageSort,
  outagesKey,
} from '../../../api/outages';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { businessInstant, formatDateTime } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { OutageFormModal } from './OutageFormModal';

const SORTABLE: OutageSort[] = ['startsAt', 'outageNo', 'createdAt'];

interface FilterForm {
  kind?: OutageFilters['kind'];
  status?: OutageFilters['status'];
  when?: OutageFilters['when'];
  district?: string;
  overdue?: boolean;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

export function OutageKindTag({ kind }: { kind: Outage['kind'] }) {
  const { t } = useT();
  return <Tag color={kind === 'emergency' ? 'red' : 'blue'}>{t(`outage.kind.${kind}` as MessageKey)}</Tag>;
}

export function OutageStatusTag({ outage }: { outage: Pick<Outage, 'status' | 'phase'> }) {
  const { t } = useT();
  if (outage.status !== 'announced') {
    return <Tag>{t(`outage.status.${outage.status}` as MessageKey)}</Tag>;
  }
  const color = { upcoming: 'orange', current: 'red', ended: 'default' }[outage.phase];
  return <Tag color={color}>{t(`outage.phase.${outage.phase}` as MessageKey)}</Tag>;
}

function Filters({ onSearch }: { onSearch: (f: OutageFilters) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<FilterForm>();
  const toFilters = (v: FilterForm): OutageFilters => {
    const [from, to] = v.range ?? [];
    return {
      kind: v.kind,
      status: v.status,
      when: v.when,
      district: v.district?.trim() || undefined,
      overdue: v.overdue ? 'true' : undefined,
      from: from ? businessInstant(from.startOf('day')) : undefined,
      to: to ? businessInstant(to.endOf('day')) : undefined,
      q: v.q?.trim() || undefined,
    };
  };
  return (
    <Form<FilterForm>
      form={form}
      layout="inline"
      onFinish={(v) => onSearch(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 12 }}
    >
      <Form.Item name="q" label={t('outage.filter.q')}>
        <Input allowClear style={{ width: 180 }} data-testid="outage-filter-q" />
      </Form.Item>
      <Form.Item name="kind" label={t('outage.kind')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={(['planned', 'emergency'] as const).map((k) => ({ value: k, label: t(`outage.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('outage.statusLabel')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={(['draft', 'announced', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`outage.status.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="when" label={t('outage.filter.when')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={(['current', 'upcoming', 'past'] as const).map((w) => ({ value: w, label: t(`outage.when.${w}`) }))}
          data-testid="outage-filter-when"
        />
      </Form.Item>
      <Form.Item name="district" label={t('outage.district')}>
        <Input allowClear style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox data-testid="outage-filter-overdue">{t('outage.filter.overdue')}</Checkbox>
      </Form.Item>
      <Form.Item name="range" label={t('outage.filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      {/* Reset clears every filter (an empty object would keep the previous ones when merged). */}
      <FilterActions form={form} onReset={() => onSearch(toFilters({}))} searchTestId="outage-search" />
    </Form>
  );
}

function CancelModal({ outage, onClose }: { outage: Outage | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation({
    mutationFn: (reason: string) => cancelOutage(outage!.id, { version: outage!.version, reason }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (done) => {
      message.success(
        done.cancelSmsQueued === null
          ? t('outage.cancelled')
          : t('outage.cancelledSms', { count: done.cancelSmsQueued }),
      );
      queryClient.invalidateQueries({ queryKey: outagesKey });
      mutation.reset();
      onClose();
    },
  });
  return (
    <FormModal
      open={!!outage}
      title={t('outage.cancelTitle', { no: outage?.outageNo ?? '' })}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="outage-cancel-submit"
    >
      <Form
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        onFinish={(v) => mutation.mutate(v.reason.trim())}
      >
        {outage?.status === 'announced' && outage.phase !== 'ended' && (
          <p data-testid="outage-cancel-sms">{t('outage.cancelWillText', { count: outage.smsQueued ?? 0 })}</p>
        )}
        <Form.Item
          name="reason"
          label={t('outage.cancelReason')}
          rules={[rules.required(t, 'outage.cancelReason'), { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="outage-cancel-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 停气通知登记表 (SVC-10): planned and emergency outages, their area, announcement and SMS counts. */
export function OutagesPage() {
  const { t } = useT();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const manage = can('outage.manage');
  const [editing, setEditing] = useState<Outage | null | undefined>(undefined);
  const [cancelling, setCancelling] = useState<Outage | null>(null);
  const [params, setParams] = useState<OutageListParams>({ page: 1, pageSize: 20, sort: 'startsAt', order: 'desc' });
  const outages = useQuery({
    queryKey: [...outagesKey, 'list', params],
    queryFn: () => listOutages(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: OutageSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });

  const announce = async (o: Outage) => {
    let count: number;
    try {
      count = (await getOutage(o.id)).affectedNow;
    } catch (err) {
      message.error(errorText(err));
      return;
    }
    modal.confirm({
      title: t('outage.announceTitle', { no: o.outageNo }),
      content: t('outage.announceConfirm', { count, area: o.areaText }),
      okText: t('outage.announce'),
      okButtonProps: { 'data-testid': 'outage-announce-ok' } as never,
      onOk: async () => {
        try {
          const done = await announceOutage(o.id, o.version);
          message.success(t('outage.announced', { queued: done.smsQueued ?? 0, skipped: done.smsSkipped ?? 0 }));
          queryClient.invalidateQueries({ queryKey: outagesKey });
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const columns: TableProps<Outage>['columns'] = [
    { title: t('outage.no'), dataIndex: 'outageNo', key: 'outageNo', ...sortable('outageNo') },
    { title: t('outage.kind'), dataIndex: 'kind', key: 'kind', render: (_, o) => <OutageKindTag kind={o.kind} /> },
    { title: t('outage.statusLabel'), key: 'status', render: (_, o) => <OutageStatusTag outage={o} /> },
    {
      title: t('outage.area'),
      dataIndex: 'areaText',
      key: 'areaText',
      render: (s: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0, maxWidth: 280 }}>
          {s}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('outage.startsAt'),
      dataIndex: 'startsAt',
      key: 'startsAt',
      ...sortable('startsAt'),
      render: (v: string) => formatDateTime(v),
    },
    { title: t('outage.endsAt'), dataIndex: 'endsAt', key: 'endsAt', render: (v: string) => formatDateTime(v) },
    { title: t('outage.reason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('outage.notifyBy'),
      dataIndex: 'notifyBy',
      key: 'notifyBy',
      render: (v: string, o) => (
        <Space size={4}>
          {formatDateTime(v)}
          {o.announcedLate && <Tag color="red">{t('outage.late')}</Tag>}
          {o.notifyOverdue && <Tag color="red">{t('outage.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('outage.sms'),
      key: 'sms',
      render: (_, o) =>
        o.announcedAt ? t('outage.smsCounts', { queued: o.smsQueued ?? 0, skipped: o.smsSkipped ?? 0 }) : '—',
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, o: Outage) => (
              <Space size={4}>
                {o.status === 'draft' && (
                  <>
                    <Button size="small" onClick={() => setEditing(o)}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => announce(o)}
                      data-testid={`outage-announce-${o.outageNo}`}
                    >
                      {t('outage.announce')}
                    </Button>
                  </>
                )}
                {o.status !== 'cancelled' && o.phase !== 'ended' && (
                  <Button size="small" danger onClick={() => setCancelling(o)}>
                    {t('outage.cancel')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageCard
      title={t('menu.outages')}
      extra={
        <Space>
          <ExportButton exportName="outages" filters={{ ...exportable }} />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="outage-new">
              {t('outage.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Filters onSearch={(f) => setParams((p) => ({ ...p, ...f, page: 1 }))} />
      <Table<Outage>
        rowKey="id"
        data-testid="outage-table"
        columns={columns}
        dataSource={outages.data?.items}
        loading={outages.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        expandable={{
          expandedRowRender: (o) => (
            <Space direction="vertical" size={2}>
              <span>
                {t('outage.contact')}: {o.contactName ?? ''} {o.contactPhone}
              </span>
              {o.note && <span>{o.note}</span>}
              {o.announcedAt && (
                <span>
                  {t('outage.announcedBy', { at: formatDateTime(o.announcedAt), name: o.announcedByName ?? '' })}
                  {' · '}
                  {t('outage.affected', { count: o.affectedCount ?? 0 })}
                </span>
              )}
              {o.cancelReason && (
                <span>
                  {t('outage.cancelReason')}: {o.cancelReason}
                  {o.cancelSmsQueued !== null && ` · ${t('outage.cancelSmsCount', { count: o.cancelSmsQueued })}`}
                </span>
              )}
            </Space>
          ),
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: outages.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <OutageFormModal open={editing !== undefined} outage={editing} onClose={() => setEditing(undefined)} />
      <CancelModal outage={cancelling} onClose={() => setCancelling(null)} />
    </PageCard>
  );
}
