import { Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { useOptions } from './options';
import { invoiceDateRule, notInFutureRule } from './rules';

/** 报装性质, 安装业务级别 and the dates of the form (CUS-7 ⑻ ⑼, CUS-8). */
export function ApplicationSection({ today, lostDate }: { today: string; lostDate: string }) {
  const { t } = useT();
  const options = useOptions();
  return (
    <Card size="small" title={t('opening.section.application')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="mode" label={t('opening.field.mode')} extra={t('opening.hint.mode')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={options('mode')} data-testid="op-mode" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="priority" label={t('opening.field.priority')}>
            <Select options={options('priority')} data-testid="op-priority" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="feeInvoiceNo" label={t('opening.field.feeInvoiceNo')}>
            <Input maxLength={32} data-testid="op-feeInvoiceNo" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="applicationDate"
            label={t('opening.field.applicationDate')}
            rules={[rules.requiredSelect(t, 'opening.field.applicationDate'), notInFutureRule(t, today)]}
          >
            <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="op-applicationDate" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="invoiceDate"
            label={t('opening.field.invoiceDate')}
            extra={t('opening.hint.invoiceDate')}
            dependencies={['applicationDate', 'mode', 'feeInvoiceLost']}
            rules={[rules.requiredSelect(t, 'opening.field.invoiceDate'), invoiceDateRule(t, today, lostDate)]}
          >
            <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="op-invoiceDate" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="feeInvoiceLost" label=" " colon={false} valuePropName="checked">
            <Checkbox data-testid="op-feeInvoiceLost">{t('opening.field.feeInvoiceLost', { date: lostDate })}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="installationRequest" label={t('opening.field.installationRequest')}>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid="op-installationRequest" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
