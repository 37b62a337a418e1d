import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const fieldsOf = (body: { details?: { fields?: { path: string }[] } }) => body.details?.fields?.map((f) => f.path);

describe.each(dbKinds)('tariffs on %s', (kind) => {
  let t: TestApp;
  let manager: string;
  let clerk: string;
  let deptManager: string;
  let financeDirector: string;
  /** Signs both steps of a tariff change: department manager, then finance director. */
  const approve = async (approvalId: string) => {
    for (const cookie of [deptManager, financeDirector]) {
      const res = await t.call('POST', `/api/approvals/${approvalId}/approve`, { cookie, body: {} });
      expect(res.statusCode, res.body).toBe(200);
    }
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    // The price clerk of finance files tariffs; the department manager and the finance director sign.
    manager = await t.login('finance');
    clerk = await t.login('hall.clerk');
    deptManager = await t.login('department.manager');
    financeDirector = await t.login('finance.director');
  });
  afterAll(() => t?.close());

  it('BIL-1: a tiered residential tariff stores its tiers with their bounds and prices', async () => {
    const res = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: {
        usageNature: 'RES',
        name: '居民阶梯气价 2026',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        tiers: [{ upTo: '350', price: '2.67' }, { upTo: '500', price: '3.20' }, { price: '4.01' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const tariff = res.json();
    expect(tariff.status).toBe('pending');
    expect(tariff.approvalId).toEqual(expect.any(String));
    await approve(tariff.approvalId);
    expect(tariff.tiered).toBe(true);
    expect(tariff.tiers).toEqual([
      { tier: 1, from: '0.000', upTo: '350.000', price: '2.6700' },
      { tier: 2, from: '350.000', upTo: '500.000', price: '3.2000' },
      { tier: 3, from: '500.000', upTo: null, price: '4.0100' },
    ]);
    const got = await t.call('GET', `/api/billing/tariffs/${tariff.id}`, { cookie: clerk });
    expect(got.json().name).toBe('居民阶梯气价 2026');
    expect(got.json().status).toBe('active');
    const list = (await t.call('GET', '/api/billing/tariffs?on=2026-06-01&usageNature=RES', { cookie: clerk })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([tariff.id]);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'billing.tariffCreated' AND entity_id = $1`,
      [tariff.id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('BIL-1: a flat tariff is one unbounded tier; a price change follows from the next day', async () => {
    const a = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: {
        usageNature: 'CATERING',
        name: '餐饮 3.50',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-10-15',
        price: '3.50',
      },
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().tiers).toEqual([{ tier: 1, from: '0.000', upTo: null, price: '3.5000' }]);
    await approve(a.json().approvalId);
    const b = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: { usageNature: 'CATERING', name: '餐饮 3.80', effectiveFrom: '2026-10-16', price: '3.80' },
    });
    expect(b.statusCode).toBe(201);
    await approve(b.json().approvalId);
  });

  it('BIL-1 a tariff change stays pending until both approve; a rejected one is never in force and frees its dates', async () => {
    const body = { usageNature: 'PUBLIC', name: '公建 3.10', effectiveFrom: '2026-01-01', price: '3.10' };
    const filed = (await t.call('POST', '/api/billing/tariffs', { cookie: manager, body })).json();
    expect(filed.status).toBe('pending');
    const approval = (await t.call('GET', `/api/approvals/${filed.approvalId}`, { cookie: deptManager })).json();
    expect(approval.kind).toBe('tariffChange');
    expect(approval.steps.map((s: { label: string }) => s.label)).toEqual(['部门经理', '财务总监']);
    // A pending tariff already holds its dates.
    const clash = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: { ...body, name: '公建 3.20' },
    });
    expect(clash.json().code).toBe('TARIFF_OVERLAP');
    // The requester cannot approve; the first step alone does not activate it.
    const self = await t.call('POST', `/api/approvals/${filed.approvalId}/approve`, { cookie: manager, body: {} });
    expect(self.statusCode).toBe(403);
    await t.call('POST', `/api/approvals/${filed.approvalId}/approve`, { cookie: deptManager, body: {} });
    expect((await t.call('GET', `/api/billing/tariffs/${filed.id}`, { cookie: clerk })).json().status).toBe('pending');
    const inForce = (
      await t.call('GET', '/api/billing/tariffs?usageNature=PUBLIC&status=active', { cookie: clerk })
    ).json();
    expect(inForce.total).toBe(0);
    const rejected = await t.call('POST', `/api/approvals/${filed.approvalId}/reject`, {
      cookie: financeDirector,
      body: { comment: '价格文件未下达' },
    });
    expect(rejected.statusCode).toBe(200);
    expect((await t.call('GET', `/api/billing/tariffs/${filed.id}`, { cookie: clerk })).json().status).toBe('rejected');
    // Its dates are free again.
    const again = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: { ...body, name: '公建 3.20' },
    });
    expect(again.statusCode).toBe(201);
    await approve(again.json().approvalId);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'tariff' AND entity_id IN ($1, $2) ORDER BY id`,
      [filed.id, again.json().id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'billing.tariffCreated',
      'billing.tariffRejected',
      'billing.tariffCreated',
      'billing.tariffActivated',
    ]);
  });

  it('BIL-1 a new price version supersedes the tariff in force, which is ended the day before on approval', async () => {
    const list = (
      await t.call('GET', '/api/billing/tariffs?usageNature=PUBLIC&status=active', { cookie: clerk })
    ).json();
    const current = list.items[0];
    expect(current.effectiveTo).toBeNull();
    const wrong = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: { usageNature: 'RES', name: 'x', effectiveFrom: '2026-08-01', price: '3.30', supersedes: current.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.json())).toEqual(['supersedes']);
    const v2 = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: {
        usageNature: 'PUBLIC',
        name: '公建 3.30',
        effectiveFrom: '2026-08-01',
        price: '3.30',
        supersedes: current.id,
      },
    });
    expect(v2.statusCode).toBe(201);
    // Still open-ended until the approval.
    expect(
      (await t.call('GET', `/api/billing/tariffs/${current.id}`, { cookie: clerk })).json().effectiveTo,
    ).toBeNull();
    await approve(v2.json().approvalId);
    expect((await t.call('GET', `/api/billing/tariffs/${current.id}`, { cookie: clerk })).json().effectiveTo).toBe(
      '2026-07-31',
    );
    expect((await t.call('GET', `/api/billing/tariffs/${v2.json().id}`, { cookie: clerk })).json().status).toBe(
      'active',
    );
    // Ending a tariff earlier is a change through approval too.
    const bad = await t.call('POST', `/api/billing/tariffs/${current.id}/end`, {
      cookie: manager,
      body: { effectiveTo: '2026-09-30', reason: '延后' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['effectiveTo']);
    const end = await t.call('POST', `/api/billing/tariffs/${v2.json().id}/end`, {
      cookie: manager,
      body: { effectiveTo: '2026-12-31', reason: '年底停止执行' },
    });
    expect(end.statusCode).toBe(202);
    await approve(end.json().approvalId);
    expect((await t.call('GET', `/api/billing/tariffs/${v2.json().id}`, { cookie: clerk })).json().effectiveTo).toBe(
      '2026-12-31',
    );
  });

  it('BIL-1: two tariffs of one nature with overlapping dates are refused, naming the field', async () => {
    const res = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      lang: 'zh-CN',
      body: { usageNature: 'RES', name: '重叠', effectiveFrom: '2026-12-01', effectiveTo: '2027-03-31', price: '2.80' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('TARIFF_OVERLAP');
    expect(fieldsOf(res.json())).toEqual(['effectiveFrom']);
    expect(res.json().message).toContain('居民阶梯气价 2026');
    const en = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      lang: 'en',
      body: { usageNature: 'CATERING', name: 'open', effectiveFrom: '2027-01-01', price: '3.90' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toContain('overlapping');
    // Right after the first one ends, it is fine.
    const next = await t.call('POST', '/api/billing/tariffs', {
      cookie: manager,
      body: { usageNature: 'RES', name: '居民 2027', effectiveFrom: '2027-01-01', price: '2.80' },
    });
    expect(next.statusCode).toBe(201);
    expect(next.json().status).toBe('pending');
  });

  it('BIL-1: bad tiers, price and tiers together, an unknown nature and reversed dates are 400s', async () => {
    const post = (body: unknown) => t.call('POST', '/api/billing/tariffs', { cookie: manager, body });
    const base = { usageNature: 'BOILER', name: '锅炉', effectiveFrom: '2026-01-01' };
    const down = await post({
      ...base,
      tiers: [{ upTo: '500', price: '1' }, { upTo: '400', price: '2' }, { price: '3' }],
    });
    expect(down.statusCode).toBe(400);
    expect(fieldsOf(down.json())).toEqual(['tiers.1.upTo']);
    const bounded = await post({ ...base, tiers: [{ upTo: '500', price: '1' }] });
    expect(fieldsOf(bounded.json())).toEqual(['tiers.0.upTo']);
    const both = await post({ ...base, price: '3.00', tiers: [{ price: '3' }] });
    expect(both.statusCode).toBe(400);
    expect(fieldsOf(both.json())).toEqual(['price']);
    const unknown = await post({ ...base, usageNature: 'NOPE', price: '3.00' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.json())).toEqual(['usageNature']);
    const reversed = await post({ ...base, effectiveTo: '2025-12-31', price: '3.00' });
    expect(reversed.statusCode).toBe(400);
    expect(fieldsOf(reversed.json())).toContain('effectiveTo');
    const notMoney = await post({ ...base, price: '3,00' });
    expect(notMoney.statusCode).toBe(400);
    expect(fieldsOf(notMoney.json())).toContain('price');
    const none = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tariffs WHERE company_id = $1 AND usage_nature IN ('BOILER', 'NOPE')`,
      [t.companyA],
    );
    expect(none.rows[0]!.n).toBe(0);
  });

  it('BIL-1: only holders of billing.tariff.manage add tariffs; company B sees none of A', async () => {
    const res = await t.call('POST', '/api/billing/tariffs', {
      cookie: clerk,
      body: { usageNature: 'BOILER', name: '锅炉', effectiveFrom: '2026-01-01', price: '3.00' },
    });
    expect(res.statusCode).toBe(403);
    const managerB = await t.login('b.department.manager');
    const listB = (await t.call('GET', '/api/billing/tariffs', { cookie: managerB })).json();
    expect(listB.total).toBe(0);
  });

  it('BIL-1 the tariffs list sorts by usage nature, start date and status; an unknown key is a 400', async () => {
    type Row = { usageNature: string; effectiveFrom: string; status: string };
    const list = async (qs: string): Promise<Row[]> => {
      const res = await t.call('GET', `/api/billing/tariffs?pageSize=200&${qs}`, { cookie: clerk });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items;
    };
    const all = await list('');
    expect(new Set(all.map((x) => x.status))).toEqual(new Set(['pending', 'active', 'rejected']));
    // The default groups each nature's versions together, oldest first.
    const natures = all.map((x) => x.usageNature);
    expect(natures.filter((n, i) => n !== natures[i - 1])).toHaveLength(new Set(natures).size);
    const from = (await list('sort=effectiveFrom&order=desc')).map((x) => x.effectiveFrom);
    expect(from).toEqual([...from].sort().reverse());
    const fromAsc = (await list('sort=effectiveFrom&order=asc')).map((x) => x.effectiveFrom);
    expect(fromAsc).toEqual([...fromAsc].sort());
    const status = (await list('sort=status&order=asc')).map((x) => x.status);
    expect(status).toEqual([...status].sort());
    const desc = (await list('sort=usageNature&order=desc')).map((x) => x.usageNature);
    expect(desc.filter((n, i) => n !== desc[i - 1])).toEqual(natures.filter((n, i) => n !== natures[i - 1]).reverse());
    const bad = await t.call('GET', '/api/billing/tariffs?sort=name', { cookie: clerk });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['sort']);
  });
});
