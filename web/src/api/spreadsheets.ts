import { getLang } from '../i18n/lang';
import { tNow } from '../i18n/translate';
import { ApiError, type ApiErrorDetails, http, type QueryParams } from './client';
import type { Items } from './types';

export interface Bilingual {
  zh: string;
  en: string;
}

export type Filters = Record<string, unknown>;

export interface ExportKind {
  name: string;
  title: Bilingual;
  sensitive: boolean;
}

/** An approved data-export request the user has not used yet (IAM-5). */
export interface ExportGrant {
  id: string;
  requestId: string;
  exportName: string;
  title: Bilingual;
  filters: Filters;
  createdAt: string;
  expiresAt: string;
}

export interface ImportColumn {
  key: string;
  header: Bilingual;
  required: boolean;
  hint: Bilingual | null;
}

export interface ImportKind {
  name: string;
  title: Bilingual;
  maxRows: number;
  columns: ImportColumn[];
}

export type ImportMode = 'check' | 'all' | 'valid';

export interface RejectedCell {
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  mode: ImportMode;
  rows: number;
  accepted: number;
  rejectedRows: number;
  rejected: RejectedCell[];
  rejectedFileId: string | null;
  imported: number;
  /** Generated passwords and the like: shown once, never stored. */
  shownOnce: { row: number; label: string; secret: string; notice?: { code: string; subjectId: string } }[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_APPROVAL_REQUIRED = 'EXPORT_APPROVAL_REQUIRED';
export const IMPORT_REJECTED_ROWS = 'IMPORT_REJECTED_ROWS';

export const exportKindsKey = ['exports', 'kinds'] as const;
export const exportGrantsKey = ['exports', 'grants'] as const;
export const importKindsKey = ['imports', 'kinds'] as const;

export const listExportKinds = () => http.get<Items<ExportKind>>('/api/exports');
export const listExportGrants = () => http.get<Items<ExportGrant>>('/api/exports/grants');
export const listImportKinds = () => http.get<Items<ImportKind>>('/api/imports');

/** Files the IAM-5 request; the approvals engine answers with the new request. */
export const requestDataExport = (exportName: string, filters: Filters, reason: string) =>
  http.post<{ id: string; no?: string }>('/api/approvals', {
    kind: 'dataExport',
    subjectType: 'export',
    reason,
    payload: { exportName, filters },
  });

// Files travel as raw bodies, not JSON: they bypass `http` but fail the same way (ApiError).

function queryString(query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** fetch with the session cookie; a failure becomes the server's ApiError. */
export async function sendRaw(
  path: string,
  init: { method?: string; query?: QueryParams; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${path}${queryString(init.query)}`, {
      method: init.method ?? 'GET',
      body: init.body,
      credentials: 'same-origin',
      headers: { 'Accept-Language': getLang(), ...init.headers },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', tNow('error.network'));
  }
  if (res.ok) return res;
  let body: { code?: unknown; message?: unknown; details?: ApiErrorDetails } | undefined;
  try {
    body = JSON.parse(await res.text());
  } catch {
    body = undefined;
  }
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    throw new ApiError(res.status, body.code, body.message, body.details);
  }
  throw new ApiError(res.status, `HTTP_${res.status}`, tNow('error.http', { status: res.status }));
}

/** The file name from Content-Disposition (the UTF-8 `filename*` first). */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall back to the plain name
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Hands a response's body to the browser as a download. */
export async function saveResponse(res: Response, fallbackName: string): Promise<void> {
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(res, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Filters as a query string: empty values are left out, as the list leaves them out. */
function filterQuery(filters: Filters): QueryParams {
  const query: QueryParams = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    query[key] = typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
  }
  return query;
}

export async function downloadExport(name: string, filters: Filters, grantId?: string): Promise<void> {
  const res = await sendRaw(`/api/exports/${encodeURIComponent(name)}`, {
    query: { ...filterQuery(filters), grantId },
  });
  await saveResponse(res, `${name}.xlsx`);
}

export async function downloadImportTemplate(name: string): Promise<void> {
  await saveResponse(await sendRaw(`/api/imports/${encodeURIComponent(name)}/template`), `${name}-template.xlsx`);
}

export async function downloadImportResult(id: string): Promise<void> {
  await saveResponse(await sendRaw(`/api/imports/results/${encodeURIComponent(id)}`), 'rejected-rows.xlsx');
}

/**
 * Uploads an .xlsx to an import. When `mode=all` finds rejected rows the server imports nothing
 * and answers 422 with the same report in the error's details: it is returned here as a report.
 */
export async function runImport(name: string, file: File, mode: ImportMode): Promise<ImportReport> {
  try {
    const res = await sendRaw(`/api/imports/${encodeURIComponent(name)}`, {
      method: 'POST',
      query: { mode },
      body: file,
      headers: { Accept: 'application/json', 'Content-Type': XLSX_TYPE },
    });
    return (await res.json()) as ImportReport;
  } catch (err) {
    if (err instanceof ApiError && err.code === IMPORT_REJECTED_ROWS && err.details) {
      return err.details as unknown as ImportReport;
    }
    throw err;
  }
}
