import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isResidentId } from '../src/modules/openings/service.js';
import { businessToday } from '../src/platform/calendar/workdays.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

type Body = Record<string, unknown> & {
  applicant?: Record<string, unknown> | null;
  premise: Record<string, unknown>;
  account: Record<string, unknown>;
};

const ID_NO = '11010519491231002X';
const daysBefore = (ymd: string, n: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

let room = 100;
/** A valid individual residential opening: an IC-card meter paid by top-up, a multi-storey flat. */
function individual(patch: Partial<Body> = {}): Body {
  const today = businessToday();
  room += 1;
  const base: Body = {
    mode: 'individual',
    applicant: { kind: 'residential', name: '张三', idType: 'residentId', idNo: ID_NO, mobile: '13800138000' },
    premise: {
      district: '鹿城区',
      street: '人民路',
      addressKind: 'apartment',
      community: '报装测试小区',
      building: '3',
      unit: '2',
      room: String(room),
    },
    usageNature: 'RES',
    meterType: 'icCard',
    buildingType: 'multiStorey',
    account: { paymentMethod: 'icTopUp' },
    priority: 'waiting',
    applicationDate: today,
    invoiceDate: today,
  };
  return {
    ...base,
    ...patch,
    premise: { ...base.premise, ...patch.premise },
    account: { ...base.account, ...patch.account },
    applicant: patch.applicant === null ? null : { ...base.applicant, ...patch.applicant },
  };
}

/** A metered (diaphragm) account: the bank rules apply to it. */
const metered = (account: Record<string, unknown>) => individual({ meterType: 'diaphragm', account });

interface FieldError {
  path: string;
  message: string;
}

describe.each(dbKinds)('account opening on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let clerkB: string;
  let cashier: string;
  const today = businessToday();

  type Counts = Record<
    'customers' | 'premises' | 'accounts' | 'appliances' | 'applications' | 'links' | 'audit',
    number
  >;
  const counts = async (): Promise<Counts> => {
    const r = await t.db.query<Counts>(
      `SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM premises) AS premises,
              (SELECT count(*)::int FROM accounts) AS accounts, (SELECT count(*)::int FROM appliances) AS appliances,
              (SELECT count(*)::int FROM service_applications) AS applications,
              (SELECT count(*)::int FROM service_application_accounts) AS links,
              (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    return r.rows[0]!;
  };
  const open = (body: unknown, cookie = clerk, lang?: string) =>
    t.call('POST', '/api/account-openings', { cookie, body, lang });

  /** Refused with exactly this code on exactly these fields, in Chinese, and nothing written. */
  async function refused(body: unknown, code: string, fields: string[], status = 400): Promise<FieldError[]> {
    const before = await counts();
    const res = await open(body);
    expect(res.statusCode, res.body).toBe(status);
    const json = res.json();
    expect(json.code).toBe(code);
    const got: FieldError[] = json.details.fields;
    expect(got.map((f) => f.path).sort()).toEqual([...fields].sort());
    for (const f of got) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await counts()).toEqual(before);
    return got;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    clerk = await t.login('hall.clerk');
    clerkB = await t.login('b.hall.clerk');
    cashier = await t.login('cashier');
  });
  afterAll(async () => t?.close());

  it('CUS-7/CUS-8: an opening creates the customer, premise, pending account and a pending installation application', async () => {
    const before = await counts();
    const res = await open(
      individual({
        priority: 'urgent',
        feeInvoiceNo: '04417392',
        appliances: [
          { kind: 'stove', brand: '方太', stoveMount: 'builtIn', flameFailureProtection: true, powerKw: '4.2' },
        ],
        account: { smsMobile: '13800138000', smsCarrier: 'chinaMobile' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().application;
    expect(a).toMatchObject({
      kind: 'installation',
      mode: 'individual',
      status: 'pending',
      priority: 'urgent',
      applicantName: '张三',
      householdCount: 1,
      feeAmount: '2400.00',
      customerKind: 'residential',
      meterType: 'icCard',
      paymentMethod: 'icTopUp',
      createdByName: expect.any(String),
    });
    expect(a.applicationNo).toMatch(new RegExp(`^BZ${today.replaceAll('-', '')}\\d{4}$`));
    expect(a.households).toHaveLength(1);
    expect(a.households[0].accountNo).toMatch(/^01\d{8}$/); // the cus.accountNo policy default
    expect(a.households[0].accountStatus).toBe('pending');
    expect(a.address).toBe(`鹿城区人民路报装测试小区3号楼2单元${room}室`);
    expect(a.appliances).toEqual([
      expect.objectContaining({ kind: 'stove', brand: '方太', stoveMount: 'builtIn', powerKw: '4.20' }),
    ]);
    expect(a.feeBreakdown.lines).toEqual([
      expect.objectContaining({
        category: 'multiStorey',
        policyKey: 'cus.installationFee.multiStorey',
        amount: '2400.00',
      }),
    ]);
    const after = await counts();
    expect(after.customers - before.customers).toBe(1);
    expect(after.premises - before.premises).toBe(1);
    expect(after.accounts - before.accounts).toBe(1);
    expect(after.appliances - before.appliances).toBe(1);
    expect(after.applications - before.applications).toBe(1);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE company_id = $1 AND action IN ('customer.create', 'account.open', 'serviceApplication.create')
         AND (entity_id = $2 OR after->>'applicationNo' = $3) ORDER BY id`,
      [t.companyA, a.id, a.applicationNo],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual([
      'account.open',
      'customer.create',
      'serviceApplication.create',
    ]);

    const got = await t.call('GET', `/api/service-applications/${a.id}`, { cookie: clerk });
    expect(got.statusCode).toBe(200);
    expect(got.json().applicationNo).toBe(a.applicationNo);
    const profile = await t.call('GET', `/api/accounts/${a.households[0].accountId}`, { cookie: clerk });
    expect(profile.json().account).toMatchObject({
      status: 'pending',
      smsCarrier: 'chinaMobile',
      paymentMethod: 'icTopUp',
    });
    // CUS-3: the pending application shows among the open work of the account's 360° view.
    const overview = await t.call('GET', `/api/accounts/${a.households[0].accountId}/overview`, { cookie: clerk });
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.json().serviceApplications).toEqual([
      expect.objectContaining({ id: a.id, applicationNo: a.applicationNo, status: 'pending', feeAmount: '2400.00' }),
    ]);
  });

  it('CUS-7: an IC-card meter must be paid by top-up', async () => {
    const [f] = await refused(individual({ account: { paymentMethod: 'counter' } }), 'IC_CARD_NEEDS_TOP_UP', [
      'account.paymentMethod',
    ]);
    expect(f!.message).toContain('充值');
  });

  it('CUS-7: a metered account cannot be paid by top-up', async () => {
    await refused(metered({ paymentMethod: 'icTopUp' }), 'METERED_NOT_TOP_UP', ['account.paymentMethod']);
  });

  it('CUS-7: bank account number, bank name and holder are all or none', async () => {
    await refused(metered({ paymentMethod: 'bankDebit', bankAccountNo: '6222020200112233445' }), 'BANK_ALL_OR_NONE', [
      'account.bankName',
      'account.bankAccountHolder',
    ]);
  });

  it('CUS-7: a metered account paid by bank debit needs all three bank fields', async () => {
    await refused(metered({ paymentMethod: 'bankDebit' }), 'BANK_DEBIT_NEEDS_BANK', [
      'account.bankName',
      'account.bankAccountNo',
      'account.bankAccountHolder',
    ]);
  });

  it('CUS-7: a metered account not paid by bank debit has the three bank fields empty', async () => {
    await refused(
      metered({
        paymentMethod: 'counter',
        bankName: '中国工商银行',
        bankAccountNo: '6222020200112233445',
        bankAccountHolder: '张三',
      }),
      'BANK_ONLY_FOR_DEBIT',
      ['account.bankName', 'account.bankAccountNo', 'account.bankAccountHolder'],
    );
  });

  it('CUS-7: a metered account paid by bank debit with all three bank fields is taken', async () => {
    const res = await open(
      metered({
        paymentMethod: 'bankDebit',
        bankName: '中国工商银行',
        bankAccountNo: '6222020200112233445',
        bankAccountHolder: '张三',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('CUS-7: an SMS number needs its carrier', async () => {
    await refused(individual({ account: { smsMobile: '13800138000' } }), 'SMS_NEEDS_CARRIER', ['account.smsCarrier']);
  });

  it('CUS-7: a collective application takes the fee invoice’s date, not today', async () => {
    await refused(
      {
        ...individual({ mode: 'collective', applicant: null }),
        premise: {
          district: '鹿城区',
          street: '人民路',
          addressKind: 'apartment',
          community: '集体小区',
          building: '9',
        },
        collective: { applicantOrg: '温州安居房地产开发有限公司' },
        households: [{ unit: '1', room: '101' }],
      },
      'COLLECTIVE_INVOICE_DATE',
      ['invoiceDate'],
    );
  });

  it('CUS-7: the invoice date is on or before the application date', async () => {
    await refused(
      individual({ applicationDate: daysBefore(today, 3), invoiceDate: daysBefore(today, 1) }),
      'INVOICE_AFTER_APPLICATION',
      ['invoiceDate'],
    );
  });

  it('CUS-7: a name has no spaces; an unknown name is 用户', async () => {
    await refused(individual({ applicant: { name: '张 三' } }), 'NAME_HAS_SPACES', ['applicant.name']);
    await refused(individual({ applicant: { name: '张\u3000三' } }), 'NAME_HAS_SPACES', ['applicant.name']);
  });

  it('CUS-7: a form breaking several rules is refused with every field at once', async () => {
    const res = await open(
      individual({
        meterType: 'icCard',
        applicant: { name: '李 四' },
        account: { paymentMethod: 'counter', smsMobile: '13900000000' },
      }),
    );
    expect(res.statusCode).toBe(400);
    const json = res.json();
    expect(json.code).toBe('FORM_RULES_BROKEN');
    expect(json.details.problems.map((p: { code: string }) => p.code).sort()).toEqual([
      'IC_CARD_NEEDS_TOP_UP',
      'NAME_HAS_SPACES',
      'SMS_NEEDS_CARRIER',
    ]);
    expect(json.details.fields.map((f: FieldError) => f.path).sort()).toEqual([
      'account.paymentMethod',
      'account.smsCarrier',
      'applicant.name',
    ]);
  });

  it('CUS-7: the field errors come in English on request', async () => {
    const res = await open(individual({ account: { paymentMethod: 'counter' } }), clerk, 'en');
    expect(res.json().details.fields[0].message).toBe('An IC-card meter is paid by prepaid top-up');
  });

  it('CUS-3: a legacy account number typed by hand is kept; the same number again is 409 on accountNo', async () => {
    const first = await open(individual({ account: { accountNo: '8800123456' } }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().application.households[0].accountNo).toBe('8800123456');
    const [f] = await refused(
      individual({ account: { accountNo: '8800123456' } }),
      'ACCOUNT_NO_TAKEN',
      ['account.accountNo'],
      409,
    );
    expect(f!.message).toContain('8800123456');
  });

  it('CUS-2: an address of the wrong shape is refused on its field', async () => {
    await refused(individual({ premise: { room: '' } }), 'ADDRESS_PART_MISSING', ['premise.room']);
    await refused(individual({ premise: { lane: '槐树巷' } }), 'ADDRESS_PART_NOT_ALLOWED', ['premise.lane']);
    await refused(
      individual({
        premise: {
          addressKind: 'bungalow',
          community: null,
          building: null,
          unit: null,
          room: null,
          lane: '槐树巷',
          rowNo: '3',
        },
      }),
      'ADDRESS_PART_MISSING',
      ['premise.houseNo'],
    );
  });

  it('CUS-2: a bungalow address is taken and an address is opened only once', async () => {
    const bungalow = individual({
      premise: {
        addressKind: 'bungalow',
        community: null,
        building: null,
        unit: null,
        room: null,
        lane: '报装巷',
        rowNo: '3',
        houseNo: '12',
      },
    });
    const res = await open(bungalow);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().application.address).toBe('鹿城区人民路报装巷3排12号');
    const [f] = await refused(bungalow, 'PREMISE_HAS_ACCOUNT', ['premise.houseNo'], 409);
    expect(f!.message).toContain(res.json().application.households[0].accountNo);
  });

  it('CUS-2: two clerks opening the same address at once: one is taken, the other told', async () => {
    const body = individual();
    const [a, b] = await Promise.all([open(body), open({ ...body, applicant: { ...body.applicant, name: '李四' } })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('PREMISE_HAS_ACCOUNT');
  });

  it('the applicant needs an ID (a valid resident ID) and a phone; an organisation its tax number', async () => {
    expect(isResidentId(ID_NO)).toBe(true);
    await refused(individual({ applicant: { idNo: '110105194912310021' } }), 'BAD_RESIDENT_ID', ['applicant.idNo']);
    await refused(individual({ applicant: { mobile: null } }), 'REQUIRED', ['applicant.mobile']);
    await refused(
      individual({
        usageNature: 'CATERING',
        buildingType: null,
        applicant: { kind: 'commercial', name: '川香餐馆', idType: null, idNo: null },
        appliances: [{ kind: 'stove', powerKw: '20' }],
      } as Partial<Body>),
      'REQUIRED',
      ['applicant.taxNo'],
    );
  });

  it('CUS-8: residential fees by building type come from the policy', async () => {
    const quote = async (q: string) => {
      const res = await t.call('GET', `/api/account-openings/fee-quote?${q}`, { cookie: clerk });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await quote('usageNature=RES&buildingType=multiStorey')).total).toBe('2400.00');
    expect((await quote('usageNature=RES&buildingType=highRise')).total).toBe('2850.00');
    expect((await quote('usageNature=RES&buildingType=villa&households=2')).total).toBe('8000.00');
    const res = await open(individual({ buildingType: 'highRise' }));
    expect(res.json().application.feeAmount).toBe('2850.00');
  });

  it('CUS-8: non-residential fees are appliance kW times the rate of their category', async () => {
    const quote = await t.call(
      'GET',
      '/api/account-openings/fee-quote?usageNature=CATERING&appliances=stove:20.5,boiler:100',
      { cookie: clerk },
    );
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.json().lines.map((l: { category: string; amount: string }) => [l.category, l.amount])).toEqual([
      ['commercialCatering', '5740.00'],
      ['boiler', '17000.00'],
    ]);
    expect(quote.json().total).toBe('22740.00');
    const institutional = await t.call(
      'GET',
      '/api/account-openings/fee-quote?usageNature=PUBLIC&appliances=stove:10.55',
      {
        cookie: clerk,
      },
    );
    expect(institutional.json().lines[0]).toMatchObject({ category: 'nonProfitCatering', amount: '2321.00' });

    const res = await open(
      individual({
        usageNature: 'CATERING',
        meterType: 'diaphragm',
        buildingType: null,
        applicant: { kind: 'commercial', name: '川香餐馆', idType: null, idNo: null, taxNo: '91330302MA2H123456' },
        account: { paymentMethod: 'counter' },
        appliances: [
          { kind: 'stove', brand: '大锅灶', powerKw: '20.5' },
          { kind: 'boiler', flueType: 'forcedExhaust', powerKw: '100' },
        ],
      } as Partial<Body>),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().application.feeAmount).toBe('22740.00');
    expect(res.json().application.appliances).toHaveLength(2);
  });

  it('CUS-8: a non-residential opening lists its appliances with their power', async () => {
    await refused(
      individual({
        usageNature: 'CATERING',
        meterType: 'diaphragm',
        buildingType: null,
        applicant: { kind: 'commercial', name: '面馆', idType: null, idNo: null, taxNo: '91330302MA2H123457' },
        account: { paymentMethod: 'counter' },
      } as Partial<Body>),
      'APPLIANCES_NEEDED',
      ['appliances'],
    );
  });

  it('CUS-8: a fee schedule change applies from its effective date; the invoice date picks the schedule', async () => {
    await t.db.query(
      `INSERT INTO policy_values (company_id, key, effective_from, value, version)
       VALUES ($1, 'cus.installationFee.multiStorey', $2, '"2600.00"', 1)`,
      [t.companyA, today],
    );
    const now = await t.call('GET', '/api/account-openings/fee-quote?usageNature=RES&buildingType=multiStorey', {
      cookie: clerk,
    });
    expect(now.json().total).toBe('2600.00');
    const before = await t.call(
      'GET',
      `/api/account-openings/fee-quote?usageNature=RES&buildingType=multiStorey&asOf=${daysBefore(today, 1)}`,
      { cookie: clerk },
    );
    expect(before.json().total).toBe('2400.00');
    const paidYesterday = await open(individual({ invoiceDate: daysBefore(today, 1) }));
    expect(paidYesterday.json().application.feeAmount).toBe('2400.00');
    const paidToday = await open(individual());
    expect(paidToday.json().application.feeAmount).toBe('2600.00');
    // Company B keeps its own schedule.
    const b = await t.call('GET', '/api/account-openings/fee-quote?usageNature=RES&buildingType=multiStorey', {
      cookie: clerkB,
    });
    expect(b.json().total).toBe('2400.00');
  });

  it('CUS-7/CUS-8: a collective application opens one pending account per household', async () => {
    const invoiceDate = daysBefore(today, 30);
    const body = {
      ...individual({ mode: 'collective', applicant: null, invoiceDate, buildingType: 'highRise' }),
      premise: {
        district: '瓯海区',
        street: '新桥街道',
        addressKind: 'apartment',
        community: '安居花园',
        building: '12',
      },
      collective: {
        applicantOrg: '温州安居房地产开发有限公司',
        batchRef: 'AJ-2026-012',
        contactPhone: '0577-88511111',
      },
      households: [
        { unit: '1', room: '101' },
        {
          unit: '1',
          room: '102',
          name: '王五',
          mobile: '13700000001',
          smsMobile: '13700000001',
          smsCarrier: 'chinaMobile',
        },
        { unit: '2', room: '101', accountNo: '8800999001' },
      ],
    };
    const res = await open(body);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().application;
    expect(a).toMatchObject({
      mode: 'collective',
      applicantName: '温州安居房地产开发有限公司',
      applicantOrg: '温州安居房地产开发有限公司',
      batchRef: 'AJ-2026-012',
      householdCount: 3,
      feeAmount: '8550.00',
      invoiceDate,
    });
    expect(
      a.households.map((h: { customerName: string; address: string; feeAmount: string }) => [
        h.customerName,
        h.address,
        h.feeAmount,
      ]),
    ).toEqual([
      ['用户', '瓯海区新桥街道安居花园12号楼1单元101室', '2850.00'],
      ['王五', '瓯海区新桥街道安居花园12号楼1单元102室', '2850.00'],
      ['用户', '瓯海区新桥街道安居花园12号楼2单元101室', '2850.00'],
    ]);
    expect(a.households[2].accountNo).toBe('8800999001');

    // A household listed twice, a room missing, and bank details on a household paying by top-up.
    await refused(
      {
        ...body,
        households: [
          { unit: '3', room: '301' },
          { unit: '3', room: '301' },
          { unit: '3' },
          { unit: '3', room: '303', bankName: '中国银行' },
        ],
      },
      'FORM_RULES_BROKEN',
      ['households.1.room', 'households.2.room', 'households.3.bankName'],
    );
    // Collective applications are for residential households.
    await refused(
      {
        ...body,
        usageNature: 'CATERING',
        buildingType: null,
        appliances: [{ kind: 'stove', powerKw: '10' }],
        households: [{ unit: '4', room: '401' }],
      },
      'COLLECTIVE_RESIDENTIAL_ONLY',
      ['usageNature'],
    );
  });

  it('CUS-7: a collective application whose fee invoice was lost is dated by the policy (2002-01-01)', async () => {
    const body = {
      ...individual({ mode: 'collective', applicant: null, feeInvoiceLost: true, invoiceDate: daysBefore(today, 2) }),
      premise: { district: '瓯海区', street: '', addressKind: 'apartment', community: '遗失小区', building: '1' },
      collective: { applicantOrg: '遗失小区业主委员会' },
      households: [{ unit: '1', room: '101' }],
    };
    await refused(body, 'LOST_INVOICE_DATE', ['invoiceDate']);
    const res = await open({ ...body, invoiceDate: '2002-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().application.feeInvoiceLost).toBe(true);
  });

  it('an existing customer may open another account', async () => {
    const first = await open(individual());
    const customerId = first.json().application.households[0].customerId;
    const res = await open(individual({ customerId, applicant: null }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().application.households[0].customerId).toBe(customerId);
    expect(res.json().application.applicantName).toBe('张三');
  });

  it('service applications list pages, filters, sorts and finds by number or account', async () => {
    const list = async (q: string) => {
      const res = await t.call('GET', `/api/service-applications?${q}`, { cookie: clerk });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await list('pageSize=200');
    expect(all.total).toBeGreaterThanOrEqual(8);
    const page = await list('pageSize=2&page=2&sort=applicationNo&order=asc');
    expect(page.items).toHaveLength(2);
    expect(page.items[0].applicationNo < page.items[1].applicationNo).toBe(true);
    const collective = await list('mode=collective');
    expect(collective.items.every((i: { mode: string }) => i.mode === 'collective')).toBe(true);
    const urgent = await list('priority=urgent');
    expect(urgent.total).toBe(1);
    const byNo = await list(`q=${urgent.items[0].applicationNo}`);
    expect(byNo.items.map((i: { id: string }) => i.id)).toEqual([urgent.items[0].id]);
    const byAccount = await list('q=8800999001');
    expect(byAccount.items[0].mode).toBe('collective');
    const byName = await list(`q=${encodeURIComponent('温州安居')}`);
    expect(byName.total).toBe(1);
    expect((await list(`from=${today}&to=${today}&status=pending`)).total).toBeGreaterThan(0);
    expect((await list('status=done')).total).toBe(0);
    const byFee = await list('sort=feeAmount&order=desc&pageSize=1');
    expect(byFee.items[0].feeAmount).toBe('22740.00');
  });

  it('IAM-5: the service applications export holds personal data and needs an approved request', async () => {
    const kinds = await t.call('GET', '/api/exports', { cookie: clerk });
    expect(kinds.json().items).toContainEqual(
      expect.objectContaining({ name: 'serviceApplications', sensitive: true }),
    );
    const res = await t.call('GET', '/api/exports/serviceApplications?status=pending', { cookie: clerk });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('EXPORT_APPROVAL_REQUIRED');
  });

  it('the installation application form prints for a saved application', async () => {
    const saved = (await open(individual({ installationRequest: '周末上午安装' }))).json().application;
    const res = await t.call('GET', `/api/print/notices/installationApplication/html?subjectId=${saved.id}`, {
      cookie: clerk,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('用气申请表');
    expect(res.body).toContain(saved.applicationNo);
    expect(res.body).toContain(saved.households[0].accountNo);
    expect(res.body).toContain('贰仟');
    expect(res.body).toContain('周末上午安装');
    expect(res.body).not.toContain(ID_NO); // the ID number is masked on paper
  });

  it('the form offers the active usage natures and the business date', async () => {
    const res = await t.call('GET', '/api/account-openings/form-options', { cookie: clerk });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ today, lostFeeInvoiceDate: '2002-01-01' });
    expect(res.json().usageNatures).toContainEqual({
      code: 'RES',
      name: '居民生活用气',
      commodity: 'gas',
      customerKind: 'residential',
    });
  });

  it('permissions: opening needs customer.open; reading needs customer.read', async () => {
    const res = await open(individual(), cashier);
    expect(res.statusCode).toBe(403);
    const quote = await t.call('GET', '/api/account-openings/fee-quote?usageNature=RES&buildingType=villa', {
      cookie: cashier,
    });
    expect(quote.statusCode).toBe(403);
    const list = await t.call('GET', '/api/service-applications', { cookie: cashier });
    expect(list.statusCode).toBe(200);
  });

  it('tenancy: another company neither sees nor uses company A’s applications and customers', async () => {
    const a = (await open(individual())).json().application;
    const got = await t.call('GET', `/api/service-applications/${a.id}`, { cookie: clerkB });
    expect(got.statusCode).toBe(404);
    expect(got.json().code).toBe('APPLICATION_NOT_FOUND');
    const listB = await t.call('GET', '/api/service-applications?pageSize=200', { cookie: clerkB });
    expect(listB.json().items.some((i: { id: string }) => i.id === a.id)).toBe(false);
    const print = await t.call('GET', `/api/print/notices/installationApplication/html?subjectId=${a.id}`, {
      cookie: clerkB,
    });
    expect(print.statusCode).toBe(404);
    const reuse = await open(individual({ customerId: a.households[0].customerId, applicant: null }), clerkB);
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().details.fields.map((f: FieldError) => f.path)).toEqual(['customerId']);
    // Company B's own numbers and addresses are its own: the same address and number are free there.
    const inB = await open(
      individual({ premise: { room: String(room) }, account: { accountNo: '8800123456' } }),
      clerkB,
    );
    expect(inB.statusCode, inB.body).toBe(201);
  });

  it('bad input is a 400 naming the field, never a 500', async () => {
    const cases: [unknown, string][] = [
      [{ ...individual(), meterType: 'gold' }, 'meterType'],
      [{ ...individual(), applicationDate: '2026-13-40' }, 'applicationDate'],
      [individual({ account: { bankAccountNo: '12ab' } }), 'account.bankAccountNo'],
      [individual({ applicant: { mobile: '12345' } }), 'applicant.mobile'],
      [{ ...individual(), usageNature: 'NOPE' }, 'usageNature'],
      [{ ...individual(), applicationDate: '1999-01-01', invoiceDate: '1999-01-01' }, 'applicationDate'],
      [{ ...individual(), appliances: [{ kind: 'stove', powerKw: '-3' }] }, 'appliances.0.powerKw'],
      [{ ...individual(), appliances: [{ kind: 'waterHeater', stoveMount: 'table' }] }, 'appliances.0.stoveMount'],
      [{ ...individual(), appliances: [{ kind: 'stove', powerKw: '0.00' }] }, 'appliances.0.powerKw'],
    ];
    for (const [body, field] of cases) {
      const res = await open(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().details.fields.map((f: FieldError) => f.path)).toContain(field);
    }
    const future = daysBefore(today, -2);
    const res = await open(individual({ applicationDate: future, invoiceDate: future }));
    expect(res.json().details.fields.map((f: FieldError) => f.path)).toContain('applicationDate');
  });
});
