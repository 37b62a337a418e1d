import { PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Popconfirm, Space, Steps } from 'antd';
import { useState } from 'react';
import {
  type AccountCaseDetail,
  accountCasesKey,
  FORM_OF,
  submitAccountCase,
  updateAccountCase,
} from '../../../api/accountCases';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { DetailsStep } from './DetailsStep';
import { Elapsed, kindKey, openNotice } from './shared';
import { DocumentsStep, PreconditionsStep, ProblemList, ReadingStep, type Save } from './steps';

export const caseDetailKey = (id: string) => [...accountCasesKey, 'detail', id] as const;

/**
 * The guided flow of an open case (CUS-9/10/11): documents → preconditions (arrears from the ledger) →
 * reading confirmed and signed → details → confirm → print. Each step saves on the case's version.
 */
export function CaseFlow({
  c,
  onRefresh,
  refreshing,
}: {
  c: AccountCaseDetail;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(0);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const save: Save = async (update) => {
    const fresh = queryClient.getQueryData<AccountCaseDetail>(caseDetailKey(c.id)) ?? c;
    const next = await updateAccountCase(c.id, { ...update, version: fresh.version });
    queryClient.setQueryData(caseDetailKey(c.id), next);
    await queryClient.invalidateQueries({ queryKey: [...accountCasesKey, 'list'] });
    message.success(t('cases.saved'));
    return next;
  };
  const next = () => setCurrent((s) => s + 1);

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const done = await submitAccountCase(c.id, c.version);
      message.success(t(done.status === 'completed' ? 'cases.completedMsg' : 'cases.submittedMsg'));
      await queryClient.invalidateQueries({ queryKey: accountCasesKey });
      setCurrent(5);
    } catch (err) {
      setSubmitError(err);
      onRefresh();
    } finally {
      setSubmitting(false);
    }
  };

  const form = t(`cases.form.${c.kind}` as MessageKey);
  const steps: { key: string; title: MessageKey; body: React.ReactNode }[] = [
    { key: 'documents', title: 'cases.step.documents', body: <DocumentsStep c={c} save={save} onDone={next} /> },
    {
      key: 'preconditions',
      title: 'cases.step.preconditions',
      body: <PreconditionsStep c={c} onRefresh={onRefresh} onNext={next} refreshing={refreshing} />,
    },
    { key: 'reading', title: 'cases.step.reading', body: <ReadingStep c={c} save={save} onDone={next} /> },
    { key: 'details', title: 'cases.step.details', body: <DetailsStep c={c} save={save} onDone={next} /> },
    {
      key: 'confirm',
      title: 'cases.step.confirm',
      body: (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-confirm">
          <FormErrorAlert error={submitError} />
          <Descriptions
            bordered
            size="small"
            column={1}
            title={t('cases.confirm.title')}
            items={[
              { key: 'kind', label: t('cases.kindLabel'), children: t(kindKey(c.kind)) },
              { key: 'account', label: t('cases.accountNo'), children: `${c.account.accountNo} ${c.customer.name}` },
              { key: 'address', label: t('cases.address'), children: c.account.address },
              {
                key: 'reading',
                label: t(c.readingKind === 'icCumulative' ? 'cases.reading.icCumulative' : 'cases.reading.register'),
                children: c.reading ? `${c.reading.value}（${c.reading.readOn}，${c.reading.signedBy ?? ''}）` : '—',
              },
              { key: 'elapsed', label: t('cases.elapsed'), children: <Elapsed c={c} /> },
            ]}
          />
          <ProblemList c={c} />
          <Popconfirm title={t(c.kind === 'natureChange' ? 'cases.submitApproval' : 'cases.submit')} onConfirm={submit}>
            <Button type="primary" loading={submitting} data-testid="case-submit">
              {t(c.kind === 'natureChange' ? 'cases.submitApproval' : 'cases.submit')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
    {
      key: 'print',
      title: 'cases.step.print',
      body: (
        <Button icon={<PrinterOutlined />} onClick={() => openNotice(FORM_OF[c.kind], c.id)} data-testid="case-print">
          {t('cases.print', { form })}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="case-flow">
      <Steps
        current={current}
        onChange={setCurrent}
        items={steps.map((s) => ({ key: s.key, title: t(s.title) }))}
        style={{ marginBottom: 24 }}
      />
      {steps[current]?.body}
    </div>
  );
}
