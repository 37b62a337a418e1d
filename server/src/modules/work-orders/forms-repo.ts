import type { Queryable } from '../../db/types.js';
import type { SavedForm } from './type-hooks.js';

// ——— forms ———

export interface FormRow extends SavedForm {
  formCode: string;
  updatedBy: string;
  updatedByName: string | null;
  updatedAt: Date;
}

export async function listForms(db: Queryable, companyId: string, orderId: string): Promise<FormRow[]> {
  const r = await db.query<FormRow>(
    `SELECT f.form_code AS "formCode", f.data, f.version, f.updated_by AS "updatedBy",
            u.full_name AS "updatedByName", f.updated_at AS "updatedAt"
       FROM work_order_forms f
       LEFT JOIN users u ON u.company_id = f.company_id AND u.id = f.updated_by
      WHERE f.company_id = $1 AND f.work_order_id = $2
      ORDER BY f.form_code`,
    [companyId, orderId],
  );
  return r.rows;
}

/** Inserts (expected version 0) or updates at the expected version; false when someone got there first. */
export async function saveForm(
  db: Queryable,
  companyId: string,
  orderId: string,
  formCode: string,
  expected: number,
  data: Record<string, unknown>,
  userId: string,
): Promise<boolean> {
  if (expected === 0) {
    const r = await db.query(
      `INSERT INTO work_order_forms (company_id, work_order_id, form_code, data, updated_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [companyId, orderId, formCode, JSON.stringify(data), userId],
    );
    return (r.rowCount ?? 0) === 1;
  }
  const r = await db.query(
    `UPDATE work_order_forms SET data = $5, version = version + 1, updated_by = $6, updated_at = now()
      WHERE company_id = $1 AND work_order_id = $2 AND form_code = $3 AND version = $4`,
    [companyId, orderId, formCode, expected, JSON.stringify(data), userId],
  );
  return (r.rowCount ?? 0) === 1;
}

// ——— hazards (SVC-8) ———

export interface HazardRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  note: string | null;
  foundAt: Date;
  foundByName: string | null;
  fixedAt: Date | null;
  fixedByName: string | null;
  fixNote: string | null;
}

const HAZARD_SELECT = `SELECT h.id, h.code, h.name_zh AS "nameZh", h.name_en AS "nameEn", h.note, h.found_at AS "foundAt",
         fu.full_name AS "foundByName", h.fixed_at AS "fixedAt", xu.full_name AS "fixedByName", h.fix_note AS "fixNote"
    FROM work_order_hazards h
    LEFT JOIN users fu ON fu.company_id = h.company_id AND fu.id = h.found_by
    LEFT JOIN users xu ON xu.company_id = h.company_id AND xu.id = h.fixed_by`;

export async function listHazards(db: Queryable, companyId: string, orderId: string): Promise<HazardRow[]> {
  const r = await db.query<HazardRow>(
    `${HAZARD_SELECT} WHERE h.company_id = $1 AND h.work_order_id = $2 ORDER BY h.found_at, h.code`,
    [companyId, orderId],
  );
  return r.rows;
}

export async function findHazard(db: Queryable, companyId: string, orderId: string, id: string) {
  const r = await db.query<HazardRow>(
    `${HAZARD_SELECT} WHERE h.company_id = $1 AND h.work_order_id = $2 AND h.id = $3`,
    [companyId, orderId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertHazard(
  db: Queryable,
  companyId: string,
  orderId: string,
  h: { code: string; nameZh: string; nameEn: string; note: string | null; foundBy: string },
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO work_order_hazards (company_id, work_order_id, code, name_zh, name_en, note, found_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [companyId, orderId, h.code, h.nameZh, h.nameEn, h.note, h.foundBy],
  );
  return r.rows[0]?.id ?? null;
}

export async function fixHazard(
  db: Queryable,
  companyId: string,
  id: string,
  userId: string,
  note: string | null,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE work_order_hazards SET fixed_at = now(), fixed_by = $3, fix_note = $4
      WHERE company_id = $1 AND id = $2 AND fixed_at IS NULL`,
    [companyId, id, userId, note],
  );
  return (r.rowCount ?? 0) === 1;
}

// ——— attachments ———

export interface AttachmentMeta {
  id: string;
  kind: 'signature' | 'photo';
  contentType: string;
  sizeBytes: number;
  uploadedAt: Date;
  uploadedByName: string | null;
}

export async function insertAttachment(
  db: Queryable,
  companyId: string,
  orderId: string,
  a: { kind: 'signature' | 'photo'; contentType: string; data: Buffer; uploadedBy: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO work_order_attachments (company_id, work_order_id, kind, content_type, size_bytes, data, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [companyId, orderId, a.kind, a.contentType, a.data.length, a.data, a.uploadedBy],
  );
  return r.rows[0]!.id;
}

export async function listAttachments(db: Queryable, companyId: string, orderId: string): Promise<AttachmentMeta[]> {
  const r = await db.query<AttachmentMeta>(
    `SELECT a.id, a.kind, a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.uploaded_at AS "uploadedAt",
            u.full_name AS "uploadedByName"
       FROM work_order_attachments a
       LEFT JOIN users u ON u.company_id = a.company_id AND u.id = a.uploaded_by
      WHERE a.company_id = $1 AND a.work_order_id = $2
      ORDER BY a.kind = 'photo', a.uploaded_at, a.id`,
    [companyId, orderId],
  );
  return r.rows;
}

export async function readAttachment(db: Queryable, companyId: string, orderId: string, id: string) {
  const r = await db.query<{ contentType: string; data: Buffer | Uint8Array; kind: string }>(
    `SELECT content_type AS "contentType", data, kind FROM work_order_attachments
      WHERE company_id = $1 AND work_order_id = $2 AND id = $3`,
    [companyId, orderId, id],
  );
  return r.rows[0] ?? null;
}

// ——— visits (SVC-5) ———

export interface VisitRow {
  id: string;
  outcome: 'noAccess';
  visitedAt: Date;
  technicianId: string;
  technicianName: string | null;
  employeeNo: string | null;
  revisitAt: Date;
  note: string | null;
}

const VISIT_SELECT = `SELECT v.id, v.outcome, v.visited_at AS "visitedAt", v.technician_id AS "technicianId",
         u.full_name AS "technicianName", v.employee_no AS "employeeNo", v.revisit_at AS "revisitAt", v.note
    FROM work_order_visits v
    LEFT JOIN users u ON u.company_id = v.company_id AND u.id = v.technician_id`;

export async function listVisits(db: Queryable, companyId: string, orderId: string): Promise<VisitRow[]> {
  const r = await db.query<VisitRow>(
    `${VISIT_SELECT} WHERE v.company_id = $1 AND v.work_order_id = $2 ORDER BY v.visited_at, v.id`,
    [companyId, orderId],
  );
  return r.rows;
}

export async function findVisit(db: Queryable, companyId: string, orderId: string, id: string) {
  const r = await db.query<VisitRow>(`${VISIT_SELECT} WHERE v.company_id = $1 AND v.work_order_id = $2 AND v.id = $3`, [
    companyId,
    orderId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function insertVisit(
  db: Queryable,
  companyId: string,
  orderId: string,
  v: { visitedAt: Date; technicianId: string; employeeNo: string | null; revisitAt: Date; note: string | null },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO work_order_visits (company_id, work_order_id, outcome, visited_at, technician_id, employee_no,
                                    revisit_at, note)
     VALUES ($1, $2, 'noAccess', $3, $4, $5, $6, $7) RETURNING id`,
    [companyId, orderId, v.visitedAt, v.technicianId, v.employeeNo, v.revisitAt, v.note],
  );
  return r.rows[0]!.id;
}

export async function employeeNoOf(db: Queryable, companyId: string, userId: string): Promise<string | null> {
  const r = await db.query<{ employeeNo: string | null }>(
    'SELECT employee_no AS "employeeNo" FROM users WHERE company_id = $1 AND id = $2',
    [companyId, userId],
  );
  return r.rows[0]?.employeeNo ?? null;
}

/** What the order carries on top of its core row. */
export interface OrderExtras {
  noAccessCount: number;
  feeTotal: string | null;
  paymentMethod: 'wechat' | 'alipay' | 'hall' | null;
  completionNote: string | null;
}

export async function orderExtras(db: Queryable, companyId: string, orderId: string): Promise<OrderExtras> {
  const r = await db.query<OrderExtras>(
    `SELECT no_access_count AS "noAccessCount", fee_total AS "feeTotal", payment_method AS "paymentMethod",
            completion_note AS "completionNote"
       FROM work_orders WHERE company_id = $1 AND id = $2`,
    [companyId, orderId],
  );
  return r.rows[0] ?? { noAccessCount: 0, feeTotal: null, paymentMethod: null, completionNote: null };
}

export async function setFees(
  db: Queryable,
  companyId: string,
  orderId: string,
  total: string | null,
  method: OrderExtras['paymentMethod'],
): Promise<void> {
  await db.query(
    `UPDATE work_orders SET fee_total = $3, payment_method = $4, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, orderId, total, method],
  );
}

/** SVC-5: the orders nobody was home for at least `min` times, most visits first. */
export async function listRepeatedNoAccess(db: Queryable, companyId: string, min: number, limit: number) {
  const r = await db.query<{
    id: string;
    orderNo: string;
    typeCode: string;
    typeNameZh: string;
    typeNameEn: string;
    status: string;
    address: string | null;
    technicianName: string | null;
    noAccessCount: number;
    lastVisitAt: Date | null;
    revisitAt: Date | null;
  }>(
    `SELECT w.id, w.order_no AS "orderNo", w.type_code AS "typeCode", t.name_zh AS "typeNameZh", t.name_en AS "typeNameEn",
            w.status, w.address, u.full_name AS "technicianName", w.no_access_count AS "noAccessCount",
            v.visited_at AS "lastVisitAt", v.revisit_at AS "revisitAt"
       FROM work_orders w
       JOIN work_order_types t ON t.company_id = w.company_id AND t.code = w.type_code
       LEFT JOIN users u ON u.company_id = w.company_id AND u.id = w.technician_id
       LEFT JOIN LATERAL (
         SELECT visited_at, revisit_at FROM work_order_visits x
          WHERE x.company_id = w.company_id AND x.work_order_id = w.id
          ORDER BY visited_at DESC LIMIT 1) v ON true
      WHERE w.company_id = $1 AND w.no_access_count >= $2
      ORDER BY w.no_access_count DESC, v.visited_at DESC NULLS LAST
      LIMIT $3`,
    [companyId, min, limit],
  );
  return r.rows;
}

export async function setCompletionNote(db: Queryable, companyId: string, orderId: string, note: string | null) {
  await db.query('UPDATE work_orders SET completion_note = $3 WHERE company_id = $1 AND id = $2', [
    companyId,
    orderId,
    note,
  ]);
}

export async function bumpNoAccess(db: Queryable, companyId: string, orderId: string): Promise<void> {
  await db.query('UPDATE work_orders SET no_access_count = no_access_count + 1 WHERE company_id = $1 AND id = $2', [
    companyId,
    orderId,
  ]);
}

// ——— meters, deposits and applications touched by a completion ———

export interface InstalledMeter {
  id: string;
  serial: string;
  manufacturer: string;
  baseReading: string;
  version: number;
}

export async function installedMeter(db: Queryable, companyId: string, accountId: string) {
  const r = await db.query<InstalledMeter>(
    `SELECT id, serial, manufacturer, base_reading::text AS "baseReading", version FROM meters
      WHERE company_id = $1 AND account_id = $2 AND status = 'installed'
      ORDER BY installed_on DESC NULLS LAST LIMIT 1 FOR UPDATE`,
    [companyId, accountId],
  );
  return r.rows[0] ?? null;
}

export async function meterExists(db: Queryable, companyId: string, maker: string, serial: string) {
  const r = await db.query('SELECT 1 FROM meters WHERE company_id = $1 AND manufacturer = $2 AND serial = $3', [
    companyId,
    maker,
    serial,
  ]);
  return (r.rowCount ?? 0) > 0;
}

export async function removeMeter(db: Queryable, companyId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE meters SET status = 'removed', account_id = NULL, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
}

export async function installMeter(
  db: Queryable,
  companyId: string,
  m: {
    serial: string;
    manufacturer: string;
    model: string | null;
    meterType: string;
    inletDirection: string;
    baseReading: string;
    sealInlet: string | null;
    sealOutlet: string | null;
    location: string;
    metalHose: boolean;
    accountId: string;
    installedOn: string;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO meters (company_id, serial, manufacturer, model, meter_type, inlet_direction, base_reading,
                         seal_inlet, seal_outlet, location, metal_hose, status, account_id, installed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, 'installed', $12, $13) RETURNING id`,
    [
      companyId,
      m.serial,
      m.manufacturer,
      m.model,
      m.meterType,
      m.inletDirection,
      m.baseReading,
      m.sealInlet,
      m.sealOutlet,
      m.location,
      m.metalHose,
      m.accountId,
      m.installedOn,
    ],
  );
  return r.rows[0]!.id;
}

export async function insertReplaceEvent(
  db: Queryable,
  companyId: string,
  e: {
    accountId: string;
    meterId: string;
    on: string;
    reading: string;
    oldMeterId: string;
    oldReading: string;
    reason: string;
    by: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO meter_events (company_id, account_id, meter_id, kind, happened_on, reading, old_meter_id, old_reading,
                               reason, recorded_by)
     VALUES ($1, $2, $3, 'replace', $4, $5::numeric, $6, $7::numeric, $8, $9) RETURNING id`,
    [companyId, e.accountId, e.meterId, e.on, e.reading, e.oldMeterId, e.oldReading, e.reason, e.by],
  );
  return r.rows[0]!.id;
}

export async function insertMeterDeposit(
  db: Queryable,
  companyId: string,
  d: { accountId: string; amount: string; on: string; receiptNo: string | null; note: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO deposits (company_id, account_id, kind, amount, status, received_on, receipt_no, note)
     VALUES ($1, $2, 'meter', $3::numeric, 'held', $4, $5, $6) RETURNING id`,
    [companyId, d.accountId, d.amount, d.on, d.receiptNo, d.note],
  );
  return r.rows[0]!.id;
}

export async function findDeposit(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{ id: string; amount: string; status: string; settledOn: string | null }>(
    `SELECT id, amount::text AS amount, status, settled_on::text AS "settledOn" FROM deposits
      WHERE company_id = $1 AND id = $2`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}

/**
 * SVC-9/PAY-8: a failed meter test gives the whole deposit back, released as the deposits module releases one
 * (refunded amount, result, note, who and when, and a 'refunded' movement). No tender: the work order took the
 * deposit outside a cashier's drawer, so it is in no shift's close.
 */
export async function refundDeposit(
  db: Queryable,
  companyId: string,
  id: string,
  r: { on: string; by: string; note: string },
): Promise<boolean> {
  const u = await db.query<{ amount: string }>(
    `UPDATE deposits SET status = 'refunded', refunded_amount = amount, applied_amount = 0, forfeited_amount = 0,
            meter_test_result = 'inaccurate', release_note = $4, released_by = $5, released_at = now(), settled_on = $3
      WHERE company_id = $1 AND id = $2 AND status = 'held' RETURNING amount::text AS amount`,
    [companyId, id, r.on, r.note, r.by],
  );
  const amount = u.rows[0]?.amount;
  if (!amount) return false;
  await db.query(
    `INSERT INTO deposit_movements (company_id, deposit_id, kind, amount, note, by_user)
     VALUES ($1, $2, 'refunded', $3, $4, $5)`,
    [companyId, id, amount, r.note, r.by],
  );
  return true;
}

export async function markApplicationDone(db: Queryable, companyId: string, id: string) {
  const r = await db.query<{ applicationNo: string; status: string }>(
    `UPDATE service_applications SET status = 'done', version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2 AND status IN ('pending', 'scheduled')
      RETURNING application_no AS "applicationNo", status`,
    [companyId, id],
  );
  return r.rows[0] ?? null;
}
