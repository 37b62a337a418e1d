import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useT } from '../i18n/useT';

export interface OneTimePassword {
  username: string;
  password: string;
}

/** The server shows a generated password exactly once; this is that once. */
export function OneTimePasswordModal({ value, onClose }: { value: OneTimePassword | null; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      open={value !== null}
      title={t('password.oneTimeTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-close">
          {t('password.noted')}
        </Button>
      }
    >
      {value && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('password.oneTimeHint', { username: value.username })}</Typography.Paragraph>
          <Typography.Text code copyable={{ text: value.password }} style={{ fontSize: 20 }}>
            <span data-testid="initial-password">{value.password}</span>
          </Typography.Text>
          <Alert type="warning" showIcon title={t('password.oneTimeWarning')} />
        </Space>
      )}
    </Modal>
  );
}
