import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import type { ApplianceKind, CustomerKind } from '../../../api/openings';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import type { OpeningForm } from './formModel';
import { useOptions } from './options';
import { patternRule, patterns } from './rules';

/** CUS-5 appliances; for a non-residential applicant their kW is the installation fee (CUS-8). */
export function AppliancesSection() {
  const { t } = useT();
  const options = useOptions();
  const form = Form.useFormInstance<OpeningForm>();
  const kind: CustomerKind | undefined = Form.useWatch(['applicant', 'kind'], form);
  const appliances = Form.useWatch('appliances', form) ?? [];
  const nonResidential = !!kind && kind !== 'residential';
  return (
    <Card
      size="small"
      title={t('opening.section.appliances')}
      extra={nonResidential ? t('opening.hint.appliancesFee') : t('opening.hint.appliancesResidential')}
    >
      <Form.List name="appliances">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const applianceKind: ApplianceKind | undefined = appliances[field.name]?.kind;
              return (
                <Row gutter={8} key={field.key} align="top" data-testid={`op-appliance-${field.name}`}>
                  <Col xs={12} md={4}>
                    <Form.Item
                      name={[field.name, 'kind']}
                      label={t('opening.field.applianceKind')}
                      rules={[rules.requiredSelect(t, 'opening.field.applianceKind')]}
                    >
                      <Select options={options('applianceKind')} data-testid="op-appliance-kind" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'brand']} label={t('opening.field.brand')}>
                      <Input maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'model']} label={t('opening.field.model')}>
                      <Input maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item
                      name={[field.name, 'powerKw']}
                      label={t('opening.field.powerKw')}
                      rules={[
                        ...(nonResidential ? [rules.required(t, 'opening.field.powerKw')] : []),
                        patternRule(patterns.kw, t('opening.rule.kw')),
                      ]}
                    >
                      <Input inputMode="decimal" maxLength={9} data-testid="op-appliance-kw" />
                    </Form.Item>
                  </Col>
                  {applianceKind === 'stove' && (
                    <>
                      <Col xs={12} md={3}>
                        <Form.Item name={[field.name, 'stoveMount']} label={t('opening.field.stoveMount')}>
                          <Select
                            allowClear
                            options={[
                              { value: 'table', label: t('opening.stoveMount.table') },
                              { value: 'builtIn', label: t('opening.stoveMount.builtIn') },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[field.name, 'flameFailureProtection']}
                          label=" "
                          colon={false}
                          valuePropName="checked"
                        >
                          <Checkbox>{t('opening.field.flameFailureProtection')}</Checkbox>
                        </Form.Item>
                      </Col>
                    </>
                  )}
                  {(applianceKind === 'waterHeater' || applianceKind === 'boiler') && (
                    <Col xs={12} md={3}>
                      <Form.Item name={[field.name, 'flueType']} label={t('opening.field.flueType')}>
                        <Select
                          allowClear
                          options={[
                            { value: 'forcedExhaust', label: t('opening.flue.forcedExhaust') },
                            { value: 'balanced', label: t('opening.flue.balanced') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={4} md={2}>
                    <Form.Item label=" " colon={false}>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.delete')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'stove' })}
              data-testid="op-appliance-add"
            >
              {t('opening.action.addAppliance')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
