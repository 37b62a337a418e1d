import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type ComplaintDetail, type ComplaintEvent, complaintsKey, getComplaint } from '../../../api/complaints';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { accountViewPath } from '../../customers/labels';
import { ComplaintActions } from './ComplaintActions';
import { ComplaintStatusTag, ComplaintTimeLeft, GradeTag, useLevelName } from './shared';

const EVENT_COLOR: Record<ComplaintEvent['kind'], string> = {
  created: 'blue',
  assigned: 'blue',
  escalated: 'red',
  breached: 'red',
  extended: 'orange',
  recused: 'gray',
  decided: 'green',
  closed: 'green',
};

function Trail({ complaint }: { complaint: ComplaintDetail }) {
  const { t, lang } = useT();
  const level = (code: string | null) => {
    const l = complaint.levels.find((x) => x.code === code);
    return l ? (lang === 'en' ? l.en : l.zh) : (code ?? '');
  };
  return (
    <Timeline
      data-testid="complaint-timeline"
      items={complaint.events.map((e) => ({
        color: EVENT_COLOR[e.kind],
        content: (
          <div data-testid={`complaint-event-${e.kind}`}>
            <Space size={8} wrap>
              <Typography.Text strong>{t(`cmp.event.${e.kind}` as MessageKey)}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              <Typography.Text type="secondary">
                {e.actorName === 'system' ? t('cmp.system') : e.actorName}
              </Typography.Text>
            </Space>
            {e.kind === 'escalated' && (
              <div>{t('cmp.event.levels', { from: level(e.fromLevel), to: level(e.toLevel) })}</div>
            )}
            {e.toUserName && e.kind !== 'decided' && <div>{t('cmp.event.handler', { name: e.toUserName })}</div>}
            {e.kind === 'extended' && (
              <div>
                {t('cmp.event.deadline', { from: formatDateTime(e.fromDeadline), to: formatDateTime(e.toDeadline) })}
              </div>
            )}
            {e.reason && <Typography.Paragraph style={{ marginBottom: 0 }}>{e.reason}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}

/** 投诉详情 (CMP-1, CMP-2, SVC-6): grade, level, handler, time left, the actions and the trail. */
export function ComplaintDetailPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const levelName = useLevelName();
  const { id = '' } = useParams<{ id: string }>();
  const q = useQuery({
    queryKey: [...complaintsKey, 'detail', id],
    queryFn: () => getComplaint(id),
    refetchInterval: 60_000,
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/service/complaints')}>
      {t('cmp.back')}
    </Button>
  );
  if (q.isLoading) return <Spin />;
  if (!q.data) {
    return (
      <Card variant="borderless" extra={back}>
        <Empty description={t('cmp.notFound')} />
      </Card>
    );
  }
  const c = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <span data-testid="complaint-no">{c.complaintNo}</span>
            <ComplaintStatusTag status={c.status} />
            <GradeTag grade={c.grade} />
            {c.confidential && <Tag color="purple">{t('cmp.confidentialTag')}</Tag>}
            {c.extended && <Tag color="orange">{t('cmp.extendedTag')}</Tag>}
          </Space>
        }
        extra={back}
      >
        {c.masked && <Alert type="info" showIcon title={t('cmp.maskedNote')} style={{ marginBottom: 16 }} />}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('cmp.level')}>
            <span data-testid="complaint-level">{levelName(c)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.handler')}>
            <span data-testid="complaint-handler-name">{c.handlerName ?? t('cmp.noHandler')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.timeLeft')}>
            <ComplaintTimeLeft complaint={c} fetchedAt={q.dataUpdatedAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.receivedAt')}>{formatDateTime(c.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.deadline')}>{formatDateTime(c.deadlineAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.channel')}>{t(`cmp.channel.${c.channel}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.accountNo')}>
            {c.accountId && c.accountNo ? (
              <Link to={accountViewPath(c.accountId)}>{c.accountNo}</Link>
            ) : (
              (c.accountNo ?? '—')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.complainant')}>{c.complainantName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.phone')}>{c.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.address')} span={2}>
            {c.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.source')}>{t(`cmp.source.${c.source}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.subjectUser')}>{c.subjectUserName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.subjectOrgUnit')}>{c.subjectOrgUnitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.owner')}>{c.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cmp.subject')} span={3}>
            {c.subject}
          </Descriptions.Item>
          <Descriptions.Item label={t('cmp.description')} span={3}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
              {c.description}
            </Typography.Paragraph>
          </Descriptions.Item>
          {c.decision && (
            <>
              <Descriptions.Item label={t('cmp.decision')} span={3}>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {c.decision}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('cmp.communicatedVia')}>
                {c.communicatedVia ? t(`cmp.via.${c.communicatedVia}` as MessageKey) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('cmp.communicatedAt')}>{formatDateTime(c.communicatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('cmp.closedAt')}>{formatDateTime(c.closedAt)}</Descriptions.Item>
            </>
          )}
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <ComplaintActions complaint={c} />
        </div>
      </Card>
      <Card variant="borderless" title={t('cmp.timeline')}>
        <Trail complaint={c} />
      </Card>
    </Space>
  );
}
