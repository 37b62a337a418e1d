import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import { type Entity, fieldDef } from './fields.js';

export type Values = Record<string, unknown>;

/** What is locked and compared: a record's editable values, its id and its version. */
export interface Versioned {
  id: string;
  version: number;
  updatedAt: Date | string | null;
  values: Values;
}

export interface Snapshot {
  accountNo: string;
  customerKind: string;
  meterType: string | null;
  account: Versioned;
  customer: Versioned;
  premise: Versioned;
  meter: Versioned | null;
  invoiceDetails: Versioned | null;
}

const lockClause = (lock: boolean) => (lock ? 'FOR UPDATE' : '');

/**
 * The account's editable records as they are now; with `lock`, row-locked in a fixed order (account,
 * customer, premise, meter, invoice details) so two writers never deadlock.
 */
export async function loadSnapshot(
  db: Queryable,
  companyId: string,
  accountId: string,
  lock = false,
): Promise<Snapshot | null> {
  const a = await db.query<
    Values & { id: string; version: number; updatedAt: Date; customerId: string; premiseId: string; accountNo: string }
  >(
    `SELECT id, account_no AS "accountNo", customer_id AS "customerId", premise_id AS "premiseId",
            payment_method AS "paymentMethod", bank_name AS "bankName", bank_account_no AS "bankAccountNo",
            bank_account_holder AS "bankAccountHolder", sms_mobile AS "smsMobile", sms_carrier AS "smsCarrier",
            version, updated_at AS "updatedAt"
       FROM accounts WHERE company_id = $1 AND id = $2 ${lockClause(lock)}`,
    [companyId, accountId],
  );
  const account = a.rows[0];
  if (!account) return null;
  const c = await db.query<Values & { id: string; version: number; updatedAt: Date; kind: string }>(
    `SELECT id, kind, name, id_type AS "idType", id_no AS "idNo", tax_no AS "taxNo", mobile, phone,
            special_care AS "specialCare", note, version, updated_at AS "updatedAt"
       FROM customers WHERE company_id = $1 AND id = $2 ${lockClause(lock)}`,
    [companyId, account.customerId],
  );
  const p = await db.query<Values & { id: string; version: number; updatedAt: Date }>(
    `SELECT id, district, street, address_kind AS "addressKind", community, building, unit, room, lane,
            row_no AS "rowNo", house_no AS "houseNo", version, updated_at AS "updatedAt"
       FROM premises WHERE company_id = $1 AND id = $2 ${lockClause(lock)}`,
    [companyId, account.premiseId],
  );
  const m = await db.query<Values & { id: string; version: number; updatedAt: Date; meterType: string }>(
    `SELECT id, serial, manufacturer, model, meter_type AS "meterType", seal_inlet AS "sealInlet",
            seal_outlet AS "sealOutlet", location, inlet_direction AS "inletDirection", version, updated_at AS "updatedAt"
       FROM meters WHERE company_id = $1 AND account_id = $2 AND status = 'installed'
      ORDER BY installed_on DESC NULLS LAST, id LIMIT 1 ${lockClause(lock)}`,
    [companyId, accountId],
  );
  const i = await db.query<Values & { version: number; updatedAt: Date }>(
    `SELECT invoice_kind AS "invoiceKind", title, tax_no AS "taxNo", address, phone, bank_name AS "bankName",
            bank_account_no AS "bankAccountNo", email, version, updated_at AS "updatedAt"
       FROM invoice_details WHERE company_id = $1 AND account_id = $2 ${lockClause(lock)}`,
    [companyId, accountId],
  );
  const split = (row: Values & { version: number; updatedAt: Date }, id: string, drop: string[] = []): Versioned => {
    const { version, updatedAt, ...rest } = row;
    for (const k of ['id', ...drop]) delete rest[k];
    return { id, version, updatedAt, values: rest };
  };
  const customer = c.rows[0]!;
  const meter = m.rows[0];
  const invoice = i.rows[0];
  return {
    accountNo: account.accountNo,
    customerKind: customer.kind,
    meterType: meter?.meterType ?? null,
    account: split(account, account.id, ['accountNo', 'customerId', 'premiseId']),
    customer: split(customer, customer.id, ['kind']),
    premise: split(p.rows[0]!, p.rows[0]!.id),
    meter: meter ? split(meter, meter.id, ['meterType']) : null,
    invoiceDetails: invoice ? split(invoice, accountId) : null,
  };
}

const TABLE: Record<Exclude<Entity, 'invoiceDetails'>, string> = {
  customer: 'customers',
  premise: 'premises',
  account: 'accounts',
  meter: 'meters',
};

/** Writes the changed fields of one record and bumps its version; returns the new version. */
export async function updateRecord(
  db: Queryable,
  companyId: string,
  entity: Entity,
  id: string,
  values: Values,
): Promise<number> {
  const params: unknown[] = [companyId, id];
  const sets = Object.entries(values).map(([field, value]) => {
    const def = fieldDef(entity, field);
    if (!def) throw new Error(`unknown field ${entity}.${field}`);
    params.push(value);
    return `${def.column} = $${params.length}${def.array ? '::text[]' : ''}`;
  });
  if (entity === 'invoiceDetails') {
    const cols = Object.keys(values).map((field) => fieldDef(entity, field)!.column);
    const r = await db.query<{ version: number }>(
      `INSERT INTO invoice_details (company_id, account_id, ${cols.join(', ')})
       VALUES ($1, $2, ${cols.map((_, n) => `$${n + 3}`).join(', ')})
       ON CONFLICT (company_id, account_id) DO UPDATE
          SET ${sets.join(', ')}, version = invoice_details.version + 1, updated_at = now()
       RETURNING version`,
      params,
    );
    return r.rows[0]!.version;
  }
  const r = await db.query<{ version: number }>(
    `UPDATE ${TABLE[entity]} SET ${sets.join(', ')}, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND id = $2 RETURNING version`,
    params,
  );
  return r.rows[0]!.version;
}

/** Whether another meter of the company already has this manufacturer and serial. */
export async function meterSerialTaken(
  db: Queryable,
  companyId: string,
  meterId: string,
  manufacturer: string,
  serial: string,
): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM meters WHERE company_id = $1 AND manufacturer = $2 AND serial = $3 AND id <> $4',
    [companyId, manufacturer, serial, meterId],
  );
  return r.rows.length > 0;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface NewHistoryRow {
  accountId: string;
  entityType: Entity;
  entityId: string;
  mode: 'direct' | 'approved';
  changes: FieldChange[];
  versionBefore: number | null;
  versionAfter: number;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  requestedBy?: string | null;
  requestedByName?: string | null;
  approvalRequestId?: string | null;
}

export async function insertHistory(db: Queryable, companyId: string, h: NewHistoryRow): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO customer_changes (company_id, account_id, entity_type, entity_id, mode, changes, version_before,
                                   version_after, reason, changed_by, changed_by_name, requested_by,
                                   requested_by_name, approval_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      companyId,
      h.accountId,
      h.entityType,
      h.entityId,
      h.mode,
      JSON.stringify(h.changes),
      h.versionBefore,
      h.versionAfter,
      h.reason,
      h.changedBy,
      h.changedByName,
      h.requestedBy ?? null,
      h.requestedByName ?? null,
      h.approvalRequestId ?? null,
    ],
  );
  return r.rows[0]!.id;
}

export interface HistoryRow {
  id: string;
  accountId: string;
  entityType: Entity;
  entityId: string;
  mode: 'direct' | 'approved';
  changes: FieldChange[];
  versionBefore: number | null;
  versionAfter: number;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  requestedBy: string | null;
  requestedByName: string | null;
  approvalRequestId: string | null;
  approvalNo: string | null;
  changedAt: Date;
}

/** The changes an account's view shows: made through it, or to its customer or premise through another. */
const HISTORY_WHERE = `h.company_id = $1 AND (h.account_id = $2
   OR (h.entity_type = 'customer' AND h.entity_id = $3) OR (h.entity_type = 'premise' AND h.entity_id = $4))`;

export async function listHistory(
  db: Queryable,
  companyId: string,
  scope: { accountId: string; customerId: string; premiseId: string },
  page: { page: number; pageSize: number },
): Promise<{ rows: HistoryRow[]; total: number }> {
  const params = [companyId, scope.accountId, scope.customerId, scope.premiseId];
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customer_changes h WHERE ${HISTORY_WHERE}`,
    params,
  );
  const rows = await db.query<HistoryRow>(
    `SELECT h.id, h.account_id AS "accountId", h.entity_type AS "entityType", h.entity_id AS "entityId", h.mode,
            h.changes, h.version_before AS "versionBefore", h.version_after AS "versionAfter", h.reason,
            h.changed_by AS "changedBy", h.changed_by_name AS "changedByName", h.requested_by AS "requestedBy",
            h.requested_by_name AS "requestedByName", h.approval_request_id AS "approvalRequestId",
            r.no AS "approvalNo", h.changed_at AS "changedAt"
       FROM customer_changes h
       LEFT JOIN approval_requests r ON r.company_id = h.company_id AND r.id = h.approval_request_id
      WHERE ${HISTORY_WHERE}
      ORDER BY h.changed_at DESC, h.id DESC ${pageClause(page)}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** Who last changed a record and when, for the "changed by someone else" message. */
export async function lastChange(
  db: Queryable,
  companyId: string,
  entity: Entity,
  entityId: string,
): Promise<{ changedByName: string | null; changedAt: Date } | null> {
  const r = await db.query<{ changedByName: string | null; changedAt: Date }>(
    `SELECT changed_by_name AS "changedByName", changed_at AS "changedAt" FROM customer_changes
      WHERE company_id = $1 AND entity_type = $2 AND entity_id = $3 ORDER BY changed_at DESC LIMIT 1`,
    [companyId, entity, entityId],
  );
  return r.rows[0] ?? null;
}
