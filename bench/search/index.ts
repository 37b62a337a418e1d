/**
 * CUS-3 account search at scale: its own company BENCH-SEARCH with `size` accounts (default
 * 1,000,000 on PostgreSQL, 20,000 on PGlite), generated when fewer exist, then at least 1,000 searches
 * of a hall clerk's mix through the service: account number, name, mobile, its last 4 digits, ID
 * ending, meter serial, community + building-unit-room, a bungalow, a partial community name.
 * Then the 360° view of 200 of those accounts, as the clerk opens it from a hit (printed, not in RESULT).
 */
import fs from 'node:fs';
import { openDb } from '../../server/src/db/index.js';
import { migrate } from '../../server/src/db/migrate.js';
import type { Db } from '../../server/src/db/types.js';
import { generateAccounts } from '../../server/src/modules/customers/generate.js';
import { accountOverview } from '../../server/src/modules/customers/overview.js';
import { searchAccounts } from '../../server/src/modules/customers/service.js';
import { findCompanyByCode } from '../../server/src/modules/org/service.js';
import { setUpCompany } from '../../server/src/setup/company.js';
import { type BenchContext, round } from '../lib.js';

const CODE = 'BENCH-SEARCH';
const SEARCHES = 1200;
const OVERVIEWS = 200;

/** Queries drawn from real rows (by a fixed stride, so every run asks the same), by kind. */
async function sampleQueries(db: Db, companyId: string, n: number) {
  const rows = (
    await db.query<{
      accountNo: string;
      name: string;
      mobile: string | null;
      idNo: string | null;
      serial: string;
      community: string | null;
      building: string | null;
      unit: string | null;
      room: string | null;
      lane: string | null;
      rowNo: string | null;
      houseNo: string | null;
    }>(
      `SELECT a.account_no AS "accountNo", c.name, c.mobile, c.id_no AS "idNo", m.serial, p.community, p.building,
              p.unit, p.room, p.lane, p.row_no AS "rowNo", p.house_no AS "houseNo"
         FROM accounts a
         JOIN customers c ON c.company_id = a.company_id AND c.id = a.customer_id
         JOIN premises p ON p.company_id = a.company_id AND p.id = a.premise_id
         JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 AND a.account_no = ANY($2::text[])`,
      [companyId, await someAccountNos(db, companyId, n)],
    )
  ).rows;
  const queries: { kind: string; q: string }[] = [];
  for (const [i, r] of rows.entries()) {
    switch (i % 10) {
      case 0:
        queries.push({ kind: 'accountNo', q: r.accountNo });
        break;
      case 1:
        queries.push({ kind: 'name', q: r.name });
        break;
      case 2:
        if (r.mobile) queries.push({ kind: 'mobile', q: r.mobile });
        break;
      case 3:
        if (r.mobile) queries.push({ kind: 'mobileLast4', q: r.mobile.slice(-4) });
        break;
      case 4:
        if (r.idNo) queries.push({ kind: 'idLast6', q: r.idNo.slice(-6) });
        break;
      case 5:
        queries.push({ kind: 'meterSerial', q: r.serial });
        break;
      case 6:
      case 7:
        if (r.community) queries.push({ kind: 'apartment', q: `${r.community} ${r.building}-${r.unit}-${r.room}` });
        else queries.push({ kind: 'bungalow', q: `${r.lane}${r.rowNo}排${r.houseNo}号` });
        break;
      case 8:
        if (r.community)
          queries.push({ kind: 'apartmentLong', q: `${r.community}${r.building}号楼${r.unit}单元${r.room}室` });
        break;
      default:
        queries.push({ kind: 'partialCommunity', q: (r.community ?? r.lane ?? '').slice(0, 3) });
    }
  }
  return queries;
}

/** n account numbers spread evenly over the company's range. */
async function someAccountNos(db: Db, companyId: string, n: number): Promise<string[]> {
  const r = await db.query<{ no: string }>(
    `SELECT account_no AS no FROM (
       SELECT account_no, row_number() OVER (ORDER BY account_no) AS i, count(*) OVER () AS total
         FROM accounts WHERE company_id = $1) x
      WHERE i % greatest(1, total / $2) = 0 LIMIT $2`,
    [companyId, n],
  );
  return r.rows.map((x) => x.no);
}

export async function run(ctx: BenchContext) {
  const size = ctx.size ?? (ctx.databaseUrl ? 1_000_000 : 20_000);
  if (!ctx.databaseUrl) {
    console.log(`PGlite: default size ${size.toLocaleString()} accounts (PostgreSQL's is 1,000,000)`);
    fs.mkdirSync(ctx.dataDir, { recursive: true });
  }
  const db = await openDb({ databaseUrl: ctx.databaseUrl, dataDir: ctx.dataDir });
  await migrate(db);
  let company = await findCompanyByCode(db, CODE);
  if (!company) {
    await db.tx((tx) =>
      setUpCompany(tx, {
        groupCode: 'BENCH',
        groupName: '基准集团',
        companyCode: CODE,
        companyName: '基准查询燃气公司',
      }),
    );
    company = (await findCompanyByCode(db, CODE))!;
  }
  const have = (
    await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM accounts WHERE company_id = $1', [company.id])
  ).rows[0]!.n;
  let generateMs = 0;
  if (have < size) {
    const { ms } = await generateAccounts(db, company.id, {
      count: size - have,
      seed: 7,
      onProgress: (done, total) => process.stdout.write(`\rgenerating ${done} / ${total}`),
    });
    generateMs = ms;
    console.log(`\ngenerated ${(size - have).toLocaleString()} accounts in ${round(ms / 1000)} s`);
  } else console.log(`using the ${have.toLocaleString()} accounts already there`);

  const queries = await sampleQueries(db, company.id, Math.ceil(SEARCHES * 1.25));
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let found = 0;
  // Warm-up, as a server that has been up for a while would be.
  for (const { q } of queries.slice(0, 50)) await searchAccounts(db, company.id, q, 20);
  for (const { kind, q } of queries) {
    const t0 = performance.now();
    const hits = await searchAccounts(db, company.id, q, 20);
    const ms = performance.now() - t0;
    if (hits.length) found++;
    all.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
  };
  for (const [kind, xs] of byKind) {
    console.log(`${kind.padEnd(17)} n=${String(xs.length).padStart(4)} p50=${pct(xs, 50)} ms p95=${pct(xs, 95)} ms`);
  }
  console.log(`${all.length} searches, ${found} with hits; generation ${round(generateMs / 1000)} s`);

  // The 360° view of the accounts found, as a clerk with every read permission sees it.
  const ids = (
    await db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 AND account_no = ANY($2::text[])', [
      company.id,
      await someAccountNos(db, company.id, OVERVIEWS),
    ])
  ).rows.map((r) => r.id);
  const actor = { companyId: company.id, userId: null, name: 'bench' };
  const principal = {
    sessionId: 'bench',
    userId: 'bench',
    companyId: company.id,
    username: 'bench',
    fullName: 'bench',
    mustChangePassword: false,
    permissions: new Set(['customer.read', 'contact.read', 'customer.manage', 'customer.reveal']),
  };
  const views: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await accountOverview(db, actor, principal, id);
    views.push(performance.now() - t0);
  }
  console.log(
    `360° view    n=${views.length} p50=${pct(views, 50)} ms p95=${pct(views, 95)} ms p99=${pct(views, 99)} ms`,
  );
  await db.close();
  return {
    accounts: Math.max(size, have),
    p50_ms: pct(all, 50),
    p95_ms: pct(all, 95),
    p99_ms: pct(all, 99),
  };
}
