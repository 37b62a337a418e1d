import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n/useT';
import { errorText } from '../lib/feedback';

/** The server's message for a failed form submit; segregation-of-duties conflicts get their own title. */
export function FormErrorAlert({ error }: { error: unknown }) {
  const { t } = useT();
  if (!error) return null;
  const isConflict = error instanceof ApiError && error.code === 'ROLE_CONFLICT';
  return (
    <Alert
      type="error"
      showIcon
      data-testid={isConflict ? 'role-conflict-alert' : 'form-error'}
      title={isConflict ? t('error.roleConflictTitle') : errorText(error)}
      description={isConflict ? errorText(error) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
