import type { FormInstance } from 'antd';
import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT';
import { FormErrorAlert } from './FormErrorAlert';

/**
 * The dialog every console form sits in: cancel and submit in the footer, the server's error
 * above the form, and no closing by a stray click outside (a half-filled form would be lost).
 */
export function FormModal({
  open,
  title,
  onCancel,
  form,
  pending,
  error,
  submitTestId,
  submitLabel,
  width,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onCancel: () => void;
  // biome-ignore lint/suspicious/noExplicitAny: any form's instance submits the same way
  form: FormInstance<any>;
  pending: boolean;
  /** Shown above the form; null when the error belongs next to a field instead. */
  error: unknown;
  submitTestId: string;
  submitLabel?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      width={width}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={pending} onClick={() => form.submit()} data-testid={submitTestId}>
          {submitLabel ?? t('common.save')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={error} />
      {children}
    </Modal>
  );
}
