import { http } from './client';
import type { AuditEntry, Page, PageParams } from './types';

export const auditKey = ['audit-entries'] as const;

export interface AuditFilters {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO instants */
  from?: string;
  to?: string;
  q?: string;
}

export const listAuditEntries = (params: PageParams & AuditFilters) =>
  http.get<Page<AuditEntry>>('/api/audit-entries', { ...params });
export const getAuditEntry = (id: string) => http.get<AuditEntry>(`/api/audit-entries/${encodeURIComponent(id)}`);
