import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Result, Skeleton, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { accountViewPath, applicationsKey, type FeeLine, getApplication } from '../../../api/openings';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { printApplication } from './OpeningDone';
import { useLabel } from './options';

/** One service application: what was applied for, its households and how the fee was reckoned. */
export function ApplicationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useT();
  const label = useLabel();
  const canPrint = useCan()('print.use');
  const detail = useQuery({
    queryKey: [...applicationsKey, 'detail', id],
    queryFn: () => getApplication(id!),
    enabled: !!id,
  });
  const a = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={820}
      title={a ? `${t('opening.detail.title')} ${a.applicationNo}` : t('opening.detail.title')}
      destroyOnHidden
      extra={
        a &&
        canPrint && (
          <Button icon={<PrinterOutlined />} onClick={() => printApplication(a.id)} data-testid="app-print">
            {t('opening.action.print')}
          </Button>
        )
      }
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.isError ? (
        <Result status="error" title={errorText(detail.error)} />
      ) : (
        a && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="app-detail">
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label={t('opening.field.mode')}>{label('mode', a.mode)}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.status')}>{label('status', a.status)}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.applicant')}>{a.applicantName}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.contactPhone')}>{a.applicantMobile ?? '—'}</Descriptions.Item>
              {a.mode === 'collective' && (
                <Descriptions.Item label={t('opening.field.batchRef')} span={2}>
                  {a.batchRef ?? '—'}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('opening.field.address')} span={2}>
                {a.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.field.usageNature')}>{a.usageNatureName}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.buildingType')}>
                {label('buildingType', a.buildingType)}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.field.meterType')}>
                {label('meterType', a.meterType)}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.field.paymentMethod')}>
                {label('paymentMethod', a.paymentMethod)}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.field.priority')}>{label('priority', a.priority)}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.feeInvoiceNo')}>{a.feeInvoiceNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.applicationDate')}>{a.applicationDate}</Descriptions.Item>
              <Descriptions.Item label={t('opening.field.invoiceDate')}>
                {a.invoiceDate}
                {a.feeInvoiceLost ? `（${t('opening.detail.invoiceLost')}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.field.installationRequest')} span={2}>
                {a.installationRequest ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('opening.detail.takenBy')}>{a.createdByName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('opening.detail.takenAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>
              {t('opening.section.households', { count: a.householdCount })}
            </Typography.Title>
            <Table
              size="small"
              rowKey="accountId"
              dataSource={a.households}
              pagination={a.households.length > 10 ? { pageSize: 10 } : false}
              columns={[
                { title: '#', dataIndex: 'position', width: 48 },
                {
                  title: t('opening.field.accountNo'),
                  key: 'accountNo',
                  render: (_, h) => <Link to={accountViewPath(h.accountId)}>{h.accountNo}</Link>,
                },
                { title: t('opening.field.name'), dataIndex: 'customerName' },
                { title: t('opening.field.address'), dataIndex: 'address' },
                { title: t('opening.field.feeAmount'), dataIndex: 'feeAmount', align: 'right' },
              ]}
            />
            <Typography.Title level={5}>{t('opening.section.fee')}</Typography.Title>
            <Table<FeeLine>
              size="small"
              rowKey={(l, i) => `${l.category}-${i}`}
              dataSource={a.feeBreakdown.lines}
              pagination={false}
              columns={[
                {
                  title: t('opening.fee.item'),
                  key: 'item',
                  render: (_, l) =>
                    [label('feeCategory', l.category), l.applianceKind ? label('applianceKind', l.applianceKind) : null]
                      .filter(Boolean)
                      .join(' · '),
                },
                { title: t('opening.fee.quantity'), dataIndex: 'quantity' },
                { title: t('opening.fee.rate'), dataIndex: 'rate', align: 'right' },
                { title: t('opening.fee.amount'), dataIndex: 'amount', align: 'right' },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    {t('opening.fee.asOf', { date: a.feeBreakdown.asOf })}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong>{a.feeAmount}</Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            {a.appliances.length > 0 && (
              <>
                <Typography.Title level={5}>{t('opening.section.appliances')}</Typography.Title>
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  dataSource={a.appliances}
                  pagination={false}
                  columns={[
                    {
                      title: t('opening.field.applianceKind'),
                      key: 'kind',
                      render: (_, ap) => label('applianceKind', ap.kind),
                    },
                    { title: t('opening.field.brand'), dataIndex: 'brand' },
                    { title: t('opening.field.model'), dataIndex: 'model' },
                    { title: t('opening.field.powerKw'), dataIndex: 'powerKw', align: 'right' },
                  ]}
                />
              </>
            )}
          </Space>
        )
      )}
    </Drawer>
  );
}
