import { Alert, Button, Descriptions, Modal } from 'antd';
import { useT } from '../../i18n/useT';
import { compactJson } from '../system/policy/policyFormat';

export interface ShownOutcome {
  no: string;
  kind: string;
  outcome: Record<string, unknown>;
}

const labelKeys: Record<string, 'outcome.key' | 'outcome.effectiveFrom' | 'outcome.version'> = {
  key: 'outcome.key',
  effectiveFrom: 'outcome.effectiveFrom',
  version: 'outcome.version',
};

/** What the owning module returned on the final approval: the server gives it once, so it is shown now. */
export function OutcomeModal({ value, onClose }: { value: ShownOutcome | null; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      open={value !== null}
      title={t('approvals.outcomeTitle', { no: value?.no ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="approval-outcome-close">
          {t('approvals.outcomeClose')}
        </Button>
      }
    >
      {value && (
        <div data-testid="approval-outcome">
          <Alert type="success" showIcon title={t('approvals.outcomeHint')} style={{ marginBottom: 16 }} />
          <Descriptions
            size="small"
            column={1}
            bordered
            items={Object.entries(value.outcome).map(([key, v]) => ({
              key,
              label: labelKeys[key] ? t(labelKeys[key]) : key,
              children: typeof v === 'string' ? v : compactJson(v),
            }))}
          />
        </div>
      )}
    </Modal>
  );
}
