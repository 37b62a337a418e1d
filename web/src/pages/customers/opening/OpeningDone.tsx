import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Result, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import { accountViewPath, type ServiceApplication } from '../../../api/openings';
import { noticeHtmlUrl } from '../../../api/print';
import { useCan } from '../../../auth/CurrentUserContext';
import { useT } from '../../../i18n/useT';
import { useLabel } from './options';

export const printApplication = (id: string) =>
  window.open(noticeHtmlUrl('installationApplication', id), '_blank', 'noopener');

/** After saving: the numbers the clerk tells the applicant, links to the accounts, and the form to print and sign. */
export function OpeningDone({ application, onNext }: { application: ServiceApplication; onNext: () => void }) {
  const { t } = useT();
  const label = useLabel();
  const canPrint = useCan()('print.use');
  const a = application;
  const first = a.households[0];
  return (
    <Result
      status="success"
      title={t('opening.done.title')}
      subTitle={
        <span data-testid="op-done-numbers">
          {t('opening.done.subtitle', { applicationNo: a.applicationNo, accountNo: first?.accountNo ?? '' })}
        </span>
      }
      extra={
        <Space>
          {canPrint && (
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => printApplication(a.id)}
              data-testid="op-print"
            >
              {t('opening.action.print')}
            </Button>
          )}
          <Button onClick={onNext} data-testid="op-next">
            {t('opening.action.next')}
          </Button>
          <Link to="/customers/applications">{t('menu.serviceApplications')}</Link>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('opening.field.applicationNo')}>
          <span data-testid="op-done-applicationNo">{a.applicationNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('opening.field.mode')}>{label('mode', a.mode)}</Descriptions.Item>
        <Descriptions.Item label={t('opening.field.priority')}>{label('priority', a.priority)}</Descriptions.Item>
        <Descriptions.Item label={t('opening.field.applicant')}>{a.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('opening.field.feeAmount')}>{a.feeAmount}</Descriptions.Item>
        <Descriptions.Item label={t('opening.field.status')}>{label('status', a.status)}</Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="accountId"
        dataSource={a.households}
        pagination={a.households.length > 10 ? { pageSize: 10 } : false}
        data-testid="op-done-households"
        columns={[
          {
            title: t('opening.field.accountNo'),
            key: 'accountNo',
            render: (_, h) => (
              <Link to={accountViewPath(h.accountId)} data-testid="op-done-accountNo">
                {h.accountNo}
              </Link>
            ),
          },
          { title: t('opening.field.name'), dataIndex: 'customerName' },
          { title: t('opening.field.address'), dataIndex: 'address' },
          { title: t('opening.field.feeAmount'), dataIndex: 'feeAmount', align: 'right' },
        ]}
      />
    </Result>
  );
}
