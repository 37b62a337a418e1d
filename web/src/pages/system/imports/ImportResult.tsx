import { Alert, Button, Descriptions, Popconfirm, Space, Table, Typography } from 'antd';
import { noticeHtmlUrl } from '../../../api/print';
import { downloadImportResult, type ImportMode, type ImportReport } from '../../../api/spreadsheets';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';

interface Props {
  report: ImportReport;
  fileName: string;
  busy: boolean;
  onImport: (mode: Exclude<ImportMode, 'check'>) => void;
  onAnother: () => void;
}

function Verdict({ report }: { report: ImportReport }) {
  const { t } = useT();
  const { accepted, rejectedRows, imported, mode } = report;
  if (mode !== 'check') {
    if (imported > 0)
      return <Alert type="success" showIcon title={t('spreadsheets.import.done', { count: imported })} />;
    return <Alert type="warning" showIcon title={t('spreadsheets.import.nothingImported')} />;
  }
  if (accepted === 0) return <Alert type="error" showIcon title={t('spreadsheets.import.nothingValid')} />;
  if (rejectedRows === 0) {
    return <Alert type="success" showIcon title={t('spreadsheets.import.allValid', { count: accepted })} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t('spreadsheets.import.someRejected', { rejected: rejectedRows, accepted })}
    />
  );
}

/** What the check (or the import) found: counts, the verdict, the rejected rows, and what to do next. */
export function ImportResult({ report, fileName, busy, onImport, onAnother }: Props) {
  const { t } = useT();
  const checked = report.mode === 'check';

  const rejectedFile = async () => {
    try {
      await downloadImportResult(report.rejectedFileId!);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-result">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} bordered>
        <Descriptions.Item label={t('spreadsheets.import.file')}>{fileName}</Descriptions.Item>
        <Descriptions.Item label={t('spreadsheets.import.rows')}>{report.rows}</Descriptions.Item>
        <Descriptions.Item label={t('spreadsheets.import.accepted')}>{report.accepted}</Descriptions.Item>
        <Descriptions.Item label={t('spreadsheets.import.rejectedRows')}>{report.rejectedRows}</Descriptions.Item>
        <Descriptions.Item label={t('spreadsheets.import.imported')}>{report.imported}</Descriptions.Item>
      </Descriptions>
      <Verdict report={report} />
      <Space wrap>
        {checked && report.rejectedRows === 0 && report.accepted > 0 && (
          <Button type="primary" loading={busy} onClick={() => onImport('all')} data-testid="import-all">
            {t('spreadsheets.import.importAll')}
          </Button>
        )}
        {checked && report.rejectedRows > 0 && report.accepted > 0 && (
          <Popconfirm
            title={t('spreadsheets.import.importValidConfirm', {
              accepted: report.accepted,
              rejected: report.rejectedRows,
            })}
            onConfirm={() => onImport('valid')}
          >
            <Button type="primary" loading={busy} data-testid="import-valid">
              {t('spreadsheets.import.importValid')}
            </Button>
          </Popconfirm>
        )}
        {report.rejectedFileId && (
          <Button onClick={rejectedFile} data-testid="import-rejected-file">
            {t('spreadsheets.import.downloadRejected')}
          </Button>
        )}
        <Button onClick={onAnother} disabled={busy}>
          {t('spreadsheets.import.another')}
        </Button>
      </Space>
      {report.shownOnce.length > 0 && (
        <>
          <Typography.Title level={5}>{t('spreadsheets.import.shownOnceTitle')}</Typography.Title>
          <Alert type="warning" showIcon title={t('spreadsheets.import.shownOnceWarning')} />
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            dataSource={report.shownOnce}
            data-testid="import-passwords"
            columns={[
              { title: t('spreadsheets.import.row'), dataIndex: 'row', key: 'row', width: 80 },
              { title: t('spreadsheets.import.label'), dataIndex: 'label', key: 'label' },
              {
                title: t('spreadsheets.import.secret'),
                dataIndex: 'secret',
                key: 'secret',
                render: (secret: string) => (
                  <Typography.Text code copyable>
                    {secret}
                  </Typography.Text>
                ),
              },
              {
                title: t('common.actions'),
                key: 'notice',
                render: (_, r) =>
                  r.notice && (
                    <a href={noticeHtmlUrl(r.notice.code, r.notice.subjectId)} target="_blank" rel="noopener">
                      {t('spreadsheets.import.printNotice')}
                    </a>
                  ),
              },
            ]}
          />
        </>
      )}
      {report.rejected.length > 0 && (
        <>
          <Typography.Title level={5}>{t('spreadsheets.import.rejectedTitle')}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.field}`}
            dataSource={report.rejected}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-testid="import-rejected"
            columns={[
              { title: t('spreadsheets.import.row'), dataIndex: 'row', key: 'row', width: 80 },
              { title: t('spreadsheets.import.column'), dataIndex: 'column', key: 'column', width: 160 },
              { title: t('spreadsheets.import.reason'), dataIndex: 'message', key: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}
