import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { type Channel, type Contact, contactsKey, listContactCategories, recordContact } from '../../../api/contacts';
import { type SearchHit, searchAccounts } from '../../../api/customers';
import { useOrgUnits } from '../../../api/org';
import { myContactsKey } from '../../../api/outages';
import {
  createWorkOrder,
  listWorkOrders,
  listWorkOrderTypes,
  type WorkOrderDetail,
  type WorkOrderPriority,
  workOrdersKey,
} from '../../../api/workOrders';
import { useCan, useCurrentUser } from '../../../auth/CurrentUserContext';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { OrgUnitTreeSelect } from '../../../components/OrgUnitTreeSelect';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { applyServerFieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/time';
import { blankToUndefined, rules } from '../../../lib/validation';
import { PriorityTag, TimeLeftTag, WorkOrderStatusTag } from '../TimeLeftTag';
import { CallerPicker } from './CallerPicker';
import { OutageAlert } from './OutageAlert';

/** SVC-2 categories that are worked as a work order. */
const ORDER_CATEGORIES = ['repair', 'emergency', 'business'];
const PHONE = /^[0-9+\-() ]{3,32}$/;
const PRIORITIES: WorkOrderPriority[] = ['low', 'normal', 'high', 'urgent'];

interface IntakeForm {
  callerName?: string;
  phone?: string;
  address?: string;
  category?: string;
  summary: string;
  makeOrder: boolean;
  typeCode?: string;
  priority?: WorkOrderPriority;
  orgUnitId?: string;
}

interface Done {
  contact: Contact;
  order: WorkOrderDetail | null;
  fetchedAt: number;
}

/** The account's open work orders, so the agent sees what is already under way (SVC-3). */
function OpenOrders({ accountNo }: { accountNo: string }) {
  const { t, lang } = useT();
  const orders = useQuery({
    queryKey: [...workOrdersKey, 'open-of-account', accountNo],
    queryFn: () => listWorkOrders({ accountNo, open: 'true', page: 1, pageSize: 10, sort: 'deadlineAt', order: 'asc' }),
  });
  const fetchedAt = orders.dataUpdatedAt;
  return (
    <Card size="small" title={t('intake.openOrders')} style={{ marginBottom: 16 }} data-testid="intake-open-orders">
      {orders.isError ? (
        <Alert type="warning" title={t('intake.openOrdersFailed')} />
      ) : (
        <List
          size="small"
          loading={orders.isPending}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noOpenOrders')} /> }}
          dataSource={orders.data?.items ?? []}
          renderItem={(o) => (
            <List.Item>
              <Space wrap size={6}>
                <Link to={`/service/orders/${o.id}`}>{o.orderNo}</Link>
                <span>{lang === 'en' ? o.typeName.en : o.typeName.zh}</span>
                <WorkOrderStatusTag status={o.status} />
                <TimeLeftTag order={o} fetchedAt={fetchedAt} />
                <Typography.Text type="secondary">{o.technicianName ?? t('wo.unassigned')}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The centre an order goes to by default: the nearest unit (not team) at or above the user's own. */
function useDefaultCentre(): string | undefined {
  const me = useCurrentUser();
  const units = useOrgUnits();
  return useMemo(() => {
    const all = units.data ?? [];
    let at = all.find((u) => u.id === me.orgUnit?.id);
    while (at && at.kind !== 'unit') at = all.find((u) => u.id === at!.parentId);
    return at?.id;
  }, [units.data, me.orgUnit?.id]);
}

/**
 * 受理台 (SVC-1/2/3/10): the hotline's and the hall's desk. Find the caller's account or take an
 * unknown caller, see any outage at their premise and their open orders, choose the category, write
 * the request: the contact is logged, and a repair, emergency or business request becomes a work order.
 */
export function IntakePage() {
  const { t, lang } = useT();
  const me = useCurrentUser();
  const can = useCan();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IntakeForm>();
  const [channel, setChannel] = useState<Channel>(me.roles.some((r) => r.code === 'hall_clerk') ? 'hall' : 'hotline');
  const [mode, setMode] = useState<'account' | 'unknown'>('account');
  const [hit, setHit] = useState<SearchHit | null>(null);
  const [pendingContact, setPendingContact] = useState<Contact | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const category = Form.useWatch('category', form);
  const makeOrder = Form.useWatch('makeOrder', form);
  const defaultCentre = useDefaultCentre();

  useEffect(() => {
    if (defaultCentre && !form.getFieldValue('orgUnitId')) form.setFieldValue('orgUnitId', defaultCentre);
  }, [defaultCentre, form]);

  // Opened from an account's 360° view (`?accountNo=`): the caller is that account.
  const [searchParams] = useSearchParams();
  const accountNo = searchParams.get('accountNo');
  useEffect(() => {
    if (!accountNo) return;
    let stale = false;
    searchAccounts(accountNo, 5)
      .then((r) => {
        const found = r.items.find((h) => h.accountNo === accountNo);
        if (!stale && found) setHit(found);
      })
      .catch(() => {});
    return () => {
      stale = true;
    };
  }, [accountNo]);

  const categories = useQuery({
    queryKey: [...contactsKey, 'categories'],
    queryFn: listContactCategories,
    staleTime: 300_000,
  });
  const types = useQuery({
    queryKey: [...workOrdersKey, 'types'],
    queryFn: listWorkOrderTypes,
    staleTime: 300_000,
  });
  const isOrderCategory = !!category && ORDER_CATEGORIES.includes(category) && can('workorder.create');
  const orderWanted = isOrderCategory && makeOrder !== false;
  const typeOptions = (types.data?.items ?? [])
    .filter((ty) => ty.active && ty.category === category)
    .map((ty) => ({ value: ty.code, label: lang === 'en' ? ty.name.en : ty.name.zh }));

  const onCategory = (code: string) => {
    const first = (types.data?.items ?? []).find((ty) => ty.active && ty.category === code);
    const preset = code === 'emergency' ? 'leakEmergency' : code === 'repair' ? 'repair' : first?.code;
    const type = (types.data?.items ?? []).find((ty) => ty.code === preset);
    form.setFieldsValue({
      makeOrder: true,
      typeCode: type?.code,
      priority: code === 'emergency' ? 'urgent' : type?.defaultPriority,
    });
  };

  const submit = useMutation({
    mutationFn: async (v: IntakeForm) => {
      const address = blankToUndefined(v.address);
      const summary = v.summary.trim();
      // A contact already logged by an attempt whose order then failed is not logged twice.
      const contact =
        pendingContact ??
        (await recordContact({
          channel,
          category: v.category!,
          accountId: hit?.accountId ?? null,
          callerName: blankToUndefined(v.callerName) ?? null,
          phone: blankToUndefined(v.phone) ?? null,
          summary: !hit && address ? `${summary}（${t('intake.address')}：${address}）` : summary,
        }));
      setPendingContact(contact);
      let order: WorkOrderDetail | null = null;
      if (orderWanted) {
        order = await createWorkOrder({
          typeCode: v.typeCode!,
          channel,
          accountId: hit?.accountId ?? null,
          callerName: blankToUndefined(v.callerName) ?? null,
          phone: blankToUndefined(v.phone) ?? null,
          address: hit ? null : (address ?? null),
          contactId: contact.id,
          description: summary,
          priority: v.priority ?? null,
          orgUnitId: v.orgUnitId!,
        });
      }
      return { contact, order, fetchedAt: Date.now() };
    },
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err, []),
    onSuccess: (d) => {
      setDone(d);
      setPendingContact(null);
      queryClient.invalidateQueries({ queryKey: contactsKey });
      queryClient.invalidateQueries({ queryKey: workOrdersKey });
      queryClient.invalidateQueries({ queryKey: myContactsKey });
    },
  });

  const next = () => {
    setDone(null);
    setHit(null);
    setPendingContact(null);
    submit.reset();
    form.resetFields();
    if (defaultCentre) form.setFieldValue('orgUnitId', defaultCentre);
  };

  const ctrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  if (done) {
    const o = done.order;
    const complaint = done.contact.category === 'complaint';
    const complaintLink = `/service/complaints/new?${new URLSearchParams({
      ...(done.contact.accountId ? { accountId: done.contact.accountId } : {}),
      contactId: done.contact.id,
    })}`;
    return (
      <Card variant="borderless" title={t('menu.intake')}>
        <Result
          status="success"
          title={o ? t('intake.orderCreated') : t('intake.contactLogged')}
          subTitle={o ? undefined : t('intake.contactOnly')}
          extra={
            <Space wrap>
              {o && (
                <Link to={`/service/orders/${o.id}`}>
                  <Button>{t('intake.openOrder')}</Button>
                </Link>
              )}
              {complaint && (
                <Link to={complaintLink} data-testid="intake-complaint-link">
                  <Button type="primary">{t('intake.toComplaint')}</Button>
                </Link>
              )}
              <Button type="primary" autoFocus onClick={next} data-testid="intake-next">
                {t('intake.next')}
              </Button>
            </Space>
          }
        >
          {o && (
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('wo.orderNo')}>
                <Typography.Text strong copyable data-testid="intake-order-no">
                  {o.orderNo}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.type')}>
                {lang === 'en' ? o.typeName.en : o.typeName.zh} <PriorityTag priority={o.priority} />
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.deadline')}>
                <span data-testid="intake-deadline">{formatDateTime(o.deadlineAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.timeLeft')}>
                <TimeLeftTag order={o} fetchedAt={done.fetchedAt} />
              </Descriptions.Item>
              <Descriptions.Item label={t('wo.centre')}>{o.orgUnitName ?? '—'}</Descriptions.Item>
            </Descriptions>
          )}
        </Result>
      </Card>
    );
  }

  const fieldError = submit.error instanceof ApiError && (submit.error.details?.fields?.length ?? 0) > 0;
  return (
    <Card
      variant="borderless"
      title={t('menu.intake')}
      extra={
        <Radio.Group
          optionType="button"
          value={channel}
          onChange={(e) => setChannel(e.target.value)}
          options={(['hotline', 'hall'] as const).map((c) => ({ value: c, label: t(`customers.channel.${c}`) }))}
          data-testid="intake-channel"
        />
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          {!fieldError && <FormErrorAlert error={submit.error} />}
          {pendingContact && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('intake.contactKept')} />
          )}
          <Form<IntakeForm>
            form={form}
            layout="vertical"
            validateTrigger="onChange"
            initialValues={{ makeOrder: true, orgUnitId: defaultCentre }}
            onFinish={(v) => submit.mutate({ ...v, orgUnitId: v.orgUnitId ?? defaultCentre })}
          >
            <Form.Item label={t('intake.caller')}>
              <Segmented
                value={mode}
                onChange={(m) => {
                  setMode(m as 'account' | 'unknown');
                  setHit(null);
                }}
                options={[
                  { value: 'account', label: t('intake.knownCaller') },
                  { value: 'unknown', label: t('intake.unknownCaller') },
                ]}
                data-testid="intake-mode"
              />
            </Form.Item>
            {mode === 'account' ? (
              <Form.Item label={t('intake.account')} required>
                <CallerPicker value={hit} onChange={setHit} autoFocus />
              </Form.Item>
            ) : null}
            <Space wrap align="start">
              <Form.Item
                name="callerName"
                label={t('intake.callerName')}
                dependencies={['phone']}
                rules={[
                  { max: 50 },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) =>
                      hit || v?.trim() || getFieldValue('phone')?.trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('intake.whoRequired'))),
                  }),
                ]}
              >
                <Input style={{ width: 200 }} data-testid="intake-callerName" autoFocus={mode === 'unknown'} />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('intake.phone')}
                rules={[{ pattern: PHONE, message: t('outage.phoneChars') }]}
              >
                <Input style={{ width: 200 }} data-testid="intake-phone" />
              </Form.Item>
            </Space>
            {mode === 'unknown' && (
              <Form.Item
                name="address"
                label={t('intake.address')}
                rules={[
                  { max: 200 },
                  {
                    validator: (_, v: string | undefined) =>
                      !orderWanted || v?.trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('intake.addressRequired'))),
                  },
                ]}
                dependencies={['category', 'makeOrder']}
              >
                <Input data-testid="intake-address" />
              </Form.Item>
            )}
            <Form.Item
              name="category"
              label={t('intake.category')}
              rules={[rules.requiredSelect(t, 'intake.category')]}
            >
              <Radio.Group
                optionType="button"
                onChange={(e) => onCategory(e.target.value)}
                options={(categories.data?.items ?? []).map((c) => ({
                  value: c.code,
                  label: lang === 'en' ? c.en : c.zh,
                }))}
                data-testid="intake-category"
              />
            </Form.Item>
            <Form.Item
              name="summary"
              label={t('intake.request')}
              extra={t('intake.ctrlEnter')}
              rules={[rules.required(t, 'intake.request'), { max: 1000 }]}
            >
              <Input.TextArea rows={4} maxLength={1000} showCount onKeyDown={ctrlEnter} data-testid="intake-summary" />
            </Form.Item>
            {isOrderCategory && (
              <Card size="small" title={t('intake.orderSection')} style={{ marginBottom: 16 }}>
                {category === 'business' && (
                  <Form.Item name="makeOrder" label={t('intake.makeOrder')} valuePropName="checked">
                    <Switch data-testid="intake-makeOrder" />
                  </Form.Item>
                )}
                {orderWanted && (
                  <Space wrap align="start">
                    <Form.Item name="typeCode" label={t('wo.type')} rules={[rules.requiredSelect(t, 'wo.type')]}>
                      <Select style={{ width: 200 }} options={typeOptions} data-testid="intake-type" />
                    </Form.Item>
                    <Form.Item name="priority" label={t('wo.priority')}>
                      <Select
                        style={{ width: 120 }}
                        options={PRIORITIES.map((p) => ({ value: p, label: t(`wo.priority.${p}` as MessageKey) }))}
                        data-testid="intake-priority"
                      />
                    </Form.Item>
                    <Form.Item name="orgUnitId" label={t('wo.centre')} rules={[rules.requiredSelect(t, 'wo.centre')]}>
                      <OrgUnitTreeSelect style={{ width: 220 }} data-testid="intake-centre" />
                    </Form.Item>
                  </Space>
                )}
              </Card>
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="intake-submit">
                {orderWanted ? t('intake.submitOrder') : t('intake.submitContact')}
              </Button>
              <Button onClick={next}>{t('common.reset')}</Button>
            </Space>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          {hit ? (
            <>
              <OutageAlert accountId={hit.accountId} />
              <Card size="small" title={t('intake.customer')} style={{ marginBottom: 16 }}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('wo.accountNo')}>
                    <Link to={`/customers/accounts/${hit.accountId}`}>{hit.accountNo}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('wo.customer')}>{hit.customerName}</Descriptions.Item>
                  <Descriptions.Item label={t('wo.address')}>{hit.address}</Descriptions.Item>
                  <Descriptions.Item label={t('wo.phone')}>{hit.maskedMobile ?? '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
              <OpenOrders accountNo={hit.accountNo} />
            </>
          ) : (
            <Empty description={mode === 'account' ? t('intake.findFirst') : t('intake.unknownHint')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
