import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Divider, Empty, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  type Bilingual,
  downloadExport,
  type ExportGrant,
  exportGrantsKey,
  type Filters,
  listExportGrants,
  requestDataExport,
} from '../../api/spreadsheets';
import { useT } from '../../i18n/useT';
import { applyServerFieldErrors } from '../../lib/forms';
import { formatDateTime } from '../../lib/time';
import { rules } from '../../lib/validation';
import { FormErrorAlert } from '../FormErrorAlert';

function FiltersView({ filters }: { filters: Filters }) {
  const { t } = useT();
  const entries = Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (entries.length === 0) return <Typography.Text type="secondary">{t('spreadsheets.allRows')}</Typography.Text>;
  return (
    <Space size={[12, 0]} wrap>
      {entries.map(([key, value]) => (
        <Typography.Text key={key} code>
          {key}={typeof value === 'object' ? JSON.stringify(value) : String(value)}
        </Typography.Text>
      ))}
    </Space>
  );
}

interface Props {
  open: boolean;
  exportName: string;
  title?: Bilingual;
  filters: Filters;
  onClose: () => void;
}

/** IAM-5: the user's approved exports of this list, and a request for the current filters. */
export function DataExportModal({ open, exportName, title, filters, onClose }: Props) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [filed, setFiled] = useState(false);
  const name = title ? (lang === 'en' ? title.en : title.zh) : exportName;

  const grants = useQuery({ queryKey: exportGrantsKey, queryFn: listExportGrants, enabled: open });
  const mine = (grants.data?.items ?? []).filter((g) => g.exportName === exportName);

  const request = useMutation({
    mutationFn: ({ reason }: { reason: string }) => requestDataExport(exportName, filters, reason.trim()),
    meta: { handlesErrors: true },
    onError: (err) => applyServerFieldErrors(form, err),
    onSuccess: () => {
      setFiled(true);
      form.resetFields();
      message.success(t('spreadsheets.requestFiled'));
    },
  });

  const download = async (grant: ExportGrant) => {
    setDownloading(grant.id);
    try {
      await downloadExport(grant.exportName, grant.filters, grant.id);
      message.success(t('spreadsheets.exported'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setDownloading(null);
      // A grant is used once: the list changes either way.
      queryClient.invalidateQueries({ queryKey: exportGrantsKey });
    }
  };

  const close = () => {
    request.reset();
    setFiled(false);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('spreadsheets.approvalTitle', { title: name })}
      onCancel={close}
      footer={null}
      width={680}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('spreadsheets.approvalIntro')} style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{t('spreadsheets.grants')}</Typography.Title>
      <List<ExportGrant>
        loading={grants.isLoading}
        dataSource={mine}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spreadsheets.noGrants')} /> }}
        data-testid="export-grants"
        renderItem={(grant) => (
          <List.Item
            actions={[
              <Button
                key="download"
                type="primary"
                size="small"
                loading={downloading === grant.id}
                onClick={() => download(grant)}
              >
                {t('spreadsheets.download')}
              </Button>,
            ]}
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('spreadsheets.filters')}>
                <FiltersView filters={grant.filters} />
              </Descriptions.Item>
              <Descriptions.Item label={t('spreadsheets.approvedAt')}>
                {formatDateTime(grant.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('spreadsheets.expiresAt')}>
                {formatDateTime(grant.expiresAt)}
              </Descriptions.Item>
            </Descriptions>
          </List.Item>
        )}
      />
      <Divider />
      <Typography.Title level={5}>{t('spreadsheets.requestTitle')}</Typography.Title>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('spreadsheets.filters')}>
          <FiltersView filters={filters} />
        </Descriptions.Item>
      </Descriptions>
      <FormErrorAlert error={request.error} />
      {filed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('spreadsheets.requestFiled')}
          action={<Link to="/approvals/mine">{t('spreadsheets.viewMyRequests')}</Link>}
        />
      )}
      {!filed && (
        <Form form={form} layout="vertical" onFinish={(values) => request.mutate(values)}>
          <Form.Item name="reason" label={t('spreadsheets.reason')} rules={[rules.required(t, 'spreadsheets.reason')]}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('spreadsheets.reasonPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={request.isPending} data-testid="export-request-submit">
            {t('spreadsheets.submitRequest')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
