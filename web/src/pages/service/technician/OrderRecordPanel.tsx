import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Image, List, Space, Table, Tag, Typography } from 'antd';
import { noticeHtmlUrl } from '../../../api/print';
import type { Material, OrderRecord, PricedLine, RecordForm } from '../../../api/workOrderForms';
import { getOrderRecord, recordKey } from '../../../api/workOrderForms';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';

type TFn = ReturnType<typeof useT>['t'];

/** Labels of the form fields that have one; other keys are shown as they are. */
const LABELS: Record<string, MessageKey> = {
  projectName: 'tech.pre.projectName',
  projectNo: 'tech.pre.projectNo',
  worksAcceptedOn: 'tech.pre.worksAcceptedOn',
  tieInDone: 'tech.pre.tieInDone',
  asBuiltComplete: 'tech.pre.asBuiltComplete',
  asBuiltMatches: 'tech.pre.asBuiltMatches',
  contractedHouseholds: 'tech.pre.contractedHouseholds',
  installedHouseholds: 'tech.pre.installedHouseholds',
  meterDirection: 'tech.reg.meterDirection',
  direction: 'tech.reg.meterDirection',
  baseReading: 'tech.reg.baseReading',
  meterSerial: 'tech.reg.meterSerial',
  serial: 'tech.reg.meterSerial',
  meterMaker: 'tech.reg.meterMaker',
  maker: 'tech.reg.meterMaker',
  meterType: 'tech.reg.meterType',
  sealInlet: 'tech.reg.sealInlet',
  sealOutlet: 'tech.reg.sealOutlet',
  location: 'tech.reg.location',
  metalHose: 'tech.reg.metalHose',
  applianceConnectedTested: 'tech.reg.applianceConnectedTested',
  facilitiesIntact: 'tech.reg.facilitiesIntact',
  contractSigned: 'tech.reg.contractSigned',
  manualHandedOver: 'tech.reg.manualHandedOver',
  safetyLeafletHandedOver: 'tech.reg.safetyLeafletHandedOver',
  workDone: 'tech.repair.workDone',
  oldFinalReading: 'tech.mr.oldFinalReading',
  model: 'tech.mr.model',
  reason: 'tech.mr.reason',
  depositReceiptNo: 'tech.mt.depositReceiptNo',
  result: 'tech.mt.result',
  testReportNo: 'tech.mt.testReportNo',
  paymentMethod: 'tech.repair.paymentMethod',
};
const VALUES: Record<string, MessageKey> = {
  left: 'tech.reg.left',
  right: 'tech.reg.right',
  indoor: 'tech.reg.indoor',
  outdoor: 'tech.reg.outdoor',
  pass: 'tech.mt.pass',
  fail: 'tech.mt.fail',
  wechat: 'tech.pay.wechat',
  alipay: 'tech.pay.alipay',
  hall: 'tech.pay.hall',
  diaphragm: 'tech.meterType.diaphragm',
  icCard: 'tech.meterType.icCard',
  remoteRead: 'tech.meterType.remoteRead',
  iot: 'tech.meterType.iot',
};
/** Worked out by the server and shown elsewhere (the fee table, the deposit). */
const SKIP = new Set(['lines', 'materials', 'total', 'appliances', 'deposit', 'fee', 'settlement', 'oldMeter']);

function show(t: TFn, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'tech.yes' : 'tech.no');
  if (typeof v === 'string' && VALUES[v]) return t(VALUES[v]);
  return String(v);
}

function flatten(t: TFn, data: Record<string, unknown>, prefix = ''): { key: string; label: string; value: string }[] {
  const out: { key: string; label: string; value: string }[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (SKIP.has(k)) continue;
    const label = `${prefix}${LABELS[k] ? t(LABELS[k]) : k}`;
    if (v && typeof v === 'object' && !Array.isArray(v))
      out.push(...flatten(t, v as Record<string, unknown>, `${label} · `));
    else out.push({ key: `${prefix}${k}`, label, value: show(t, v) });
  }
  return out;
}

function FormView({ form }: { form: RecordForm }) {
  const { t, lang } = useT();
  if (!form.data) return null;
  const d = form.data;
  const lines = (d.lines as PricedLine[] | undefined) ?? (d.fee as { lines?: PricedLine[] } | null)?.lines ?? [];
  const materials = (d.materials as Material[] | undefined) ?? [];
  const appliances = (d.appliances as { kind: string; brandModel: string }[] | undefined) ?? [];
  const total = (d.total as string | undefined) ?? (d.fee as { total?: string } | null)?.total;
  return (
    <Card size="small" title={lang === 'en' ? form.name.en : form.name.zh} style={{ marginBottom: 8 }}>
      <Descriptions
        size="small"
        column={1}
        items={flatten(t, d).map((i) => ({ key: i.key, label: i.label, children: i.value }))}
      />
      {appliances.length > 0 && (
        <Typography.Paragraph>
          {t('tech.reg.appliances')}：
          {appliances.map((a) => `${t(`tech.appliance.${a.kind}` as MessageKey)} ${a.brandModel}`).join('；')}
        </Typography.Paragraph>
      )}
      {lines.length > 0 && (
        <Table<PricedLine>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={lines}
          data-testid="record-fees"
          columns={[
            { title: t('tech.repair.item'), render: (_, l) => (lang === 'en' ? l.en : l.zh) },
            { title: t('tech.record.unitPrice'), render: (_, l) => `¥${l.unitPrice}/${l.unit}` },
            { title: t('tech.repair.quantity'), dataIndex: 'quantity' },
            { title: t('tech.record.amount'), render: (_, l) => `¥${l.amount}` },
          ]}
          summary={() =>
            total ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <Typography.Text strong>{t('tech.repair.total', { amount: total })}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      {materials.length > 0 && (
        <Table<Material>
          size="small"
          rowKey={(m) => `${m.name}-${m.spec ?? ''}`}
          pagination={false}
          dataSource={materials}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('tech.repair.materialName'), dataIndex: 'name' },
            { title: t('tech.repair.spec'), dataIndex: 'spec' },
            { title: t('tech.repair.quantity'), dataIndex: 'quantity' },
            { title: t('tech.repair.unit'), dataIndex: 'unit' },
          ]}
        />
      )}
    </Card>
  );
}

/** SVC-8: opens the order's 燃气用户室内置换登记表 as a page to print (for a gas-in whose register is saved). */
export function PrintRegisterButton({ orderId }: { orderId: string }) {
  const { t } = useT();
  return (
    <Button
      icon={<PrinterOutlined />}
      data-testid="print-register"
      onClick={() => window.open(noticeHtmlUrl('gasInRegister', orderId), '_blank', 'noopener')}
    >
      {t('tech.action.printRegister')}
    </Button>
  );
}

/** The record as it stands, read-only: for the order's detail page and the technician after completion. */
export function RecordView({ record }: { record: OrderRecord }) {
  const { t, lang } = useT();
  const signature = record.attachments.filter((a) => a.kind === 'signature');
  const photos = record.attachments.filter((a) => a.kind === 'photo');
  const filled = record.forms.filter((f) => f.data);
  const nothing = !filled.length && !record.hazards.length && !record.attachments.length && !record.visits.length;
  if (nothing) return <Empty description={t('tech.record.none')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="order-record">
      {record.typeCode === 'gasIn' && filled.some((f) => f.code === 'register') && (
        <PrintRegisterButton orderId={record.orderId} />
      )}
      {filled.map((f) => (
        <FormView key={f.code} form={f} />
      ))}
      {record.hazards.length > 0 && (
        <Card size="small" title={t('tech.hazards')}>
          {record.hazards.map((h) => (
            <div key={h.id}>
              {lang === 'en' ? h.name.en : h.name.zh}{' '}
              <Tag color={h.fixed ? 'green' : 'red'}>{t(h.fixed ? 'tech.hazards.fixed' : 'tech.hazards.open')}</Tag>
              {h.note}
            </div>
          ))}
        </Card>
      )}
      {record.completionNote && (
        <Typography.Text>{t('tech.record.note', { note: record.completionNote })}</Typography.Text>
      )}
      {signature.length > 0 && (
        <Card size="small" title={t('tech.record.signature')}>
          {signature.map((s) => (
            <Image key={s.id} src={s.url} height={96} alt={t('tech.record.signature')} data-testid="record-signature" />
          ))}
        </Card>
      )}
      {photos.length > 0 && (
        <Card size="small" title={t('tech.record.photos')}>
          <Image.PreviewGroup>
            <Space wrap>
              {photos.map((p) => (
                <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
      {record.visits.length > 0 && (
        <Card size="small" title={t('tech.record.visits')}>
          <List
            size="small"
            dataSource={record.visits}
            renderItem={(v) => (
              <List.Item>
                {t('tech.record.visit', {
                  time: formatDateTime(v.visitedAt),
                  name: v.technicianName ?? '',
                  no: v.employeeNo ?? '—',
                  revisit: formatDateTime(v.revisitAt),
                })}
                {v.note ? ` · ${v.note}` : ''}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

/**
 * The on-site record of an order (forms, fees, materials, signature and photo thumbnails, visits),
 * read-only, for the order's detail page.
 */
export function OrderRecordPanel({ orderId }: { orderId: string }) {
  const { t } = useT();
  const record = useQuery({ queryKey: recordKey(orderId), queryFn: () => getOrderRecord(orderId) });
  return (
    <Card size="small" title={t('tech.record')} loading={record.isPending}>
      {record.data && <RecordView record={record.data} />}
    </Card>
  );
}
