import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { addHazard, fixHazard, type OrderRecord, type RecordForm, recordKey } from '../../../../api/workOrderForms';
import { FormErrorAlert } from '../../../../components/FormErrorAlert';
import { useT } from '../../../../i18n/useT';
import { formatDateTime, fromDateString, toDateString } from '../../../../lib/time';
import { PrintRegisterButton } from '../OrderRecordPanel';
import { FormCard, yesNo } from './FormCard';
import { meterTypeOptions } from './MeterFields';

const READING = /^\d{1,9}(\.\d{1,3})?$/;

interface PreValues {
  projectName?: string;
  projectNo?: string;
  worksAcceptedOn?: Dayjs;
  tieInDone: boolean;
  asBuiltComplete: boolean;
  asBuiltMatches: boolean;
  contractedHouseholds?: number;
  installedHouseholds?: number;
}

/** SVC-8 第六条: the area's handover preconditions. */
export function PreconditionsForm({
  orderId,
  form,
  editable,
}: {
  orderId: string;
  form: RecordForm;
  editable: boolean;
}) {
  const { t } = useT();
  const required = { required: true, message: t('tech.required') };
  const bool = (k: keyof PreValues, label: Parameters<typeof t>[0]) => (
    <Form.Item name={k} label={t(label)} valuePropName="checked">
      <Switch {...yesNo(t)} data-testid={`pre-${k}`} />
    </Form.Item>
  );
  return (
    <FormCard<PreValues>
      orderId={orderId}
      form={form}
      editable={editable}
      fromApi={(d) => ({
        projectName: (d?.projectName as string) ?? undefined,
        projectNo: (d?.projectNo as string) ?? undefined,
        worksAcceptedOn: fromDateString(d?.worksAcceptedOn as string | undefined),
        tieInDone: Boolean(d?.tieInDone),
        asBuiltComplete: Boolean(d?.asBuiltComplete),
        asBuiltMatches: Boolean(d?.asBuiltMatches),
        contractedHouseholds: d?.contractedHouseholds as number | undefined,
        installedHouseholds: d?.installedHouseholds as number | undefined,
      })}
      toApi={(v) => ({
        projectName: v.projectName || null,
        projectNo: v.projectNo || null,
        worksAcceptedOn: toDateString(v.worksAcceptedOn),
        tieInDone: Boolean(v.tieInDone),
        asBuiltComplete: Boolean(v.asBuiltComplete),
        asBuiltMatches: Boolean(v.asBuiltMatches),
        contractedHouseholds: v.contractedHouseholds ?? 0,
        installedHouseholds: v.installedHouseholds ?? 0,
      })}
    >
      {() => (
        <>
          <Form.Item name="projectName" label={t('tech.pre.projectName')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="projectNo" label={t('tech.pre.projectNo')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="worksAcceptedOn" label={t('tech.pre.worksAcceptedOn')} rules={[required]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          {bool('tieInDone', 'tech.pre.tieInDone')}
          {bool('asBuiltComplete', 'tech.pre.asBuiltComplete')}
          {bool('asBuiltMatches', 'tech.pre.asBuiltMatches')}
          <Space>
            <Form.Item name="contractedHouseholds" label={t('tech.pre.contractedHouseholds')} rules={[required]}>
              <InputNumber min={0} max={100000} precision={0} />
            </Form.Item>
            <Form.Item
              name="installedHouseholds"
              label={t('tech.pre.installedHouseholds')}
              dependencies={['contractedHouseholds']}
              rules={[required]}
            >
              <InputNumber min={0} max={100000} precision={0} />
            </Form.Item>
          </Space>
        </>
      )}
    </FormCard>
  );
}

interface RegValues {
  meterDirection?: 'left' | 'right';
  baseReading?: string;
  meterSerial?: string;
  meterMaker?: string;
  meterType?: string;
  sealInlet?: string;
  sealOutlet?: string;
  location?: 'indoor' | 'outdoor';
  metalHose: boolean;
  applianceConnectedTested: boolean;
  facilitiesIntact: boolean;
  contractSigned: boolean;
  manualHandedOver: boolean;
  safetyLeafletHandedOver: boolean;
  appliances: { kind?: string; brandModel?: string }[];
}

const CHECKS = [
  'metalHose',
  'applianceConnectedTested',
  'facilitiesIntact',
  'contractSigned',
  'manualHandedOver',
  'safetyLeafletHandedOver',
] as const;

/** SVC-8: 燃气用户室内置换登记表 (000 ch.2 附件2). */
export function RegisterForm({ orderId, form, editable }: { orderId: string; form: RecordForm; editable: boolean }) {
  const { t } = useT();
  const required = { required: true, message: t('tech.required') };
  const reading = {
    validator: (_: unknown, v?: string) =>
      !v || READING.test(v) ? Promise.resolve() : Promise.reject(new Error(t('tech.reg.baseReading'))),
  };
  return (
    <FormCard<RegValues>
      orderId={orderId}
      form={form}
      editable={editable}
      extra={form.version > 0 && <PrintRegisterButton orderId={orderId} />}
      fromApi={(d) => ({
        ...(d as Partial<RegValues>),
        ...Object.fromEntries(CHECKS.map((k) => [k, Boolean(d?.[k])])),
        appliances: (d?.appliances as RegValues['appliances']) ?? [],
      })}
      toApi={(v) => ({
        ...v,
        sealInlet: v.sealInlet || null,
        sealOutlet: v.sealOutlet || null,
        ...Object.fromEntries(CHECKS.map((k) => [k, Boolean(v[k])])),
        appliances: v.appliances ?? [],
      })}
    >
      {() => (
        <>
          <Form.Item name="meterDirection" label={t('tech.reg.meterDirection')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'left', label: t('tech.reg.left') },
                { value: 'right', label: t('tech.reg.right') },
              ]}
            />
          </Form.Item>
          <Form.Item name="baseReading" label={t('tech.reg.baseReading')} rules={[required, reading]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item
            name="meterSerial"
            label={t('tech.reg.meterSerial')}
            rules={[required, { pattern: /^[0-9A-Za-z-]{3,32}$/, message: t('tech.reg.meterSerial') }]}
          >
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="meterMaker" label={t('tech.reg.meterMaker')} rules={[required]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="meterType" label={t('tech.reg.meterType')} rules={[required]}>
            <Select options={meterTypeOptions(t)} />
          </Form.Item>
          <Form.Item name="sealInlet" label={t('tech.reg.sealInlet')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="sealOutlet" label={t('tech.reg.sealOutlet')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="location" label={t('tech.reg.location')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'indoor', label: t('tech.reg.indoor') },
                { value: 'outdoor', label: t('tech.reg.outdoor') },
              ]}
            />
          </Form.Item>
          {CHECKS.map((k) => (
            <Form.Item key={k} name={k} label={t(`tech.reg.${k}`)} valuePropName="checked">
              <Switch {...yesNo(t)} />
            </Form.Item>
          ))}
          <Form.List name="appliances">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card key={field.key} size="small" style={{ marginBottom: 8 }}>
                    <Form.Item name={[field.name, 'kind']} label={t('tech.reg.applianceKind')} rules={[required]}>
                      <Select
                        options={(['stove', 'waterHeater', 'wallHeater', 'other'] as const).map((k) => ({
                          value: k,
                          label: t(`tech.appliance.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item
                        name={[field.name, 'brandModel']}
                        label={t('tech.reg.brandModel')}
                        rules={[required]}
                        style={{ flex: 1, marginBottom: 0 }}
                      >
                        <Input maxLength={80} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </Space.Compact>
                  </Card>
                ))}
                <Button
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'stove' })}
                  style={{ marginBottom: 12 }}
                >
                  {t('tech.reg.addAppliance')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormCard>
  );
}

/** SVC-8: hazards from the company's list, each open until fixed; gas-in is refused while one is open. */
export function HazardsCard({
  orderId,
  record,
  editable,
}: {
  orderId: string;
  record: OrderRecord;
  editable: boolean;
}) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<string>();
  const [note, setNote] = useState('');
  const done = (r: OrderRecord) => queryClient.setQueryData(recordKey(orderId), r);
  const add = useMutation({
    mutationFn: () => addHazard(orderId, { code: code!, note: note || null }),
    onSuccess: (r) => {
      done(r);
      setCode(undefined);
      setNote('');
    },
  });
  const fix = useMutation({ mutationFn: (id: string) => fixHazard(orderId, id), onSuccess: done });
  const named = (n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);
  const open = record.hazards.filter((h) => !h.fixed);
  return (
    <Card size="small" title={t('tech.hazards')} style={{ marginBottom: 12 }} data-testid="hazards">
      {open.length > 0 && (
        <Alert type="warning" showIcon title={t('tech.hazards.blocking')} style={{ marginBottom: 8 }} />
      )}
      <List
        size="small"
        locale={{ emptyText: t('tech.hazards.none') }}
        dataSource={record.hazards}
        renderItem={(h) => (
          <List.Item
            actions={
              editable && !h.fixed
                ? [
                    <Button key="fix" type="primary" loading={fix.isPending} onClick={() => fix.mutate(h.id)}>
                      {t('tech.hazards.fix')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {named(h.name)}
                  <Tag color={h.fixed ? 'green' : 'red'}>{t(h.fixed ? 'tech.hazards.fixed' : 'tech.hazards.open')}</Tag>
                </Space>
              }
              description={[h.note, h.fixed ? `${formatDateTime(h.fixedAt)} ${h.fixedByName ?? ''}` : null]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
      {editable && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Select
            placeholder={t('tech.hazards.pick')}
            value={code}
            onChange={setCode}
            style={{ width: '100%' }}
            options={record.hazardList
              .filter((h) => !record.hazards.some((x) => x.code === h.code))
              .map((h) => ({ value: h.code, label: named(h) }))}
          />
          <Input
            placeholder={t('tech.hazards.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
          />
          <Button block disabled={!code} loading={add.isPending} onClick={() => add.mutate()}>
            {t('tech.hazards.add')}
          </Button>
          <FormErrorAlert error={add.error ?? fix.error} />
        </Space>
      )}
    </Card>
  );
}
