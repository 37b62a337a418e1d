import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { type BillLine, billsKey, getBill } from '../../../api/billing';
import { billNoticeUrl, type NoticePaper } from '../../../api/notices';
import { useCan } from '../../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { BillKindTag } from './BillsPage';

/** 账单详情 (BIL-2): a bill and its lines, one per tier and price period. */
export function BillDetailPage() {
  const { t } = useT();
  const can = useCan();
  const { message } = App.useApp();
  const { id = '' } = useParams<{ id: string }>();
  const bill = useQuery({ queryKey: [...billsKey, 'detail', id], queryFn: () => getBill(id) });
  if (!bill.data) {
    return (
      <DetailPlaceholder
        query={bill}
        notFound={t('bill.notFound')}
        failed={t('bill.loadFailed')}
        back={<Link to="/billing/bills">{t('bill.back')}</Link>}
      />
    );
  }
  const b = bill.data;
  // MTR-8: the bill's payment (or C&I reading) notice in a new window, printed from the browser's dialogue.
  const print = (paper: NoticePaper) => {
    if (!window.open(billNoticeUrl(b.id, paper), '_blank')) message.warning(t('notice.popupBlocked'));
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={t('bill.detailTitle', { accountNo: b.accountNo, period: b.period })}
        extra={
          <Space>
            {can('billing.notice.print') && (
              <>
                <Button icon={<PrinterOutlined />} onClick={() => print('A4')} data-testid="bill-print-a4">
                  {t('bill.printNotice')}
                </Button>
                <Button onClick={() => print('receipt80')} data-testid="bill-print-receipt">
                  {t('bill.printReceipt')}
                </Button>
              </>
            )}
            <Link to={`/customers/accounts/${b.accountId}`}>{t('bill.toAccount')}</Link>
          </Space>
        }
      >
        <Descriptions size="small" column={3} data-testid="bill-detail">
          <Descriptions.Item label={t('bill.kind')}>
            <BillKindTag kind={b.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('bill.usageNature')}>{b.usageNature}</Descriptions.Item>
          <Descriptions.Item label={t('bill.meters')}>{b.meters}</Descriptions.Item>
          <Descriptions.Item label={t('bill.fromDate')}>{b.fromDate}</Descriptions.Item>
          <Descriptions.Item label={t('bill.readOn')}>{b.readOn}</Descriptions.Item>
          <Descriptions.Item label={t('bill.dueOn')}>{b.dueOn ?? t('bill.noDue')}</Descriptions.Item>
          <Descriptions.Item label={t('bill.volume')}>{b.volume}</Descriptions.Item>
          <Descriptions.Item label={t('bill.yearVolumeBefore')}>{b.yearVolumeBefore}</Descriptions.Item>
          <Descriptions.Item label={t('bill.amount')}>
            <strong data-testid="bill-amount">{b.amount}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('bill.createdAt')}>{formatDateTime(String(b.createdAt))}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t('bill.lines')}>
        <Table<BillLine>
          size="small"
          rowKey={(l) => (l.kind ? `${l.kind}-${(l.periods ?? []).join(',')}` : `${l.tariffId}-${l.tier}-${l.from}`)}
          data-testid="bill-lines"
          dataSource={b.lines}
          pagination={false}
          columns={[
            {
              title: t('bill.tier'),
              key: 'tier',
              render: (_, l) =>
                l.kind === 'estimateCredit'
                  ? t('bill.estimateCredit', { periods: (l.periods ?? []).join('、') })
                  : t('bill.tierNo', { n: l.tier ?? '—' }),
            },
            { title: t('bill.linePeriod'), key: 'range', render: (_, l) => (l.from ? `${l.from} ~ ${l.to}` : '—') },
            { title: t('bill.volume'), dataIndex: 'volume', key: 'volume', align: 'right' },
            {
              title: t('bill.price'),
              dataIndex: 'price',
              key: 'price',
              align: 'right',
              render: (v?: string) => v ?? '—',
            },
            { title: t('bill.lineAmount'), dataIndex: 'amount', key: 'amount', align: 'right' },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('bill.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {b.volume}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} />
              <Table.Summary.Cell index={4} align="right">
                {b.amount}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </Space>
  );
}
