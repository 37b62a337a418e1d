import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AccountCaseDetail, CaseUpdate } from '../../../api/accountCases';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { fromDateString, toDateString } from '../../../lib/time';
import { businessToday, formatYuan } from '../../approvals/format';
import { applyCaseFieldErrors } from './shared';

export type Save = (update: Omit<CaseUpdate, 'version'>) => Promise<unknown>;

/** Step 1: the documents of the kind and customer kind; required ones hold the case up until received. */
export function DocumentsStep({ c, save, onDone }: { c: AccountCaseDetail; save: Save; onDone: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ docs: Record<string, boolean> }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const initial = Object.fromEntries(c.documents.map((d) => [d.code, d.received]));

  const onFinish = async ({ docs }: { docs: Record<string, boolean> }) => {
    setBusy(true);
    setError(null);
    try {
      await save({ documents: c.documents.map((d) => ({ code: d.code, received: docs?.[d.code] ?? false })) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} initialValues={{ docs: initial }} onFinish={onFinish} data-testid="case-documents">
      <FormErrorAlert error={error} />
      {c.documents.map((d) => (
        <Form.Item key={d.code} name={['docs', d.code]} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid={`doc-${d.code}`}>
            <Tag color={d.required ? 'red' : 'default'}>
              {t(d.required ? 'cases.doc.required' : 'cases.doc.optional')}
            </Tag>
            {d.label}
          </Checkbox>
        </Form.Item>
      ))}
      <Space>
        <Button
          onClick={() => form.setFieldsValue({ docs: Object.fromEntries(c.documents.map((d) => [d.code, true])) })}
          data-testid="doc-all"
        >
          {t('cases.doc.all')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="documents-save">
          {t('cases.saveNext')}
        </Button>
      </Space>
    </Form>
  );
}

/** Step 2: account status and arrears from the ledger, and whatever else still stands in the way. */
export function PreconditionsStep({
  c,
  onRefresh,
  onNext,
  refreshing,
}: {
  c: AccountCaseDetail;
  onRefresh: () => void;
  onNext: () => void;
  refreshing: boolean;
}) {
  const { t } = useT();
  const owes = Number(c.balance.arrears) > 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-preconditions">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          {
            key: 'status',
            label: t('cases.accountStatusLabel'),
            children: t(`cases.accountStatus.${c.account.status}` as MessageKey),
          },
          {
            key: 'arrears',
            label: t('cases.pre.arrears'),
            children: owes ? (
              <Typography.Text type="danger" strong data-testid="case-arrears">
                {formatYuan(c.balance.arrears)}
              </Typography.Text>
            ) : (
              <span data-testid="case-arrears">{t('cases.pre.noArrears')}</span>
            ),
          },
          { key: 'balance', label: t('cases.pre.balance'), children: formatYuan(c.balance.balance) },
        ]}
      />
      {owes && (
        <>
          <Alert type="warning" showIcon title={t('cases.pre.arrearsHint')} />
          <Table
            size="small"
            rowKey={(r) => `${r.period}-${r.dueOn}`}
            pagination={false}
            dataSource={c.balance.arrearsByPeriod}
            columns={[
              { key: 'period', dataIndex: 'period', title: t('cases.pre.period') },
              { key: 'dueOn', dataIndex: 'dueOn', title: t('cases.pre.dueOn') },
              {
                key: 'amount',
                dataIndex: 'amount',
                title: t('cases.pre.amount'),
                render: (v: string) => formatYuan(v),
              },
            ]}
          />
        </>
      )}
      <ProblemList c={c} />
      <Space>
        <Button onClick={onRefresh} loading={refreshing}>
          {t('cases.refresh')}
        </Button>
        <Button type="primary" onClick={onNext} data-testid="preconditions-next">
          {t('cases.next')}
        </Button>
      </Space>
    </Space>
  );
}

export function ProblemList({ c }: { c: AccountCaseDetail }) {
  const { t } = useT();
  if (!c.problems.length) {
    return <Alert type="success" showIcon title={t('cases.pre.allMet')} data-testid="case-ready" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('cases.pre.problems')}
      data-testid="case-problems"
      description={<List size="small" dataSource={c.problems} renderItem={(p) => <List.Item>{p.message}</List.Item>} />}
    />
  );
}

interface ReadingForm {
  reading: { value: string; readOn: Dayjs; confirmed: boolean; signedBy?: string };
}

/** Step 3: the reading the customer is told and signs for (an IC-card meter: the cumulative purchase). */
export function ReadingStep({ c, save, onDone }: { c: AccountCaseDetail; save: Save; onDone: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<ReadingForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!c.meter) {
    return (
      <Space orientation="vertical">
        <Alert type="info" showIcon title={t('cases.reading.noMeter')} />
        <Button type="primary" onClick={onDone}>
          {t('cases.next')}
        </Button>
      </Space>
    );
  }
  const onFinish = async ({ reading }: ReadingForm) => {
    setBusy(true);
    setError(null);
    try {
      await save({
        reading: {
          value: reading.value.trim(),
          readOn: toDateString(reading.readOn)!,
          confirmed: reading.confirmed ?? false,
          signedBy: reading.signedBy?.trim() || null,
        },
      });
      onDone();
    } catch (err) {
      setError(err);
      applyCaseFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };
  const label = t(c.readingKind === 'icCumulative' ? 'cases.reading.icCumulative' : 'cases.reading.register');
  return (
    <Form<ReadingForm>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      initialValues={{
        reading: {
          value: c.reading?.value,
          readOn: fromDateString(c.reading?.readOn) ?? businessToday(),
          confirmed: c.reading?.confirmed ?? false,
          signedBy: c.reading?.signedBy ?? undefined,
        },
      }}
      onFinish={onFinish}
      data-testid="case-reading"
    >
      <FormErrorAlert error={error} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.reading.hint')} />
      {c.kind === 'natureChange' && (
        <Typography.Paragraph type="secondary">{t('cases.reading.optional')}</Typography.Paragraph>
      )}
      <Form.Item label={t('cases.reading.meter')}>
        <Typography.Text>{c.meter.serial}</Typography.Text>
      </Form.Item>
      <Form.Item
        name={['reading', 'value']}
        label={label}
        rules={[
          { required: true, whitespace: true, message: t('validation.required', { field: label }) },
          { pattern: /^\s*\d{1,9}(\.\d{1,3})?\s*$/, message: t('cases.reading.invalid') },
        ]}
      >
        <Input inputMode="decimal" data-testid="reading-value" />
      </Form.Item>
      <Form.Item
        name={['reading', 'readOn']}
        label={t('cases.reading.readOn')}
        rules={[{ required: true, message: t('validation.select', { field: t('cases.reading.readOn') }) }]}
      >
        <DatePicker disabledDate={(d) => d.isAfter(businessToday(), 'day')} data-testid="reading-readOn" />
      </Form.Item>
      <Form.Item name={['reading', 'confirmed']} valuePropName="checked">
        <Checkbox data-testid="reading-confirmed">{t('cases.reading.confirmed')}</Checkbox>
      </Form.Item>
      <Form.Item
        name={['reading', 'signedBy']}
        label={t('cases.reading.signedBy')}
        dependencies={[['reading', 'confirmed']]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              getFieldValue(['reading', 'confirmed']) && !value?.trim()
                ? Promise.reject(new Error(t('cases.reading.signerRequired')))
                : Promise.resolve(),
          }),
          { max: 32 },
        ]}
      >
        <Input data-testid="reading-signedBy" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="reading-save">
          {t('cases.saveNext')}
        </Button>
        {c.kind === 'natureChange' && (
          <Button onClick={onDone} data-testid="reading-skip">
            {t('cases.next')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
