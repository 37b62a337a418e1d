import { Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Entity } from '../../api/customers';
import { useT } from '../../i18n/useT';
import { accountViewPath, FIELD_LABEL, label } from './labels';

interface Payload {
  accountId: string;
  accountNo: string;
  changes: { entity: Entity; field: string; before: unknown; after: unknown }[];
}

const ENUMS: Record<string, string> = {
  idType: 'idType',
  addressKind: 'addressKind',
  location: 'location',
  inletDirection: 'inlet',
  paymentMethod: 'payment',
};

/** What a customerDataChange request changes (IAM-4): each field before → after, for the approver to check. */
export function CustomerChangePayloadView({ payload }: { payload: unknown }) {
  const { t } = useT();
  const p = payload as Payload;
  if (!p?.changes) return null;
  const value = (field: string, v: unknown) =>
    v === null || v === undefined || v === '' ? '—' : ENUMS[field] ? t(label(ENUMS[field], String(v))) : String(v);
  return (
    <div data-testid="customer-change-payload">
      <Typography.Paragraph>
        {t('customers.accountNo')}：<Link to={accountViewPath(p.accountId)}>{p.accountNo}</Link>
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={p.changes.map((c) => {
          const key = FIELD_LABEL[`${c.entity}.${c.field}`];
          return {
            key: `${c.entity}.${c.field}`,
            label: `${t(label('entity', c.entity))} · ${key ? t(key) : c.field}`,
            children: `${value(c.field, c.before)} → ${value(c.field, c.after)}`,
          };
        })}
      />
    </div>
  );
}
