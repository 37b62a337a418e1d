import type { z } from 'zod';
import { paged } from '../../platform/spreadsheets/export-service.js';
import { shanghaiTime } from '../../platform/spreadsheets/format.js';
import { registerExport } from '../../platform/spreadsheets/registry.js';
import { type AuditRow, searchAudit } from './repo.js';
import { auditListQuery } from './routes.js';

const auditQuery = auditListQuery.omit({ page: true, pageSize: true });

// Before and after hold personal data (names, phones): exporting needs an approved request (IAM-5).
registerExport<z.infer<typeof auditQuery>, AuditRow & Record<string, unknown>>({
  name: 'auditLog',
  title: { zh: '审计日志', en: 'Audit log' },
  permission: 'audit.read',
  sensitive: true,
  query: auditQuery,
  rows(db, principal, q) {
    // The log grows while it is read: the export stops at the moment it started, so pages do not shift.
    const startedAt = new Date().toISOString();
    const to = q.to && new Date(q.to) < new Date(startedAt) ? q.to : startedAt;
    return paged(
      async (page, pageSize) =>
        (await searchAudit(db, principal.companyId, { ...q, to, page, pageSize })).rows as (AuditRow &
          Record<string, unknown>)[],
    );
  },
  columns: [
    { key: 'at', header: { zh: '时间', en: 'Time' }, width: 20, format: shanghaiTime },
    { key: 'actorName', header: { zh: '操作人', en: 'Actor' }, width: 14 },
    { key: 'action', header: { zh: '操作', en: 'Action' }, width: 24 },
    { key: 'entityType', header: { zh: '对象类型', en: 'Entity type' }, width: 16 },
    { key: 'entityId', header: { zh: '对象编号', en: 'Entity id' }, width: 38 },
    { key: 'before', header: { zh: '变更前', en: 'Before' }, width: 50 },
    { key: 'after', header: { zh: '变更后', en: 'After' }, width: 50 },
    { key: 'ip', header: { zh: 'IP 地址', en: 'IP' }, width: 16 },
    { key: 'requestId', header: { zh: '请求编号', en: 'Request id' }, width: 20 },
  ],
});
