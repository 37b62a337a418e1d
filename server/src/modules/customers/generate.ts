/**
 * Demo and benchmark accounts: customers, premises, accounts with their supply contract, meters with
 * their install event, appliances and, for a few, an opening balance from the old system, with the same names, mobiles and addresses as platform/demo/generator.ts.
 *
 * Set-based: each batch is a handful of INSERT … SELECT statements over generate_series, every
 * random choice a hash of the row's serial and the seed, so the same seed gives the same data and
 * a million accounts take well under two minutes on PostgreSQL. Runs on PGlite too (the demo).
 */
import type { Db } from '../../db/types.js';
import { businessToday } from '../../platform/calendar/workdays.js';
import {
  COMMUNITY_SUFFIX,
  COMMUNITY_WORDS,
  DISTRICTS,
  GIVEN,
  LANES,
  MOBILE_PREFIXES,
  ROADS,
  SURNAMES,
} from '../../platform/demo/generator.js';
import { allocateAccountNos } from './service.js';

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Rows per statement; 100,000 keeps memory flat on PostgreSQL. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const carrierOf = (prefix: string) =>
  ['130', '131', '132', '155', '156', '185', '186'].includes(prefix)
    ? 'chinaUnicom'
    : ['133', '153', '180', '181', '189', '177', '199'].includes(prefix)
      ? 'chinaTelecom'
      : 'chinaMobile';

const WORDS = {
  surnames: SURNAMES.flatMap(([s, w]) => Array.from({ length: w }, () => s as string)),
  given: [...GIVEN],
  prefixes: [...MOBILE_PREFIXES],
  carriers: MOBILE_PREFIXES.map(carrierOf),
  districts: DISTRICTS,
  roads: ROADS,
  communityWords: COMMUNITY_WORDS,
  communitySuffixes: COMMUNITY_SUFFIX,
  lanes: LANES.map((l) => `${l}巷`),
  bizHeads: ['鑫源', '聚福', '好运来', '川香', '老味道', '金鼎', '兴隆', '和顺', '福满楼', '顺发', '小肥羊', '一品'],
  bizTails: ['餐馆', '火锅店', '面馆', '烧烤店', '大酒店', '洗衣店', '浴池', '食品厂', '宾馆', '茶楼', '饺子馆'],
  institutions: ['人民医院', '实验小学', '第二中学', '机关食堂', '疾控中心', '职业技术学院', '卫生服务中心', '敬老院'],
  regions: ['410102', '410103', '410104', '410105', '410108', '410122', '410181', '410183', '410184', '410185'],
  manufacturers: ['金卡智能', '先锋电子', '新天科技', '威星智能', '苍南仪表', '秦川物联'],
  makerCodes: ['JK', 'XF', 'XT', 'WX', 'CN', 'QC'],
  banks: ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '中国邮政储蓄银行'],
  stoveBrands: ['方太', '老板', '华帝', '美的', '海尔', '万和', '万家乐', '樱花'],
  heaterBrands: ['林内', '能率', 'A.O.史密斯', '万和', '万家乐', '海尔', '美的'],
};

/** Creates `count` accounts for the company; returns how many and how long it took. */
export async function generateAccounts(
  db: Db,
  companyId: string,
  { count, seed = 1, batchSize = 100_000, onProgress }: GenerateOptions,
): Promise<{ created: number; ms: number }> {
  const started = performance.now();
  if (!Number.isInteger(count) || count < 1) return { created: 0, ms: 0 };
  const s = Math.trunc(seed) * 64;
  const today = businessToday();
  const natures = ['RES', 'RES_HEAT', 'CATERING', 'INDUSTRY', 'BOILER', 'PUBLIC'];
  const known = await db.query<{ code: string }>(
    `SELECT code FROM usage_natures WHERE company_id = $1 AND commodity = 'gas' AND code = ANY($2::text[])`,
    [companyId, natures],
  );
  const missing = natures.filter((n) => !known.rows.some((r) => r.code === n));
  if (missing.length) throw new Error(`the company lacks the usage natures ${missing.join(', ')}`);
  // Every other reference a batch makes is to a row the same batch creates, so a superuser (the
  // benchmark, the embedded database) loads as pg_restore does, without the per-row foreign-key
  // triggers; CHECK and unique constraints still hold. Anyone else loads with the triggers on.
  const bulk = (await db.query<{ su: string }>("SELECT current_setting('is_superuser') AS su")).rows[0]?.su === 'on';
  const { pattern, firstSerial } = await allocateAccountNos(db, companyId, count, today);
  // h(k): the k-th independent non-negative hash of the row's serial g.
  const h = (k: number) => `(hashint8extended(g, ${s + k}) & 2147483647)`;
  const pick = (arr: string, k: number) => `${arr}[1 + ${h(k)} % cardinality(${arr})]`;
  // Time-ordered ids (the layout of UUIDv7: this run's millisecond, then the serial), so a big load
  // appends to the key indexes instead of writing all over them.
  const run = Date.now().toString(16).padStart(12, '0');
  const salt = Math.floor(Math.random() * 0xfffff)
    .toString(16)
    .padStart(5, '0');
  const id = (tag: number) => `('${run}7${tag}${salt.slice(0, 2)}8${salt.slice(2)}' || lpad(to_hex(g), 12, '0'))::uuid`;
  const w = WORDS;
  const arrays = [
    w.surnames,
    w.given,
    w.prefixes,
    w.carriers,
    w.districts,
    w.roads,
    w.communityWords,
    w.communitySuffixes,
    w.lanes,
    w.bizHeads,
    w.bizTails,
    w.institutions,
    w.regions,
    w.manufacturers,
    w.makerCodes,
    w.banks,
    w.stoveBrands,
    w.heaterBrands,
  ];
  // $1 first g, $2 last g, $3 prefix, $4 digits, $5.. the word lists in the order above.
  const [SUR, GIV, PRE, CAR, DIS, ROA, CW, CS, LAN, BH, BT, INS, REG, MAN, MC, BAN, STO, HEA] = arrays.map(
    (_, i) => `($${i + 5}::text[])`,
  );

  const fill = `
    INSERT INTO gen_batch
    SELECT g, ${id(1)}, ${id(2)}, ${id(3)}, ${id(4)},
           kind, name, mobile_i,
           CASE WHEN ${h(9)} % 100 < 97 THEN ${PRE}[mobile_i] || lpad((${h(10)} % 100000000)::text, 8, '0') END,
           CASE WHEN kind = 'residential'
                THEN ${pick(REG!, 11)} || to_char(date '1940-01-01' + (${h(12)} % 23000)::int, 'YYYYMMDD')
                     || lpad((${h(13)} % 1000)::text, 3, '0') || substr('0123456789X', 1 + (${h(14)} % 11)::int, 1) END,
           CASE WHEN kind <> 'residential' THEN '91' || ${pick(REG!, 11)} || upper(substr(md5(g::text), 1, 10)) END,
           CASE WHEN kind <> 'residential' THEN '{}'::text[]
                WHEN ${h(15)} % 100 < 4 THEN ARRAY['elderly']
                WHEN ${h(15)} % 100 < 5 THEN ARRAY['disabled']
                WHEN ${h(15)} % 100 < 6 THEN ARRAY['martyr_family']
                WHEN ${h(15)} % 100 < 7 THEN ARRAY['elderly', 'widowed'] ELSE '{}'::text[] END,
           ${h(16)} % 10 = 0, ${pick(DIS!, 17)}, ${pick(ROA!, 18)},
           ${pick(CW!, 19)} || ${pick(CS!, 20)}, (1 + ${h(21)} % 30)::text, (1 + ${h(22)} % 6)::text,
           ((1 + ${h(23)} % 33) * 100 + 1 + ${h(24)} % 4)::text,
           ${pick(LAN!, 25)}, (1 + ${h(26)} % 12)::text, (1 + ${h(27)} % 40)::text,
           $3 || lpad(g::text, $4::int, '0'),
           CASE kind WHEN 'residential' THEN CASE WHEN ${h(28)} % 10 = 0 THEN 'RES_HEAT' ELSE 'RES' END
                     WHEN 'commercial' THEN (ARRAY['CATERING', 'CATERING', 'CATERING', 'INDUSTRY', 'BOILER'])[1 + ${h(28)} % 5]
                     ELSE 'PUBLIC' END,
           meter_type,
           CASE WHEN meter_type = 'icCard' THEN 'icTopUp'
                WHEN ${h(29)} % 100 < 55 THEN 'counter' WHEN ${h(29)} % 100 < 80 THEN 'bankDebit' ELSE 'online' END,
           ${pick(BAN!, 30)}, '62' || lpad((${h(31)} % 1000000000)::text, 9, '0') || lpad((${h(32)} % 100000000)::text, 8, '0'),
           ${h(33)} % 10 < 6,
           CASE WHEN ${h(34)} % 100 < 97 THEN 'active' ELSE 'suspended' END,
           date '2000-01-01' + (${h(35)} % 9000)::int,
           ${MAN}[1 + ${h(36)} % cardinality(${MAN})], ${MC}[1 + ${h(36)} % cardinality(${MAN})], ${CAR}[mobile_i],
           (2010 + ${h(37)} % 15)::text,
           (ARRAY['G1.6', 'G2.5', 'G2.5', 'G4'])[1 + ${h(38)} % 4],
           CASE WHEN ${h(39)} % 2 = 0 THEN 'left' ELSE 'right' END,
           round((${h(40)} % 50000) / 10.0, 3),
           ${h(41)} % 100 < 85, ${h(42)} % 100 < 70,
           ${pick(STO!, 43)}, ${h(44)} % 100 < 60, ${h(45)} % 100 < 92,
           ${h(46)} % 100 < 55, ${pick(HEA!, 47)}, ${h(48)} % 100 < 80,
           ${h(49)} % 1000000, ${h(50)} % 1000000, ${h(51)} % 1000000
      FROM (SELECT g,
                   CASE WHEN ${h(1)} % 100 < 94 THEN 'residential' WHEN ${h(1)} % 100 < 99 THEN 'commercial'
                        ELSE 'institutional' END AS kind,
                   1 + ${h(8)} % cardinality(${PRE}) AS mobile_i,
                   CASE WHEN ${h(7)} % 100 < 40 THEN 'diaphragm' WHEN ${h(7)} % 100 < 75 THEN 'icCard'
                        WHEN ${h(7)} % 100 < 85 THEN 'remoteRead' ELSE 'iot' END AS meter_type,
                   ${pick(SUR!, 2)} || ${pick(GIV!, 3)} || CASE WHEN ${h(4)} % 2 = 0 THEN ${pick(GIV!, 5)} ELSE '' END AS pname,
                   ${pick(BH!, 2)} || ${pick(BT!, 3)} AS bname,
                   ${pick(DIS!, 4)} || ${pick(INS!, 5)} AS iname
              FROM generate_series($1::int8, $2::int8) AS g) x,
           LATERAL (SELECT CASE kind WHEN 'residential' THEN pname WHEN 'commercial' THEN bname ELSE iname END AS name) n`;

  const create = `
    CREATE TEMP TABLE gen_batch (
      g int8, customer_id uuid, premise_id uuid, account_id uuid, meter_id uuid,
      kind text, name text, mobile_i int8, mobile text, id_no text, tax_no text, special_care text[],
      bungalow boolean, district text, road text, community text, building text, unit text, room text,
      lane text, row_no text, house_no text,
      account_no text, usage_nature text, meter_type text, payment_method text,
      bank_name text, bank_account_no text, sms boolean, status text, opened_on date,
      maker text, maker_code text, carrier text, year text, size text, inlet text, base_reading numeric(12, 3), indoor boolean, hose boolean,
      stove_brand text, built_in boolean, ffp boolean, heater boolean, heater_brand text, forced boolean,
      seal_a int8, seal_b int8, owed int8
    ) ON COMMIT DROP`;

  const inserts = [
    `INSERT INTO customers (company_id, id, kind, name, id_type, id_no, tax_no, mobile, special_care)
     SELECT $1::uuid, customer_id, kind, name, CASE WHEN id_no IS NOT NULL THEN 'residentId' END, id_no, tax_no, mobile,
            special_care
       FROM gen_batch`,
    `INSERT INTO premises (company_id, id, district, street, address_kind, community, building, unit, room, lane, row_no, house_no)
     SELECT $1::uuid, premise_id, district, CASE WHEN bungalow THEN '' ELSE road END,
            CASE WHEN bungalow THEN 'bungalow' ELSE 'apartment' END,
            CASE WHEN NOT bungalow THEN community END, CASE WHEN NOT bungalow THEN building END,
            CASE WHEN NOT bungalow THEN unit END, CASE WHEN NOT bungalow THEN room END,
            CASE WHEN bungalow THEN lane END, CASE WHEN bungalow THEN row_no END, CASE WHEN bungalow THEN house_no END
       FROM gen_batch`,
    `INSERT INTO accounts (company_id, id, account_no, customer_id, premise_id, commodity, usage_nature, status,
                           payment_method, bank_name, bank_account_no, bank_account_holder, sms_mobile, sms_carrier,
                           opened_on)
     SELECT $1::uuid, account_id, account_no, customer_id, premise_id, 'gas', usage_nature, status, payment_method,
            CASE WHEN payment_method = 'bankDebit' THEN bank_name END,
            CASE WHEN payment_method = 'bankDebit' THEN bank_account_no END,
            CASE WHEN payment_method = 'bankDebit' THEN name END,
            CASE WHEN sms AND mobile IS NOT NULL THEN mobile END,
            CASE WHEN sms AND mobile IS NOT NULL THEN carrier END,
            opened_on
       FROM gen_batch`,
    `INSERT INTO meters (company_id, id, serial, manufacturer, model, meter_type, inlet_direction, base_reading,
                         seal_inlet, seal_outlet, location, metal_hose, status, account_id, installed_on)
     SELECT $1::uuid, meter_id, maker_code || right(year, 2) || lpad(g::text, 8, '0'), maker,
            CASE meter_type WHEN 'icCard' THEN 'IC-' WHEN 'remoteRead' THEN 'YC-' WHEN 'iot' THEN 'NB-' ELSE '' END || size,
            meter_type, inlet, base_reading, 'F' || lpad(seal_a::text, 6, '0'), 'F' || lpad(seal_b::text, 6, '0'),
            CASE WHEN indoor THEN 'indoor' ELSE 'outdoor' END, hose, 'installed', account_id, opened_on
       FROM gen_batch`,
    // CUS-6: the supply contract signed when the account opened.
    `INSERT INTO supply_contracts (company_id, contract_no, account_id, customer_id, signed_on)
     SELECT $1::uuid, 'GYHT-' || account_no, account_id, customer_id, opened_on FROM gen_batch`,
    // Opening balances brought from the old system: about 6 in 100 accounts owe one to three months,
    // 2 in 100 paid ahead.
    `INSERT INTO ledger_entries (company_id, account_id, kind, period, amount, due_on, memo)
     SELECT $1::uuid, account_id, 'openingBalance', to_char(due - 40, 'YYYY-MM'),
            round((30 + owed % 37000 / 100.0)::numeric, 2), due, '旧系统迁移期初欠费'
       FROM gen_batch, LATERAL (SELECT $2::date - (15 + g % 90)::int AS due) d
      WHERE owed % 100 < 6
     UNION ALL
     SELECT $1::uuid, account_id, 'openingBalance', NULL, -round((20 + owed % 20000 / 100.0)::numeric, 2), NULL,
            '旧系统迁移预存余额'
       FROM gen_batch WHERE owed % 100 BETWEEN 6 AND 7`,
    `INSERT INTO meter_events (company_id, account_id, meter_id, kind, happened_on, reading, reason)
     SELECT $1::uuid, account_id, meter_id, 'install', opened_on, base_reading, '开户装表' FROM gen_batch`,
    `INSERT INTO appliances (company_id, account_id, kind, brand, model, stove_mount, flue_type,
                             flame_failure_protection, safety_pledge_signed, power_kw, installed_on)
     SELECT $1::uuid, account_id, 'stove', stove_brand, 'JZT-' || (100 + g % 900), CASE WHEN built_in THEN 'builtIn' ELSE 'table' END,
            NULL, ffp, NOT ffp, 4.2, opened_on
       FROM gen_batch
     UNION ALL
     SELECT $1::uuid, account_id, 'waterHeater', heater_brand, 'JSQ' || (16 + g % 3 * 4) || '-' || size,
            NULL, CASE WHEN forced THEN 'forcedExhaust' ELSE 'balanced' END, true, false, 24 + g % 3 * 4, opened_on
       FROM gen_batch WHERE heater AND kind = 'residential'`,
  ];

  const batches: { first: number; n: number }[] = [];
  for (let done = 0; done < count; done += batchSize) {
    batches.push({ first: firstSerial + done, n: Math.min(batchSize, count - done) });
  }
  let done = 0;
  const one = async ({ first, n }: { first: number; n: number }) => {
    await db.tx(async (tx) => {
      if (bulk) await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(create);
      await tx.query(fill, [first, first + n - 1, pattern.prefix, pattern.digits, ...arrays]);
      for (const sql of inserts) await tx.query(sql, sql.includes('$2') ? [companyId, today] : [companyId]);
    });
    done += n;
    onProgress?.(done, count);
  };
  // Two batches at a time on PostgreSQL (one per core); PGlite has one connection.
  const workers = db.kind === 'postgres' ? 2 : 1;
  let failed = false;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let b = batches.shift(); b && !failed; b = batches.shift()) {
        await one(b).catch((err) => {
          failed = true; // the other worker stops after its batch; committed batches stay
          throw err;
        });
      }
    }),
  );
  for (const table of [
    'customers',
    'premises',
    'accounts',
    'supply_contracts',
    'meters',
    'meter_events',
    'appliances',
    'ledger_entries',
  ]) {
    await db.query(`ANALYZE ${table}`);
  }
  return { created: count, ms: Math.round(performance.now() - started) };
}
