import type { Queryable } from '../../db/types.js';
import { pageClause } from '../paging.js';
import type { ChainStep } from './chain.js';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
type Ref = { id: string; fullName: string } | null;

export interface StepRow {
  stepNo: number;
  label: string;
  roles: string[];
  roleNames: { zh: string; en: string }[];
  status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
  actedBy: Ref;
  actedAt: string | null;
  comment: string | null;
}

export interface RequestRow {
  id: string;
  companyId: string;
  no: string;
  kind: string;
  subjectType: string;
  subjectId: string | null;
  amount: string | null;
  reason: string;
  payload: unknown;
  status: ApprovalStatus;
  currentStep: number | null;
  requestedBy: { id: string; fullName: string };
  createdAt: Date;
  decidedAt: Date | null;
  steps: StepRow[];
}

const SELECT = `
  SELECT a.id, a.company_id AS "companyId", a.no, a.kind, a.subject_type AS "subjectType", a.subject_id AS "subjectId",
         a.amount::text AS amount, a.reason, a.payload, a.status, a.current_step AS "currentStep",
         json_build_object('id', q.id, 'fullName', q.full_name) AS "requestedBy",
         a.created_at AS "createdAt", a.decided_at AS "decidedAt",
         (SELECT json_agg(json_build_object(
                   'stepNo', s.step_no, 'label', s.label, 'roles', s.roles, 'status', s.status,
                   'roleNames', (SELECT COALESCE(json_agg(json_build_object('zh', r.name_zh, 'en', r.name_en) ORDER BY r.code), '[]'::json)
                                   FROM roles r WHERE r.company_id = s.company_id AND r.code = ANY(s.roles)),
                   'actedBy', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'fullName', u.full_name) END,
                   'actedAt', s.acted_at, 'comment', s.comment) ORDER BY s.step_no)
            FROM approval_steps s LEFT JOIN users u ON u.company_id = s.company_id AND u.id = s.acted_by
           WHERE s.company_id = a.company_id AND s.request_id = a.id) AS steps
    FROM approval_requests a
    JOIN users q ON q.company_id = a.company_id AND q.id = a.requested_by`;

export async function findRequest(
  db: Queryable,
  companyId: string,
  id: string,
  forUpdate = false,
): Promise<RequestRow | null> {
  if (forUpdate) {
    // Serialises the actions on one request: two approvers clicking at once act one after the other.
    await db.query('SELECT 1 FROM approval_requests WHERE company_id = $1 AND id = $2 FOR UPDATE', [companyId, id]);
  }
  const r = await db.query<RequestRow>(`${SELECT} WHERE a.company_id = $1 AND a.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

export async function insertRequest(
  db: Queryable,
  r: {
    companyId: string;
    no: string;
    kind: string;
    subjectType: string;
    subjectId: string | null;
    amount: string | null;
    reason: string;
    payload: unknown;
    requestedBy: string;
  },
  steps: ChainStep[],
): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO approval_requests (company_id, no, kind, subject_type, subject_id, amount, reason, payload, current_step, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) RETURNING id`,
    [
      r.companyId,
      r.no,
      r.kind,
      r.subjectType,
      r.subjectId,
      r.amount,
      r.reason,
      JSON.stringify(r.payload),
      r.requestedBy,
    ],
  );
  const id = res.rows[0]!.id;
  for (const s of steps) {
    await db.query(
      `INSERT INTO approval_steps (company_id, request_id, step_no, roles, label, status) VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.companyId, id, s.stepNo, s.roles, s.label, s.stepNo === 1 ? 'pending' : 'waiting'],
    );
  }
  return id;
}

export async function setStep(
  db: Queryable,
  companyId: string,
  requestId: string,
  stepNo: number,
  set: { status: StepRow['status']; actedBy?: string | null; comment?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE approval_steps SET status = $4, acted_by = COALESCE($5, acted_by), acted_at = CASE WHEN $5::uuid IS NULL THEN acted_at ELSE now() END,
            comment = COALESCE($6, comment)
      WHERE company_id = $1 AND request_id = $2 AND step_no = $3`,
    [companyId, requestId, stepNo, set.status, set.actedBy ?? null, set.comment ?? null],
  );
}

export async function setRequest(
  db: Queryable,
  companyId: string,
  id: string,
  set: { status: ApprovalStatus; currentStep: number | null; decided: boolean },
): Promise<void> {
  await db.query(
    `UPDATE approval_requests SET status = $3, current_step = $4, decided_at = CASE WHEN $5 THEN now() ELSE decided_at END
      WHERE company_id = $1 AND id = $2`,
    [companyId, id, set.status, set.currentStep, set.decided],
  );
}

export async function insertEvent(
  db: Queryable,
  companyId: string,
  e: {
    requestId: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    stepNo?: number | null;
    comment?: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO approval_events (company_id, request_id, actor_id, actor_name, action, step_no, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [companyId, e.requestId, e.actorId, e.actorName, e.action, e.stepNo ?? null, e.comment ?? null],
  );
}

export interface EventRow {
  id: number;
  at: Date;
  actor: Ref;
  action: string;
  stepNo: number | null;
  comment: string | null;
}

export async function listEvents(db: Queryable, companyId: string, requestId: string): Promise<EventRow[]> {
  const r = await db.query<EventRow>(
    `SELECT id, at, CASE WHEN actor_id IS NULL THEN NULL ELSE json_build_object('id', actor_id, 'fullName', actor_name) END AS actor,
            action, step_no AS "stepNo", comment
       FROM approval_events WHERE company_id = $1 AND request_id = $2 ORDER BY id`,
    [companyId, requestId],
  );
  return r.rows;
}

/** The role codes a user holds, for matching steps. */
export async function roleCodesOf(db: Queryable, companyId: string, userId: string): Promise<string[]> {
  const r = await db.query<{ code: string }>(
    `SELECT r.code FROM user_roles ur JOIN roles r ON r.company_id = ur.company_id AND r.id = ur.role_id
      WHERE ur.company_id = $1 AND ur.user_id = $2`,
    [companyId, userId],
  );
  return r.rows.map((x) => x.code);
}

/** Pending requests whose current step one of these roles may sign, not filed or already signed by the user. */
export async function listInbox(
  db: Queryable,
  companyId: string,
  userId: string,
  roles: string[],
): Promise<RequestRow[]> {
  const r = await db.query<RequestRow>(
    `${SELECT}
      WHERE a.company_id = $1 AND a.status = 'pending' AND a.requested_by <> $2
        AND EXISTS (SELECT 1 FROM approval_steps s WHERE s.company_id = a.company_id AND s.request_id = a.id
                       AND s.step_no = a.current_step AND s.roles && $3::text[])
        AND NOT EXISTS (SELECT 1 FROM approval_steps s WHERE s.company_id = a.company_id AND s.request_id = a.id
                           AND s.acted_by = $2)
      ORDER BY a.created_at`,
    [companyId, userId, roles],
  );
  return r.rows;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  kind?: string;
  status?: ApprovalStatus;
  requestedBy?: string;
  from?: string;
  to?: string;
  q?: string;
  /** The requests about one record (e.g. the customer-data changes of an account). */
  subjectType?: string;
  subjectId?: string;
}

export async function listRequests(
  db: Queryable,
  companyId: string,
  q: ListQuery,
): Promise<{ rows: RequestRow[]; total: number }> {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['a.company_id = $1'];
  if (q.kind) where.push(`a.kind = ${$(q.kind)}`);
  if (q.status) where.push(`a.status = ${$(q.status)}`);
  if (q.requestedBy) where.push(`a.requested_by = ${$(q.requestedBy)}`);
  if (q.subjectType) where.push(`a.subject_type = ${$(q.subjectType)}`);
  if (q.subjectId) where.push(`a.subject_id = ${$(q.subjectId)}`);
  if (q.from) where.push(`a.created_at >= ${$(q.from)}`);
  if (q.to) where.push(`a.created_at <= ${$(q.to)}`);
  if (q.q) {
    const p = $(`%${q.q}%`);
    where.push(`(a.no ILIKE ${p} OR a.reason ILIKE ${p} OR a.subject_id ILIKE ${p})`);
  }
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM approval_requests a WHERE ${w}`, params);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<RequestRow>(
    `${SELECT} WHERE ${w} ORDER BY a.created_at ${dir}, a.id ${pageClause(q)}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export interface ReportRow {
  month: string;
  kind: string;
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
  approvedAmount: string;
}

/** Requests filed per month (Asia/Shanghai) and kind, by outcome. */
export async function monthlyReport(
  db: Queryable,
  companyId: string,
  year: number,
  kind?: string,
): Promise<ReportRow[]> {
  const r = await db.query<ReportRow>(
    `SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, kind,
            count(*)::int AS submitted,
            count(*) FILTER (WHERE status = 'approved')::int AS approved,
            count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            COALESCE(sum(amount) FILTER (WHERE status = 'approved'), 0)::numeric(14, 2)::text AS "approvedAmount"
       FROM approval_requests
      WHERE company_id = $1 AND extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai') = $2
        AND ($3::text IS NULL OR kind = $3)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [companyId, year, kind ?? null],
  );
  return r.rows;
}

export interface AttachmentRow {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: Date;
  uploadedBy: { id: string; fullName: string };
}

export async function listAttachments(db: Queryable, companyId: string, requestId: string): Promise<AttachmentRow[]> {
  const r = await db.query<AttachmentRow>(
    `SELECT t.id, t.file_name AS "fileName", t.content_type AS "contentType", t.size_bytes AS size, t.uploaded_at AS "uploadedAt",
            json_build_object('id', u.id, 'fullName', u.full_name) AS "uploadedBy"
       FROM approval_attachments t JOIN users u ON u.company_id = t.company_id AND u.id = t.uploaded_by
      WHERE t.company_id = $1 AND t.request_id = $2 ORDER BY t.uploaded_at`,
    [companyId, requestId],
  );
  return r.rows;
}

export async function insertAttachment(
  db: Queryable,
  companyId: string,
  a: { requestId: string; fileName: string; contentType: string; data: Buffer; uploadedBy: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO approval_attachments (company_id, request_id, file_name, content_type, size_bytes, data, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [companyId, a.requestId, a.fileName, a.contentType, a.data.length, a.data, a.uploadedBy],
  );
  return r.rows[0]!.id;
}

export async function readAttachment(
  db: Queryable,
  companyId: string,
  requestId: string,
  id: string,
): Promise<{ fileName: string; contentType: string; data: Buffer } | null> {
  const r = await db.query<{ fileName: string; contentType: string; data: Uint8Array }>(
    `SELECT file_name AS "fileName", content_type AS "contentType", data FROM approval_attachments
      WHERE company_id = $1 AND request_id = $2 AND id = $3`,
    [companyId, requestId, id],
  );
  const row = r.rows[0];
  return row ? { ...row, data: Buffer.from(row.data) } : null;
}
