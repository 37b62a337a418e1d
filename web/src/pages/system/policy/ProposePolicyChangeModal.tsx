import { useQueryClient } from '@tanstack/react-query';
import type { FormRule } from 'antd';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Result, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApprovalRequest } from '../../../api/approvals';
import { type PolicyItem, type PolicyUnit, policyKey, proposePolicyChange } from '../../../api/policy';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useT } from '../../../i18n/useT';
import { rules } from '../../../lib/validation';
import { ChainPreview } from '../../approvals/ChainPreview';
import { businessToday, usePick } from '../../approvals/format';
import { applyMappedFieldErrors, fieldsUnder } from '../../approvals/formErrors';
import { approvalPath } from '../../approvals/useApprovalColumns';
import { useApprovalMutation } from '../../approvals/useApprovalMutation';
import { PolicyValue } from './PolicyValue';
import { isStructured, prettyJson, unitWord, usePolicyFormat } from './policyFormat';

type Editor = 'integer' | 'number' | 'decimal' | 'json' | 'string';

interface ProposeForm {
  value: string | number | null;
  effectiveFrom: Dayjs;
  reason: string;
}

// The server's shapes (define.ts): money has up to 2 decimals; a rate lies between 0 and 1.
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const RATE = /^0(\.\d{1,6})?$|^1(\.0{1,6})?$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** The editor follows the unit, and the shape of the value in force (strings stay strings). */
export function editorOf(unit: PolicyUnit, value: unknown): Editor {
  if (isStructured(unit, value)) return 'json';
  if (unit === 'text') return 'string';
  if (unit === 'yuan' || unit === 'rate' || typeof value === 'string') return 'decimal';
  if (unit === 'percent') return 'number';
  return 'integer';
}

function initialValue(editor: Editor, value: unknown): string | number | null {
  if (editor === 'json') return prettyJson(value);
  if (editor === 'integer' || editor === 'number') return typeof value === 'number' ? value : null;
  return value === null || value === undefined ? '' : String(value);
}

function toValue(editor: Editor, input: string | number | null): unknown {
  if (editor === 'json') return JSON.parse(String(input));
  if (editor === 'integer' || editor === 'number') return input === null ? null : Number(input);
  return String(input ?? '').trim();
}

/** 申请修改: a change to one setting, filed as a policyChange approval; it takes effect once approved. */
export function ProposePolicyChangeModal({ item, onClose }: { item: PolicyItem | null; onClose: () => void }) {
  const { t } = useT();
  const pick = usePick();
  const format = usePolicyFormat();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposeForm>();
  const [submitted, setSubmitted] = useState<ApprovalRequest | null>(null);
  const editor: Editor = item ? editorOf(item.unit, item.value) : 'string';
  const typed = Form.useWatch('value', form);

  const mutation = useApprovalMutation(proposePolicyChange, {
    handlesErrors: true,
    onError: (err) => applyMappedFieldErrors(form, err, fieldsUnder(null, ['value', 'effectiveFrom', 'reason'])),
    onSuccess: (request) => {
      queryClient.invalidateQueries({ queryKey: policyKey });
      setSubmitted(request);
    },
  });

  const close = () => {
    mutation.reset();
    setSubmitted(null);
    onClose();
  };

  const valueRules: FormRule[] = [{ required: true, message: t('policy.valueRequired') }];
  if (editor === 'json') {
    valueRules.push({
      validator: (_, text: string | undefined) => {
        if (!text?.trim()) return Promise.resolve();
        try {
          JSON.parse(text);
          return Promise.resolve();
        } catch (err) {
          return Promise.reject(new Error(t('policy.invalidJson', { reason: (err as Error).message })));
        }
      },
    });
  }
  if (editor === 'decimal') {
    const [pattern, message] =
      item?.unit === 'yuan'
        ? [MONEY, t('policy.invalidMoney')]
        : item?.unit === 'rate'
          ? [RATE, t('policy.invalidRate')]
          : [DECIMAL, t('policy.invalidDecimal')];
    valueRules.push({ pattern, message, transform: (v: string) => v?.trim() });
  }

  // A live reading of a decimal input by its unit: 0.003 → 0.3% / 天.
  const preview =
    item && editor === 'decimal' && typeof typed === 'string' && DECIMAL.test(typed.trim())
      ? format(item, typed.trim())
      : null;
  const word = item ? unitWord[item.unit] : undefined;

  const valueInput = () => {
    switch (editor) {
      case 'json':
        return (
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 18 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            data-testid="policy-value-input"
          />
        );
      case 'string':
        return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="policy-value-input" />;
      case 'decimal':
        return <Input inputMode="decimal" suffix={word ? t(word) : undefined} data-testid="policy-value-input" />;
      default:
        return (
          <InputNumber
            style={{ width: 220 }}
            min={item?.unit === 'dayOfMonth' ? 1 : 0}
            max={item?.unit === 'dayOfMonth' ? 31 : undefined}
            precision={editor === 'integer' ? 0 : undefined}
            suffix={word ? t(word) : undefined}
            data-testid="policy-value-input"
          />
        );
    }
  };

  const onFinish = (values: ProposeForm) => {
    if (!item) return;
    mutation.mutate({
      key: item.key,
      value: toValue(editor, values.value),
      effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
      reason: values.reason.trim(),
    });
  };

  const footer = submitted
    ? [
        <Button key="close" type="primary" onClick={close} data-testid="policy-done">
          {t('policy.done')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="policy-submit"
        >
          {t('policy.submitForApproval')}
        </Button>,
      ];

  return (
    <Modal
      open={item !== null}
      title={t('policy.proposeTitle', { name: item ? pick(item.name) : '' })}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      width={editor === 'json' ? 760 : 560}
      footer={footer}
    >
      {item && submitted && (
        <Result
          status="success"
          title={t('policy.submitted', { no: submitted.no })}
          subTitle={t('policy.submittedHint')}
          extra={
            <Link to={approvalPath(submitted.id)} onClick={close} data-testid="policy-request-link">
              {t('policy.viewRequest', { no: submitted.no })}
            </Link>
          }
        />
      )}
      {item && !submitted && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'key', label: t('policy.key'), children: `${item.key} (${item.rule})` },
              {
                key: 'value',
                label: t('policy.currentValue'),
                children: <PolicyValue item={item} value={item.value} />,
              },
              {
                key: 'effectiveFrom',
                label: t('policy.effectiveFrom'),
                children: item.effectiveFrom ?? t('policy.default'),
              },
            ]}
          />
          {item.pendingRequests.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('policy.alreadyPending', { nos: item.pendingRequests.map((p) => p.no).join(', ') })}
            />
          )}
          <FormErrorAlert error={mutation.error} />
          <Form<ProposeForm>
            form={form}
            layout="vertical"
            validateTrigger="onChange"
            preserve={false}
            initialValues={{ value: initialValue(editor, item.value), effectiveFrom: businessToday() }}
            onFinish={onFinish}
          >
            <Form.Item
              name="value"
              label={t('policy.newValue')}
              rules={valueRules}
              extra={
                preview ??
                (editor === 'json' ? t('policy.jsonHint') : item.unit === 'rate' ? t('policy.rateHint') : undefined)
              }
            >
              {valueInput()}
            </Form.Item>
            <Space wrap align="start">
              <Form.Item
                name="effectiveFrom"
                label={t('policy.effectiveFrom')}
                rules={[rules.requiredSelect(t, 'policy.effectiveFrom')]}
                extra={t('policy.effectiveFromHint')}
              >
                <DatePicker
                  allowClear={false}
                  disabledDate={(d) => d.isBefore(businessToday(), 'day')}
                  data-testid="policy-effective-from"
                />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={t('policy.reason')} rules={[rules.required(t, 'policy.reason')]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} data-testid="policy-reason" />
            </Form.Item>
          </Form>
          <ChainPreview kind="policyChange" />
        </>
      )}
    </Modal>
  );
}
