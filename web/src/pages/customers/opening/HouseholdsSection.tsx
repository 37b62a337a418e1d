import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Popover, Row, Select, Space } from 'antd';
import { useState } from 'react';
import type { HouseholdInput } from '../../../api/openings';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import type { OpeningForm } from './formModel';
import { useOptions } from './options';
import { OWN_PARTS, PART_LABEL } from './PremiseSection';
import { BANK_FIELDS, bankRule, nameRule, patternRule, patterns, smsCarrierRule } from './rules';

const MAX_HOUSEHOLDS = 500;

/** Rooms 101, 102 … of floors `from`–`to`, `perFloor` a floor, in one unit (楼房) or row (平房). */
function roomsOf(unit: string, from: number, to: number, perFloor: number, apartment: boolean): HouseholdInput[] {
  const out: HouseholdInput[] = [];
  for (let floor = from; floor <= to; floor++) {
    for (let n = 1; n <= perFloor; n++) {
      const no = apartment ? `${floor}${String(n).padStart(2, '0')}` : String((floor - from) * perFloor + n);
      out.push(apartment ? { unit, room: no } : { rowNo: unit, houseNo: no });
    }
  }
  return out;
}

function Generator({ apartment, onAdd }: { apartment: boolean; onAdd: (rows: HouseholdInput[]) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ unit: '1', from: 1, to: 6, perFloor: 2 });
  const content = (
    <Space orientation="vertical">
      <Space>
        <span>{t(apartment ? 'opening.field.unit' : 'opening.field.rowNo')}</span>
        <Input
          value={v.unit}
          onChange={(e) => setV({ ...v, unit: e.target.value })}
          style={{ width: 80 }}
          maxLength={16}
          data-testid="op-gen-unit"
        />
      </Space>
      {apartment ? (
        <Space>
          <InputNumber min={1} max={99} value={v.from} onChange={(from) => setV({ ...v, from: from ?? 1 })} />
          <span>—</span>
          <InputNumber min={1} max={99} value={v.to} onChange={(to) => setV({ ...v, to: to ?? 1 })} />
          <span>{t('opening.generate.floors')}</span>
          <InputNumber min={1} max={20} value={v.perFloor} onChange={(n) => setV({ ...v, perFloor: n ?? 1 })} />
          <span>{t('opening.generate.perFloor')}</span>
        </Space>
      ) : (
        <Space>
          <InputNumber min={1} max={200} value={v.perFloor} onChange={(n) => setV({ ...v, perFloor: n ?? 1 })} />
          <span>{t('opening.generate.houses')}</span>
        </Space>
      )}
      <Button
        type="primary"
        disabled={!v.unit.trim() || v.to < v.from}
        onClick={() => {
          onAdd(roomsOf(v.unit.trim(), apartment ? v.from : 1, apartment ? v.to : 1, v.perFloor, apartment));
          setOpen(false);
        }}
        data-testid="op-gen-apply"
      >
        {t('opening.generate.apply')}
      </Button>
    </Space>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} title={t('opening.generate.title')}>
      <Button data-testid="op-gen-open">{t('opening.generate.title')}</Button>
    </Popover>
  );
}

/** 集体报装: one household a row; each becomes its own customer (用户 when the name is not known) and account. */
export function HouseholdsSection() {
  const { t } = useT();
  const options = useOptions();
  const form = Form.useFormInstance<OpeningForm>();
  const apartment = (Form.useWatch(['premise', 'addressKind'], form) ?? 'apartment') === 'apartment';
  const bankDebit = Form.useWatch(['account', 'paymentMethod'], form) === 'bankDebit';
  const own = OWN_PARTS[apartment ? 'apartment' : 'bungalow'];
  return (
    <Form.List
      name="households"
      rules={[
        {
          validator: (_, rows?: unknown[]) =>
            rows?.length ? Promise.resolve() : Promise.reject(new Error(t('opening.rule.householdsNeeded'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Card
          size="small"
          title={t('opening.section.households', { count: fields.length })}
          extra={
            <Space>
              <Generator
                apartment={apartment}
                onAdd={(rows) => {
                  for (const row of rows.slice(0, MAX_HOUSEHOLDS - fields.length)) add(row);
                }}
              />
              <Button onClick={() => form.setFieldValue('households', [])}>
                {t('opening.action.clearHouseholds')}
              </Button>
            </Space>
          }
        >
          {fields.map((field) => {
            const base = ['households', field.name];
            return (
              <Row gutter={8} key={field.key} data-testid={`op-household-${field.name}`}>
                <Col xs={2} md={1} style={{ paddingTop: 6 }}>
                  {field.name + 1}
                </Col>
                {own.map((part) => (
                  <Col xs={5} md={2} key={part}>
                    <Form.Item name={[field.name, part]} rules={[rules.required(t, PART_LABEL[part])]}>
                      <Input placeholder={t(PART_LABEL[part])} maxLength={16} data-testid={`op-hh-${part}`} />
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={8} md={3}>
                  <Form.Item name={[field.name, 'name']} rules={[nameRule(t)]}>
                    <Input placeholder={t('opening.placeholder.householdName')} maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[field.name, 'mobile']}
                    rules={[patternRule(patterns.mobile, t('validation.phone'))]}
                  >
                    <Input placeholder={t('opening.field.mobile')} maxLength={11} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[field.name, 'accountNo']}
                    rules={[patternRule(patterns.accountNo, t('opening.rule.accountNo'))]}
                  >
                    <Input placeholder={t('opening.field.accountNo')} maxLength={18} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[field.name, 'smsMobile']}
                    rules={[patternRule(patterns.mobile, t('validation.phone'))]}
                  >
                    <Input placeholder={t('opening.field.smsMobile')} maxLength={11} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[field.name, 'smsCarrier']}
                    dependencies={[[...base, 'smsMobile']]}
                    rules={[smsCarrierRule(t, base)]}
                  >
                    <Select allowClear placeholder={t('opening.field.smsCarrier')} options={options('smsCarrier')} />
                  </Form.Item>
                </Col>
                {bankDebit &&
                  BANK_FIELDS.map((f) => (
                    <Col xs={8} md={f === 'bankAccountNo' ? 4 : 3} key={f}>
                      <Form.Item
                        name={[field.name, f]}
                        dependencies={[['account', 'paymentMethod'], ...BANK_FIELDS.map((g) => [...base, g])]}
                        rules={[bankRule(t, base, f)]}
                      >
                        <Input placeholder={t(`opening.field.${f}`)} maxLength={f === 'bankAccountNo' ? 30 : 64} />
                      </Form.Item>
                    </Col>
                  ))}
                <Col xs={2} md={1}>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Col>
              </Row>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_HOUSEHOLDS}
            onClick={() => add({})}
            data-testid="op-household-add"
          >
            {t('opening.action.addHousehold')}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}
