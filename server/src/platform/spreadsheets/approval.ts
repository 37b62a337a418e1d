import { z } from 'zod';
import { registerApprovalKind } from '../approvals/registry.js';
import { checkDataExportPayload, createGrant, type DataExportPayload } from './export-service.js';
import { exportDef } from './registry.js';

const payload: z.ZodType<DataExportPayload> = z.object({
  exportName: z.string().trim().min(1).max(64),
  filters: z.record(z.string(), z.unknown()),
});

/**
 * IAM-5: a bulk export of personal data is a request of kind dataExport, approved along the chain
 * the company's policy sets (approvals.chains.dataExport); the final approval leaves a grant.
 */
registerApprovalKind<DataExportPayload>({
  kind: 'dataExport',
  name: { zh: '数据导出申请', en: 'Data export request' },
  requestPermission: 'export.request',
  payload,
  async validate(_tx, _actor, p, requester) {
    checkDataExportPayload(p, requester);
  },
  onApproved: createGrant,
  describe(p) {
    const title = exportDef(p.exportName)?.title ?? { zh: p.exportName, en: p.exportName };
    const shown = Object.entries(p.filters).filter(([, v]) => v !== undefined && v !== '');
    const filters = shown.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
    return {
      zh: `导出「${title.zh}」${filters ? `（筛选：${filters}）` : '（全部）'}`,
      en: `Export "${title.en}"${filters ? ` (filters: ${filters})` : ' (all)'}`,
    };
  },
});
