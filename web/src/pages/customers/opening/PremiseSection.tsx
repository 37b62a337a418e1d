import { Card, Col, Form, Input, Radio, Row } from 'antd';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import type { OpeningForm } from './formModel';
import { useOptions } from './options';

type Part = 'community' | 'building' | 'unit' | 'room' | 'lane' | 'rowNo' | 'houseNo';
const SHAPE: Record<'apartment' | 'bungalow', Part[]> = {
  apartment: ['community', 'building', 'unit', 'room'],
  bungalow: ['lane', 'rowNo', 'houseNo'],
};
/** The parts each household of a collective application gives for itself. */
export const OWN_PARTS: Record<'apartment' | 'bungalow', Part[]> = {
  apartment: ['unit', 'room'],
  bungalow: ['rowNo', 'houseNo'],
};
export const PART_LABEL: Record<Part, MessageKey> = {
  community: 'opening.field.community',
  building: 'opening.field.building',
  unit: 'opening.field.unit',
  room: 'opening.field.room',
  lane: 'opening.field.lane',
  rowNo: 'opening.field.rowNo',
  houseNo: 'opening.field.houseNo',
};
const WIDTH: Record<Part, number> = { community: 8, building: 4, unit: 4, room: 4, lane: 8, rowNo: 4, houseNo: 4 };

/** CUS-2: apartment 小区/楼/单元/室 or bungalow 巷/排/号; a collective application leaves the household's parts to each household. */
export function PremiseSection() {
  const { t } = useT();
  const options = useOptions();
  const form = Form.useFormInstance<OpeningForm>();
  const kind: 'apartment' | 'bungalow' = Form.useWatch(['premise', 'addressKind'], form) ?? 'apartment';
  const collective = Form.useWatch('mode', form) === 'collective';
  const parts = SHAPE[kind].filter((p) => !(collective && OWN_PARTS[kind].includes(p)));
  return (
    <Card size="small" title={t('opening.section.premise')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['premise', 'addressKind']}
            label={t('opening.field.addressKind')}
            extra={t('opening.hint.addressKind')}
          >
            <Radio.Group optionType="button" options={options('addressKind')} data-testid="op-addressKind" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['premise', 'district']}
            label={t('opening.field.district')}
            rules={[rules.required(t, 'opening.field.district')]}
          >
            <Input maxLength={32} data-testid="op-district" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['premise', 'street']} label={t('opening.field.street')}>
            <Input maxLength={64} data-testid="op-street" />
          </Form.Item>
        </Col>
        {parts.map((part) => (
          <Col xs={12} md={WIDTH[part]} key={part}>
            <Form.Item
              name={['premise', part]}
              label={t(PART_LABEL[part])}
              rules={[rules.required(t, PART_LABEL[part])]}
            >
              <Input maxLength={part === 'community' || part === 'lane' ? 64 : 16} data-testid={`op-${part}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {collective && <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('opening.hint.collectiveAddress')}</div>}
    </Card>
  );
}
