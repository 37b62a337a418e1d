import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  downloadExport,
  EXPORT_APPROVAL_REQUIRED,
  exportKindsKey,
  type Filters,
  listExportKinds,
} from '../../api/spreadsheets';
import { useT } from '../../i18n/useT';
import { notifyError } from '../../lib/feedback';
import { DataExportModal } from './DataExportModal';

/** Drops paging and empty values: the export takes the list's filters, not its page. */
export function exportFilters(params: Filters): Filters {
  const out: Filters = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'page' || key === 'pageSize') continue;
    if (value === undefined || value === null || value === '') continue;
    out[key] = value;
  }
  return out;
}

/**
 * 导出 Excel for a console list, with the list's current filters. A list holding personal data
 * (IAM-5) opens the data-export request instead, with the user's approved exports to download.
 */
export function ExportButton({ exportName, filters }: { exportName: string; filters: Filters }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [approval, setApproval] = useState<{ filters: Filters; message?: string } | null>(null);
  const kinds = useQuery({ queryKey: exportKindsKey, queryFn: listExportKinds, staleTime: Number.POSITIVE_INFINITY });
  const kind = kinds.data?.items.find((k) => k.name === exportName);
  const current = exportFilters(filters);

  const onClick = async () => {
    if (kind?.sensitive) {
      setApproval({ filters: current });
      return;
    }
    setBusy(true);
    try {
      await downloadExport(exportName, current);
      message.success(t('spreadsheets.exported'));
    } catch (err) {
      // The server is the judge: a list that turns out to need approval opens the request.
      if (err instanceof ApiError && err.code === EXPORT_APPROVAL_REQUIRED) {
        const approved = (err.details?.filters as Filters | undefined) ?? current;
        setApproval({ filters: approved, message: err.message });
      } else notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!kind && !kinds.isLoading) return null;
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={onClick} data-testid={`export-${exportName}`}>
        {t('spreadsheets.export')}
      </Button>
      <DataExportModal
        open={approval !== null}
        exportName={exportName}
        title={kind?.title}
        filters={approval?.filters ?? current}
        onClose={() => setApproval(null)}
      />
    </>
  );
}
