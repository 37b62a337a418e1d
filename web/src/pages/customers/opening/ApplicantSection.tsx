import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Col, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { type CustomerKind, getAccountCustomer, searchAccounts } from '../../../api/openings';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import type { OpeningForm } from './formModel';
import { useLabel, useOptions } from './options';
import { nameRule, patternRule, patterns, residentIdRule } from './rules';

/** 已建档用户: find the customer by any of their accounts (CUS-3 search); the value is the customer's id. */
function CustomerPicker({ value, onChange }: { value?: string; onChange?: (customerId: string) => void }) {
  const { t } = useT();
  const label = useLabel();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<{ accountId: string; id: string; name: string; kind: CustomerKind } | null>(
    null,
  );
  const hits = useQuery({
    queryKey: ['openings', 'customer-search', q],
    queryFn: () => searchAccounts(q),
    enabled: q.trim().length >= 2,
  });
  const pick = async (accountId: string) => {
    const { customer } = await getAccountCustomer(accountId);
    setChosen({ accountId, ...customer });
    onChange?.(customer.id);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={chosen && chosen.id === value ? chosen.accountId : undefined}
        placeholder={t('opening.placeholder.searchCustomer')}
        loading={hits.isFetching}
        onChange={(accountId: string) => void pick(accountId)}
        options={(hits.data?.items ?? []).map((h) => ({
          value: h.accountId,
          label: `${h.customerName} · ${h.accountNo} · ${h.address}`,
        }))}
        notFoundContent={null}
        data-testid="op-existingCustomer"
      />
      {chosen && chosen.id === value && (
        <Tag color="blue" data-testid="op-existingChosen">
          {chosen.name}（{label('customerKind', chosen.kind)}）
        </Tag>
      )}
    </Space>
  );
}

/** The applicant: the householder (散户) or the developer / community (集体). */
export function ApplicantSection() {
  const { t } = useT();
  const options = useOptions();
  const label = useLabel();
  const form = Form.useFormInstance<OpeningForm>();
  const mode = Form.useWatch('mode', form);
  const useExisting = Form.useWatch('useExisting', form);
  const kind: CustomerKind | undefined = Form.useWatch(['applicant', 'kind'], form);
  const idType = Form.useWatch(['applicant', 'idType'], form);

  if (mode === 'collective') {
    return (
      <Card size="small" title={t('opening.section.collective')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['collective', 'applicantOrg']}
              label={t('opening.field.applicantOrg')}
              rules={[rules.required(t, 'opening.field.applicantOrg')]}
            >
              <Input maxLength={100} data-testid="op-applicantOrg" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['collective', 'batchRef']} label={t('opening.field.batchRef')}>
              <Input maxLength={64} data-testid="op-batchRef" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['collective', 'contactName']} label={t('opening.field.contactName')}>
              <Input maxLength={32} data-testid="op-contactName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['collective', 'contactPhone']}
              label={t('opening.field.contactPhone')}
              rules={[patternRule(patterns.phone, t('opening.rule.phone'))]}
            >
              <Input maxLength={20} data-testid="op-contactPhone" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    );
  }

  return (
    <Card
      size="small"
      title={t('opening.section.applicant')}
      extra={
        <Form.Item name="useExisting" valuePropName="checked" noStyle>
          <Switch
            checkedChildren={t('opening.field.existing')}
            unCheckedChildren={t('opening.field.newCustomer')}
            data-testid="op-useExisting"
          />
        </Form.Item>
      }
    >
      {useExisting ? (
        <Form.Item
          name="customerId"
          label={t('opening.field.existingCustomer')}
          extra={t('opening.hint.existingCustomer')}
          rules={[rules.requiredSelect(t, 'opening.field.existingCustomer')]}
        >
          <CustomerPicker />
        </Form.Item>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['applicant', 'name']}
              label={t('opening.field.name')}
              extra={t('opening.hint.name')}
              rules={[rules.required(t, 'opening.field.name'), nameRule(t)]}
            >
              <Input maxLength={64} data-testid="op-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('opening.field.customerKind')} extra={t('opening.hint.customerKind')}>
              <Tag data-testid="op-customerKind">{label('customerKind', kind)}</Tag>
            </Form.Item>
            <Form.Item name={['applicant', 'kind']} hidden>
              <Input />
            </Form.Item>
          </Col>
          {kind === 'residential' ? (
            <>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['applicant', 'idType']}
                  label={t('opening.field.idType')}
                  rules={[rules.requiredSelect(t, 'opening.field.idType')]}
                >
                  <Select options={options('idType')} data-testid="op-idType" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name={['applicant', 'idNo']}
                  label={t('opening.field.idNo')}
                  dependencies={[['applicant', 'idType']]}
                  rules={[
                    rules.required(t, 'opening.field.idNo'),
                    patternRule(patterns.idNo, t('opening.rule.idNo')),
                    residentIdRule(t, form),
                  ]}
                >
                  <Input maxLength={idType === 'residentId' ? 18 : 32} data-testid="op-idNo" />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col xs={24} md={8}>
              <Form.Item
                name={['applicant', 'taxNo']}
                label={t('opening.field.taxNo')}
                rules={[rules.required(t, 'opening.field.taxNo'), patternRule(patterns.taxNo, t('opening.rule.taxNo'))]}
              >
                <Input maxLength={20} data-testid="op-taxNo" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item
              name={['applicant', 'mobile']}
              label={t('opening.field.mobile')}
              dependencies={[['applicant', 'phone']]}
              rules={[
                patternRule(patterns.mobile, t('validation.phone')),
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v || getFieldValue(['applicant', 'phone'])
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('opening.rule.contactNeeded'))),
                }),
              ]}
            >
              <Input maxLength={11} inputMode="numeric" data-testid="op-mobile" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['applicant', 'phone']}
              label={t('opening.field.phone')}
              rules={[patternRule(patterns.phone, t('opening.rule.phone'))]}
            >
              <Input maxLength={20} data-testid="op-phone" />
            </Form.Item>
          </Col>
          {kind === 'residential' && (
            <Col span={24}>
              <Form.Item name={['applicant', 'specialCare']} label={t('opening.field.specialCare')}>
                <Checkbox.Group options={options('specialCare')} data-testid="op-specialCare" />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
