import {
  ArrowLeftOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  EyeOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { accountKey, getOverview, type Revealed, revealPersonalData } from '../../api/customers';
import { useCan } from '../../auth/CurrentUserContext';
import { DetailPlaceholder } from '../../components/DetailPlaceholder';
import { useT } from '../../i18n/useT';
import { ContactModal } from './ContactModal';
import { EditAccountModal } from './edit/EditAccountModal';
import { FlowButtons } from './flows/FlowButtons';
import { label, STATUS_COLOR } from './labels';
import { ContactsCard, NoticesCard, WorkCard } from './view/ActivityCards';
import { BalanceCard } from './view/BalanceCard';
import { ChangesCard } from './view/ChangesCard';
import { FinanceCard } from './view/FinanceCard';
import { LedgerCard } from './view/LedgerCard';
import { MetersCard } from './view/MetersCard';
import { ProfileCard } from './view/ProfileCard';
import { AppliancesCard, ContractsCard, DepositsCard, InvoiceCard } from './view/RecordsCards';

/**
 * 用户360视图 (CUS-3): the account at a glance — profile, premise, meters and their history, contracts,
 * appliances, balance and arrears, work, notices, contacts and every change — with the actions that start
 * from it. Opening it is recorded (IAM-5); personal data shows in full only on request, and that is recorded too.
 */
export function AccountViewPage() {
  const { t } = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { id = '' } = useParams<{ id: string }>();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const overview = useQuery({ queryKey: accountKey(id), queryFn: () => getOverview(id), staleTime: 0 });
  const reveal = useMutation({ mutationFn: () => revealPersonalData(id), onSuccess: setRevealed });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="view-back">
      {t('customers.view.back')}
    </Button>
  );
  if (overview.isPending || overview.isError || !overview.data) {
    return (
      <DetailPlaceholder
        query={overview}
        notFound={t('customers.view.notFound')}
        failed={t('customers.view.loadFailed')}
        back={back}
      />
    );
  }

  const o = overview.data;
  const { account, customer } = o;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="account-view">
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <span>{customer.name}</span>
            <Typography.Text copyable data-testid="view-account-no">
              {account.accountNo}
            </Typography.Text>
            <Tag color={STATUS_COLOR[account.status]} data-testid="view-status">
              {t(label('status', account.status))}
            </Tag>
            {customer.specialCare.map((c) => (
              <Tag key={c} color="magenta">
                {t(label('specialCare', c))}
              </Tag>
            ))}
          </Space>
        }
        extra={back}
      >
        <Space wrap>
          {o.canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="view-edit">
              {t('customers.view.edit')}
            </Button>
          )}
          {can('contact.record') && (
            <Button icon={<PhoneOutlined />} onClick={() => setRecording(true)} data-testid="view-record-contact">
              {t('customers.view.recordContact')}
            </Button>
          )}
          {can('workorder.create') && can('contact.record') && (
            <Button
              icon={<CustomerServiceOutlined />}
              onClick={() => navigate(`/service/intake?accountNo=${encodeURIComponent(account.accountNo)}`)}
              data-testid="view-intake"
            >
              {t('customers.view.intake')}
            </Button>
          )}
          <FlowButtons
            accountId={account.id}
            status={account.status}
            customerKind={customer.kind}
            onChanged={() => overview.refetch()}
          />
          {o.canReveal && !revealed && (
            <Button
              icon={<EyeOutlined />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate()}
              data-testid="view-reveal"
            >
              {t('customers.view.show')}
            </Button>
          )}
        </Space>
        {revealed && (
          <Alert
            type="warning"
            showIcon
            title={t('customers.view.revealed')}
            style={{ marginTop: 12 }}
            data-testid="view-revealed"
          />
        )}
      </Card>

      <ProfileCard overview={o} revealed={revealed} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <MetersCard overview={o} />
        </Col>
        <Col xs={24} xl={10}>
          <BalanceCard overview={o} />
        </Col>
        <Col xs={24}>
          <LedgerCard accountId={account.id} />
        </Col>
        <Col xs={24}>
          <FinanceCard accountId={account.id} />
        </Col>
        <Col xs={24} xl={12}>
          <ContractsCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <WorkCard overview={o} />
        </Col>
        <Col xs={24}>
          <AppliancesCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <InvoiceCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <DepositsCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <ContactsCard overview={o} />
        </Col>
        <Col xs={24} xl={12}>
          <NoticesCard overview={o} />
        </Col>
        <Col xs={24}>
          <ChangesCard overview={o} />
        </Col>
      </Row>

      {editing && <EditAccountModal overview={o} open={editing} onClose={() => setEditing(false)} />}
      <ContactModal
        open={recording}
        onClose={() => setRecording(false)}
        account={{ id: account.id, accountNo: account.accountNo, name: customer.name }}
      />
    </Space>
  );
}
