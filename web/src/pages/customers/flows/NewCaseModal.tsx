import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  type AccountPreview,
  accountCasesKey,
  type CaseKind,
  createAccountCase,
  previewAccountCase,
  searchAccountsForCase,
} from '../../../api/accountCases';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { formatYuan } from '../../approvals/format';
import { applyCaseFieldErrors, kindKey } from './shared';

/** What the hall sees of an account before starting: unfinished case, arrears, or why nothing is possible. */
export function PreviewNotes({ p }: { p: AccountPreview }) {
  const { t } = useT();
  if (p.openCase) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          <Link to={`/customers/cases/${p.openCase.id}`} data-testid="preview-open-case">
            {t('cases.previewOpen', { caseNo: p.openCase.caseNo })}
          </Link>
        }
      />
    );
  }
  return (
    <>
      {Number(p.arrears) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cases.previewArrears', { amount: formatYuan(p.arrears) })}
          data-testid="preview-arrears"
        />
      )}
      {!p.allowedKinds.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cases.noFlows', { status: t(`cases.accountStatus.${p.status}` as MessageKey) })}
        />
      )}
    </>
  );
}

/** 受理业务: find the account with the one box, pick the flow, and the case opens (its clock starts). */
export function NewCaseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ accountId: string; kind: CaseKind }>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const accountId = Form.useWatch('accountId', form);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: ['accounts', 'search', q],
    queryFn: () => searchAccountsForCase(q),
    enabled: q.length >= 2,
  });
  const preview = useQuery({
    queryKey: [...accountCasesKey, 'preview', accountId],
    queryFn: () => previewAccountCase(accountId),
    enabled: Boolean(accountId),
  });

  const onFinish = async (v: { accountId: string; kind: CaseKind }) => {
    setBusy(true);
    setError(null);
    try {
      const created = await createAccountCase({ kind: v.kind, accountId: v.accountId });
      await queryClient.invalidateQueries({ queryKey: accountCasesKey });
      onClose();
      navigate(`/customers/cases/${created.id}`);
    } catch (err) {
      setError(err);
      applyCaseFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };

  const kinds = preview.data && !preview.data.openCase ? preview.data.allowedKinds : [];
  return (
    <FormModal
      open={open}
      title={t('cases.newTitle')}
      onCancel={onClose}
      form={form}
      pending={busy}
      error={error}
      submitTestId="new-case-submit"
      submitLabel={t('cases.start')}
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="accountId" label={t('cases.account')} rules={[rules.requiredSelect(t, 'cases.account')]}>
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('cases.accountPlaceholder')}
            loading={hits.isFetching}
            notFoundContent={null}
            options={(hits.data?.items ?? []).map((h) => ({
              value: h.accountId,
              label: t('cases.accountOption', {
                accountNo: h.accountNo,
                name: h.customerName,
                address: h.address,
                status: t(`cases.accountStatus.${h.status}` as MessageKey),
              }),
            }))}
            onChange={() => form.setFieldValue('kind', undefined)}
            data-testid="new-case-account"
          />
        </Form.Item>
        {preview.data && <PreviewNotes p={preview.data} />}
        <Form.Item name="kind" label={t('cases.kindLabel')} rules={[rules.requiredSelect(t, 'cases.kindLabel')]}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: t(kindKey(k)) }))}
            data-testid="new-case-kind"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
