import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  Radio,
  Rate,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import {
  CALLBACK_STATUSES,
  type Callback,
  type CallbackFilters,
  type CallbackListParams,
  type CallbackSort,
  type CallbackStatus,
  callbacksKey,
  complaintsKey,
  getCallback,
  listCallbacks,
  recordCallbackCall,
} from '../../../api/complaints';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { ExportButton } from '../../../components/spreadsheets/ExportButton';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { sortOrderOf, tableChangeToPage } from '../../../lib/table';
import { formatDateTime } from '../../../lib/time';
import { blankToUndefined } from '../../../lib/validation';

const SORTABLE: CallbackSort[] = ['dueAt', 'createdAt', 'completedAt', 'score'];

const STATUS_COLOR: Record<CallbackStatus, string> = { pending: 'blue', done: 'green', unreachable: 'default' };

interface CallForm {
  reached: boolean;
  score?: number;
  comments?: string;
}

/** 记录回访 (CMP-3): reached or not (every attempt kept), the 1–5 score and the customer's comments. */
function RecordCallModal({ callback, onClose }: { callback: Callback | null; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CallForm>();
  const reached = Form.useWatch('reached', form);
  const detail = useQuery({
    queryKey: [...callbacksKey, 'detail', callback?.id],
    queryFn: () => getCallback(callback!.id),
    enabled: !!callback,
  });
  const mutation = useMutation({
    mutationFn: (v: CallForm) =>
      recordCallbackCall(callback!.id, {
        reached: v.reached,
        score: v.reached ? (v.score ?? null) : null,
        comments: blankToUndefined(v.comments) ?? null,
        version: detail.data?.version ?? callback!.version,
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (after) => {
      message.success(
        after.followUpComplaintNo ? t('cb.followUpOpened', { no: after.followUpComplaintNo }) : t('cb.saved'),
      );
      queryClient.invalidateQueries({ queryKey: callbacksKey });
      queryClient.invalidateQueries({ queryKey: complaintsKey });
      close();
    },
  });
  function close() {
    mutation.reset();
    onClose();
  }
  const fieldError = mutation.error instanceof ApiError && (mutation.error.details?.fields?.length ?? 0) > 0;
  return (
    <FormModal
      open={!!callback}
      title={callback ? t('cb.recordTitle', { no: callback.sourceNo }) : ''}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={fieldError ? null : mutation.error}
      submitTestId="callback-submit"
      width={560}
    >
      {callback && (
        <Typography.Paragraph>
          {callback.topic} · {(detail.data ?? callback).name ?? '—'} ·{' '}
          <span data-testid="callback-phone">{(detail.data ?? callback).phone ?? '—'}</span>
        </Typography.Paragraph>
      )}
      <Form<CallForm>
        form={form}
        layout="vertical"
        validateTrigger="onChange"
        preserve={false}
        initialValues={{ reached: true }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="reached" label={t('cb.reached')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('cb.reachedYes') },
              { value: false, label: t('cb.reachedNo') },
            ]}
            data-testid="callback-reached"
          />
        </Form.Item>
        {reached !== false && (
          <Form.Item
            name="score"
            label={t('cb.score')}
            extra={t('cb.scoreHint')}
            rules={[{ required: true, message: t('cb.scoreRequired') }]}
          >
            <Rate count={5} allowClear={false} data-testid="callback-score" />
          </Form.Item>
        )}
        <Form.Item name="comments" label={t('cb.comments')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="callback-comments" />
        </Form.Item>
      </Form>
      {(detail.data?.attemptsLog.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('cb.history')}</Typography.Title>
          <Timeline
            items={detail.data!.attemptsLog.map((a) => ({
              color: a.reached ? 'green' : 'gray',
              content: (
                <span>
                  {formatDateTime(a.at)} · {a.byName} · {a.reached ? t('cb.reachedYes') : t('cb.reachedNo')}
                  {a.score !== null ? ` · ${a.score}` : ''}
                  {a.comments ? ` · ${a.comments}` : ''}
                </span>
              ),
            }))}
          />
        </>
      )}
    </FormModal>
  );
}

interface FilterForm {
  status?: CallbackStatus;
  source?: 'workOrder' | 'complaint';
  flag?: 'overdue' | 'low';
}

/** 回访队列 (CMP-3): callbacks after repairs, door-to-door work and complaints, due first; record a call; export. */
export function CallbacksPage() {
  const { t } = useT();
  const can = useCan();
  const [form] = Form.useForm<FilterForm>();
  const [calling, setCalling] = useState<Callback | null>(null);
  const [params, setParams] = useState<CallbackListParams>({
    page: 1,
    pageSize: 20,
    sort: 'dueAt',
    order: 'asc',
    status: 'pending',
  });
  const list = useQuery({
    queryKey: [...callbacksKey, 'list', params],
    queryFn: () => listCallbacks(params),
    placeholderData: keepPreviousData,
  });
  const { page: _p, pageSize: _s, ...exportable } = params;
  const sortable = (key: CallbackSort) => ({ sorter: true, sortOrder: sortOrderOf(params, key) });
  const search = (f: CallbackFilters) =>
    setParams((p) => ({ page: 1, pageSize: p.pageSize, sort: p.sort, order: p.order, ...f }));

  const columns: TableProps<Callback>['columns'] = [
    {
      title: t('cb.dueAt'),
      dataIndex: 'dueAt',
      key: 'dueAt',
      width: 170,
      ...sortable('dueAt'),
      render: (v: string, b) => (
        <Space size={4}>
          {formatDateTime(v)}
          {b.overdue && <Tag color="red">{t('cb.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('cb.sourceNo'),
      dataIndex: 'sourceNo',
      key: 'sourceNo',
      render: (no: string, b) =>
        b.workOrderId ? (
          <Link to={`/service/orders/${b.workOrderId}`}>{no}</Link>
        ) : (
          <Link to={`/service/complaints/${b.complaintId}`}>{no}</Link>
        ),
    },
    { title: t('cb.topic'), dataIndex: 'topic', key: 'topic' },
    { title: t('cb.name'), dataIndex: 'name', key: 'name', render: (v) => v ?? '—' },
    { title: t('cb.phone'), dataIndex: 'phone', key: 'phone', render: (v) => v ?? '—' },
    {
      title: t('cb.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: CallbackStatus) => <Tag color={STATUS_COLOR[s]}>{t(`cb.status.${s}` as MessageKey)}</Tag>,
    },
    { title: t('cb.attempts'), dataIndex: 'attempts', key: 'attempts' },
    { title: t('cb.score'), dataIndex: 'score', key: 'score', ...sortable('score'), render: (v) => v ?? '—' },
    {
      title: t('cb.followUp'),
      dataIndex: 'followUpComplaintNo',
      key: 'followUp',
      render: (no: string | null, b) =>
        no ? (
          <Link to={`/service/complaints/${b.followUpComplaintId}`} data-testid={`callback-followup-${b.id}`}>
            {no}
          </Link>
        ) : (
          '—'
        ),
    },
    { title: t('cb.completedBy'), dataIndex: 'completedByName', key: 'completedByName', render: (v) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, b) =>
        b.status === 'pending' && can('callback.work') ? (
          <Button
            size="small"
            type="primary"
            onClick={() => setCalling(b)}
            data-testid={`callback-record-${b.sourceNo}`}
          >
            {t('cb.record')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageCard title={t('menu.callbacks')} extra={<ExportButton exportName="callbacks" filters={{ ...exportable }} />}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        initialValues={{ status: 'pending' }}
        onFinish={(v) =>
          search({
            status: v.status,
            source: v.source,
            overdue: v.flag === 'overdue' ? true : undefined,
            maxScore: v.flag === 'low' ? 2 : undefined,
          })
        }
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="status" label={t('cb.status')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={CALLBACK_STATUSES.map((s) => ({ value: s, label: t(`cb.status.${s}` as MessageKey) }))}
            data-testid="callbacks-status"
          />
        </Form.Item>
        <Form.Item name="source" label={t('cb.source')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={(['workOrder', 'complaint'] as const).map((s) => ({
              value: s,
              label: t(`cb.source.${s}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="flag">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('cb.overdueOnly')}
            options={[
              { value: 'overdue', label: t('cb.overdueOnly') },
              { value: 'low', label: t('cb.lowScore') },
            ]}
          />
        </Form.Item>
        <FilterActions form={form} onReset={() => search({})} searchTestId="callbacks-search" />
      </Form>
      <Table<Callback>
        rowKey="id"
        data-testid="callbacks-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={(pagination, _f, sorter) =>
          setParams((p) => ({ ...p, ...tableChangeToPage(pagination, sorter, SORTABLE) }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <RecordCallModal callback={calling} onClose={() => setCalling(null)} />
    </PageCard>
  );
}
