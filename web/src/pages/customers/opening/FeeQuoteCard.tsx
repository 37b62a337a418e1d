import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Form, Skeleton, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import { type ApplianceInput, type FeeLine, openingsKey, quoteFee } from '../../../api/openings';
import { useT } from '../../../i18n/useT';
import type { OpeningForm } from './formModel';
import { useLabel } from './options';
import { patterns } from './rules';

/** CUS-8: the installation fee from the company's schedule in force on the invoice date, as the form is filled in. */
export function FeeQuoteCard() {
  const { t } = useT();
  const label = useLabel();
  const form = Form.useFormInstance<OpeningForm>();
  const usageNature: string | undefined = Form.useWatch('usageNature', form);
  const buildingType = Form.useWatch('buildingType', form);
  const mode = Form.useWatch('mode', form);
  const households = (Form.useWatch('households', form) ?? []).length;
  const appliances: ApplianceInput[] = Form.useWatch('appliances', form) ?? [];
  const invoiceDate: Dayjs | undefined = Form.useWatch('invoiceDate', form);
  const pairs = appliances
    .filter((a) => a?.kind && a.powerKw && patterns.kw.test(a.powerKw.trim()))
    .map((a) => `${a.kind}:${a.powerKw!.trim()}`)
    .join(',');
  const params = {
    usageNature: usageNature ?? '',
    buildingType: buildingType ?? undefined,
    households: mode === 'collective' ? Math.max(1, households) : 1,
    appliances: pairs || undefined,
    asOf: invoiceDate?.format('YYYY-MM-DD'),
  };
  const quote = useQuery({
    queryKey: [...openingsKey, 'fee', params],
    queryFn: () => quoteFee(params),
    enabled: !!usageNature,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const item = (line: FeeLine) =>
    [label('feeCategory', line.category), line.applianceKind ? label('applianceKind', line.applianceKind) : null]
      .filter(Boolean)
      .join(' · ');
  return (
    <Card size="small" title={t('opening.section.fee')} data-testid="op-fee">
      {!usageNature ? (
        <Typography.Text type="secondary">{t('opening.fee.pickNature')}</Typography.Text>
      ) : quote.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : quote.isError ? (
        <Alert type="warning" title={quote.error instanceof ApiError ? quote.error.message : t('error.unexpected')} />
      ) : (
        <>
          <Table<FeeLine>
            size="small"
            pagination={false}
            rowKey={(line, i) => `${line.category}-${i}`}
            dataSource={quote.data.lines}
            locale={{ emptyText: t('opening.fee.noLines') }}
            columns={[
              { title: t('opening.fee.item'), key: 'item', render: (_, line) => item(line) },
              {
                title: t('opening.fee.quantity'),
                key: 'quantity',
                render: (_, line) =>
                  `${line.quantity} ${t(line.unit === 'kW' ? 'opening.fee.kw' : 'opening.fee.household')}`,
              },
              { title: t('opening.fee.rate'), dataIndex: 'rate', align: 'right' },
              { title: t('opening.fee.amount'), dataIndex: 'amount', align: 'right' },
            ]}
          />
          <div style={{ marginTop: 12, textAlign: 'right' }}>
            <Typography.Text type="secondary">{t('opening.fee.asOf', { date: quote.data.asOf })}　</Typography.Text>
            <Typography.Text strong data-testid="op-fee-total">
              {t('opening.fee.total', { amount: quote.data.total })}
            </Typography.Text>
          </div>
        </>
      )}
    </Card>
  );
}
