import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import {
  type ImportSummary,
  REJECTED_ROWS,
  type RowProblem,
  readingsKey,
  uploadReadingsFile,
} from '../../../api/readings';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';

const COLUMN_KEYS = ['period', 'accountNo', 'meterSerial', 'reading', 'readOn', 'row'] as const;

/** 抄表上传 (MTR-3): a handheld's CSV or XLSX round; any bad row refuses the whole file. */
export function UploadPage() {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({
    mutationFn: (f: File) => uploadReadingsFile(f),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: readingsKey }),
  });
  const summary: ImportSummary | undefined = mutation.data;
  const rejected =
    mutation.error instanceof ApiError && mutation.error.code === REJECTED_ROWS
      ? ((mutation.error.details?.rows as RowProblem[] | undefined) ?? [])
      : null;
  const columnLabel = (field: string) =>
    (COLUMN_KEYS as readonly string[]).includes(field)
      ? t(`reading.upload.column.${field as (typeof COLUMN_KEYS)[number]}`)
      : field;

  return (
    <PageCard title={t('menu.readingUpload')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('reading.upload.hint')} />
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            mutation.reset();
            return false;
          }}
          data-testid="reading-upload-dragger"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('reading.upload.pick')}</p>
          <p className="ant-upload-hint">{t('reading.upload.formats')}</p>
        </Upload.Dragger>
        <Button
          type="primary"
          disabled={!file}
          loading={mutation.isPending}
          onClick={() => file && mutation.mutate(file)}
          aria-label={t('reading.upload.submit')}
          data-testid="reading-upload-submit"
        >
          {t('reading.upload.submit')}
        </Button>
        {summary && (
          <Card size="small" data-testid="reading-upload-result">
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('reading.upload.done')} />
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('reading.upload.received')}>
                <span data-testid="upload-received">{summary.received}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('reading.upload.accepted')}>
                <span data-testid="upload-accepted">{summary.accepted}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('reading.upload.flagged')}>
                <span data-testid="upload-flagged">{summary.flagged}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('reading.upload.unchanged')}>
                <span data-testid="upload-unchanged">{summary.unchanged}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('reading.upload.superseded')}>{summary.superseded}</Descriptions.Item>
              {summary.notRead !== undefined && (
                <Descriptions.Item label={t('reading.upload.notRead')}>
                  <span data-testid="upload-not-read">{summary.notRead}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
            {summary.flagged > 0 && <Link to="/billing/reading-review">{t('reading.upload.toReview')}</Link>}
          </Card>
        )}
        {mutation.error && (
          <Alert
            type="error"
            showIcon
            title={errorText(mutation.error)}
            description={rejected ? t('reading.upload.nothingImported') : undefined}
            data-testid="reading-upload-error"
          />
        )}
        {rejected && (
          <Table<RowProblem>
            size="small"
            data-testid="reading-upload-errors"
            rowKey={(r) => `${r.row}-${r.field}`}
            dataSource={rejected}
            pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { title: t('reading.upload.row'), dataIndex: 'row', key: 'row', width: 80 },
              { title: t('reading.upload.column'), dataIndex: 'field', key: 'field', render: columnLabel },
              { title: t('reading.upload.problem'), dataIndex: 'message', key: 'message' },
            ]}
          />
        )}
      </Space>
    </PageCard>
  );
}
