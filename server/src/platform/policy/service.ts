import { z } from 'zod';
import type { Queryable, Tx } from '../../db/types.js';
import { fileRequest } from '../approvals/service.js';
import { recordAudit } from '../audit.js';
import { businessToday } from '../calendar/workdays.js';
import type { Actor, Principal } from '../context.js';
import { parseOrThrow } from '../validation.js';
import { policyCatalogue, policyDef } from './catalogue/index.js';
import { PolicyError } from './errors.js';

interface Row {
  key: string;
  value: unknown;
  effectiveFrom: string;
  version: number;
}

export async function currentPolicy(db: Queryable, companyId: string, asOf: string) {
  const rows = await db.query<Row>(
    `SELECT DISTINCT ON (key) key, value, effective_from AS "effectiveFrom", version FROM policy_values
      WHERE company_id = $1 AND effective_from <= $2 ORDER BY key, effective_from DESC, version DESC`,
    [companyId, asOf],
  );
  const pending = await db.query<{ id: string; no: string; key: string; effectiveFrom: string; value: unknown }>(
    `SELECT id, no, payload->>'key' AS key, payload->>'effectiveFrom' AS "effectiveFrom", payload->'value' AS value
       FROM approval_requests WHERE company_id = $1 AND kind = 'policyChange' AND status = 'pending' ORDER BY created_at`,
    [companyId],
  );
  const byKey = new Map(rows.rows.map((r) => [r.key, r]));
  return {
    asOf,
    items: Object.entries(policyCatalogue).map(([key, def]) => {
      const row = byKey.get(key);
      return {
        key,
        rule: def.rule,
        name: { zh: def.zh, en: def.en },
        unit: def.unit,
        value: row?.value ?? def.default,
        effectiveFrom: row?.effectiveFrom ?? null,
        version: row?.version ?? 0,
        pendingRequests: pending.rows
          .filter((p) => p.key === key)
          .map(({ id, no, effectiveFrom, value }) => ({ id, no, effectiveFrom, value })),
      };
    }),
  };
}

export async function history(db: Queryable, companyId: string, key: string) {
  if (!policyDef(key)) throw PolicyError('UNKNOWN_KEY', { vars: { key } });
  const r = await db.query<{
    effectiveFrom: string;
    version: number;
    value: unknown;
    createdAt: Date;
    createdBy: { id: string; fullName: string } | null;
    requestId: string | null;
    requestNo: string | null;
  }>(
    `SELECT v.effective_from AS "effectiveFrom", v.version, v.value, v.created_at AS "createdAt",
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'fullName', u.full_name) END AS "createdBy",
            v.request_id AS "requestId", a.no AS "requestNo"
       FROM policy_values v
       LEFT JOIN users u ON u.company_id = v.company_id AND u.id = v.created_by
       LEFT JOIN approval_requests a ON a.company_id = v.company_id AND a.id = v.request_id
      WHERE v.company_id = $1 AND v.key = $2 ORDER BY v.effective_from DESC, v.version DESC`,
    [companyId, key],
  );
  return { key, items: r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() })) };
}

export const changePayload = z.object({
  key: z.string().min(1).max(100),
  value: z.unknown(),
  effectiveFrom: z.iso.date(),
});
export type PolicyChange = z.infer<typeof changePayload>;

/** The key exists, the value fits its schema, and the change does not reach into the past. */
export function checkChange(change: PolicyChange, prefix: string[] = []): unknown {
  const def = policyDef(change.key);
  if (!def) throw PolicyError('UNKNOWN_KEY', { field: [...prefix, 'key'].join('.'), vars: { key: change.key } });
  const value = parseOrThrow(def.schema, change.value, 'body', [...prefix, 'value']);
  const today = businessToday();
  if (change.effectiveFrom < today) {
    throw PolicyError('BACKDATED', { field: [...prefix, 'effectiveFrom'].join('.'), vars: { today } });
  }
  return value;
}

export async function proposeChange(tx: Tx, actor: Actor, p: Principal, input: PolicyChange & { reason: string }) {
  const value = checkChange(input);
  return fileRequest(tx, actor, p, {
    kind: 'policyChange',
    subjectType: 'policy',
    subjectId: input.key,
    reason: input.reason,
    payload: { key: input.key, value, effectiveFrom: input.effectiveFrom },
  });
}

/** Writes an approved change as a new version: history is never overwritten. */
export async function applyChange(tx: Tx, actor: Actor, change: PolicyChange, requestId: string, requestedBy: string) {
  const before = await tx.query<{ value: unknown }>(
    `SELECT value FROM policy_values WHERE company_id = $1 AND key = $2 AND effective_from <= $3
     ORDER BY effective_from DESC, version DESC LIMIT 1`,
    [actor.companyId, change.key, change.effectiveFrom],
  );
  const r = await tx.query<{ version: number }>(
    `INSERT INTO policy_values (company_id, key, effective_from, version, value, created_by, request_id)
     SELECT $1, $2, $3, COALESCE(max(version), 0) + 1, $4, $5, $6 FROM policy_values
      WHERE company_id = $1 AND key = $2 AND effective_from = $3
     RETURNING version`,
    [actor.companyId, change.key, change.effectiveFrom, JSON.stringify(change.value), requestedBy, requestId],
  );
  await recordAudit(tx, actor, {
    action: 'policy.change',
    entityType: 'policy',
    entityId: change.key,
    before: { value: before.rows[0]?.value ?? null },
    after: { value: change.value, effectiveFrom: change.effectiveFrom, version: r.rows[0]!.version, requestId },
  });
  return { key: change.key, effectiveFrom: change.effectiveFrom, version: r.rows[0]!.version };
}

export function describeChange(change: PolicyChange) {
  const def = policyDef(change.key);
  const value = typeof change.value === 'object' ? JSON.stringify(change.value) : String(change.value);
  return {
    zh: `参数「${def?.zh ?? change.key}」改为 ${value}，自 ${change.effectiveFrom} 起生效`,
    en: `${def?.en ?? change.key}: ${value} from ${change.effectiveFrom}`,
  };
}
