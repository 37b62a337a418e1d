import type { Queryable } from '../../db/types.js';
import { pageClause } from '../../platform/paging.js';
import type { Channel, ContactListQuery } from './schemas.js';

export interface ContactRow {
  id: string;
  contactedAt: Date;
  channel: Channel;
  category: string;
  accountId: string | null;
  accountNo: string | null;
  customerName: string | null;
  callerName: string | null;
  address: string | null;
  phone: string | null;
  summary: string;
  takenBy: string;
  takenByName: string;
  orgUnitId: string | null;
}

const SELECT = `SELECT id, contacted_at AS "contactedAt", channel, category, account_id AS "accountId",
         account_no AS "accountNo", customer_name AS "customerName", caller_name AS "callerName", address, phone,
         summary, taken_by AS "takenBy", taken_by_name AS "takenByName", org_unit_id AS "orgUnitId"
    FROM contacts c`;

export async function insertContact(
  db: Queryable,
  companyId: string,
  c: Omit<ContactRow, 'id' | 'contactedAt'> & { contactedAt: string | null },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO contacts (company_id, channel, category, account_id, account_no, customer_name, caller_name, address,
                           phone, summary, taken_by, taken_by_name, org_unit_id, contacted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14::timestamptz, now()))
     RETURNING id`,
    [
      companyId,
      c.channel,
      c.category,
      c.accountId,
      c.accountNo,
      c.customerName,
      c.callerName,
      c.address,
      c.phone,
      c.summary,
      c.takenBy,
      c.takenByName,
      c.orgUnitId,
      c.contactedAt,
    ],
  );
  return r.rows[0]!.id;
}

export async function findContact(db: Queryable, companyId: string, id: string): Promise<ContactRow | null> {
  const r = await db.query<ContactRow>(`${SELECT} WHERE c.company_id = $1 AND c.id = $2`, [companyId, id]);
  return r.rows[0] ?? null;
}

const SORT: Record<ContactListQuery['sort'], string> = {
  contactedAt: 'c.contacted_at',
  accountNo: 'c.account_no',
  channel: 'c.channel',
  category: 'c.category',
};

export async function listContacts(
  db: Queryable,
  companyId: string,
  q: Omit<ContactListQuery, 'orgUnitId'> & { orgUnitIds?: string[] },
): Promise<{ rows: ContactRow[]; total: number }> {
  const params: unknown[] = [companyId];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['c.company_id = $1'];
  if (q.from) where.push(`c.contacted_at >= ${$(q.from)}`);
  if (q.to) where.push(`c.contacted_at <= ${$(q.to)}`);
  if (q.channel) where.push(`c.channel = ${$(q.channel)}`);
  if (q.category) where.push(`c.category = ${$(q.category)}`);
  if (q.orgUnitIds) where.push(`c.org_unit_id = ANY(${$(q.orgUnitIds)}::uuid[])`);
  if (q.takenBy) where.push(`c.taken_by = ${$(q.takenBy)}`);
  if (q.accountId) where.push(`c.account_id = ${$(q.accountId)}`);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contacts c WHERE ${w}`, params);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<ContactRow>(
    `${SELECT} WHERE ${w} ORDER BY ${SORT[q.sort]} ${dir} NULLS LAST, c.contacted_at ${dir}, c.id ${dir} ${pageClause(q)}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}
