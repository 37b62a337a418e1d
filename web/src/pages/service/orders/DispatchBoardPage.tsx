import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  List,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  listWorkOrders,
  type RegisterFilters,
  type WorkOrder,
  type WorkOrderStatus,
  workOrdersKey,
} from '../../../api/workOrders';
import { FilterActions } from '../../../components/FilterActions';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { formatDateTime } from '../../../lib/time';
import { PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { AssignModal } from './AssignModal';
import { OPEN_STATUSES, statusKey, useBilingual, useCentreWorkers, useMyCentre, useWorkOrderTypes } from './shared';

const REFRESH_MS = 30_000;

interface FilterForm {
  typeCode?: string;
  status?: WorkOrderStatus;
  teamId?: string;
  technicianId?: string;
  unassigned?: boolean;
}

/**
 * 派单看板 (SVC-4, SVC-6): a centre's open orders, earliest deadline first, with the time left of each;
 * the centre's teams and technicians with their load; assign and reassign in a dialog. Refreshes every 30 s.
 */
export function DispatchBoardPage() {
  const { t } = useT();
  const bi = useBilingual();
  const mine = useMyCentre();
  const [centreId, setCentreId] = useState<string | undefined>();
  useEffect(() => {
    if (!centreId && mine.centreId) setCentreId(mine.centreId);
  }, [centreId, mine.centreId]);
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<FilterForm>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [assigning, setAssigning] = useState<WorkOrder | null>(null);
  const types = useWorkOrderTypes();
  const workers = useCentreWorkers(centreId);

  const query: RegisterFilters = {
    orgUnitId: centreId,
    open: 'true',
    typeCode: filters.typeCode,
    status: filters.status,
    teamId: filters.teamId,
    technicianId: filters.technicianId,
    unassigned: filters.unassigned ? 'true' : undefined,
  };
  const params = { ...paging, sort: 'deadlineAt' as const, order: 'asc' as const, ...query };
  const board = useQuery({
    queryKey: [...workOrdersKey, 'board', params],
    queryFn: () => listWorkOrders(params),
    enabled: !!centreId,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const refresh = () => {
    void board.refetch();
    void workers.refetch();
  };
  const apply = (next: FilterForm) => {
    form.setFieldsValue({ ...next });
    setFilters(next);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableProps<WorkOrder>['columns'] = [
    {
      key: 'timeLeft',
      title: t('wo.timeLeft'),
      width: 150,
      render: (_, o) => <TimeLeftTag order={o} fetchedAt={board.dataUpdatedAt} />,
    },
    {
      key: 'orderNo',
      title: t('wo.orderNo'),
      render: (_, o) => (
        <Link to={`/service/orders/${o.id}`} data-testid={`board-order-${o.orderNo}`}>
          {o.orderNo}
        </Link>
      ),
    },
    { key: 'type', title: t('wo.type'), render: (_, o) => bi(o.typeName) },
    { key: 'priority', title: t('wo.priority'), render: (_, o) => <PriorityTag priority={o.priority} /> },
    { key: 'status', title: t('wo.statusLabel'), render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
    {
      key: 'who',
      title: t('wo.assignee'),
      render: (_, o) =>
        o.technicianName || o.teamName ? (
          [o.teamName, o.technicianName].filter(Boolean).join(' · ')
        ) : (
          <Tag color="warning">{t('wo.unassigned')}</Tag>
        ),
    },
    { key: 'address', title: t('wo.address'), render: (_, o) => o.address ?? '' },
    { key: 'deadline', title: t('wo.deadline'), render: (_, o) => formatDateTime(o.deadlineAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, o) => (
        <Button size="small" onClick={() => setAssigning(o)} data-testid={`assign-${o.orderNo}`}>
          {o.technicianId || o.teamId ? t('wo.reassign') : t('wo.assign')}
        </Button>
      ),
    },
  ];
  const onRow = (o: WorkOrder) => {
    const attrs: HTMLAttributes<HTMLElement> & { 'data-testid': string } = { 'data-testid': `board-row-${o.orderNo}` };
    return attrs;
  };

  const teams = workers.data?.teams ?? [];
  const people = workers.data?.workers ?? [];

  return (
    <PageCard
      title={t('menu.dispatchBoard')}
      extra={
        <Space>
          <span>{t('wo.centre')}</span>
          <OrgUnitTreeSelect
            style={{ width: 220 }}
            allowClear={false}
            value={centreId}
            onChange={(v) => {
              setCentreId(v);
              form.resetFields();
              setFilters({});
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            data-testid="board-centre"
          />
          <Typography.Text type="secondary" data-testid="board-updated">
            {board.dataUpdatedAt
              ? t('wo.board.updated', { time: formatDateTime(new Date(board.dataUpdatedAt).toISOString()) })
              : ''}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={board.isFetching} data-testid="board-refresh">
            {t('wo.board.refresh')}
          </Button>
        </Space>
      }
    >
      {!centreId && !mine.loading ? (
        <Empty description={t('wo.board.chooseCentre')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={6}>
            <Card size="small" title={t('wo.board.load')} data-testid="board-load" loading={workers.isPending}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button
                  block
                  type={filters.unassigned ? 'primary' : 'default'}
                  onClick={() => apply({ unassigned: true })}
                  data-testid="board-unassigned"
                >
                  {t('wo.unassigned')} <Badge count={workers.data?.unassigned ?? 0} showZero color="orange" />
                </Button>
                {teams.map((team) => (
                  <div key={team.id}>
                    <Button
                      type="link"
                      style={{ paddingInline: 0 }}
                      onClick={() => apply({ teamId: team.id })}
                      data-testid={`board-team-${team.name}`}
                    >
                      {team.name}（{t('wo.board.openCount', { n: team.openOrders })}）
                    </Button>
                    <List
                      size="small"
                      dataSource={people.filter((p) => p.teamId === team.id)}
                      locale={{ emptyText: t('wo.board.noWorkers') }}
                      renderItem={(p) => (
                        <List.Item
                          style={{ cursor: 'pointer' }}
                          onClick={() => apply({ technicianId: p.id })}
                          data-testid={`load-${p.username}`}
                        >
                          <span>{p.fullName}</span>
                          <Space size={4}>
                            <Tag color={p.openOrders ? 'blue' : 'default'}>
                              {t('wo.board.openCount', { n: p.openOrders })}
                            </Tag>
                            {p.breachedOrders > 0 && (
                              <Tag color="red">{t('wo.board.breachedCount', { n: p.breachedOrders })}</Tag>
                            )}
                          </Space>
                        </List.Item>
                      )}
                    />
                  </div>
                ))}
                {people.some((p) => !p.teamId) && (
                  <List
                    size="small"
                    header={t('wo.board.noTeam')}
                    dataSource={people.filter((p) => !p.teamId)}
                    renderItem={(p) => (
                      <List.Item style={{ cursor: 'pointer' }} onClick={() => apply({ technicianId: p.id })}>
                        <span>{p.fullName}</span>
                        <Tag>{t('wo.board.openCount', { n: p.openOrders })}</Tag>
                      </List.Item>
                    )}
                  />
                )}
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={18}>
            <Form<FilterForm>
              form={form}
              layout="inline"
              style={{ marginBottom: 16, rowGap: 12 }}
              onFinish={(v) => apply(v)}
            >
              <Form.Item name="typeCode" label={t('wo.type')}>
                <Select
                  allowClear
                  style={{ width: 150 }}
                  options={(types.data ?? []).map((x) => ({ value: x.code, label: bi(x.name) }))}
                  data-testid="board-filter-type"
                />
              </Form.Item>
              <Form.Item name="status" label={t('wo.statusLabel')}>
                <Select
                  allowClear
                  style={{ width: 120 }}
                  options={OPEN_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
                  data-testid="board-filter-status"
                />
              </Form.Item>
              <Form.Item name="teamId" label={t('wo.team')}>
                <Select
                  allowClear
                  style={{ width: 140 }}
                  options={teams.map((x) => ({ value: x.id, label: x.name }))}
                />
              </Form.Item>
              <Form.Item name="technicianId" label={t('wo.technician')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 140 }}
                  options={people.map((p) => ({ value: p.id, label: p.fullName }))}
                />
              </Form.Item>
              <Form.Item name="unassigned" valuePropName="checked">
                <Checkbox data-testid="board-filter-unassigned">{t('wo.board.onlyUnassigned')}</Checkbox>
              </Form.Item>
              <FilterActions form={form} onReset={() => apply({})} searchTestId="board-search" />
            </Form>
            <Table<WorkOrder>
              rowKey="id"
              size="middle"
              data-testid="board-table"
              columns={columns}
              dataSource={board.data?.items}
              loading={board.isPending && !!centreId}
              onRow={onRow}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: board.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (total) => t('common.total', { total }),
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
              scroll={{ x: 'max-content' }}
            />
          </Col>
        </Row>
      )}
      <AssignModal
        order={assigning ? (board.data?.items.find((o) => o.id === assigning.id) ?? assigning) : null}
        onClose={() => setAssigning(null)}
        onDone={() => void workers.refetch()}
      />
    </PageCard>
  );
}
