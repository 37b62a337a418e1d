import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChineseCapitals } from '../src/platform/print/money.js';
import { findChromium } from '../src/platform/print/pdf.js';
import { parseTemplate, renderTemplate } from '../src/platform/print/template.js';
import { createTestApp, type TestApp } from './app.js';
import { dbKinds } from './db.js';

const render = (template: string, variables: unknown) => renderTemplate(parseTemplate(template), variables);

// Under CI a missing Chromium fails the PDF test instead of skipping it.
const chromium = findChromium();
const pdfTest = chromium || process.env.CI === 'true' ? it : it.skip;

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `hearth-test-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('notice templates', () => {
  it('PRT the renderer HTML-escapes every value and runs no code', () => {
    const html = render('<p title="{{name}}">{{name}}</p>{{#each items}}<i>{{this}}</i>{{/each}}', {
      name: `<script>alert("x")</script>&'\``,
      items: ['<b>', '{{name}}'],
    });
    expect(html).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;</p><i>&lt;b&gt;</i><i>{{name}}</i>',
    );
    // Triple braces print nothing raw either; prototype names are not variables.
    expect(render('{{{name}}}|{{constructor}}|{{name.length}}', { name: '<x>' })).toBe('{&lt;x&gt;}||');
  });

  it('PRT lists, conditions and formats: {{#each}}, {{#if}}/{{else}}, {{@number}}, | capitals, | money', () => {
    const html = render(
      '{{#each items}}{{@number}}.{{name}}={{amount | money}};{{/each}}{{#if payer}}P:{{payer}}{{else}}none{{/if}} {{total | capitals}}',
      { items: [{ name: '气费', amount: '1234.5' }], total: '1001.05' },
    );
    expect(html).toBe('1.气费=1,234.50;none 壹仟零壹元零伍分');
  });

  it('PRT an amount is written in Chinese capitals (大写金额) by the bank rules', () => {
    const cases: [string, string][] = [
      ['0.50', '伍角'],
      ['1001.05', '壹仟零壹元零伍分'],
      ['10000', '壹万元整'],
      ['0', '零元整'],
      ['0.05', '伍分'],
      ['10', '壹拾元整'],
      ['105', '壹佰零伍元整'],
      ['1004.56', '壹仟零肆元伍角陆分'],
      ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
      ['100010000', '壹亿零壹万元整'],
      ['100000001', '壹亿零壹元整'],
      ['325.045', '叁佰贰拾伍元零伍分'],
    ];
    for (const [amount, words] of cases) expect(toChineseCapitals(amount), amount).toBe(words);
    expect(() => toChineseCapitals('1000000000000')).toThrow(RangeError);
  });
});

describe.each(dbKinds)('printing on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let clerk: string;
  let cashierId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('system.admin');
    clerk = await t.login('hall.clerk');
    cashierId = (await t.call('GET', '/api/users?q=cashier', { cookie: admin })).json().items[0].id;
  });
  afterAll(() => t.close());

  it('PRT every role may print; the notice kinds list their variables and sample', async () => {
    const res = await t.call('GET', '/api/print/notices', { cookie: clerk });
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((n: { code: string }) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['accountOpening', 'testReceipt']));
    const opening = res.json().items.find((n: { code: string }) => n.code === 'accountOpening');
    expect(opening).toMatchObject({ paper: 'A4', name: { zh: '账号开通通知书' }, override: null });
    expect(opening.variables.map((v: { path: string }) => v.path)).toEqual(
      expect.arrayContaining(['companyName', 'username', 'roles', 'roles[].name']),
    );
  });

  it('PRT a notice is a page to print from the browser: A4 or 80 mm print CSS, CJK fonts, a print button not printed', async () => {
    const a4 = await t.call('GET', '/api/print/notices/accountOpening/html', { cookie: clerk });
    expect(a4.statusCode).toBe(200);
    expect(a4.headers['content-type']).toMatch(/^text\/html/);
    expect(a4.body).toContain('@page { size: A4; margin: 15mm; }');
    expect(a4.body).toContain('"Noto Sans CJK SC"');
    expect(a4.body).toMatch(/@media print \{\s*\.no-print \{ display: none !important; \}/);
    expect(a4.body).toContain('class="toolbar no-print"');
    expect(a4.body).toContain('class="sheet sample"'); // sample data is watermarked
    // Sandboxed: only the print button's own script may run, and nothing is loaded from elsewhere.
    const csp = String(a4.headers['content-security-policy']);
    expect(csp).toContain('sandbox allow-scripts allow-modals');
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    const nonce = /nonce-([^']+)/.exec(csp)![1]!;
    expect(a4.body).toContain(`<script nonce="${nonce}">`);

    const receipt = await t.call('GET', '/api/print/notices/testReceipt/html', { cookie: clerk });
    expect(receipt.body).toContain('@page { size: 80mm 297mm; margin: 3mm; }');
    expect(receipt.body).toContain('大写金额：壹仟零壹元零伍分');
    expect(receipt.body).toContain('¥1,001.05');
  });

  it('PRT a notice for a record loads its variables, only from the caller’s company', async () => {
    const cashier = (await t.call('GET', `/api/users/${cashierId}`, { cookie: admin })).json();
    const res = await t.call('GET', `/api/print/notices/accountOpening/html?subjectId=${cashierId}`, {
      cookie: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('演示市燃气有限公司');
    expect(res.body).toContain(cashier.fullName);
    expect(res.body).toContain('<span>收费员</span>');
    expect(res.body).not.toContain('sheet sample');
    const usersB = (await t.call('GET', '/api/users?q=b.cashier', { cookie: await t.login('b.system.admin') })).json();
    const other = await t.call('GET', `/api/print/notices/accountOpening/html?subjectId=${usersB.items[0].id}`, {
      cookie: admin,
    });
    expect(other.statusCode).toBe(404);
    // Printing a record shows it: the record's own read permission is needed too.
    const noRead = await t.call('GET', `/api/print/notices/accountOpening/html?subjectId=${cashierId}`, {
      cookie: clerk,
    });
    expect(noRead.statusCode).toBe(403);
  });

  it('PRT variables given for a notice are checked, naming the field', async () => {
    const res = await t.call('POST', '/api/print/notices/testReceipt/pdf', {
      cookie: clerk,
      body: {
        variables: { companyName: '甲', receiptNo: '1', date: 'x', items: [{ name: 'a', amount: '1.5' }], total: '2' },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['variables.cashier']));
    const html = await t.call(
      'GET',
      `/api/print/notices/testReceipt/html?variables=${encodeURIComponent('{"total": 1')}`,
      { cookie: clerk },
    );
    expect(html.statusCode).toBe(400);
  });

  it('PRT a template override that uses a variable the notice does not declare is refused on save, naming it', async () => {
    const res = await t.call('PUT', '/api/print/templates/accountOpening', {
      cookie: admin,
      body: { body: '<h1>开通通知</h1>\n<p>{{fullName}}</p>\n<p>密码：{{password}}</p>' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_VARIABLE',
      message: '模板第 3 行使用了该通知书没有的变量「password」',
      details: { fields: [{ path: 'body' }] },
    });
    const inList = await t.call('PUT', '/api/print/templates/accountOpening', {
      cookie: admin,
      lang: 'en',
      body: { body: '{{#each roles}}{{code}}{{/each}}' },
    });
    expect(inList.json().message).toContain('"code"');
    const unclosed = await t.call('PUT', '/api/print/templates/accountOpening', {
      cookie: admin,
      body: { body: '{{#each roles}}{{name}}' },
    });
    expect(unclosed.json().code).toBe('TEMPLATE_SYNTAX');
    for (const body of ['<script>alert(1)</script>', '<img src="https://x.example/a.png">', '<p onclick="x()">a</p>']) {
      const unsafe = await t.call('PUT', '/api/print/templates/accountOpening', { cookie: admin, body: { body } });
      expect(unsafe.json().code, body).toBe('TEMPLATE_UNSAFE');
    }
    // Nothing was saved.
    const kinds = (await t.call('GET', '/api/print/notices', { cookie: admin })).json().items;
    expect(kinds.find((n: { code: string }) => n.code === 'accountOpening').override).toBeNull();
  });

  it('PRT a company’s own template is used for its notices, audited, and can go back to the default', async () => {
    const forbidden = await t.call('PUT', '/api/print/templates/testReceipt', {
      cookie: clerk,
      body: { body: '<p>{{companyName}}</p>' },
    });
    expect(forbidden.statusCode).toBe(403);
    const saved = await t.call('PUT', '/api/print/templates/testReceipt', {
      cookie: admin,
      body: { body: '<p class="center">{{companyName}} 自定义收据</p><p>{{total | capitals}}</p>' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().override).toMatchObject({ problem: null, updatedByName: expect.any(String) });
    const html = (await t.call('GET', '/api/print/notices/testReceipt/html', { cookie: clerk })).body;
    expect(html).toContain('演示市燃气有限公司 自定义收据');
    // Company B still prints the default.
    const htmlB = (
      await t.call('GET', '/api/print/notices/testReceipt/html', { cookie: await t.login('b.hall.clerk') })
    ).body;
    expect(htmlB).not.toContain('自定义收据');
    const audit = (await t.call('GET', '/api/audit-entries?action=printTemplate', { cookie: admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'printTemplate.update', entityId: 'testReceipt' });

    const reset = await t.call('DELETE', '/api/print/templates/testReceipt', { cookie: admin });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().override).toBeNull();
    expect((await t.call('GET', '/api/print/notices/testReceipt/html', { cookie: clerk })).body).not.toContain(
      '自定义收据',
    );
    expect((await t.call('DELETE', '/api/print/templates/testReceipt', { cookie: admin })).statusCode).toBe(404);
  });

  pdfTest('PRT the account opening notice renders to PDF through Chromium with its Chinese text', async () => {
    const cashier = (await t.call('GET', `/api/users/${cashierId}`, { cookie: admin })).json();
    const res = await t.call('POST', '/api/print/notices/accountOpening/pdf', {
      cookie: admin,
      body: { subjectId: cashierId },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''%E8%B4%A6%E5%8F%B7");
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('演示市燃气有限公司');
    expect(text).toContain('账号开通通知书');
    expect(text).toContain(cashier.username);
    expect(text).toContain(cashier.fullName);

    const receipt = await t.call('POST', '/api/print/notices/testReceipt/pdf', { cookie: clerk, body: {} });
    expect(receipt.statusCode).toBe(200);
    expect(pdfText(receipt.rawPayload).replace(/\s+/g, '')).toContain('壹仟零壹元零伍分');
  });
});

describe('printing without Chromium', () => {
  let t: TestApp;
  const saved = process.env.CHROMIUM_PATH;
  beforeAll(async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
    await t.close();
  });

  it('PRT with no Chromium on the server a PDF is a 503 saying to print from the browser', async () => {
    const clerk = await t.login('hall.clerk');
    const list = await t.call('GET', '/api/print/notices', { cookie: clerk });
    expect(list.json().pdfAvailable).toBe(false);
    const res = await t.call('POST', '/api/print/notices/testReceipt/pdf', { cookie: clerk, body: {} });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'PDF_UNAVAILABLE', message: expect.stringContaining('浏览器') });
    expect((await t.call('GET', '/api/print/notices/testReceipt/html', { cookie: clerk })).statusCode).toBe(200);
  });
});
