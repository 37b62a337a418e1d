import { Alert, Col, Divider, Form, type FormInstance, Input, Radio, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import type { AccountOverview } from '../../../api/customers';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { ID_TYPES, label } from '../labels';
import { type ProtectedForm, protectedInitial } from './model';

const RESIDENT_ID = /^\d{17}[\dXx]$/;
const ID_NO = /^[0-9A-Za-z]{4,32}$/;
const TAX_NO = /^[0-9A-Z]{15,20}$/;
const PHONE = /^[0-9+\-() ]{5,32}$/;
const BANK_NO = /^\d{8,30}$/;
const SERIAL = /^[0-9A-Za-z-]{3,32}$/;

/** IAM-4: name, ID, phones, address, meter and bank details — filed as a change request with a reason. */
export function ProtectedFields({
  form,
  overview,
  onFinish,
}: {
  form: FormInstance<ProtectedForm>;
  overview: AccountOverview;
  onFinish: (values: ProtectedForm) => void;
}) {
  const { t } = useT();
  const addressKind = Form.useWatch(['premise', 'addressKind'], form) ?? overview.premise.addressKind;
  const method = Form.useWatch(['bank', 'paymentMethod'], form) ?? overview.account.paymentMethod;
  const idType = Form.useWatch(['customer', 'idType'], form);
  const { customer, account, meter } = overview;
  const keep = (current: string | null) => (current ? t('customers.edit.keepMasked', { value: current }) : undefined);
  const required = (field: MessageKey) => rules.required(t, field);
  const methods = meter?.meterType === 'icCard' ? ['icTopUp'] : ['counter', 'bankDebit', 'online'];
  const shortCode = [{ max: 16 }];
  const col = (span: number, item: ReactNode, key?: string) => (
    <Col span={span} key={key}>
      {item}
    </Col>
  );

  return (
    <Form<ProtectedForm>
      form={form}
      layout="vertical"
      validateTrigger="onChange"
      initialValues={protectedInitial(overview)}
      onFinish={onFinish}
      data-testid="edit-protected-form"
    >
      <Alert type="warning" showIcon title={t('customers.edit.protectedHint')} style={{ marginBottom: 16 }} />
      <Divider titlePlacement="start">{t('customers.edit.groupCustomer')}</Divider>
      <Row gutter={12}>
        {col(
          12,
          <Form.Item
            name={['customer', 'name']}
            label={t('customers.name')}
            rules={[
              required('customers.name'),
              { pattern: /^\S+$/, message: t('customers.edit.noSpaces') },
              { max: 100 },
            ]}
          >
            <Input data-testid="edit-name" />
          </Form.Item>,
        )}
        {col(
          12,
          <Form.Item name={['customer', 'mobile']} label={t('customers.mobile')} rules={[rules.phone(t)]}>
            <Input inputMode="numeric" maxLength={11} placeholder={keep(customer.mobile)} data-testid="edit-mobile" />
          </Form.Item>,
        )}
        {col(
          12,
          <Form.Item name={['customer', 'idType']} label={t('customers.idType')}>
            <Select allowClear options={ID_TYPES.map((v) => ({ value: v, label: t(label('idType', v)) }))} />
          </Form.Item>,
        )}
        {col(
          12,
          <Form.Item
            name={['customer', 'idNo']}
            label={t('customers.idNo')}
            dependencies={[['customer', 'idType']]}
            rules={[
              { pattern: idType === 'residentId' ? RESIDENT_ID : ID_NO, message: t('customers.edit.residentId') },
              {
                validator: (_, v: string | undefined) =>
                  idType && !customer.idNo && !v?.trim()
                    ? Promise.reject(new Error(t('customers.edit.idWithType')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input placeholder={keep(customer.idNo)} data-testid="edit-idNo" />
          </Form.Item>,
        )}
        {col(
          12,
          <Form.Item
            name={['customer', 'taxNo']}
            label={t('customers.taxNo')}
            rules={[{ pattern: TAX_NO, message: t('customers.edit.taxNo') }]}
          >
            <Input />
          </Form.Item>,
        )}
        {col(
          12,
          <Form.Item
            name={['customer', 'phone']}
            label={t('customers.phone')}
            rules={[{ pattern: PHONE, message: t('validation.phone') }]}
          >
            <Input placeholder={keep(customer.phone)} />
          </Form.Item>,
        )}
      </Row>

      <Divider titlePlacement="start">{t('customers.edit.groupPremise')}</Divider>
      <Form.Item name={['premise', 'addressKind']} label={t('customers.addressKind')}>
        <Radio.Group
          options={(['apartment', 'bungalow'] as const).map((k) => ({ value: k, label: t(label('addressKind', k)) }))}
          data-testid="edit-addressKind"
        />
      </Form.Item>
      <Row gutter={12}>
        {col(
          8,
          <Form.Item
            name={['premise', 'district']}
            label={t('customers.district')}
            rules={[required('customers.district')]}
          >
            <Input />
          </Form.Item>,
        )}
        {col(
          16,
          <Form.Item name={['premise', 'street']} label={t('customers.street')} rules={[{ max: 64 }]}>
            <Input />
          </Form.Item>,
        )}
        {addressKind === 'apartment' ? (
          <>
            {col(
              9,
              <Form.Item
                name={['premise', 'community']}
                label={t('customers.community')}
                rules={[required('customers.community')]}
              >
                <Input data-testid="edit-community" />
              </Form.Item>,
            )}
            {(['building', 'unit', 'room'] as const).map((f) =>
              col(
                5,
                <Form.Item
                  name={['premise', f]}
                  label={t(`customers.${f}`)}
                  rules={[required(`customers.${f}`), ...shortCode]}
                >
                  <Input data-testid={`edit-${f}`} />
                </Form.Item>,
                f,
              ),
            )}
          </>
        ) : (
          <>
            {col(
              12,
              <Form.Item name={['premise', 'lane']} label={t('customers.lane')} rules={[required('customers.lane')]}>
                <Input data-testid="edit-lane" />
              </Form.Item>,
            )}
            {(['rowNo', 'houseNo'] as const).map((f) =>
              col(
                6,
                <Form.Item
                  name={['premise', f]}
                  label={t(`customers.${f}`)}
                  rules={[required(`customers.${f}`), ...shortCode]}
                >
                  <Input data-testid={`edit-${f}`} />
                </Form.Item>,
                f,
              ),
            )}
          </>
        )}
      </Row>

      <Divider titlePlacement="start">{t('customers.edit.groupMeter')}</Divider>
      {meter ? (
        <Row gutter={12}>
          {col(
            12,
            <Form.Item
              name={['meter', 'serial']}
              label={t('customers.meterSerial')}
              rules={[required('customers.meterSerial'), { pattern: SERIAL, message: t('customers.edit.serial') }]}
            >
              <Input data-testid="edit-serial" />
            </Form.Item>,
          )}
          {col(
            12,
            <Form.Item
              name={['meter', 'manufacturer']}
              label={t('customers.view.manufacturer')}
              rules={[required('customers.view.manufacturer')]}
            >
              <Input />
            </Form.Item>,
          )}
          {col(
            8,
            <Form.Item name={['meter', 'model']} label={t('customers.view.model')}>
              <Input />
            </Form.Item>,
          )}
          {col(
            8,
            <Form.Item name={['meter', 'sealInlet']} label={t('customers.view.sealInlet')}>
              <Input data-testid="edit-sealInlet" />
            </Form.Item>,
          )}
          {col(
            8,
            <Form.Item name={['meter', 'sealOutlet']} label={t('customers.view.sealOutlet')}>
              <Input />
            </Form.Item>,
          )}
          {col(
            12,
            <Form.Item name={['meter', 'location']} label={t('customers.view.location')}>
              <Select
                allowClear
                options={(['indoor', 'outdoor'] as const).map((v) => ({ value: v, label: t(label('location', v)) }))}
              />
            </Form.Item>,
          )}
          {col(
            12,
            <Form.Item name={['meter', 'inletDirection']} label={t('customers.view.inletDirection')}>
              <Select
                allowClear
                options={(['left', 'right'] as const).map((v) => ({ value: v, label: t(label('inlet', v)) }))}
              />
            </Form.Item>,
          )}
        </Row>
      ) : (
        <Alert type="info" showIcon title={t('customers.edit.noMeter')} style={{ marginBottom: 16 }} />
      )}

      <Divider titlePlacement="start">{t('customers.edit.groupBank')}</Divider>
      <Row gutter={12}>
        {col(
          12,
          <Form.Item name={['bank', 'paymentMethod']} label={t('customers.paymentMethod')}>
            <Select
              options={methods.map((m) => ({ value: m, label: t(label('payment', m)) }))}
              data-testid="edit-bank-paymentMethod"
            />
          </Form.Item>,
        )}
        {method === 'bankDebit' && (
          <>
            {col(
              12,
              <Form.Item
                name={['bank', 'bankName']}
                label={t('customers.bankName')}
                rules={[
                  { required: true, message: t('customers.edit.bankRequired', { field: t('customers.bankName') }) },
                ]}
              >
                <Input data-testid="edit-bankName" />
              </Form.Item>,
            )}
            {col(
              12,
              <Form.Item
                name={['bank', 'bankAccountNo']}
                label={t('customers.bankAccountNo')}
                rules={[
                  {
                    required: !account.bankAccountNo,
                    message: t('customers.edit.bankRequired', { field: t('customers.bankAccountNo') }),
                  },
                  { pattern: BANK_NO, message: t('customers.edit.bankAccountNo') },
                ]}
              >
                <Input inputMode="numeric" placeholder={keep(account.bankAccountNo)} data-testid="edit-bankAccountNo" />
              </Form.Item>,
            )}
            {col(
              12,
              <Form.Item
                name={['bank', 'bankAccountHolder']}
                label={t('customers.bankAccountHolder')}
                rules={[
                  {
                    required: true,
                    message: t('customers.edit.bankRequired', { field: t('customers.bankAccountHolder') }),
                  },
                ]}
              >
                <Input data-testid="edit-bankAccountHolder" />
              </Form.Item>,
            )}
          </>
        )}
      </Row>

      <Form.Item
        name="reason"
        label={t('customers.edit.reason')}
        rules={[required('customers.edit.reason'), { max: 500 }]}
      >
        <Input.TextArea rows={2} placeholder={t('customers.edit.reasonPlaceholder')} data-testid="edit-reason" />
      </Form.Item>
    </Form>
  );
}
