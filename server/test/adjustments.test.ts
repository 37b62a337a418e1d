import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryDue } from '../src/modules/adjustments/service.js';
import { generateAccounts } from '../src/modules/customers/generate.js';
import { addDays, businessToday, startOfBusinessDay } from '../src/platform/calendar/workdays.js';
import { jobDefs } from '../src/platform/jobs/registry.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('adjustments on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let approver: string;
  let archivist: string;
  let residential: string;
  let commercial: string;

  const apply = (body: Record<string, unknown>, cookie = clerk) => t.call('POST', '/api/adjustments', { cookie, body });
  const approve = async (approvalId: string) => {
    const res = await t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie: approver, body: {} });
    expect(res.statusCode, res.body).toBe(200);
  };
  const ledgerOf = (sourceId: string) =>
    t.db.query<{ kind: string; amount: string; memo: string; dueOn: string | null; period: string | null }>(
      `SELECT kind, amount::text AS amount, memo, due_on::text AS "dueOn", period FROM ledger_entries
        WHERE company_id = $1 AND source_id = $2`,
      [t.companyA, sourceId],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    clerk = await t.login('hall.clerk');
    approver = await t.login('adjustment.approver');
    archivist = await t.login('archivist');
    await generateAccounts(t.db, t.companyA, { count: 4, seed: 5 });
    const { rows } = await t.db.query<{ id: string; customerId: string }>(
      `SELECT id, customer_id AS "customerId" FROM accounts WHERE company_id = $1 ORDER BY account_no`,
      [t.companyA],
    );
    residential = rows[0]!.id;
    commercial = rows[1]!.id;
    await t.db.query(`UPDATE customers SET kind = 'residential' WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      rows[0]!.customerId,
    ]);
    await t.db.query(`UPDATE customers SET kind = 'commercial' WHERE company_id = $1 AND id = $2`, [
      t.companyA,
      rows[1]!.customerId,
    ]);
  });
  afterAll(() => t?.close());

  it('BIL-5 a credit is applied, approved, posted to the ledger with its reason, then archived by the admin team', async () => {
    const res = await apply({
      accountId: residential,
      kind: 'readingError',
      direction: 'credit',
      previousReading: '120',
      currentReading: '150.5',
      volume: '30.5',
      price: '2.67',
      periods: ['2026-10'],
      reason: '抄表员错抄表码，多计 30.5 立方',
      evidence: '现场照片、复核记录',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ status: 'pending', amount: '81.44', signedAmount: '-81.44', direction: 'credit' });
    expect(a.adjustmentNo).toMatch(/^TB-\d{8}-\d{4}$/);
    expect((await ledgerOf(a.id)).rows).toEqual([]);
    // The approval request carries the adjustment; the applicant cannot approve it.
    const request = (await t.call('GET', `/api/approvals/${a.approvalId}`, { cookie: approver })).json();
    expect(request).toMatchObject({ kind: 'adjustment', subjectType: 'adjustment', subjectId: a.id, amount: '81.44' });
    await approve(a.approvalId);
    const posted = (await t.call('GET', `/api/adjustments/${a.id}`, { cookie: clerk })).json();
    expect(posted.status).toBe('posted');
    expect(posted.dueOn).toBeNull();
    const entries = (await ledgerOf(a.id)).rows;
    expect(entries).toEqual([
      { kind: 'adjustment', amount: '-81.44', memo: '抄表员错抄表码，多计 30.5 立方', dueOn: null, period: '2026-10' },
    ]);
    // Archive: only the admin team; then it is archived with its number, who and when.
    const byClerk = await t.call('POST', `/api/adjustments/${a.id}/archive`, { cookie: clerk, body: {} });
    expect(byClerk.statusCode).toBe(403);
    const archived = await t.call('POST', `/api/adjustments/${a.id}/archive`, {
      cookie: archivist,
      body: { archiveNo: 'GD-2026-001' },
    });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', archiveNo: 'GD-2026-001' });
    expect(archived.json().archivedBy.name).toEqual(expect.any(String));
    expect(archived.json().archivedAt).toEqual(expect.any(String));
    const again = await t.call('POST', `/api/adjustments/${a.id}/archive`, { cookie: archivist, body: {} });
    expect(again.statusCode).toBe(409);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'adjustment' AND entity_id = $1 ORDER BY id`,
      [a.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['adjustment.apply', 'adjustment.post', 'adjustment.archive']);
  });

  it('BIL-5 a debit falls due bil.commercialDueDays after posting for C&I, residentialDueDays for residents', async () => {
    const c = (
      await apply({
        accountId: commercial,
        kind: 'auditFinding',
        direction: 'debit',
        amount: '500',
        reason: '稽查发现绕表用气',
      })
    ).json();
    const r = (
      await apply({ accountId: residential, kind: 'other', direction: 'debit', amount: '10.5', reason: '其他补收' })
    ).json();
    await approve(c.approvalId);
    await approve(r.approvalId);
    const today = businessToday();
    expect((await ledgerOf(c.id)).rows[0]).toMatchObject({ amount: '500.00', dueOn: addDays(today, 20) });
    expect((await ledgerOf(r.id)).rows[0]).toMatchObject({ amount: '10.50', dueOn: addDays(today, 30) });
    // Archive number generated when none is given.
    const archived = (await t.call('POST', `/api/adjustments/${c.id}/archive`, { cookie: archivist, body: {} })).json();
    expect(archived.archiveNo).toMatch(/^GD-\d{8}-\d{3}$/);
  });

  it('BIL-5 a rejected adjustment posts nothing', async () => {
    const a = (
      await apply({
        accountId: residential,
        kind: 'masterDataError',
        direction: 'credit',
        amount: '40',
        reason: '档案用气性质错误',
      })
    ).json();
    const res = await t.call('POST', `/api/approvals/${a.approvalId}/reject`, {
      cookie: approver,
      body: { comment: '证据不足' },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.call('GET', `/api/adjustments/${a.id}`, { cookie: clerk })).json().status).toBe('rejected');
    expect((await ledgerOf(a.id)).rows).toEqual([]);
    const archive = await t.call('POST', `/api/adjustments/${a.id}/archive`, { cookie: archivist, body: {} });
    expect(archive.statusCode).toBe(409);
    // Withdrawn by the applicant: nothing posted either.
    const w = (
      await apply({ accountId: residential, kind: 'other', direction: 'debit', amount: '5', reason: '误报' })
    ).json();
    const withdrawn = await t.call('POST', `/api/approvals/${w.approvalId}/withdraw`, {
      cookie: clerk,
      body: { comment: '填错' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await t.call('GET', `/api/adjustments/${w.id}`, { cookie: clerk })).json().status).toBe('withdrawn');
    expect((await ledgerOf(w.id)).rows).toEqual([]);
  });

  it('BIL-5 an adjustment approved twice at once is posted to the ledger exactly once', async () => {
    const a = (
      await apply({ accountId: commercial, kind: 'other', direction: 'debit', amount: '12', reason: '并发审批' })
    ).json();
    const res = await Promise.all(
      [1, 2, 3].map(() => t.call('POST', `/api/approvals/${a.approvalId}/approve`, { cookie: approver, body: {} })),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await ledgerOf(a.id)).rows).toHaveLength(1);
    expect((await t.call('GET', `/api/adjustments/${a.id}`, { cookie: clerk })).json().status).toBe('posted');
  });

  it('BIL-5 bad input is a 400 naming the field, and nothing is written', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM adjustments')).rows[0]!.n;
    const base = { accountId: residential, kind: 'readingError', direction: 'credit', reason: '错抄' };
    const cents = await apply({ ...base, amount: '12.345' });
    expect(cents.statusCode).toBe(400);
    expect(fieldsOf(cents.json())).toEqual(['amount']);
    const noReason = await apply({ ...base, reason: undefined, amount: '12' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())).toEqual(['reason']);
    const blankReason = await apply({ ...base, reason: '  ', amount: '12' });
    expect(fieldsOf(blankReason.json())).toEqual(['reason']);
    const unknown = await apply({ ...base, accountId: randomUUID(), amount: '12' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.json())).toEqual(['accountId']);
    const nothing = await apply(base);
    expect(nothing.statusCode).toBe(400);
    expect(fieldsOf(nothing.json())).toEqual(['amount']);
    const mismatch = await apply({ ...base, volume: '10', price: '2.5', amount: '30' });
    expect(mismatch.json().code).toBe('AMOUNT_MISMATCH');
    const readings = await apply({ ...base, previousReading: '100', currentReading: '110', volume: '12', price: '2' });
    expect(fieldsOf(readings.json())).toEqual(['volume']);
    const badKind = await apply({ ...base, kind: 'gift', amount: '1' });
    expect(fieldsOf(badKind.json())).toEqual(['kind']);
    const badPeriod = await apply({ ...base, amount: '1', periods: ['2026-13'] });
    expect(fieldsOf(badPeriod.json())).toEqual(['periods.0']);
    // An adjustment approval cannot be filed around the application.
    const direct = await t.call('POST', '/api/approvals', {
      cookie: clerk,
      body: {
        kind: 'adjustment',
        subjectType: 'adjustment',
        amount: '1',
        reason: 'x',
        payload: {
          adjustmentId: randomUUID(),
          adjustmentNo: 'x',
          accountNo: '1',
          kind: 'other',
          direction: 'credit',
          amount: '1',
        },
      },
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().code).toBe('NOT_LINKED');
    const after = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM adjustments')).rows[0]!.n;
    expect(after).toBe(before);
  });

  it('BIL-5 volume × price beyond the ledger range is a 400 naming the amount, never a 500', async () => {
    const res = await apply({
      accountId: residential,
      kind: 'other',
      direction: 'credit',
      volume: '999999999',
      price: '999999',
      reason: '超大金额',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('AMOUNT_TOO_LARGE');
    expect(fieldsOf(res.json())).toEqual(['amount']);
  });

  it('BIL-5 the list filters, sorts and pages; the register exports', async () => {
    const all = (await t.call('GET', '/api/adjustments?pageSize=50', { cookie: clerk })).json();
    expect(all.total).toBeGreaterThanOrEqual(4);
    const credits = (
      await t.call('GET', '/api/adjustments?direction=credit&status=archived', { cookie: clerk })
    ).json();
    expect(
      credits.items.every(
        (a: { direction: string; status: string }) => a.direction === 'credit' && a.status === 'archived',
      ),
    ).toBe(true);
    expect(credits.total).toBe(1);
    const byAmount = (await t.call('GET', '/api/adjustments?sort=amount&order=desc', { cookie: clerk })).json();
    expect(byAmount.items[0].amount).toBe('500.00');
    const q = (await t.call('GET', `/api/adjustments?q=${encodeURIComponent('绕表')}`, { cookie: clerk })).json();
    expect(q.total).toBe(1);
    const page = (await t.call('GET', '/api/adjustments?page=2&pageSize=2', { cookie: clerk })).json();
    expect(page.items).toHaveLength(2);
    const xlsx = await t.call('GET', '/api/exports/adjustments?direction=debit', { cookie: clerk });
    // Sensitive (names, addresses): the clerk needs an approved data export first (IAM-5).
    expect(xlsx.statusCode).toBe(403);
    expect(xlsx.json().code).toBe('EXPORT_APPROVAL_REQUIRED');
  });

  it('BIL-5 meter-fault adjustments are summarised on the 27th, once a month; on demand for a month', async () => {
    const job = jobDefs().find((j) => j.name === 'adjustments.meterFaultSummary');
    expect(job?.schedule).toEqual({ daily: '06:10' });
    const one = (
      await apply({
        accountId: residential,
        kind: 'meterFault',
        direction: 'credit',
        volume: '20',
        price: '2.5',
        reason: '表具卡滞多计',
      })
    ).json();
    const two = (
      await apply({
        accountId: commercial,
        kind: 'meterFault',
        direction: 'debit',
        amount: '88.8',
        reason: '表具故障少计',
      })
    ).json();
    await approve(one.approvalId);
    await approve(two.approvalId);
    // Next month (so the posting is before its cut-off whatever today is): nothing on the 26th, the summary on the 27th.
    const month = businessToday().slice(0, 7);
    const next = addDays(`${month}-28`, 10).slice(0, 7);
    const at = (day: string) => new Date(startOfBusinessDay(`${next}-${day}`).getTime() + 6 * 3_600_000);
    expect(await t.db.tx((tx) => summaryDue(tx, t.companyA, at('26')))).toBeNull();
    const built = await t.db.tx((tx) => summaryDue(tx, t.companyA, at('27')));
    expect(built).toMatchObject({
      month: next,
      adjustments: 2,
      creditTotal: '50.00',
      debitTotal: '88.80',
      builtBy: null,
    });
    // A rerun (the next day's check, or another instance) writes nothing.
    expect(await t.db.tx((tx) => summaryDue(tx, t.companyA, at('28')))).toBeNull();
    const count = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM meter_fault_summaries WHERE company_id = $1 AND month = $2',
      [t.companyA, next],
    );
    expect(count.rows[0]!.n).toBe(1);
    const detail = (
      await t.call('GET', `/api/adjustments/meter-fault-summaries/${built!.id}`, { cookie: clerk })
    ).json();
    expect(detail.items.map((a: { id: string }) => a.id).sort()).toEqual([one.id, two.id].sort());
    const file = await t.call('GET', `/api/adjustments/meter-fault-summaries/${built!.id}/file`, { cookie: clerk });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // On demand: the current month (nothing left to take), once; a month not begun is refused.
    const now = await t.call('POST', '/api/adjustments/meter-fault-summaries', { cookie: archivist, body: { month } });
    expect(now.statusCode, now.body).toBe(201);
    expect(now.json()).toMatchObject({ month, adjustments: 0, creditTotal: '0.00' });
    const twice = await t.call('POST', '/api/adjustments/meter-fault-summaries', {
      cookie: archivist,
      body: { month },
    });
    expect(twice.statusCode).toBe(409);
    const future = await t.call('POST', '/api/adjustments/meter-fault-summaries', {
      cookie: archivist,
      body: { month: '2099-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.json())).toEqual(['month']);
    const list = (await t.call('GET', '/api/adjustments/meter-fault-summaries', { cookie: clerk })).json();
    expect(list.items.map((s: { month: string }) => s.month)).toEqual([next, month]);
  });
});
