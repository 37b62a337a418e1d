import { Descriptions, Space, Tag } from 'antd';
import type { AccountOverview, Revealed } from '../../../api/customers';
import { useT } from '../../../i18n/useT';
import { label } from '../labels';
import { dash, Section } from './Section';

/** The customer, the account and the premise; personal data masked until "show" (IAM-5). */
export function ProfileCard({ overview, revealed }: { overview: AccountOverview; revealed: Revealed | null }) {
  const { t } = useT();
  const { customer: c, account: a, premise: p } = overview;
  const pick = (shown: string | null, whole: string | null | undefined) => dash(revealed ? (whole ?? null) : shown);
  return (
    <Section title={t('customers.view.profile')} testId="view-profile">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'name', label: t('customers.name'), children: <span data-testid="view-customer-name">{c.name}</span> },
          { key: 'kind', label: t('customers.kind'), children: t(label('kind', c.kind)) },
          {
            key: 'idNo',
            label: c.idType ? t(label('idType', c.idType)) : t('customers.idNo'),
            children: <span data-testid="view-idNo">{pick(c.idNo, revealed?.idNo)}</span>,
          },
          {
            key: 'mobile',
            label: t('customers.mobile'),
            children: <span data-testid="view-mobile">{pick(c.mobile, revealed?.mobile)}</span>,
          },
          { key: 'phone', label: t('customers.phone'), children: pick(c.phone, revealed?.phone) },
          ...(c.taxNo ? [{ key: 'taxNo', label: t('customers.taxNo'), children: c.taxNo }] : []),
          {
            key: 'care',
            label: t('customers.specialCare'),
            children: c.specialCare.length ? (
              <Space size={4} wrap>
                {c.specialCare.map((s) => (
                  <Tag key={s} color="magenta">
                    {t(label('specialCare', s))}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          {
            key: 'usage',
            label: t('customers.usageNature'),
            children: `${a.usageNatureName}（${t(label('commodity', a.commodity))}）`,
          },
          { key: 'payment', label: t('customers.paymentMethod'), children: t(label('payment', a.paymentMethod)) },
          ...(a.paymentMethod === 'bankDebit'
            ? [
                {
                  key: 'bank',
                  label: t('customers.view.bank'),
                  children: `${dash(a.bankName)} ${pick(a.bankAccountNo, revealed?.bankAccountNo)} ${dash(a.bankAccountHolder)}`,
                },
              ]
            : []),
          {
            key: 'sms',
            label: t('customers.smsMobile'),
            children: a.smsMobile
              ? `${pick(a.smsMobile, revealed?.smsMobile)}（${t(label('carrier', a.smsCarrier))}）`
              : '—',
          },
          { key: 'opened', label: t('customers.openedOn'), children: dash(a.openedOn) },
          ...(a.closedOn ? [{ key: 'closed', label: t('customers.closedOn'), children: a.closedOn }] : []),
          {
            key: 'address',
            label: t('customers.address'),
            span: 'filled' as const,
            children: <span data-testid="view-address">{p.fullAddress}</span>,
          },
          ...(c.note ? [{ key: 'note', label: t('customers.note'), span: 'filled' as const, children: c.note }] : []),
        ]}
      />
    </Section>
  );
}
