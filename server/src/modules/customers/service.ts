import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { policyValue } from '../../platform/policy/policy.js';
import { CustomerError } from './errors.js';
import * as repo from './repo.js';

export interface AccountNoPattern {
  prefix: string;
  digits: number;
}

/** CUS-3: the account number of a serial under the company's pattern (prefix + zero-padded serial). */
export function formatAccountNo(pattern: AccountNoPattern, serial: number): string {
  const s = String(serial);
  if (s.length > pattern.digits) {
    throw CustomerError('ACCOUNT_NO_EXHAUSTED', { vars: { prefix: pattern.prefix, digits: pattern.digits } });
  }
  return pattern.prefix + s.padStart(pattern.digits, '0');
}

/** CUS-3: reserves `count` account numbers of the company's pattern in force on `asOf`. */
export async function allocateAccountNos(
  db: Queryable,
  companyId: string,
  count: number,
  asOf: string,
): Promise<{ pattern: AccountNoPattern; firstSerial: number }> {
  const pattern = await policyValue(db, companyId, 'cus.accountNo', asOf);
  const firstSerial = await repo.reserveAccountSerials(db, companyId, count);
  formatAccountNo(pattern, firstSerial + count - 1); // refuses before anything is written with it
  return { pattern, firstSerial };
}

/** 138****5678: enough for the clerk to confirm with the caller, not enough to copy. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return null;
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile;
}

function maskIdNo(idNo: string | null): string | null {
  if (!idNo) return null;
  return idNo.length <= 8 ? idNo : `${idNo.slice(0, 4)}${'*'.repeat(idNo.length - 8)}${idNo.slice(-4)}`;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const reversed = (s: string) => [...s].reverse().join('');

/** "幸福小区 3-2-501", "幸福小区3号楼2单元501室", "3栋2单元501". */
const APARTMENT = [
  /^(.*?)([0-9A-Za-z]{1,4})\s*-\s*(\d{1,3})\s*-\s*(\d{1,5})\s*(?:室|号)?$/,
  /^(.*?)([0-9A-Za-z]{1,4})\s*(?:号楼|号|栋|幢|座|楼)\s*(\d{1,3})\s*(?:单元|门)\s*(\d{1,5})\s*(?:室|号)?$/,
];
/** "槐树巷3排12号", "槐树 3排12号". */
const BUNGALOW = /^(.*?)(\d{1,3})\s*排\s*(\d{1,4})\s*号?$/;

/**
 * CUS-3: reads what was typed into the one box and returns only the indexed lookups that fit it:
 * digits may be an account number, a mobile or its last digits, the end of an ID number or a meter
 * serial; Chinese text a name or an address, structured when it has building-unit-room or row-number.
 */
export function classifySearch(input: string): repo.SearchProbe[] {
  const q = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const compact = q.replace(/ /g, '');
  const upper = compact.toUpperCase();
  const probes: repo.SearchProbe[] = [];

  if (/^\d+$/.test(compact)) {
    probes.push({ matchedBy: 'accountNo', rank: 0, source: 'account', where: 'a.account_no = $?', params: [compact] });
    if (compact.length >= 4 && compact.length < 18) {
      probes.push({
        matchedBy: 'accountNo',
        rank: 2,
        source: 'account',
        where: 'a.account_no LIKE $?',
        params: [`${compact}%`],
      });
    }
    if (compact.length === 11 && compact.startsWith('1')) {
      probes.push({ matchedBy: 'mobile', rank: 0, source: 'customer', where: 'c.mobile = $?', params: [compact] });
    } else if (compact.length >= 4 && compact.length < 11) {
      probes.push({
        matchedBy: 'mobile',
        rank: 1,
        source: 'customer',
        where: 'c.mobile IS NOT NULL AND reverse(c.mobile) LIKE $?',
        params: [`${reversed(compact)}%`],
      });
    }
  }
  if (/^[0-9A-Za-z-]+$/.test(compact)) {
    if (/^\d{3,17}[\dX]$/.test(upper)) {
      probes.push({
        matchedBy: 'idNo',
        rank: upper.length >= 15 ? 0 : 1,
        source: 'customer',
        where: 'c.id_no IS NOT NULL AND reverse(upper(c.id_no)) LIKE $?',
        params: [`${reversed(upper)}%`],
      });
    }
    if (compact.length >= 3) {
      probes.push({
        matchedBy: 'meterSerial',
        rank: 0,
        source: 'meter',
        where: 'upper(m.serial) = $?',
        params: [upper],
      });
      if (compact.length >= 5) {
        probes.push({
          matchedBy: 'meterSerial',
          rank: 2,
          source: 'meter',
          where: 'upper(m.serial) LIKE $?',
          params: [`${likeEscape(upper)}%`],
        });
      }
    }
  }

  const apartment = APARTMENT.map((re) => re.exec(q)).find(Boolean);
  const bungalow = apartment ? null : BUNGALOW.exec(q);
  if (apartment) {
    const [, place, building, unit, room] = apartment as unknown as string[];
    const text = place!.replace(/ /g, '');
    probes.push({
      matchedBy: 'address',
      rank: 1,
      source: 'premise',
      where: `p.address_kind = 'apartment' AND p.building = $? AND p.unit = $? AND p.room = $?${text ? ' AND strpos(p.full_address, $?) > 0' : ''}`,
      params: [building!.toUpperCase(), unit, room, ...(text ? [text] : [])],
    });
  } else if (bungalow) {
    const [, place, row, no] = bungalow as unknown as string[];
    const text = place!.replace(/ /g, '');
    probes.push({
      matchedBy: 'address',
      rank: 1,
      source: 'premise',
      where: `p.address_kind = 'bungalow' AND p.row_no = $? AND p.house_no = $?${text ? ' AND strpos(p.full_address, $?) > 0' : ''}`,
      params: [row, no, ...(text ? [text] : [])],
    });
  } else if (!/^[0-9A-Za-z-]+$/.test(compact)) {
    // Chinese (or mixed) text: a name, exact or its beginning; an address fragment of 3+ characters.
    if (!/\d/.test(compact) && compact.length <= 30) {
      probes.push({ matchedBy: 'name', rank: 0, source: 'customer', where: 'c.name = $?', params: [compact] });
      probes.push({
        matchedBy: 'name',
        rank: 2,
        source: 'customer',
        where: 'c.name LIKE $?',
        params: [`${likeEscape(compact)}%`],
      });
    }
    if ([...compact].length >= 3) {
      probes.push({
        matchedBy: 'address',
        rank: 3,
        source: 'premise',
        where: 'p.full_address LIKE $?',
        params: [`%${likeEscape(compact)}%`],
      });
    }
  }
  return probes;
}

export interface AccountSearchHit {
  accountId: string;
  accountNo: string;
  customerName: string;
  customerKind: repo.CustomerKind;
  maskedMobile: string | null;
  address: string;
  status: repo.AccountStatus;
  meterSerial: string | null;
  matchedBy: repo.MatchedBy;
}

/** CUS-3: one box finds an account by number, name, mobile, ID-number ending, meter serial or address. */
export async function searchAccounts(
  db: Queryable,
  companyId: string,
  q: string,
  limit = 20,
): Promise<AccountSearchHit[]> {
  const rows = await repo.searchAccounts(db, companyId, classifySearch(q), limit);
  return rows.map(({ mobile, ...row }) => ({ ...row, maskedMobile: maskMobile(mobile) }));
}

/** The basic profile of an account: customer, premise, account and the meter on it now. */
/**
 * An account with its customer and premise (ID number masked). `field` names the input that carried the
 * id when another module's request refers to an account, so a wrong one is a 404 on that field.
 */
export async function getAccountProfile(db: Queryable, companyId: string, id: string, field?: string) {
  const row = await repo.findAccountProfile(db, companyId, id);
  if (!row) throw CustomerError('ACCOUNT_NOT_FOUND', field ? { field } : undefined);
  return { ...row, customer: { ...row.customer, idNo: maskIdNo(row.customer.idNo) } };
}

/** IAM-5: a search of customer data is recorded with what was asked and how many accounts it found. */
export async function recordSearch(db: Queryable, actor: Actor, q: string, hits: number): Promise<void> {
  await recordAudit(db, actor, { action: 'customer.search', entityType: 'account', after: { q, hits } });
}

/** The customer register (用户档案列表): a page of accounts, mobiles masked. */
export async function listAccounts(db: Queryable, companyId: string, q: repo.AccountListQuery) {
  const { rows, total } = await repo.listAccounts(db, companyId, q);
  return {
    items: rows.map(({ mobile, ...row }) => ({ ...row, mobile: maskMobile(mobile) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Every account the register's filters find, by account number, `pageSize` at a time and unmasked: the
 * approved export (IAM-5). Keyset paging, so a million accounts export at the same cost per page.
 */
export async function* allAccounts(
  db: Queryable,
  companyId: string,
  q: repo.AccountFilters,
  pageSize: number,
): AsyncIterable<repo.AccountListRow> {
  for (let after: string | null = null; ; ) {
    const rows = await repo.accountsAfter(db, companyId, q, after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.accountNo;
  }
}

/** What the register's filters offer: the districts in use and the usage natures. */
export async function listFilterOptions(db: Queryable, companyId: string) {
  const [districts, usageNatures] = await Promise.all([
    repo.listDistricts(db, companyId),
    repo.listUsageNatures(db, companyId),
  ]);
  return { districts, usageNatures };
}
