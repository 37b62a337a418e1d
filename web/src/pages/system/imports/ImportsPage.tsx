import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Empty, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  downloadImportTemplate,
  type ImportKind,
  type ImportMode,
  type ImportReport,
  importKindsKey,
  listImportKinds,
  runImport,
} from '../../../api/spreadsheets';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { ImportResult } from './ImportResult';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

function ColumnsHelp({ kind }: { kind: ImportKind }) {
  const { t, lang } = useT();
  const pick = (text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={kind.columns}
      columns={[
        { title: t('spreadsheets.import.column'), key: 'header', render: (_, c) => pick(c.header) },
        {
          title: t('spreadsheets.import.required'),
          key: 'required',
          width: 80,
          render: (_, c) => (c.required ? t('spreadsheets.import.yes') : t('spreadsheets.import.no')),
        },
        { title: t('spreadsheets.import.hint'), key: 'hint', render: (_, c) => (c.hint ? pick(c.hint) : '') },
      ]}
    />
  );
}

/** 导入: template, upload, a check of every row, then all or only the valid rows. */
export function ImportsPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const kinds = useQuery({ queryKey: importKindsKey, queryFn: listImportKinds });
  const [chosen, setChosen] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const items = kinds.data?.items ?? [];
  const kind = items.find((k) => k.name === chosen) ?? items[0];

  const run = useMutation({
    mutationFn: ({ mode, upload }: { mode: ImportMode; upload: File }) => runImport(kind!.name, upload, mode),
    meta: { handlesErrors: true },
    onSuccess: setReport,
  });

  const start = (upload: File) => {
    if (upload.size > MAX_FILE_BYTES) {
      message.error(t('spreadsheets.import.tooLarge'));
      return;
    }
    setFile(upload);
    setReport(null);
    run.mutate({ mode: 'check', upload });
  };

  const reset = () => {
    setFile(null);
    setReport(null);
    run.reset();
  };

  const template = async () => {
    try {
      await downloadImportTemplate(kind!.name);
    } catch (err) {
      notifyError(err);
    }
  };

  if (!kinds.isLoading && !kind) {
    return (
      <PageCard title={t('menu.imports')}>
        <Empty description={t('spreadsheets.import.noKinds')} />
      </PageCard>
    );
  }

  const busyText =
    run.variables?.mode === 'check'
      ? t('spreadsheets.import.checking', { name: file?.name ?? '' })
      : t('spreadsheets.import.importing', { count: report?.accepted ?? 0 });

  return (
    <PageCard
      title={t('menu.imports')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={template} disabled={!kind} data-testid="import-template">
          {t('spreadsheets.import.template')}
        </Button>
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>{t('spreadsheets.import.kind')}</Typography.Text>
          <Select
            style={{ minWidth: 200 }}
            loading={kinds.isLoading}
            value={kind?.name}
            onChange={(name) => {
              setChosen(name);
              reset();
            }}
            options={items.map((k) => ({ value: k.name, label: lang === 'en' ? k.title.en : k.title.zh }))}
            data-testid="import-kind"
          />
        </Space>
        {kind && (
          <Collapse
            size="small"
            items={[{ key: 'columns', label: t('spreadsheets.import.columns'), children: <ColumnsHelp kind={kind} /> }]}
          />
        )}
        <Spin spinning={run.isPending} tip={busyText}>
          {!report && kind && (
            <div data-testid="import-upload">
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                maxCount={1}
                disabled={run.isPending}
                beforeUpload={(upload) => {
                  start(upload);
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('spreadsheets.import.drop')}</p>
                <p className="ant-upload-hint">{t('spreadsheets.import.dropHint', { maxRows: kind.maxRows })}</p>
              </Upload.Dragger>
            </div>
          )}
          {run.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBlock: 16 }}
              title={run.error instanceof Error ? run.error.message : String(run.error)}
            />
          )}
          {report && file && (
            <ImportResult
              report={report}
              fileName={file.name}
              busy={run.isPending}
              onImport={(mode) => run.mutate({ mode, upload: file })}
              onAnother={reset}
            />
          )}
        </Spin>
      </Space>
    </PageCard>
  );
}
