import { Alert, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import type { MeterType, RecordForm } from '../../../../api/workOrderForms';
import { useT } from '../../../../i18n/useT';
import { FormCard, yesNo } from './FormCard';

type TFn = ReturnType<typeof useT>['t'];
const READING = /^\d{1,9}(\.\d{1,3})?$/;
const METER_TYPES: MeterType[] = ['diaphragm', 'icCard', 'remoteRead', 'iot'];

export const meterTypeOptions = (t: TFn, except: MeterType[] = []) =>
  METER_TYPES.filter((m) => !except.includes(m)).map((m) => ({ value: m, label: t(`tech.meterType.${m}`) }));

const readingRule = (t: TFn) => ({
  validator: (_: unknown, v?: string) =>
    !v || READING.test(v) ? Promise.resolve() : Promise.reject(new Error(t('tech.reg.baseReading'))),
});
const serialRule = (t: TFn) => ({ pattern: /^[0-9A-Za-z-]{3,32}$/, message: t('tech.reg.meterSerial') });

interface ReplacementValues {
  oldFinalReading?: string;
  newMeter: {
    serial?: string;
    maker?: string;
    model?: string;
    meterType?: MeterType;
    baseReading?: string;
    direction?: 'left' | 'right';
    sealInlet?: string;
    sealOutlet?: string;
    location?: 'indoor' | 'outdoor';
    metalHose: boolean;
  };
  reason?: string;
}

/** 换表: the old meter's final reading and the new meter as fitted. */
export function MeterReplacementForm({
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
  const old = form.data?.oldMeter as { serial: string; maker: string } | undefined;
  return (
    <FormCard<ReplacementValues>
      orderId={orderId}
      form={form}
      editable={editable}
      fromApi={(d) => ({
        oldFinalReading: d?.oldFinalReading as string | undefined,
        newMeter: (d?.newMeter as ReplacementValues['newMeter']) ?? { metalHose: true },
        reason: (d?.reason as string) ?? undefined,
      })}
      toApi={(v) => ({
        oldFinalReading: v.oldFinalReading,
        newMeter: {
          ...v.newMeter,
          model: v.newMeter.model || null,
          sealInlet: v.newMeter.sealInlet || null,
          sealOutlet: v.newMeter.sealOutlet || null,
          metalHose: Boolean(v.newMeter.metalHose),
        },
        reason: v.reason || null,
      })}
      extra={
        old ? (
          <Typography.Paragraph>{t('tech.mr.oldMeter', { serial: old.serial, maker: old.maker })}</Typography.Paragraph>
        ) : undefined
      }
    >
      {() => (
        <>
          <Form.Item name="oldFinalReading" label={t('tech.mr.oldFinalReading')} rules={[required, readingRule(t)]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Typography.Text strong>{t('tech.mr.newMeter')}</Typography.Text>
          <Form.Item name={['newMeter', 'serial']} label={t('tech.reg.meterSerial')} rules={[required, serialRule(t)]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name={['newMeter', 'maker']} label={t('tech.reg.meterMaker')} rules={[required]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name={['newMeter', 'model']} label={t('tech.mr.model')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name={['newMeter', 'meterType']} label={t('tech.reg.meterType')} rules={[required]}>
            <Select options={meterTypeOptions(t)} />
          </Form.Item>
          <Form.Item
            name={['newMeter', 'baseReading']}
            label={t('tech.reg.baseReading')}
            rules={[required, readingRule(t)]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name={['newMeter', 'direction']} label={t('tech.reg.meterDirection')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'left', label: t('tech.reg.left') },
                { value: 'right', label: t('tech.reg.right') },
              ]}
            />
          </Form.Item>
          <Form.Item name={['newMeter', 'sealInlet']} label={t('tech.reg.sealInlet')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name={['newMeter', 'sealOutlet']} label={t('tech.reg.sealOutlet')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name={['newMeter', 'location']} label={t('tech.reg.location')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'indoor', label: t('tech.reg.indoor') },
                { value: 'outdoor', label: t('tech.reg.outdoor') },
              ]}
            />
          </Form.Item>
          <Form.Item name={['newMeter', 'metalHose']} label={t('tech.reg.metalHose')} valuePropName="checked">
            <Switch {...yesNo(t)} />
          </Form.Item>
          <Form.Item name="reason" label={t('tech.mr.reason')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
    </FormCard>
  );
}

interface TestValues {
  depositReceiptNo?: string;
  tempMeter: { serial?: string; maker?: string; meterType?: MeterType; baseReading?: string };
  result?: 'pass' | 'fail' | 'pending';
  testReportNo?: string;
  paymentMethod?: 'wechat' | 'alipay' | 'hall';
}

/** SVC-9 气表检测: deposit, a temporary meter that is never an IC-card meter, the result. */
export function MeterTestForm({ orderId, form, editable }: { orderId: string; form: RecordForm; editable: boolean }) {
  const { t } = useT();
  const required = { required: true, message: t('tech.required') };
  const deposit = form.data?.deposit as { amount: string } | undefined;
  const settlement = form.data?.settlement as { depositReleased?: boolean } | undefined;
  return (
    <FormCard<TestValues>
      orderId={orderId}
      form={form}
      editable={editable}
      fromApi={(d) => ({
        depositReceiptNo: (d?.depositReceiptNo as string) ?? undefined,
        tempMeter: (d?.tempMeter as TestValues['tempMeter']) ?? { meterType: 'diaphragm' },
        result: (d?.result as 'pass' | 'fail') ?? 'pending',
        testReportNo: (d?.testReportNo as string) ?? undefined,
        paymentMethod: (d?.paymentMethod as TestValues['paymentMethod']) ?? undefined,
      })}
      toApi={(v) => ({
        depositReceiptNo: v.depositReceiptNo || null,
        tempMeter: v.tempMeter,
        result: v.result === 'pending' ? null : v.result,
        testReportNo: v.testReportNo || null,
        paymentMethod: v.paymentMethod ?? null,
      })}
      extra={
        <>
          {deposit && (
            <Alert
              type="info"
              showIcon
              title={t('tech.mt.deposit', { amount: deposit.amount })}
              style={{ marginBottom: 8 }}
            />
          )}
          {settlement && (
            <Alert
              type={settlement.depositReleased ? 'warning' : 'success'}
              showIcon
              title={t(settlement.depositReleased ? 'tech.mt.settlement.fail' : 'tech.mt.settlement.pass')}
              style={{ marginBottom: 8 }}
            />
          )}
        </>
      }
    >
      {() => (
        <>
          <Form.Item name="depositReceiptNo" label={t('tech.mt.depositReceiptNo')}>
            <Input maxLength={40} />
          </Form.Item>
          <Typography.Text strong>{t('tech.mt.tempMeter')}</Typography.Text>
          <Form.Item name={['tempMeter', 'serial']} label={t('tech.reg.meterSerial')} rules={[required, serialRule(t)]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name={['tempMeter', 'maker']} label={t('tech.reg.meterMaker')} rules={[required]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name={['tempMeter', 'meterType']}
            label={t('tech.reg.meterType')}
            rules={[
              required,
              {
                validator: (_: unknown, v?: string) =>
                  v === 'icCard' ? Promise.reject(new Error(t('tech.mt.icNotAllowed'))) : Promise.resolve(),
              },
            ]}
          >
            <Select options={meterTypeOptions(t, ['icCard'])} />
          </Form.Item>
          <Form.Item
            name={['tempMeter', 'baseReading']}
            label={t('tech.reg.baseReading')}
            rules={[required, readingRule(t)]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="result" label={t('tech.mt.result')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'pending', label: t('tech.mt.pending') },
                { value: 'pass', label: t('tech.mt.pass') },
                { value: 'fail', label: t('tech.mt.fail') },
              ]}
            />
          </Form.Item>
          <Form.Item name="testReportNo" label={t('tech.mt.testReportNo')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="paymentMethod" label={t('tech.repair.paymentMethod')}>
            <Radio.Group>
              <Radio value="wechat">{t('tech.pay.wechat')}</Radio>
              <Radio value="alipay">{t('tech.pay.alipay')}</Radio>
              <Radio value="hall">{t('tech.pay.hall')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </FormCard>
  );
}
