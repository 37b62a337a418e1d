import { Card, Col, Form, Input, Row, Select } from 'antd';
import type { CustomerKind, UsageNatureOption } from '../../../api/openings';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import type { OpeningForm } from './formModel';
import { useOptions } from './options';
import { BANK_FIELDS, bankRule, patternRule, patterns, paymentRule, smsCarrierRule } from './rules';

const BANK_LABEL = {
  bankName: 'opening.field.bankName',
  bankAccountNo: 'opening.field.bankAccountNo',
  bankAccountHolder: 'opening.field.bankAccountHolder',
} as const;

/** The account's own fields of an individual application: legacy number, bank and SMS. */
function AccountFields() {
  const { t } = useT();
  const options = useOptions();
  const bankDeps = [['account', 'paymentMethod'], 'meterType', ...BANK_FIELDS.map((f) => ['account', f])];
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item
          name={['account', 'accountNo']}
          label={t('opening.field.accountNo')}
          extra={t('opening.hint.accountNo')}
          rules={[patternRule(patterns.accountNo, t('opening.rule.accountNo'))]}
        >
          <Input maxLength={18} inputMode="numeric" data-testid="op-accountNo" />
        </Form.Item>
      </Col>
      {BANK_FIELDS.map((f) => (
        <Col xs={24} md={8} key={f}>
          <Form.Item
            name={['account', f]}
            label={t(BANK_LABEL[f])}
            dependencies={bankDeps}
            rules={[
              bankRule(t, ['account'], f),
              ...(f === 'bankAccountNo' ? [patternRule(patterns.bankAccountNo, t('opening.rule.bankAccountNo'))] : []),
            ]}
          >
            <Input maxLength={f === 'bankAccountNo' ? 30 : 64} data-testid={`op-${f}`} />
          </Form.Item>
        </Col>
      ))}
      <Col xs={24} md={8}>
        <Form.Item
          name={['account', 'smsMobile']}
          label={t('opening.field.smsMobile')}
          rules={[patternRule(patterns.mobile, t('validation.phone'))]}
        >
          <Input maxLength={11} inputMode="numeric" data-testid="op-smsMobile" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['account', 'smsCarrier']}
          label={t('opening.field.smsCarrier')}
          dependencies={[['account', 'smsMobile']]}
          rules={[smsCarrierRule(t, ['account'])]}
        >
          <Select allowClear options={options('smsCarrier')} data-testid="op-smsCarrier" />
        </Form.Item>
      </Col>
    </>
  );
}

/** 用气性质, building type (CUS-8), meter type and how the account pays (CUS-7 ⑴ ⑷–⑺). */
export function MeteringSection({ natures }: { natures: UsageNatureOption[] }) {
  const { t } = useT();
  const options = useOptions();
  const form = Form.useFormInstance<OpeningForm>();
  const kind: CustomerKind | undefined = Form.useWatch(['applicant', 'kind'], form);
  const collective = Form.useWatch('mode', form) === 'collective';
  const onNature = (code: string) => {
    const nature = natures.find((n) => n.code === code);
    if (nature) form.setFieldValue(['applicant', 'kind'], nature.customerKind);
    if (nature && nature.customerKind !== 'residential') form.setFieldValue('buildingType', undefined);
  };
  const onMeter = (meter: string) => {
    // The usual choice; a clerk who picks otherwise is told by the CUS-7 rule on the field.
    const method = form.getFieldValue(['account', 'paymentMethod']);
    if (meter === 'icCard' && !method) form.setFieldValue(['account', 'paymentMethod'], 'icTopUp');
  };
  return (
    <Card size="small" title={t('opening.section.metering')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="usageNature"
            label={t('opening.field.usageNature')}
            rules={[rules.requiredSelect(t, 'opening.field.usageNature')]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              onChange={onNature}
              options={natures.map((n) => ({ value: n.code, label: n.name }))}
              data-testid="op-usageNature"
            />
          </Form.Item>
        </Col>
        {kind === 'residential' && (
          <Col xs={24} md={8}>
            <Form.Item
              name="buildingType"
              label={t('opening.field.buildingType')}
              rules={[rules.requiredSelect(t, 'opening.field.buildingType')]}
            >
              <Select options={options('buildingType')} data-testid="op-buildingType" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item
            name="meterType"
            label={t('opening.field.meterType')}
            rules={[rules.requiredSelect(t, 'opening.field.meterType')]}
          >
            <Select options={options('meterType')} onChange={onMeter} data-testid="op-meterType" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['account', 'paymentMethod']}
            label={t('opening.field.paymentMethod')}
            dependencies={['meterType']}
            rules={[rules.requiredSelect(t, 'opening.field.paymentMethod'), paymentRule(t)]}
          >
            <Select options={options('paymentMethod')} data-testid="op-paymentMethod" />
          </Form.Item>
        </Col>
        {!collective && <AccountFields />}
      </Row>
    </Card>
  );
}
