import { Descriptions, Table, Tag, Typography } from 'antd';
import type { AccountOverview } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { label } from '../labels';
import { DesignedFlowTable } from './DesignedFlow';
import { dash, Nothing, Section } from './Section';

type Event = AccountOverview['meterEvents'][number];

/** CUS-4: the meter in use, every meter the account has had, and the install / replace / remove history. */
export function MetersCard({ overview }: { overview: AccountOverview }) {
  const { t } = useT();
  const { meter, meters, meterEvents } = overview;
  const yes = (v: boolean) => (v ? t('customers.yes') : t('customers.no'));
  return (
    <Section title={t('customers.view.meters')} testId="view-meters">
      {meter ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xxl: 3 }}
          items={[
            {
              key: 'serial',
              label: t('customers.meterSerial'),
              children: (
                <span data-testid="view-meter-serial">
                  {meter.serial} <Tag color="green">{t('customers.view.currentMeter')}</Tag>
                </span>
              ),
            },
            { key: 'type', label: t('customers.view.meterType'), children: t(label('meterType', meter.meterType)) },
            {
              key: 'maker',
              label: t('customers.view.manufacturer'),
              children: `${meter.manufacturer} ${meter.model ?? ''}`,
            },
            {
              key: 'inlet',
              label: t('customers.view.inletDirection'),
              children: meter.inletDirection ? t(label('inlet', meter.inletDirection)) : '—',
            },
            { key: 'base', label: t('customers.view.baseReading'), children: meter.baseReading },
            {
              key: 'seals',
              label: `${t('customers.view.sealInlet')} / ${t('customers.view.sealOutlet')}`,
              children: `${dash(meter.sealInlet)} / ${dash(meter.sealOutlet)}`,
            },
            {
              key: 'location',
              label: t('customers.view.location'),
              children: meter.location ? t(label('location', meter.location)) : '—',
            },
            { key: 'hose', label: t('customers.view.metalHose'), children: yes(meter.metalHose) },
            { key: 'installed', label: t('customers.view.installedOn'), children: dash(meter.installedOn) },
          ]}
        />
      ) : (
        <Nothing text={t('customers.edit.noMeter')} />
      )}
      {meters.length > 1 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {meters
            .filter((m) => !m.current)
            .map((m) => `${m.serial}（${t(label('meterType', m.meterType))}）`)
            .join('、')}
        </Typography.Paragraph>
      )}
      <DesignedFlowTable overview={overview} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('customers.view.meterHistory')}
      </Typography.Title>
      <Table<Event>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={meterEvents}
        data-testid="view-meter-events"
        locale={{ emptyText: t('customers.none') }}
        columns={[
          { title: t('customers.view.happenedOn'), dataIndex: 'happenedOn', key: 'happenedOn', width: 110 },
          {
            title: t('customers.view.eventKind'),
            dataIndex: 'kind',
            key: 'kind',
            render: (k: string, e) => (
              <>
                {t(label('meterEvent', k))}
                {e.temporary && <Tag color="orange">{t('customers.view.temporary')}</Tag>}
              </>
            ),
          },
          { title: t('customers.meterSerial'), dataIndex: 'meterSerial', key: 'meterSerial' },
          { title: t('customers.view.reading'), dataIndex: 'reading', key: 'reading' },
          {
            title: t('customers.view.oldMeter'),
            key: 'old',
            render: (_, e) => (e.oldMeterSerial ? `${e.oldMeterSerial}（${e.oldReading}）` : '—'),
          },
          { title: t('customers.view.reason'), dataIndex: 'reason', key: 'reason', render: (r) => dash(r) },
          { title: t('customers.view.recordedBy'), dataIndex: 'recordedByName', key: 'by', render: (r) => dash(r) },
        ]}
      />
    </Section>
  );
}
