import { http } from './client';
import { saveResponse, sendRaw } from './spreadsheets';

export type Paper = 'A4' | 'receipt80';

export interface NoticeVariable {
  path: string;
  kind: string;
  description: string;
}

export interface NoticeKind {
  code: string;
  name: { zh: string; en: string };
  paper: Paper;
  variables: NoticeVariable[];
  sample: Record<string, unknown>;
  defaultTemplate: string;
  printableFromRecord: boolean;
  override: {
    body: string;
    updatedAt: string;
    updatedBy: string | null;
    updatedByName: string | null;
    /** Set when the saved template no longer fits the notice: the default prints meanwhile. */
    problem: string | null;
  } | null;
}

export const noticesKey = ['print', 'notices'] as const;

export const listNotices = () => http.get<{ items: NoticeKind[]; pdfAvailable: boolean }>('/api/print/notices');
export const saveNoticeTemplate = (code: string, body: string) =>
  http.put<NoticeKind>(`/api/print/templates/${encodeURIComponent(code)}`, { body });
export const resetNoticeTemplate = (code: string) =>
  http.delete<NoticeKind>(`/api/print/templates/${encodeURIComponent(code)}`);

/** The notice as a page the browser prints; without a record, the watermarked sample. */
export function noticeHtmlUrl(code: string, subjectId?: string): string {
  const query = subjectId ? `?subjectId=${encodeURIComponent(subjectId)}` : '';
  return `/api/print/notices/${encodeURIComponent(code)}/html${query}`;
}

export async function downloadNoticePdf(code: string, input: { subjectId?: string } = {}): Promise<void> {
  const res = await sendRaw(`/api/print/notices/${encodeURIComponent(code)}/pdf`, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: { Accept: 'application/pdf', 'Content-Type': 'application/json' },
  });
  await saveResponse(res, `${code}.pdf`);
}
