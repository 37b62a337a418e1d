import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  type AccountCaseDetail,
  accountCasesKey,
  cancelAccountCase,
  FORM_OF,
  getAccountCase,
  listCaseUsageNatures,
  recordMeterRemoval,
} from '../../../api/accountCases';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime, toDateString } from '../../../lib/time';
import { rules } from '../../../lib/validation';
import { businessToday } from '../../approvals/format';
import { CaseFlow, caseDetailKey } from './CaseFlow';
import { applyCaseFieldErrors, CaseStatusTag, Elapsed, kindKey, OverdueTag, openNotice } from './shared';

/** 业务单: the guided flow while the case is open; afterwards what it did, its history and its form. */
export function CaseDetailPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const can = useCan();
  const { id = '' } = useParams<{ id: string }>();
  const detail = useQuery({ queryKey: caseDetailKey(id), queryFn: () => getAccountCase(id) });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('cases.back')}
    </Button>
  );
  if (detail.isPending || detail.isError || !detail.data) {
    return (
      <DetailPlaceholder query={detail} notFound={t('cases.notFound')} failed={t('cases.loadFailed')} back={back} />
    );
  }
  const c = detail.data;
  const mayAct = can('customer.case');
  const form = t(`cases.form.${c.kind}` as MessageKey);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-detail">
      <Card
        variant="borderless"
        title={
          <Space wrap>
            {t(kindKey(c.kind))}
            <Typography.Text copyable data-testid="case-no">
              {c.caseNo}
            </Typography.Text>
            <CaseStatusTag status={c.status} />
            <OverdueTag overdue={c.overdue} />
          </Space>
        }
        extra={
          <Space>
            {mayAct && c.canCancel && <CancelButton c={c} />}
            {mayAct && (
              <Button
                icon={<PrinterOutlined />}
                onClick={() => openNotice(FORM_OF[c.kind], c.id)}
                data-testid="case-print-top"
              >
                {t('cases.print', { form })}
              </Button>
            )}
            {back}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'accountNo', label: t('cases.accountNo'), children: c.account.accountNo },
            {
              key: 'customer',
              label: t(c.kind === 'transfer' ? 'cases.oldCustomerName' : 'cases.customerName'),
              children: `${c.customer.name}（${t(`cases.customerKind.${c.customer.kind}` as MessageKey)}）`,
            },
            { key: 'address', label: t('cases.address'), children: c.account.address },
            { key: 'nature', label: t('cases.usageNature'), children: c.account.usageNatureName },
            {
              key: 'status',
              label: t('cases.accountStatusLabel'),
              children: t(`cases.accountStatus.${c.account.status}` as MessageKey),
            },
            { key: 'elapsed', label: t('cases.elapsed'), children: <Elapsed c={c} /> },
            {
              key: 'createdBy',
              label: t('cases.createdBy'),
              children: `${c.createdBy?.fullName ?? ''} ${formatDateTime(c.createdAt)}`,
            },
          ]}
        />
      </Card>
      {c.status === 'open' && mayAct ? (
        <Card variant="borderless">
          <CaseFlow c={c} onRefresh={() => detail.refetch()} refreshing={detail.isFetching} />
        </Card>
      ) : (
        <CaseSummary c={c} mayAct={mayAct} />
      )}
      <Card variant="borderless" title={t('cases.events')}>
        <Timeline
          items={c.events.map((e) => ({
            key: e.id,
            content: (
              <div>
                <div>
                  {t(`cases.event.${e.action}` as MessageKey)} · {e.actor?.fullName ?? '—'}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function CaseSummary({ c, mayAct }: { c: AccountCaseDetail; mayAct: boolean }) {
  const { t } = useT();
  const d = c.details;
  const natures = useQuery({
    queryKey: [...accountCasesKey, 'natures'],
    queryFn: listCaseUsageNatures,
    enabled: c.kind === 'natureChange',
  });
  const natureName = (code: string) => natures.data?.items.find((n) => n.code === code)?.name ?? code;
  const yes = (v: boolean | undefined) => t(v ? 'cases.yes' : 'cases.no');
  const items: DescriptionsProps['items'] = [
    c.reading && {
      key: 'reading',
      label: t(c.readingKind === 'icCumulative' ? 'cases.reading.icCumulative' : 'cases.reading.register'),
      children: `${c.reading.value}（${c.reading.readOn}${c.reading.signedBy ? `，${c.reading.signedBy}` : ''}）`,
    },
    c.newCustomer && { key: 'newCustomer', label: t('cases.newCustomerName'), children: c.newCustomer.name },
    c.oldContractNo && { key: 'oldContract', label: t('cases.oldContract'), children: c.oldContractNo },
    c.newContractNo && { key: 'newContract', label: t('cases.newContract'), children: c.newContractNo },
    d.reason && { key: 'reason', label: t('cases.reason'), children: d.reason },
    c.kind === 'closure' && { key: 'temporary', label: t('cases.temporary'), children: yes(d.temporary) },
    c.kind === 'suspension' && {
      key: 'sealed',
      label: t('cases.sealed'),
      children: `${yes(d.sealed)} ${d.sealNo ?? ''}`,
    },
    d.fromNature && { key: 'fromNature', label: t('cases.fromNature'), children: natureName(d.fromNature) },
    d.newNature && { key: 'newNature', label: t('cases.newNature'), children: natureName(d.newNature) },
    d.siteCheck && {
      key: 'siteCheck',
      label: t('cases.siteCheck'),
      children: `${d.siteCheck.checkedOn} ${d.siteCheck.inspector}：${d.siteCheck.opinion}`,
    },
    c.dueOn && {
      key: 'dueOn',
      label: t(c.kind === 'closure' ? 'cases.removal.due' : 'cases.siteCheckDue'),
      children: c.dueOn,
    },
    c.meterRemovedOn && { key: 'removed', label: t('cases.removal.removedOn'), children: c.meterRemovedOn },
    c.restoreBy && { key: 'restoreBy', label: t('cases.restoreBy'), children: c.restoreBy },
    c.restoredOn && { key: 'restoredOn', label: t('cases.restoredOn'), children: c.restoredOn },
    c.approval && {
      key: 'approval',
      label: t('cases.approval'),
      children: <Link to={`/approvals/${c.approval.id}`}>{c.approval.no}</Link>,
    },
    c.cancelReason && { key: 'cancel', label: t('cases.cancelReason'), children: c.cancelReason },
    c.completedAt && {
      key: 'completed',
      label: t('cases.completedAt'),
      children: `${formatDateTime(c.completedAt)} ${c.completedBy?.fullName ?? ''}`,
    },
  ].filter((x) => typeof x === 'object' && x !== null);
  const removable =
    mayAct && c.kind === 'closure' && c.status === 'completed' && !c.meterRemovedOn && !c.restoredOn && c.meter;
  return (
    <Card
      variant="borderless"
      title={t('cases.summary')}
      extra={removable ? <MeterRemovalButton c={c} /> : null}
      data-testid="case-summary"
    >
      <Descriptions bordered size="small" column={1} items={items} />
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={c.documents}
        columns={[
          { key: 'label', dataIndex: 'label', title: t('cases.step.documents') },
          {
            key: 'received',
            dataIndex: 'received',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function CancelButton({ c }: { c: AccountCaseDetail }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const onFinish = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await cancelAccountCase(c.id, c.version, reason.trim());
      message.success(t('cases.cancelledMsg'));
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: accountCasesKey });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="case-cancel">
        {t('cases.cancel')}
      </Button>
      <FormModal
        open={open}
        title={t('cases.cancel')}
        onCancel={() => setOpen(false)}
        form={form}
        pending={busy}
        error={error}
        submitTestId="case-cancel-submit"
        submitLabel={t('cases.cancel')}
      >
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="reason"
            label={t('cases.cancelReason')}
            rules={[rules.required(t, 'cases.cancelReason'), { max: 500 }]}
          >
            <Input.TextArea rows={2} data-testid="case-cancel-reason" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

/** CUS-10: the meter of a closure comes off (by its due date); a temporary removal gets its restore date. */
function MeterRemovalButton({ c }: { c: AccountCaseDetail }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ removedOn: Dayjs; reading: string }>();
  const onFinish = async (v: { removedOn: Dayjs; reading: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await recordMeterRemoval(c.id, {
        version: c.version,
        removedOn: toDateString(v.removedOn)!,
        reading: v.reading.trim(),
      });
      queryClient.setQueryData(caseDetailKey(c.id), next);
      await queryClient.invalidateQueries({ queryKey: [...accountCasesKey, 'list'] });
      message.success(t('cases.saved'));
      setOpen(false);
    } catch (err) {
      setError(err);
      applyCaseFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="case-removal">
        {t('cases.removal.record')}
      </Button>
      <FormModal
        open={open}
        title={t('cases.removal.record')}
        onCancel={() => setOpen(false)}
        form={form}
        pending={busy}
        error={error}
        submitTestId="case-removal-submit"
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ removedOn: businessToday(), reading: c.reading?.value }}
        >
          <Form.Item
            name="removedOn"
            label={t('cases.removal.removedOn')}
            rules={[rules.requiredSelect(t, 'cases.removal.removedOn')]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(businessToday(), 'day')} />
          </Form.Item>
          <Form.Item
            name="reading"
            label={t('cases.removal.reading')}
            rules={[
              rules.required(t, 'cases.removal.reading'),
              { pattern: /^\s*\d{1,9}(\.\d{1,3})?\s*$/, message: t('cases.reading.invalid') },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
