/**
 * What must hold before a case completes (CUS-9, CUS-10, CUS-11). Every problem is named with the
 * field it is about, so the console can put it where the clerk fixes it; submitting refuses with all
 * of them at once.
 */
import { Decimal } from 'decimal.js';
import type { Queryable } from '../../db/types.js';
import type { AppError, Text } from '../../platform/errors.js';
import { accountBalance } from '../ledger/service.js';
import type { CaseKind } from './documents.js';
import { CaseError } from './errors.js';
import * as repo from './repo.js';
import type { NatureChangeDetails, TransferDetails } from './schemas.js';

/** The account statuses each flow starts from: nothing changes a closed account. */
export const ALLOWED_FROM: Record<CaseKind, repo.AccountStatus[]> = {
  transfer: ['active', 'suspended'],
  suspension: ['active'],
  reactivation: ['suspended'],
  closure: ['active', 'suspended'],
  natureChange: ['active', 'suspended'],
};

/** Arrears must be cleared first (000 §121; 004 for suspension, closure and nature change). */
const ARREARS_CLEARED: CaseKind[] = ['transfer', 'suspension', 'closure', 'natureChange'];
/** A reading confirmed and signed by the customer is part of the change (CUS-9, CUS-10). */
const READING_REQUIRED: CaseKind[] = ['transfer', 'suspension', 'reactivation', 'closure'];

export const KIND_TEXT: Record<CaseKind, Text> = {
  transfer: { zh: '过户', en: 'ownership transfer' },
  suspension: { zh: '报停', en: 'suspension' },
  reactivation: { zh: '启封', en: 'reactivation' },
  closure: { zh: '销户', en: 'closure' },
  natureChange: { zh: '用气性质变更', en: 'usage-nature change' },
};

export const ACCOUNT_STATUS_TEXT: Record<repo.AccountStatus, Text> = {
  pending: { zh: '待通气', en: 'pending' },
  active: { zh: '正常', en: 'active' },
  suspended: { zh: '报停', en: 'suspended' },
  closed: { zh: '已销户', en: 'closed' },
};

export function statusProblem(kind: CaseKind, status: repo.AccountStatus): AppError | null {
  if (ALLOWED_FROM[kind].includes(status)) return null;
  return CaseError('STATUS_NOT_ALLOWED', {
    field: 'accountId',
    vars: { status: ACCOUNT_STATUS_TEXT[status], kind: KIND_TEXT[kind] },
  });
}

/** Every problem of a case, in the order the flow meets them: status, arrears, documents, reading, details. */
export async function problemsOf(
  db: Queryable,
  companyId: string,
  c: repo.CaseRow,
  today: string,
): Promise<AppError[]> {
  const out: AppError[] = [];
  const push = (p: AppError | null) => p && out.push(p);
  push(statusProblem(c.kind, c.accountStatus));

  if (ARREARS_CLEARED.includes(c.kind)) {
    const { arrears } = await accountBalance(db, companyId, c.accountId, today);
    if (new Decimal(arrears).gt(0)) {
      push(CaseError('ARREARS_OUTSTANDING', { field: 'arrears', vars: { amount: arrears } }));
    }
  }

  const missing = c.documents.filter((d) => d.required && !d.received);
  if (missing.length) {
    const items = missing.map((d) => d.label).join('；');
    push(CaseError('DOCUMENTS_MISSING', { field: 'documents', vars: { items } }));
  }

  if (READING_REQUIRED.includes(c.kind) && c.meterId) {
    if (c.reading === null) {
      const code = c.kind === 'closure' ? 'FINAL_READING_REQUIRED' : 'READING_REQUIRED';
      push(CaseError(code, { field: 'reading.value' }));
    } else if (!c.readingConfirmed) {
      push(CaseError('READING_NOT_CONFIRMED', { field: 'reading.confirmed' }));
    }
  }

  for (const p of await detailProblems(db, companyId, c, today)) push(p);
  return out;
}

const required = (field: string, name: Text) =>
  CaseError('DETAIL_REQUIRED', { field: `details.${field}`, vars: { field: name } });

async function detailProblems(db: Queryable, companyId: string, c: repo.CaseRow, today: string): Promise<AppError[]> {
  switch (c.kind) {
    case 'transfer': {
      const d = c.details as TransferDetails;
      if (!d.newOwner) return [required('newOwner', { zh: '新户信息', en: 'the new owner' })];
      const owner = await newOwnerProblem(db, companyId, c, d.newOwner);
      return owner ? [owner] : [];
    }
    case 'suspension':
    case 'closure': {
      const d = c.details as { reason?: string };
      return d.reason ? [] : [required('reason', { zh: '办理原因', en: 'the reason' })];
    }
    case 'reactivation': {
      const pending = await repo.pendingTemporaryRemoval(db, companyId, c.accountId);
      if (pending?.restoreBy && pending.restoreBy < today) {
        return [CaseError('RESTORE_EXPIRED', { field: 'accountId', vars: { date: pending.restoreBy } })];
      }
      return [];
    }
    case 'natureChange': {
      const d = c.details as NatureChangeDetails;
      const out: AppError[] = [];
      if (!d.newNature) out.push(required('newNature', { zh: '新用气性质', en: 'the new usage nature' }));
      else {
        const p = await natureProblem(db, companyId, c, d.newNature);
        if (p) out.push(p);
      }
      if (!d.reason) out.push(required('reason', { zh: '变更原因', en: 'the reason' }));
      if (!d.siteCheck) out.push(CaseError('SITE_CHECK_REQUIRED', { field: 'details.siteCheck' }));
      return out;
    }
  }
}

const CUSTOMER_KIND_TEXT: Record<repo.CustomerKind, Text> = {
  residential: { zh: '居民', en: 'residential' },
  commercial: { zh: '工商业', en: 'commercial' },
  institutional: { zh: '公建', en: 'institutional' },
};

/** The new owner exists, is someone else, and is of the kind the account's usage nature is for. */
export async function newOwnerProblem(
  db: Queryable,
  companyId: string,
  c: { customerId: string; usageNature: string; usageNatureName: string },
  owner: NonNullable<TransferDetails['newOwner']>,
): Promise<AppError | null> {
  let kind: repo.CustomerKind;
  if (owner.mode === 'existing') {
    const found = await repo.findCustomer(db, companyId, owner.customerId);
    if (!found) return CaseError('CUSTOMER_NOT_FOUND', { field: 'details.newOwner.customerId' });
    if (found.id === c.customerId) return CaseError('NEW_OWNER_SAME', { field: 'details.newOwner.customerId' });
    kind = found.kind;
  } else kind = owner.customer.kind;
  const nature = await repo.findNature(db, companyId, c.usageNature);
  if (nature && nature.customerKind !== kind) {
    const field = owner.mode === 'existing' ? 'details.newOwner.customerId' : 'details.newOwner.customer.kind';
    return CaseError('NEW_OWNER_KIND', {
      field,
      vars: { kind: CUSTOMER_KIND_TEXT[kind], nature: c.usageNatureName },
    });
  }
  return null;
}

/** The new nature is an active one of the account's commodity, and not the current one. */
export async function natureProblem(
  db: Queryable,
  companyId: string,
  c: { usageNature: string; commodity: 'gas' | 'water' },
  code: string,
): Promise<AppError | null> {
  const nature = await repo.findNature(db, companyId, code);
  if (!nature?.active || nature.commodity !== c.commodity) {
    return CaseError('NATURE_NOT_FOUND', { field: 'details.newNature', vars: { code } });
  }
  if (nature.code === c.usageNature) return CaseError('NATURE_SAME', { field: 'details.newNature' });
  return null;
}
