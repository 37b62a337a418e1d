import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  CLOSE_METHODS,
  cashierReportUrl,
  cashOfficeKey,
  getShift,
  myShifts,
  openShift,
  type ShiftDetail,
  type ShiftRow,
} from '../../../api/cashOffice';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { formatYuan } from '../../approvals/format';
import { CountForm } from './CountForm';
import { LinesTable, methodKey, openPrint, PostingsTable, ShiftStatusTag, Warnings } from './shared';

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

function OpenShiftCard() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ float?: string }>();
  const open = useMutation({
    mutationFn: (float?: string) => openShift(float),
    meta: { handlesErrors: true },
    onSuccess: () => {
      message.success(t('cash.shift.opened'));
      void queryClient.invalidateQueries({ queryKey: cashOfficeKey });
    },
  });
  return (
    <Card size="small" title={t('cash.shift.none')}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => open.mutate(v.float?.trim() || undefined)}
        disabled={open.isPending}
      >
        <Form.Item
          name="float"
          label={t('cash.float')}
          extra={t('cash.shift.floatHint')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || AMOUNT.test(v.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cash.amountFormat'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" autoComplete="off" data-testid="close-float" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="close-open-shift">
          {t('cash.shift.open')}
        </Button>
      </Form>
      {open.error && (
        <div style={{ marginTop: 12 }}>
          <FormErrorAlert error={open.error} />
        </div>
      )}
    </Card>
  );
}

function ShiftSummary({ shift }: { shift: ShiftDetail }) {
  const { t } = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t('cash.businessDate')}>{shift.businessDate}</Descriptions.Item>
        <Descriptions.Item label={t('cash.openedAt')}>{formatDateTime(shift.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('cash.float')}>{formatYuan(shift.float)}</Descriptions.Item>
        <Descriptions.Item label={t('cash.statusLabel')}>
          <ShiftStatusTag status={shift.status} />
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={4}>
          <Statistic title={t('cash.postingCount')} value={shift.summary.postingCount} />
        </Col>
        <Col span={4}>
          <Statistic title={t('cash.postedAmount')} value={formatYuan(shift.summary.postedAmount)} />
        </Col>
        <Col span={4}>
          <Statistic
            title={t('cash.reversals')}
            value={`${shift.summary.reversedCount} / ${formatYuan(shift.summary.reversedAmount)}`}
          />
        </Col>
        <Col span={4}>
          <Statistic title={t('cash.handoversReceived')} value={formatYuan(shift.summary.handoversReceived)} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('cash.drawerCash')}
            value={formatYuan(shift.summary.drawerCash)}
            data-testid="close-drawer-cash"
          />
        </Col>
      </Row>
      {(['depositsReceived', 'depositsRefunded'] as const).map(
        (k) =>
          shift.summary[k].length > 0 && (
            <Descriptions key={k} size="small" column={6} title={t(`cash.${k}`)} data-testid={`close-${k}`}>
              {shift.summary[k].map((d) => (
                <Descriptions.Item key={d.method} label={t(methodKey(d.method))}>
                  {`${d.count} / ${formatYuan(d.amount)}`}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
      )}
      <Descriptions size="small" column={6} title={t('cash.expectedByMethod')}>
        {CLOSE_METHODS.map((m) => (
          <Descriptions.Item key={m} label={t(methodKey(m))}>
            <span data-testid={`close-expected-${m}`}>{formatYuan(shift.summary.expected[m] ?? '0')}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Space>
  );
}

/** PAY-2 我的班次 / 日结: open a shift, watch its postings, count and close, print the cashier daily report. */
export function MyShiftPage() {
  const { t } = useT();
  const mine = useQuery({ queryKey: [...cashOfficeKey, 'mine'], queryFn: myShifts });
  const [recounting, setRecounting] = useState<string | null>(null);
  const [closed, setClosed] = useState<ShiftDetail | null>(null);
  const recount = useQuery({
    queryKey: [...cashOfficeKey, 'shift', recounting],
    queryFn: () => getShift(recounting!),
    enabled: Boolean(recounting),
  });
  const current = mine.data?.current ?? null;

  const recentColumns = [
    { title: t('cash.businessDate'), dataIndex: 'businessDate', key: 'businessDate' },
    {
      title: t('cash.statusLabel'),
      key: 'status',
      render: (_: unknown, s: ShiftRow) => <ShiftStatusTag status={s.status} />,
    },
    { title: t('cash.countedCash'), dataIndex: 'countedCash', key: 'countedCash', render: formatYuan },
    { title: t('cash.varianceTotal'), dataIndex: 'varianceTotal', key: 'varianceTotal', render: formatYuan },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, s: ShiftRow) =>
        s.status === 'open' ? null : (
          <Button size="small" icon={<PrinterOutlined />} onClick={() => openPrint(cashierReportUrl(s.id))}>
            {t('cash.printReport')}
          </Button>
        ),
    },
  ];

  return (
    <PageCard title={t('menu.cashMyShift')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {mine.isError && <FormErrorAlert error={mine.error} />}
        {closed && (
          <Alert
            type="success"
            showIcon
            data-testid="close-submitted"
            title={t('cash.close.submitted', { date: closed.businessDate })}
            action={
              <Button icon={<PrinterOutlined />} onClick={() => openPrint(cashierReportUrl(closed.id))}>
                {t('cash.printReport')}
              </Button>
            }
          />
        )}
        {closed && <Warnings warnings={closed.warnings} />}
        {(mine.data?.returned ?? []).map((s) => (
          <Alert
            key={s.id}
            type="error"
            showIcon
            data-testid="close-returned"
            title={t('cash.close.returned', { date: s.businessDate, reason: s.returnReason ?? '' })}
            action={
              <Button onClick={() => setRecounting(s.id)} data-testid="close-recount">
                {t('cash.close.recount')}
              </Button>
            }
          />
        ))}
        {recounting && recount.data && (
          <Card size="small" title={t('cash.close.recountTitle', { date: recount.data.businessDate })}>
            <ShiftSummary shift={recount.data} />
            {recount.data.lines && <LinesTable lines={recount.data.lines} />}
            <CountForm
              key={recount.data.id}
              shift={recount.data}
              onDone={(s) => {
                setRecounting(null);
                setClosed(s);
              }}
            />
          </Card>
        )}
        {mine.data && !current && <OpenShiftCard />}
        {current && (
          <>
            <Warnings warnings={current.warnings} />
            <ShiftSummary shift={current} />
            <Typography.Title level={5}>{t('cash.postings')}</Typography.Title>
            <PostingsTable postings={current.postings} />
            <Card size="small" title={t('cash.close.title')}>
              <CountForm key={current.id} shift={current} onDone={setClosed} />
            </Card>
          </>
        )}
        <Typography.Title level={5}>{t('cash.recent')}</Typography.Title>
        <Table<ShiftRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={mine.data?.recent}
          loading={mine.isFetching}
          columns={recentColumns}
          locale={{ emptyText: <Empty description={t('cash.noShifts')} /> }}
          data-testid="close-recent"
        />
      </Space>
    </PageCard>
  );
}
