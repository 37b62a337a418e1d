import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRun } from '../src/modules/billing/service.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { enqueueTask } from '../src/platform/jobs/registry.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

/**
 * Company A's administrator tries every route that takes an id with company B's ids.
 * The list of routes comes from the app's own OpenAPI document, so a new route with an id is covered,
 * and this test fails until it knows which of B's records to try.
 */
describe.each(dbKinds)('tenancy on %s', (kind) => {
  let t: TestApp;
  let adminA: string;
  let adminB: string;
  const routes: { method: string; url: string }[] = [];
  const idsOfB: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    adminA = await t.login('system.admin');
    adminB = await t.login('b.system.admin');
    const clerkB = await t.login('b.hall.clerk');
    const users = (await t.call('GET', '/api/users?q=b.cashier', { cookie: adminB })).json().items;
    const roles = (await t.call('GET', '/api/roles', { cookie: adminB })).json().items;
    const conflicts = (await t.call('GET', '/api/role-conflicts', { cookie: adminB })).json().items;
    const request = await t.call('POST', '/api/approvals', {
      cookie: clerkB,
      body: {
        kind: 'accountRequest',
        subjectType: 'user',
        reason: '入职',
        payload: { fullName: '乙公司新人', username: 'b.newcomer', roleIds: [roles[0].id] },
      },
    });
    const taskB = await t.db.tx((tx) =>
      enqueueTask(tx, { companyId: t.companyB, kind: 'test.tenancy', payload: null }),
    );
    const audit = (await t.call('GET', '/api/audit-entries?pageSize=1', { cookie: adminB })).json().items;
    idsOfB['/api/users/:id'] = users[0].id;
    idsOfB['/api/role-conflicts/:id'] = conflicts[0].id;
    idsOfB['/api/approvals/:id'] = request.json().id;
    idsOfB['/api/jobs/tasks/:id'] = taskB!;
    idsOfB['/api/audit-entries/:id'] = String(audit[0].id);
    const templatesB = (await t.call('GET', '/api/notify/templates', { cookie: adminB })).json().items;
    const messageB = await t.call('POST', '/api/notify/messages', {
      cookie: adminB,
      body: { templateCode: 'verificationCode', recipient: '13900000001', variables: { code: '123456', minutes: 5 } },
    });
    idsOfB['/api/notify/templates/:id'] = templatesB[0].id;
    idsOfB['/api/notify/messages/:id'] = messageB.json().id;
    const sheetB = new ExcelJS.Workbook();
    sheetB.addWorksheet('员工').addRows([
      ['用户名', '姓名'],
      ['', '缺用户名'],
    ]);
    const importB = await t.app.inject({
      method: 'POST',
      url: '/api/imports/users?mode=check',
      headers: { cookie: adminB, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: Buffer.from(await sheetB.xlsx.writeBuffer()),
    });
    idsOfB['/api/imports/results/:id'] = importB.json().rejectedFileId;
    await generateAccounts(t.db, t.companyB, { count: 3, seed: 2 });
    const accountB = await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 LIMIT 1', [
      t.companyB,
    ]);
    idsOfB['/api/accounts/:id'] = accountB.rows[0]!.id;
    const caseB = await t.call('POST', '/api/account-cases', {
      cookie: clerkB,
      body: { kind: 'closure', accountId: accountB.rows[0]!.id, details: { reason: '乙公司销户' } },
    });
    idsOfB['/api/account-cases/:id'] = caseB.json().id;
    const openingB = await t.call('POST', '/api/account-openings', {
      cookie: clerkB,
      body: {
        mode: 'individual',
        applicant: {
          kind: 'residential',
          name: '乙公司用户',
          idType: 'passport',
          idNo: 'E12345678',
          mobile: '13900000002',
        },
        premise: { district: '乙县', addressKind: 'bungalow', lane: '租户巷', rowNo: '1', houseNo: '1' },
        usageNature: 'RES',
        meterType: 'icCard',
        buildingType: 'villa',
        account: { paymentMethod: 'icTopUp' },
        applicationDate: businessToday(),
        invoiceDate: businessToday(),
      },
    });
    idsOfB['/api/service-applications/:id'] = openingB.json().application.id;
    const centreB = await t.db.query<{ id: string }>(
      "SELECT id FROM org_units WHERE company_id = $1 AND code = 'CS-SVC'",
      [t.companyB],
    );
    const orderB = await t.call('POST', '/api/work-orders', {
      cookie: await t.login('b.hotline.agent'),
      body: {
        typeCode: 'repair',
        channel: 'hotline',
        accountId: accountB.rows[0]!.id,
        description: '乙公司报修',
        orgUnitId: centreB.rows[0]!.id,
      },
    });
    idsOfB['/api/work-orders/:id'] = orderB.json().id;
    // CMP: a complaint of B's, answered and closed, which queues a callback.
    const agentB = await t.login('b.hotline.agent');
    const complaintB = (
      await t.call('POST', '/api/complaints', {
        cookie: agentB,
        body: {
          channel: 'hotline',
          complainantName: '乙公司投诉人',
          subject: '乙',
          description: '乙',
          grade: 'ordinary',
        },
      })
    ).json();
    const decidedB = await t.call('POST', `/api/complaints/${complaintB.id}/decide`, {
      cookie: agentB,
      body: { decision: '已答复', communicatedVia: 'phone', communicatedAt: new Date().toISOString(), version: 1 },
    });
    await t.call('POST', `/api/complaints/${complaintB.id}/close`, {
      cookie: agentB,
      body: { version: decidedB.json().version },
    });
    idsOfB['/api/complaints/:id'] = complaintB.id;
    idsOfB['/api/callbacks/:id'] = (await t.call('GET', '/api/callbacks', { cookie: agentB })).json().items[0].id;
    const outageB = await t.call('POST', '/api/outages', {
      cookie: await t.login('b.centre.director'),
      body: {
        kind: 'emergency',
        area: [{ district: '乙县' }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        reason: '乙公司抢修',
        contactPhone: '0632-5550000',
      },
    });
    idsOfB['/api/outages/:id'] = outageB.json().id;
    // BIL: a tariff, a household, a run and a bill of company B.
    const billingB = await t.login('b.department.manager');
    const tariffB = await t.call('POST', '/api/billing/tariffs', {
      cookie: billingB,
      body: { usageNature: 'RES', name: '乙公司居民气价', effectiveFrom: '2026-01-01', price: '2.50' },
    });
    idsOfB['/api/billing/tariffs/:id'] = tariffB.json().id;
    // A new tariff waits for approval (BIL-1); company B's is taken as approved here.
    await t.db.query(`UPDATE tariffs SET status = 'active' WHERE company_id = $1 AND id = $2`, [
      t.companyB,
      tariffB.json().id,
    ]);
    idsOfB['/api/billing/households/:id'] = accountB.rows[0]!.id;
    await t.db.query(
      `INSERT INTO meter_readings (company_id, account_id, meter_id, period, read_on, reading, previous_reading, volume,
                                   status, source, accepted_at)
       SELECT a.company_id, a.id, m.id, '2026-01', '2026-01-20', 10, 0, 10, 'accepted', 'handheld', now()
         FROM accounts a JOIN meters m ON m.company_id = a.company_id AND m.account_id = a.id
        WHERE a.company_id = $1 AND a.id = $2 LIMIT 1`,
      [t.companyB, accountB.rows[0]!.id],
    );
    await t.db.query(`UPDATE accounts SET usage_nature = 'RES' WHERE company_id = $1 AND id = $2`, [
      t.companyB,
      accountB.rows[0]!.id,
    ]);
    const runB = await t.call('POST', '/api/billing/runs', { cookie: billingB, body: { period: '2026-01' } });
    idsOfB['/api/billing/runs/:id'] = runB.json().id;
    await processRun(t.db, t.companyB, runB.json().id);
    const billB = await t.db.query<{ id: string }>('SELECT id FROM bills WHERE company_id = $1 LIMIT 1', [t.companyB]);
    idsOfB['/api/billing/bills/:id'] = billB.rows[0]!.id;
    // BIL-4: a late-fee waiver of company B.
    const waiverB = await t.db.query<{ id: string }>(
      `INSERT INTO late_fee_waivers (company_id, account_id, category, reason, amount, accrued, levels, requested_by,
                                     requested_on)
       VALUES ($1, $2, 'waive', 'meterFault', 1, 1, 1, $3, '2026-01-01') RETURNING id`,
      [t.companyB, accountB.rows[0]!.id, users[0].id],
    );
    idsOfB['/api/late-fee-waivers/:id'] = waiverB.rows[0]!.id;
    // MTR: a reading book, a plan and a reading of company B.
    const bookB = await t.db.query<{ id: string }>(
      `INSERT INTO reading_books (company_id, code, name, area, customer_kind) VALUES ($1, 'B-1', '乙册', '乙区', 'residential')
       RETURNING id`,
      [t.companyB],
    );
    idsOfB['/api/reading-books/:id'] = bookB.rows[0]!.id;
    const planB = await t.db.query<{ id: string }>(
      `INSERT INTO reading_plans (company_id, book_id, period, planned_on) VALUES ($1, $2, '2026-02', '2026-02-10')
       RETURNING id`,
      [t.companyB, bookB.rows[0]!.id],
    );
    idsOfB['/api/reading-plans/:id'] = planB.rows[0]!.id;
    const readingB = await t.db.query<{ id: string }>('SELECT id FROM meter_readings WHERE company_id = $1 LIMIT 1', [
      t.companyB,
    ]);
    idsOfB['/api/readings/:id'] = readingB.rows[0]!.id;
    // MTR-5 / MTR-4 / BIL-1 (H3): a broken-meter report, a meter and a price-adjustment run of company B.
    const faultB = await t.db.query<{ id: string; meter: string }>(
      `INSERT INTO meter_faults (company_id, account_id, meter_id, from_on)
       SELECT $1, m.account_id, m.id, '2026-01-05' FROM meters m WHERE m.company_id = $1 AND m.status = 'installed' LIMIT 1
       RETURNING id, meter_id AS meter`,
      [t.companyB],
    );
    idsOfB['/api/meter-faults/:id'] = faultB.rows[0]!.id;
    idsOfB['/api/meters/:id'] = faultB.rows[0]!.meter;
    const paB = await t.db.query<{ id: string }>(
      `INSERT INTO price_adjustment_runs (company_id, usage_nature, from_on, to_on, status)
       VALUES ($1, 'RES', '2026-01-01', '2026-01-31', 'done') RETURNING id`,
      [t.companyB],
    );
    idsOfB['/api/billing/price-adjustments/:id'] = paB.rows[0]!.id;
    // BIL-5: an adjustment and a meter-fault summary of company B.
    const adjustmentB = await t.db.query<{ id: string }>(
      `INSERT INTO adjustments (company_id, adjustment_no, account_id, kind, direction, amount, reason, applied_by)
       SELECT $1, 'TB-B-0001', $2, 'meterFault', 'credit', 12.50, '乙公司退补', u.id
         FROM users u WHERE u.company_id = $1 LIMIT 1
       RETURNING id`,
      [t.companyB, accountB.rows[0]!.id],
    );
    idsOfB['/api/adjustments/:id'] = adjustmentB.rows[0]!.id;
    const summaryB = await t.db.query<{ id: string }>(
      `INSERT INTO meter_fault_summaries (company_id, month, built_on) VALUES ($1, '2026-01', '2026-01-27') RETURNING id`,
      [t.companyB],
    );
    idsOfB['/api/adjustments/meter-fault-summaries/:id'] = summaryB.rows[0]!.id;
    // PAY-5: a batch of receipts, a range issued from it, a loss report and a stock count of company B.
    const batchB = await t.db.query<{ id: string; user: string }>(
      `INSERT INTO fiscal_batches (company_id, kind, series, from_no, to_no, from_n, to_n, width, received_on, received_by)
       SELECT $1, 'receipt', 'B-SJ', '0001', '0100', 1, 100, 4, '2026-01-05', u.id FROM users u WHERE u.company_id = $1
        LIMIT 1
       RETURNING id, received_by AS user`,
      [t.companyB],
    );
    const rangeB = await t.db.query<{ id: string }>(
      `INSERT INTO fiscal_ranges (company_id, batch_id, kind, series, holder_id, from_n, to_n, end_n, issued_on, issued_by)
       VALUES ($1, $2, 'receipt', 'B-SJ', $3, 1, 50, 50, '2026-01-05', $3) RETURNING id`,
      [t.companyB, batchB.rows[0]!.id, batchB.rows[0]!.user],
    );
    const lossB = await t.db.query<{ id: string }>(
      `INSERT INTO fiscal_losses (company_id, range_id, kind, series, from_n, to_n, lost_on, reported_on, late,
                                  description, reported_by)
       VALUES ($1, $2, 'receipt', 'B-SJ', 1, 2, '2026-01-06', '2026-01-06', false, '乙公司丢失', $3) RETURNING id`,
      [t.companyB, rangeB.rows[0]!.id, batchB.rows[0]!.user],
    );
    const countB = await t.db.query<{ id: string }>(
      `INSERT INTO fiscal_count_reports (company_id, month, built_on) VALUES ($1, '2026-01', '2026-02-01') RETURNING id`,
      [t.companyB],
    );
    idsOfB['/api/fiscal-stock/batches/:id'] = batchB.rows[0]!.id;
    idsOfB['/api/fiscal-stock/ranges/:id'] = rangeB.rows[0]!.id;
    idsOfB['/api/fiscal-stock/losses/:id'] = lossB.rows[0]!.id;
    idsOfB['/api/fiscal-stock/count-reports/:id'] = countB.rows[0]!.id;
    // PAY-1: a payment of company B (its receipt and reversal hang off it).
    const paymentB = await t.db.query<{ id: string }>(
      `INSERT INTO payments (company_id, id, no, account_id, amount, tenders, prepayment, idempotency_key, request_hash,
                             cashier_id, received_on, ledger_entry_id)
       SELECT $1, gen_random_uuid(), 'SK-B-000001', $2, 10.00, '[{"method":"cash","amount":"10.00"}]', 0,
              'tenancy-b-0001', 'x', u.id, '2026-01-05', gen_random_uuid()
         FROM users u WHERE u.company_id = $1 LIMIT 1
       RETURNING id`,
      [t.companyB, accountB.rows[0]!.id],
    );
    idsOfB['/api/payments/:id'] = paymentB.rows[0]!.id;
    // Issue 7: company B's records of the cash office, channel payments, invoices, refunds, deposits and IC cards.
    const accB = accountB.rows[0]!.id;
    const userB = users[0].id as string;
    const one = async (sql: string, params: unknown[]) => (await t.db.query<{ id: string }>(sql, params)).rows[0]!.id;
    const shiftB = await one(
      `INSERT INTO cash_shifts (company_id, cashier_id, business_date, float) VALUES ($1, $2, '2026-01-05', 0)
       RETURNING id`,
      [t.companyB, userB],
    );
    idsOfB['/api/cash-office/shifts/:id'] = shiftB;
    idsOfB['/api/cash-office/handovers/:id'] = await one(
      `INSERT INTO cash_handovers (company_id, collector_id, receiver_id, expected, handed) VALUES ($1, $2, $2, 10, 10)
       RETURNING id`,
      [t.companyB, userB],
    );
    const mandateB = await one(
      `INSERT INTO debit_mandates (company_id, id, account_id, bank_code, bank_name, bank_account_no, holder_name,
                                   created_by)
       VALUES ($1, gen_random_uuid(), $2, 'ICBC', '乙银行', '6222000011112222', '乙公司用户', $3) RETURNING id`,
      [t.companyB, accB, userB],
    );
    idsOfB['/api/channel-payments/mandates/:id'] = mandateB;
    idsOfB['/api/channel-payments/debit-batches/:id'] = await one(
      `INSERT INTO debit_batches (company_id, id, no, bank_code, debit_date, mandate_ids, created_by)
       VALUES ($1, gen_random_uuid(), 'BD20260105ICBC', 'ICBC', '2026-01-05', ARRAY[$2::uuid], $3) RETURNING id`,
      [t.companyB, mandateB, userB],
    );
    idsOfB['/api/channel-payments/online/orders/:id'] = await one(
      `INSERT INTO online_orders (company_id, id, no, account_id, amount, pay_url, qr_payload, expires_at)
       VALUES ($1, gen_random_uuid(), 'WO-20260105-000001', $2, 10, 'https://pay.invalid/b', 'b',
               now() + interval '1 hour') RETURNING id`,
      [t.companyB, accB],
    );
    idsOfB['/api/deposits/:id'] = await one(
      `INSERT INTO deposits (company_id, account_id, kind, amount, received_on, no, method, received_by)
       VALUES ($1, $2, 'meter', 100, '2026-01-05', 'YJ-B-000001', 'cash', $3) RETURNING id`,
      [t.companyB, accB, userB],
    );
    idsOfB['/api/invoices/:id'] = await one(
      `INSERT INTO invoices (company_id, kind, account_id, invoice_code, invoice_no, amount, tax_rate, net_amount,
                             tax_amount, buyer_kind, buyer_title, issued_on, issued_by)
       VALUES ($1, 'general', $2, 'B0000001', '00000001', 10.00, 0.09, 9.17, 0.83, 'residential', '乙公司用户',
               '2026-01-05', $3) RETURNING id`,
      [t.companyB, accB, userB],
    );
    idsOfB['/api/refunds/:id'] = await one(
      `INSERT INTO refunds (company_id, no, account_id, case_kind, amount, documents, filed_by)
       VALUES ($1, 'TF-B-000001', $2, 'other', 10, '[]', $3) RETURNING id`,
      [t.companyB, accB, userB],
    );
    const meterB = await one('SELECT id FROM meters WHERE company_id = $1 AND account_id = $2 LIMIT 1', [
      t.companyB,
      accB,
    ]);
    const cardB = await one(
      `INSERT INTO ic_cards (company_id, card_no, account_id, meter_id, issued_by) VALUES ($1, 'B-0001', $2, $3, $4)
       RETURNING id`,
      [t.companyB, accB, meterB, userB],
    );
    idsOfB['/api/ic/cards/:id'] = cardB;
    const purchaseIdB = randomUUID();
    const icEntryB = await one(
      `INSERT INTO ledger_entries (company_id, account_id, kind, amount, due_on, source_id, posted_by)
       VALUES ($1, $2, 'icPurchase', 25.00, '2026-01-05', $3, $4) RETURNING id`,
      [t.companyB, accB, purchaseIdB, userB],
    );
    idsOfB['/api/ic/purchases/:id'] = await one(
      `INSERT INTO ic_purchases (company_id, id, no, account_id, card_id, meter_id, volume, price, amount, collected,
                                 ledger_entry_id, idempotency_key, request_hash, sold_on, sold_by)
       VALUES ($1, $2, 'GQ-B-000001', $3, $4, $5, 10, 2.5, 25.00, 25.00, $6, 'tenancy-b-ic-0001', 'x', '2026-01-05', $7)
       RETURNING id`,
      [t.companyB, purchaseIdB, accB, cardB, meterB, icEntryB, userB],
    );
    idsOfB['/api/ic/replenishments/:id'] = await one(
      `INSERT INTO ic_replenishments (company_id, no, account_id, meter_id, card_id, reason, reading, start_reading,
                                      cumulative_purchased, volume, price, amount, status, requested_by)
       VALUES ($1, 'BQ-B-000001', $2, $3, $4, 'meterFault', 0, 0, 10, 5, 2.5, 12.50, 'pending', $5) RETURNING id`,
      [t.companyB, accB, meterB, cardB, userB],
    );
    idsOfB['/api/ic/writes/:id'] = await one(
      `INSERT INTO ic_card_writes (company_id, card_id, meter_id, account_id, kind, source_id, seq, volume, created_by)
       VALUES ($1, $2, $3, $4, 'purchase', $5, 1, 10, $6) RETURNING id`,
      [t.companyB, cardB, meterB, accB, purchaseIdB, userB],
    );
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      // Any second id in the path (an attachment of B's request, say) is one A cannot know.
      for (const method of Object.keys(ops))
        routes.push({
          method: method.toUpperCase(),
          url: path.replace('{id}', ':id').replace(/\{\w+\}/g, randomUUID()),
        });
    }
  });
  afterAll(() => t.close());

  /** Calls a route with company B's record for its `:id`, as the given user of company A. */
  async function tryWithIdOfB(route: { method: string; url: string }, cookie: string) {
    const key = Object.keys(idsOfB).find((prefix) => route.url.startsWith(prefix));
    expect(key, `no company-B fixture for ${route.method} ${route.url}`).toBeDefined();
    // Required query parameters, so the request reaches the company check rather than validation.
    const query = route.url.endsWith('/attachments') ? '?fileName=x.pdf' : '';
    const url = route.url.replace(':id', idsOfB[key!]!) + query;
    const body = { reason: 'x', comment: 'x', roleIds: [], fullName: '越权' };
    return t.call(route.method as 'GET', url, {
      cookie,
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
    });
  }

  it('ORG-1 a user of company A can neither read nor change anything of company B', async () => {
    const withId = routes.filter((r) => r.url.startsWith('/api/') && r.url.includes(':id'));
    expect(withId.length).toBeGreaterThan(10);
    for (const route of withId) {
      const res = await tryWithIdOfB(route, adminA);
      expect([403, 404], `${route.method} ${route.url} answered ${res.statusCode} ${res.body}`).toContain(
        res.statusCode,
      );
    }
    // And B's records are as they were.
    const user = (await t.call('GET', `/api/users/${idsOfB['/api/users/:id']}`, { cookie: adminB })).json();
    expect(user).toMatchObject({ status: 'active', fullName: expect.not.stringMatching('越权') });
    expect(user.roles).toHaveLength(1);
    const conflicts = (await t.call('GET', '/api/role-conflicts', { cookie: adminB })).json().items;
    expect(conflicts.map((c: { id: string }) => c.id)).toContain(idsOfB['/api/role-conflicts/:id']);
    const request = (await t.call('GET', `/api/approvals/${idsOfB['/api/approvals/:id']}`, { cookie: adminB })).json();
    expect(request.status).toBe('pending');
  });

  it('ORG-1 lists show only the caller’s company', async () => {
    const users = (await t.call('GET', '/api/users?pageSize=200', { cookie: adminA })).json().items;
    expect(users.some((u: { username: string }) => u.username.startsWith('b.'))).toBe(false);
    const audit = (await t.call('GET', '/api/audit-entries?q=b.newcomer', { cookie: adminA })).json();
    expect(audit.total).toBe(0);
    const units = (await t.call('GET', '/api/org-units', { cookie: adminB })).json().items;
    const unitsA = (await t.call('GET', '/api/org-units', { cookie: adminA })).json().items;
    expect(units.map((u: { id: string }) => u.id)).not.toContain(unitsA[0].id);
  });

  it('ORG-1 an id of company B cannot be referenced from company A', async () => {
    const unitsB = (await t.call('GET', '/api/org-units', { cookie: adminB })).json().items;
    const rolesB = (await t.call('GET', '/api/roles', { cookie: adminB })).json().items;
    const withUnit = await t.call('POST', '/api/users', {
      cookie: adminA,
      body: { username: 'cross.unit', fullName: '跨公司', orgUnitId: unitsB[0].id, roleIds: [] },
    });
    expect(withUnit.statusCode).toBe(404);
    expect(withUnit.json().details.fields[0].path).toBe('orgUnitId');
    const withRole = await t.call('POST', '/api/users', {
      cookie: adminA,
      body: { username: 'cross.role', fullName: '跨公司', roleIds: [rolesB[0].id] },
    });
    expect(withRole.statusCode).toBe(404);
    expect(withRole.json().details.fields[0].path).toBe('roleIds');
  });

  it('ORG-1 with every permission, a user of company A still finds none of company B’s records', async () => {
    // A's administrator lacks most business permissions, so above most routes answer 403 before any company
    // check. Here A's administrator holds every permission: reads must answer 404, and a write may at most be
    // refused for its body (the test's body fits few routes) — never succeed, never a rule about B's record.
    await t.db.query(
      `WITH r AS (INSERT INTO roles (company_id, code, name_zh, name_en) VALUES ($1, 'tenancy_all', '全部权限', 'All')
                  RETURNING id),
            p AS (INSERT INTO role_permissions (company_id, role_id, permission_code)
                  SELECT $1, r.id, code FROM r, permissions)
       INSERT INTO user_roles (company_id, user_id, role_id)
       SELECT $1, u.id, r.id FROM r, users u WHERE u.company_id = $1 AND u.username = 'system.admin'`,
      [t.companyA],
    );
    for (const route of routes.filter((r) => r.url.startsWith('/api/') && r.url.includes(':id'))) {
      const res = await tryWithIdOfB(route, adminA);
      const refused =
        res.statusCode === 404 ||
        (route.method !== 'GET' && res.statusCode === 400 && res.json().code === 'VALIDATION_FAILED') ||
        (route.method !== 'GET' && res.statusCode === 415);
      expect(refused, `${route.method} ${route.url} answered ${res.statusCode} ${res.body}`).toBe(true);
    }
  });
});
