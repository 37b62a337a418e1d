import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Tabs } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import {
  type AccountOverview,
  accountKey,
  type ChangeRequestBody,
  type DirectEditBody,
  editAccount,
  requestChange,
  type VersionConflictDetails,
} from '../../../api/customers';
import { FormModal } from '../../../components/FormModal';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { label } from '../labels';
import { DirectFields } from './DirectFields';
import { InvoiceFields } from './InvoiceFields';
import {
  applyNestedFieldErrors,
  conflictOf,
  type DirectForm,
  directBody,
  type InvoiceForm,
  invoiceBody,
  type ProtectedForm,
  protectedBody,
} from './model';
import { ProtectedFields } from './ProtectedFields';

type Tab = 'direct' | 'protected' | 'invoice';

/** The fields a direct edit of each record touches, with their labels and (for codes) their value labels. */
const CONFLICT_FIELDS: Record<string, { key: MessageKey; values?: string }> = {
  specialCare: { key: 'customers.specialCare', values: 'specialCare' },
  note: { key: 'customers.note' },
  paymentMethod: { key: 'customers.paymentMethod', values: 'payment' },
  smsMobile: { key: 'customers.smsMobile' },
  smsCarrier: { key: 'customers.smsCarrier', values: 'carrier' },
  invoiceKind: { key: 'customers.view.invoiceKind', values: 'invoiceKind' },
  title: { key: 'customers.view.invoiceTitle' },
  taxNo: { key: 'customers.taxNo' },
  address: { key: 'customers.view.invoiceAddress' },
  phone: { key: 'customers.view.invoicePhone' },
  bankName: { key: 'customers.bankName' },
  bankAccountNo: { key: 'customers.bankAccountNo' },
  email: { key: 'customers.view.email' },
};

/** "Someone else saved first": what they saved, and a way to carry on from it without losing one's own edit. */
function ConflictAlert({ conflict, onReload }: { conflict: VersionConflictDetails; onReload: () => void }) {
  const { t } = useT();
  const editable =
    conflict.entity === 'invoiceDetails'
      ? undefined
      : new Set(['specialCare', 'note', 'paymentMethod', 'smsMobile', 'smsCarrier']);
  const values = Object.entries(conflict.current.values ?? {}).filter(
    ([k]) => k in CONFLICT_FIELDS && (!editable || editable.has(k)),
  );
  const shown = (k: string, v: unknown): string => {
    const group = CONFLICT_FIELDS[k]?.values;
    const one = (x: unknown) => (group ? t(label(group, String(x))) : String(x));
    if (Array.isArray(v)) return v.map(one).join('、') || '—';
    return v === null || v === '' || v === undefined ? '—' : one(v);
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="edit-conflict"
      style={{ marginBottom: 16 }}
      title={t('customers.edit.conflictTitle')}
      description={
        <>
          <p>{t('customers.edit.conflictHint')}</p>
          <Descriptions
            size="small"
            column={1}
            items={values.map(([k, v]) => ({ key: k, label: t(CONFLICT_FIELDS[k]!.key), children: shown(k, v) }))}
          />
          <Button type="primary" size="small" onClick={onReload} data-testid="edit-reload" style={{ marginTop: 8 }}>
            {t('customers.edit.reload')}
          </Button>
        </>
      }
    />
  );
}

/**
 * 修改资料 (IAM-4): unprotected data and invoice details are saved at once under the record's version;
 * protected data is filed as a change request that applies when approved.
 */
export function EditAccountModal({
  overview,
  open,
  onClose,
}: {
  overview: AccountOverview;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('direct');
  const [directForm] = Form.useForm<DirectForm>();
  const [protectedForm] = Form.useForm<ProtectedForm>();
  const [invoiceForm] = Form.useForm<InvoiceForm>();
  const id = overview.account.id;
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKey(id) });

  const edit = useMutation({
    mutationFn: (body: DirectEditBody) => editAccount(id, body),
    meta: { handlesErrors: true },
    onError: (err) => applyNestedFieldErrors(tab === 'invoice' ? invoiceForm : directForm, err),
    onSuccess: () => {
      message.success(t('customers.edit.saved'));
      refresh();
      close();
    },
  });
  const file = useMutation({
    mutationFn: (body: ChangeRequestBody) => requestChange(id, body),
    meta: { handlesErrors: true },
    onError: (err) => applyNestedFieldErrors(protectedForm, err),
    onSuccess: (created) => {
      message.success(t('customers.edit.filed', { no: created.no }));
      refresh();
      close();
    },
  });

  function close() {
    edit.reset();
    file.reset();
    onClose();
  }

  const submitEdit = (body: DirectEditBody | null) => {
    if (!body) {
      message.info(t('customers.edit.noChange'));
      return;
    }
    edit.mutate(body);
  };

  const conflict = conflictOf(edit.error);
  const hasFieldErrors = (err: unknown) => err instanceof ApiError && (err.details?.fields?.length ?? 0) > 0;
  const current = tab === 'protected' ? file : edit;
  const shownError = conflict || hasFieldErrors(current.error) ? null : current.error;
  const forms = { direct: directForm, protected: protectedForm, invoice: invoiceForm };

  return (
    <FormModal
      open={open}
      title={t('customers.edit.title', { accountNo: overview.account.accountNo })}
      onCancel={close}
      form={forms[tab]}
      pending={edit.isPending || file.isPending}
      error={shownError}
      submitTestId="edit-submit"
      submitLabel={tab === 'protected' ? t('customers.edit.submitRequest') : t('common.save')}
      width={760}
    >
      {conflict && tab !== 'protected' && (
        <ConflictAlert
          conflict={conflict}
          onReload={() => {
            edit.reset();
            refresh();
          }}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as Tab);
          edit.reset();
          file.reset();
        }}
        data-testid="edit-tabs"
        items={[
          {
            key: 'direct',
            label: t('customers.edit.tabDirect'),
            children: (
              <DirectFields
                form={directForm}
                overview={overview}
                onFinish={(values) => submitEdit(directBody(values, overview))}
              />
            ),
          },
          {
            key: 'protected',
            label: t('customers.edit.tabProtected'),
            children: (
              <ProtectedFields
                form={protectedForm}
                overview={overview}
                onFinish={(values) => {
                  const body = protectedBody(values, overview);
                  if (!body) message.info(t('customers.edit.noChange'));
                  else file.mutate(body);
                }}
              />
            ),
          },
          {
            key: 'invoice',
            label: t('customers.edit.tabInvoice'),
            children: (
              <InvoiceFields
                form={invoiceForm}
                overview={overview}
                onFinish={(values) => submitEdit(invoiceBody(values, overview))}
              />
            ),
          },
        ]}
      />
    </FormModal>
  );
}
