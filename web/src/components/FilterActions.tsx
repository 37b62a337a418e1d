import type { FormInstance } from 'antd';
import { Button, Form, Space } from 'antd';
import { useT } from '../i18n/useT';

/** 查询 / 重置 at the end of a list's filter form: reset clears the fields and searches with none. */
export function FilterActions({
  form,
  onReset,
  searchTestId,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: any filter form resets the same way
  form: FormInstance<any>;
  onReset: () => void;
  searchTestId: string;
}) {
  const { t } = useT();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid={searchTestId}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form.Item>
  );
}
