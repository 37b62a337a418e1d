import type { Queryable, Tx } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { OrgError } from './errors.js';
import * as repo from './repo.js';

export type { CompanyRow, OrgUnitKind, OrgUnitRow } from './repo.js';

const KIND_ZH = { department: '部门', unit: '中心/班', team: '班组' } as const;
// ORG-1: department → unit (service centre, hall, call centre…) → team.
const PARENT_KIND = { department: null, unit: 'department', team: 'unit' } as const;

export function listOrgUnits(db: Queryable, companyId: string) {
  return repo.listOrgUnits(db, companyId);
}

export function findCompany(db: Queryable, companyId: string) {
  return repo.findCompany(db, companyId);
}

/** An org unit of the actor's company, or a 404 naming the field that referred to it. */
export async function requireOrgUnit(db: Queryable, companyId: string, id: string, field = 'orgUnitId') {
  const unit = await repo.findOrgUnit(db, companyId, id);
  if (!unit) throw OrgError('ORG_UNIT_NOT_FOUND', { field });
  return unit;
}

export interface NewOrgUnit {
  parentId: string | null;
  kind: repo.OrgUnitKind;
  unitType?: string | null;
  code: string;
  name: string;
  sortOrder?: number;
}

export async function createOrgUnit(tx: Tx, actor: Actor, input: NewOrgUnit): Promise<repo.OrgUnitRow> {
  const wanted = PARENT_KIND[input.kind];
  const parent = input.parentId ? await requireOrgUnit(tx, actor.companyId, input.parentId, 'parentId') : null;
  if ((parent?.kind ?? null) !== wanted) {
    const parentKind = wanted ? KIND_ZH[wanted] : '公司';
    throw OrgError('BAD_PARENT', {
      field: 'parentId',
      vars: { kind: KIND_ZH[input.kind], parentKind: { zh: parentKind, en: wanted ?? 'company' } },
    });
  }
  if (await repo.codeExists(tx, actor.companyId, input.code)) {
    throw OrgError('CODE_TAKEN', { field: 'code', vars: { code: input.code } });
  }
  const row = {
    parentId: input.parentId,
    kind: input.kind,
    unitType: input.unitType ?? null,
    code: input.code,
    name: input.name,
    sortOrder: input.sortOrder ?? 0,
  };
  const id = await repo.insertOrgUnit(tx, actor.companyId, row);
  const created = { id, ...row };
  await recordAudit(tx, actor, { action: 'org.unit.create', entityType: 'orgUnit', entityId: id, after: created });
  return created;
}

export async function ensureGroup(tx: Tx, code: string, name: string) {
  return repo.ensureGroup(tx, code, name);
}

export async function createCompany(
  tx: Tx,
  c: { groupId: string; code: string; name: string; kind?: 'city' | 'township' },
): Promise<string> {
  return repo.insertCompany(tx, { kind: 'city', ...c });
}

export function findCompanyByCode(db: Queryable, code: string) {
  return repo.findCompanyByCode(db, code);
}
