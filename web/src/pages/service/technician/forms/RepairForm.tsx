import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { OrderRecord, PaymentMethod, PricedLine, RecordForm } from '../../../../api/workOrderForms';
import { useT } from '../../../../i18n/useT';
import { FormCard } from './FormCard';

interface Values {
  workDone: string;
  lines: { code?: string; quantity?: string }[];
  materials: { name?: string; spec?: string; quantity?: string; unit?: string }[];
  paymentMethod?: PaymentMethod;
}

const QTY = /^\d{1,6}(\.\d{1,3})?$/;

/** Cents, to add prices without floating-point drift (the server's decimal.js amount is the one kept). */
function estimate(list: OrderRecord['priceList'], lines: Values['lines'] | undefined): string {
  let fen = 0;
  for (const l of lines ?? []) {
    const item = list.find((p) => p.code === l.code);
    if (!item || !l.quantity || !QTY.test(l.quantity)) continue;
    fen += Math.round(Math.round(Number(item.price) * 100) * Number(l.quantity));
  }
  return (fen / 100).toFixed(2);
}

/** SVC-7: fee lines from the approved price list, materials, the work done and how the customer pays. */
export function RepairForm({
  orderId,
  form,
  record,
  editable,
}: {
  orderId: string;
  form: RecordForm;
  record: OrderRecord;
  editable: boolean;
}) {
  const { t, lang } = useT();
  const itemName = (p: { zh: string; en: string }) => (lang === 'en' ? p.en : p.zh);
  const required = { required: true, message: t('tech.required') };
  const qtyRule = {
    validator: (_: unknown, v?: string) =>
      !v || (QTY.test(v) && Number(v) > 0) ? Promise.resolve() : Promise.reject(new Error(t('tech.repair.quantity'))),
  };
  const saved = form.data as { lines?: PricedLine[]; total?: string } | null;
  return (
    <FormCard<Values>
      orderId={orderId}
      form={form}
      editable={editable}
      fromApi={(d) => ({
        workDone: (d?.workDone as string) ?? '',
        lines: ((d?.lines as PricedLine[]) ?? []).map((l) => ({ code: l.code, quantity: l.quantity })),
        materials: (d?.materials as Values['materials']) ?? [],
        paymentMethod: (d?.paymentMethod as PaymentMethod) ?? undefined,
      })}
      toApi={(v) => ({
        workDone: v.workDone,
        lines: (v.lines ?? []).map((l) => ({ code: l.code, quantity: l.quantity })),
        materials: (v.materials ?? []).map((m) => ({ ...m, spec: m.spec || null })),
        paymentMethod: v.paymentMethod ?? null,
      })}
      extra={
        saved?.total ? (
          <Alert
            type="success"
            showIcon
            title={t('tech.repair.total', { amount: saved.total })}
            style={{ marginBottom: 8 }}
          />
        ) : undefined
      }
    >
      {(f) => (
        <>
          <Form.Item name="workDone" label={t('tech.repair.workDone')} rules={[required]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="repair-workDone" />
          </Form.Item>
          <Typography.Text strong>{t('tech.repair.fees')}</Typography.Text>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card key={field.key} size="small" style={{ margin: '8px 0' }}>
                    <Form.Item name={[field.name, 'code']} label={t('tech.repair.item')} rules={[required]}>
                      <Select
                        data-testid={`fee-item-${field.name}`}
                        options={record.priceList.map((p) => ({
                          value: p.code,
                          label: `${itemName(p)} ¥${p.price}/${p.unit}`,
                        }))}
                      />
                    </Form.Item>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        label={t('tech.repair.quantity')}
                        rules={[required, qtyRule]}
                        style={{ flex: 1, marginBottom: 0 }}
                      >
                        <Input inputMode="decimal" data-testid={`fee-qty-${field.name}`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </Space.Compact>
                  </Card>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })} data-testid="add-fee">
                  {t('tech.repair.addLine')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item shouldUpdate noStyle>
            {() => (
              <Typography.Paragraph strong style={{ margin: '8px 0' }} data-testid="fee-estimate">
                {t('tech.repair.estimate', { amount: estimate(record.priceList, f.getFieldValue('lines')) })}
              </Typography.Paragraph>
            )}
          </Form.Item>
          <Typography.Text strong>{t('tech.repair.materials')}</Typography.Text>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card key={field.key} size="small" style={{ margin: '8px 0' }}>
                    <Form.Item name={[field.name, 'name']} label={t('tech.repair.materialName')} rules={[required]}>
                      <Input maxLength={60} data-testid={`material-name-${field.name}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'spec']} label={t('tech.repair.spec')}>
                      <Input maxLength={60} data-testid={`material-spec-${field.name}`} />
                    </Form.Item>
                    <Space>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        label={t('tech.repair.quantity')}
                        rules={[required, qtyRule]}
                      >
                        <Input inputMode="decimal" style={{ width: 100 }} data-testid={`material-qty-${field.name}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'unit']} label={t('tech.repair.unit')} rules={[required]}>
                        <Input maxLength={10} style={{ width: 80 }} data-testid={`material-unit-${field.name}`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    </Space>
                  </Card>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })} data-testid="add-material">
                  {t('tech.repair.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item
            name="paymentMethod"
            label={t('tech.repair.paymentMethod')}
            extra={t('tech.repair.paymentNote')}
            style={{ marginTop: 12 }}
          >
            <Radio.Group data-testid="payment-method">
              <Space direction="vertical">
                <Radio value="wechat">{t('tech.pay.wechat')}</Radio>
                <Radio value="alipay">{t('tech.pay.alipay')}</Radio>
                <Radio value="hall">{t('tech.pay.hall')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </FormCard>
  );
}
