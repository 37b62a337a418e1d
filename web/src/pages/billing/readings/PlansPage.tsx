import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Dropdown, Form, Input, Select, Space, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ApprovalRequest } from '../../../api/approvals';
import {
  booksKey,
  downloadSheet,
  generatePlans,
  listBooks,
  listPlans,
  type PlanListParams,
  type PlanStatus,
  plansKey,
  type ReadingPlan,
  requestPlanChange,
} from '../../../api/readings';
import { useCan } from '../../../auth/CurrentUserContext';
import { FilterActions } from '../../../components/FilterActions';
import { FormModal } from '../../../components/FormModal';
import { PageCard } from '../../../components/PageCard';
import { UserSelect } from '../../../components/UserSelect';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { applyServerFieldErrors } from '../../../lib/forms';
import { fromDateString, toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { currentPeriod, fromPeriod, PlanStatusTag, toPeriod } from './shared';

/** The books to pick from in a filter: the first 200 by code is every book of a city's round. */
export function useBookOptions() {
  const books = useQuery({
    queryKey: [...booksKey, 'options'],
    queryFn: () => listBooks({ page: 1, pageSize: 200, sort: 'code', order: 'asc' }),
    staleTime: 60_000,
  });
  return (books.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }));
}

function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ period: Dayjs }>();
  const mutation = useMutation({
    mutationFn: (period: string) => generatePlans(period),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (done) => {
      message.success(t('reading.plan.generated', { period: done.period, count: done.created }));
      queryClient.invalidateQueries({ queryKey: plansKey });
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
      open={open}
      title={t('reading.plan.generate')}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="plan-generate-submit"
      submitLabel={t('reading.plan.generateSubmit')}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: fromPeriod(currentPeriod()) }}
        onFinish={(v) => mutation.mutate(toPeriod(v.period)!)}
      >
        <Form.Item name="period" label={t('reading.period')} rules={[rules.requiredSelect(t, 'reading.period')]}>
          <DatePicker picker="month" data-testid="plan-generate-period" />
        </Form.Item>
        <p>{t('reading.plan.generateHint')}</p>
      </Form>
    </FormModal>
  );
}

interface ChangeForm {
  plannedOn?: Dayjs;
  readerId?: string;
  reason: string;
}

function ChangeModal({
  plan,
  onClose,
  onFiled,
}: {
  plan: ReadingPlan | null;
  onClose: () => void;
  onFiled: (a: ApprovalRequest, plan: ReadingPlan) => void;
}) {
  const { t } = useT();
  const [form] = Form.useForm<ChangeForm>();
  const mutation = useMutation({
    mutationFn: (v: ChangeForm) =>
      requestPlanChange(plan!.id, {
        version: plan!.version,
        plannedOn: toDateString(v.plannedOn) ?? undefined,
        readerId: v.readerId ?? null,
        reason: v.reason.trim(),
      }),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: (approval) => {
      onFiled(approval, plan!);
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
      open={!!plan}
      title={t('reading.plan.changeTitle', { book: plan?.bookCode ?? '', period: plan?.period ?? '' })}
      onCancel={close}
      form={form}
      pending={mutation.isPending}
      error={mutation.error}
      submitTestId="plan-change-submit"
      submitLabel={t('reading.plan.submitChange')}
    >
      {plan && (
        <Form<ChangeForm>
          form={form}
          layout="vertical"
          validateTrigger="onChange"
          preserve={false}
          initialValues={{ plannedOn: fromDateString(plan.plannedOn), readerId: plan.readerId ?? undefined }}
          onFinish={(v) => mutation.mutate(v)}
        >
          <Form.Item
            name="plannedOn"
            label={t('reading.plan.plannedOn')}
            rules={[
              rules.requiredSelect(t, 'reading.plan.plannedOn'),
              {
                validator: (_, v: Dayjs | undefined) =>
                  v && v.format('YYYY-MM') !== plan.period
                    ? Promise.reject(new Error(t('reading.plan.dateInPeriod', { period: plan.period })))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker data-testid="plan-change-date" />
          </Form.Item>
          <Form.Item name="readerId" label={t('reading.plan.reader')}>
            <UserSelect />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('reading.plan.reason')}
            rules={[rules.required(t, 'reading.plan.reason'), { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="plan-change-reason" />
          </Form.Item>
          <p>{t('reading.plan.changeHint')}</p>
        </Form>
      )}
    </FormModal>
  );
}

interface FilterForm {
  period?: Dayjs;
  bookId?: string;
  readerId?: string;
  status?: PlanStatus;
}

const PLAN_STATUSES: PlanStatus[] = ['planned', 'downloaded', 'uploaded'];

/** 抄表计划 (MTR-1/2): the plans of a period, generating them, changes through approval, the handheld sheet. */
export function PlansPage() {
  const { t } = useT();
  const can = useCan();
  const [search] = useSearchParams();
  const manage = can('reading.book.manage');
  const upload = can('reading.upload');
  const bookOptions = useBookOptions();
  const [form] = Form.useForm<FilterForm>();
  const [generating, setGenerating] = useState(false);
  const [changing, setChanging] = useState<ReadingPlan | null>(null);
  const [filed, setFiled] = useState<{ approval: ApprovalRequest; plan: ReadingPlan } | null>(null);
  const [params, setParams] = useState<PlanListParams>({
    page: 1,
    pageSize: 20,
    bookId: search.get('bookId') ?? undefined,
  });
  const plans = useQuery({
    queryKey: [...plansKey, 'list', params],
    queryFn: () => listPlans(params),
    placeholderData: keepPreviousData,
  });

  const download = async (plan: ReadingPlan, format: 'csv' | 'xlsx') => {
    try {
      await downloadSheet(plan, format);
      plans.refetch();
    } catch (err) {
      notifyError(err);
    }
  };

  const columns: TableProps<ReadingPlan>['columns'] = [
    { title: t('reading.period'), dataIndex: 'period', key: 'period' },
    {
      title: t('reading.plan.book'),
      key: 'book',
      render: (_, p) => (
        <Link to={`/billing/reading-books/${p.bookId}`}>
          {p.bookCode} {p.bookName}
        </Link>
      ),
    },
    { title: t('reading.plan.plannedOn'), dataIndex: 'plannedOn', key: 'plannedOn' },
    { title: t('reading.plan.reader'), dataIndex: 'readerName', key: 'reader', render: (v) => v ?? '—' },
    { title: t('reading.plan.status'), key: 'status', render: (_, p) => <PlanStatusTag status={p.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space size={4}>
          {manage && (
            <Button size="small" onClick={() => setChanging(p)} data-testid={`plan-change-${p.bookCode}`}>
              {t('reading.plan.change')}
            </Button>
          )}
          {upload && (
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: t('reading.plan.sheetXlsx') },
                  { key: 'csv', label: t('reading.plan.sheetCsv') },
                ],
                onClick: ({ key }) => download(p, key as 'csv' | 'xlsx'),
              }}
            >
              <Button size="small" data-testid={`plan-sheet-${p.bookCode}`}>
                {t('reading.plan.sheet')}
              </Button>
            </Dropdown>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('menu.readingPlans')}
      extra={
        manage && (
          <Button type="primary" onClick={() => setGenerating(true)} data-testid="plan-generate">
            {t('reading.plan.generate')}
          </Button>
        )
      }
    >
      {filed && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setFiled(null) }}
          style={{ marginBottom: 16 }}
          data-testid="plan-change-filed"
          title={
            <span>
              {t('reading.plan.filed', { book: filed.plan.bookCode, period: filed.plan.period })}{' '}
              <Link to={`/approvals/${filed.approval.id}`}>{filed.approval.no}</Link>
            </span>
          }
        />
      )}
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        initialValues={{ bookId: params.bookId }}
        onFinish={(v) =>
          setParams((p) => ({
            ...p,
            page: 1,
            period: toPeriod(v.period),
            bookId: v.bookId,
            readerId: v.readerId,
            status: v.status,
          }))
        }
      >
        <Form.Item name="period" label={t('reading.period')}>
          <DatePicker picker="month" data-testid="plan-filter-period" />
        </Form.Item>
        <Form.Item name="bookId" label={t('reading.plan.book')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} options={bookOptions} />
        </Form.Item>
        <Form.Item name="readerId" label={t('reading.plan.reader')}>
          <UserSelect style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status" label={t('reading.plan.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`reading.plan.status.${s}`) }))}
          />
        </Form.Item>
        <FilterActions
          form={form}
          searchTestId="plan-search"
          onReset={() =>
            setParams((p) => ({
              ...p,
              page: 1,
              period: undefined,
              bookId: undefined,
              readerId: undefined,
              status: undefined,
            }))
          }
        />
      </Form>
      <Table<ReadingPlan>
        rowKey="id"
        data-testid="plan-table"
        columns={columns}
        dataSource={plans.data?.items}
        loading={plans.isFetching}
        onChange={(pagination) =>
          setParams((p) => ({ ...p, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 }))
        }
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: plans.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <GenerateModal open={generating} onClose={() => setGenerating(false)} />
      <ChangeModal
        plan={changing}
        onClose={() => setChanging(null)}
        onFiled={(approval, plan) => setFiled({ approval, plan })}
      />
    </PageCard>
  );
}
