import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Switch, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  type AccountCaseDetail,
  accountCasesKey,
  type CaseDetails,
  type CustomerKind,
  getAccountCustomerId,
  listCaseUsageNatures,
  searchAccountsForCase,
} from '../../../api/accountCases';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { fromDateString, toDateString } from '../../../lib/time';
import { blankToUndefined, rules } from '../../../lib/validation';
import { businessToday } from '../../approvals/format';
import { applyCaseFieldErrors } from './shared';
import type { Save } from './steps';

const ID_TYPES = ['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermit', 'other'] as const;
const KINDS: CustomerKind[] = ['residential', 'commercial', 'institutional'];

interface DetailsForm {
  details: Omit<CaseDetails, 'siteCheck' | 'newOwner'> & {
    newOwner?: {
      mode: 'new' | 'existing';
      customerId?: string;
      customer?: {
        kind: CustomerKind;
        name?: string;
        idType?: string;
        idNo?: string;
        taxNo?: string;
        mobile?: string;
        phone?: string;
      };
    };
    siteCheck?: { checkedOn?: Dayjs; inspector?: string; opinion?: string };
  };
}

/** The form's values as the API wants them: empty text left out, the site check only when dated. */
function toDetails(c: AccountCaseDetail, v: DetailsForm['details']): CaseDetails {
  const text = (s: string | undefined) => blankToUndefined(s);
  switch (c.kind) {
    case 'transfer': {
      const o = v.newOwner;
      const customer = o?.customer;
      return {
        newOwner:
          o?.mode === 'existing'
            ? o.customerId
              ? { mode: 'existing', customerId: o.customerId }
              : undefined
            : customer
              ? {
                  mode: 'new',
                  customer: {
                    kind: customer.kind,
                    name: customer.name?.trim() ?? '',
                    idType: text(customer.idType) ?? null,
                    idNo: text(customer.idNo) ?? null,
                    taxNo: text(customer.taxNo) ?? null,
                    mobile: text(customer.mobile) ?? null,
                    phone: text(customer.phone) ?? null,
                  },
                }
              : undefined,
        propertyCertNo: text(v.propertyCertNo),
        agentName: text(v.agentName),
        agentPhone: text(v.agentPhone),
        note: text(v.note),
      };
    }
    case 'suspension':
      return { reason: text(v.reason), sealed: v.sealed ?? false, sealNo: v.sealed ? text(v.sealNo) : undefined };
    case 'reactivation':
      return { reason: text(v.reason) };
    case 'closure':
      return { reason: text(v.reason), temporary: v.temporary ?? false };
    case 'natureChange': {
      const s = v.siteCheck;
      return {
        newNature: v.newNature,
        reason: text(v.reason),
        siteCheck:
          s?.checkedOn && s.inspector?.trim() && s.opinion?.trim()
            ? { checkedOn: toDateString(s.checkedOn)!, inspector: s.inspector.trim(), opinion: s.opinion.trim() }
            : undefined,
      };
    }
  }
}

function initialOf(c: AccountCaseDetail): DetailsForm['details'] {
  const d = c.details;
  const owner = d.newOwner;
  return {
    ...d,
    newOwner:
      owner?.mode === 'existing'
        ? { mode: 'existing', customerId: owner.customerId }
        : {
            mode: 'new',
            customer:
              owner?.mode === 'new'
                ? {
                    kind: owner.customer.kind,
                    name: owner.customer.name,
                    idType: owner.customer.idType ?? undefined,
                    idNo: owner.customer.idNo ?? undefined,
                    taxNo: owner.customer.taxNo ?? undefined,
                    mobile: owner.customer.mobile ?? undefined,
                    phone: owner.customer.phone ?? undefined,
                  }
                : { kind: c.customer.kind, idType: c.customer.kind === 'residential' ? 'residentId' : undefined },
          },
    siteCheck: d.siteCheck
      ? { ...d.siteCheck, checkedOn: fromDateString(d.siteCheck.checkedOn) }
      : { checkedOn: undefined, inspector: undefined, opinion: undefined },
  };
}

/** Step 4: what the kind needs — the new owner, the reason, the new nature and its site check. */
export function DetailsStep({ c, save, onDone }: { c: AccountCaseDetail; save: Save; onDone: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<DetailsForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async ({ details }: DetailsForm) => {
    setBusy(true);
    setError(null);
    try {
      await save({ details: toDetails(c, details) });
      onDone();
    } catch (err) {
      setError(err);
      applyCaseFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<DetailsForm>
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{ details: initialOf(c) }}
      onFinish={onFinish}
      data-testid="case-details"
    >
      <FormErrorAlert error={error} />
      {c.kind === 'transfer' && <TransferFields c={c} />}
      {(c.kind === 'suspension' || c.kind === 'closure' || c.kind === 'reactivation') && (
        <Form.Item
          name={['details', 'reason']}
          label={t('cases.reason')}
          rules={c.kind === 'reactivation' ? [{ max: 500 }] : [rules.required(t, 'cases.reason'), { max: 500 }]}
        >
          <Input.TextArea rows={2} data-testid="details-reason" />
        </Form.Item>
      )}
      {c.kind === 'suspension' && <SealFields />}
      {c.kind === 'closure' && (
        <Form.Item name={['details', 'temporary']} valuePropName="checked" label={t('cases.temporary')}>
          <Switch data-testid="details-temporary" />
        </Form.Item>
      )}
      {c.kind === 'natureChange' && <NatureFields c={c} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="details-save">
        {t('cases.saveNext')}
      </Button>
    </Form>
  );
}

function SealFields() {
  const { t } = useT();
  const sealed = Form.useWatch(['details', 'sealed']);
  return (
    <>
      <Form.Item name={['details', 'sealed']} valuePropName="checked" label={t('cases.sealed')}>
        <Switch data-testid="details-sealed" />
      </Form.Item>
      {sealed && (
        <Form.Item name={['details', 'sealNo']} label={t('cases.sealNo')} rules={[{ max: 32 }]}>
          <Input data-testid="details-sealNo" />
        </Form.Item>
      )}
    </>
  );
}

function TransferFields({ c }: { c: AccountCaseDetail }) {
  const { t } = useT();
  const form = Form.useFormInstance<DetailsForm>();
  const mode = Form.useWatch(['details', 'newOwner', 'mode']) as 'new' | 'existing' | undefined;
  const kind = Form.useWatch(['details', 'newOwner', 'customer', 'kind']) as CustomerKind | undefined;
  const base = ['details', 'newOwner', 'customer'];
  return (
    <>
      <Form.Item name={['details', 'newOwner', 'mode']} label={t('cases.owner.mode')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'new', label: t('cases.owner.new') },
            { value: 'existing', label: t('cases.owner.existing') },
          ]}
          data-testid="owner-mode"
        />
      </Form.Item>
      {mode === 'existing' ? (
        <Form.Item
          name={['details', 'newOwner', 'customerId']}
          label={t('cases.owner.search')}
          rules={[rules.requiredSelect(t, 'cases.owner.existing')]}
        >
          <ExistingCustomerSelect onPicked={(id) => form.setFieldValue(['details', 'newOwner', 'customerId'], id)} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name={[...base, 'kind']} label={t('cases.owner.kind')}>
            <Radio.Group
              options={KINDS.map((k) => ({ value: k, label: t(`cases.customerKind.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item
            name={[...base, 'name']}
            label={t('cases.owner.name')}
            rules={[
              rules.required(t, 'cases.owner.name'),
              { pattern: /^\S+$/, message: t('cases.owner.noSpaces') },
              { max: 64 },
            ]}
          >
            <Input data-testid="owner-name" />
          </Form.Item>
          {kind === 'residential' ? (
            <>
              <Form.Item name={[...base, 'idType']} label={t('cases.owner.idType')}>
                <Select
                  options={ID_TYPES.map((v) => ({ value: v, label: t(`cases.idType.${v}` as MessageKey) }))}
                  data-testid="owner-idType"
                />
              </Form.Item>
              <Form.Item
                name={[...base, 'idNo']}
                label={t('cases.owner.idNo')}
                dependencies={[[...base, 'idType']]}
                rules={[
                  rules.required(t, 'cases.owner.idNo'),
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) =>
                      getFieldValue([...base, 'idType']) === 'residentId' && v && !/^\d{17}[\dXx]$/.test(v.trim())
                        ? Promise.reject(new Error(t('cases.owner.idNoInvalid')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input data-testid="owner-idNo" />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name={[...base, 'taxNo']}
              label={t('cases.owner.taxNo')}
              rules={[
                rules.required(t, 'cases.owner.taxNo'),
                { pattern: /^\s*[0-9A-Z]{15,20}\s*$/, message: t('cases.owner.taxNoInvalid') },
              ]}
            >
              <Input data-testid="owner-taxNo" />
            </Form.Item>
          )}
          <Form.Item name={[...base, 'mobile']} label={t('cases.owner.mobile')} rules={[rules.phone(t)]}>
            <Input data-testid="owner-mobile" />
          </Form.Item>
          <Form.Item name={[...base, 'phone']} label={t('cases.owner.phone')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
        </>
      )}
      {c.customer.kind === 'residential' && (
        <Form.Item name={['details', 'propertyCertNo']} label={t('cases.propertyCertNo')} rules={[{ max: 64 }]}>
          <Input data-testid="details-propertyCertNo" />
        </Form.Item>
      )}
      <Form.Item name={['details', 'agentName']} label={t('cases.agentName')} rules={[{ max: 32 }]}>
        <Input data-testid="details-agentName" />
      </Form.Item>
      <Form.Item name={['details', 'agentPhone']} label={t('cases.agentPhone')} rules={[{ max: 32 }]}>
        <Input data-testid="details-agentPhone" />
      </Form.Item>
      <Form.Item name={['details', 'note']} label={t('cases.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** Finds an existing customer through one of their accounts (the one-box search), keeps the customer id. */
function ExistingCustomerSelect({ value, onPicked }: { value?: string; onPicked: (id: string) => void }) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: ['accounts', 'search', q],
    queryFn: () => searchAccountsForCase(q),
    enabled: q.length >= 2,
  });
  const options = (hits.data?.items ?? []).map((h) => ({
    value: h.accountId,
    label: `${h.accountNo} ${h.customerName} ${h.address}`,
  }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={picked && picked.id === value ? picked.label : undefined}
      placeholder={t('cases.accountPlaceholder')}
      loading={hits.isFetching}
      options={options}
      notFoundContent={null}
      onChange={async (accountId, option) => {
        const customer = await getAccountCustomerId(accountId);
        setPicked({ id: customer.id, label: (option as { label: string }).label });
        onPicked(customer.id);
      }}
      data-testid="owner-existing"
    />
  );
}

function NatureFields({ c }: { c: AccountCaseDetail }) {
  const { t } = useT();
  const natures = useQuery({ queryKey: [...accountCasesKey, 'natures'], queryFn: listCaseUsageNatures });
  const items = natures.data?.items ?? [];
  const current = items.find((n) => n.code === c.account.usageNature);
  const newNature = Form.useWatch(['details', 'newNature']) as string | undefined;
  const picked = items.find((n) => n.code === newNature);
  const checkRule =
    (key: MessageKey) =>
    ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
      validator: (_: unknown, v: unknown) => {
        const any = ['checkedOn', 'inspector', 'opinion'].some((f) => getFieldValue(['details', 'siteCheck', f]));
        return any && !v ? Promise.reject(new Error(t('validation.required', { field: t(key) }))) : Promise.resolve();
      },
    });
  const deps = ['checkedOn', 'inspector', 'opinion'].map((f) => ['details', 'siteCheck', f]);
  return (
    <>
      <Form.Item label={t('cases.currentNature')}>
        <Typography.Text>{c.account.usageNatureName}</Typography.Text>
      </Form.Item>
      <Form.Item
        name={['details', 'newNature']}
        label={t('cases.newNature')}
        rules={[rules.requiredSelect(t, 'cases.newNature')]}
        extra={
          picked && current ? (
            <Tag color={picked.priceRank >= current.priceRank ? 'orange' : 'purple'} style={{ marginTop: 4 }}>
              {t(picked.priceRank >= current.priceRank ? 'cases.direction.up' : 'cases.direction.down')}
            </Tag>
          ) : null
        }
      >
        <Select<string>
          loading={natures.isPending}
          options={items
            .filter((n) => n.commodity === c.account.commodity && n.code !== c.account.usageNature)
            .map((n) => ({ value: n.code, label: n.name }))}
          data-testid="details-newNature"
        />
      </Form.Item>
      <Form.Item
        name={['details', 'reason']}
        label={t('cases.reason')}
        rules={[rules.required(t, 'cases.reason'), { max: 500 }]}
      >
        <Input.TextArea rows={2} data-testid="details-reason" />
      </Form.Item>
      <Typography.Title level={5}>{t('cases.siteCheck')}</Typography.Title>
      {c.dueOn && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.siteCheck.due', { date: c.dueOn })} />
      )}
      <Form.Item
        name={['details', 'siteCheck', 'checkedOn']}
        label={t('cases.siteCheck.checkedOn')}
        dependencies={deps}
        rules={[checkRule('cases.siteCheck.checkedOn')]}
      >
        <DatePicker disabledDate={(d) => d.isAfter(businessToday(), 'day')} data-testid="site-checkedOn" />
      </Form.Item>
      <Form.Item
        name={['details', 'siteCheck', 'inspector']}
        label={t('cases.siteCheck.inspector')}
        dependencies={deps}
        rules={[checkRule('cases.siteCheck.inspector'), { max: 32 }]}
      >
        <Input data-testid="site-inspector" />
      </Form.Item>
      <Form.Item
        name={['details', 'siteCheck', 'opinion']}
        label={t('cases.siteCheck.opinion')}
        dependencies={deps}
        rules={[checkRule('cases.siteCheck.opinion'), { max: 500 }]}
      >
        <Input.TextArea rows={2} data-testid="site-opinion" />
      </Form.Item>
    </>
  );
}
