import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('invoices in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch(chromiumPath!);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('PAY-6 the desk issues an e-invoice for a payment; the customer asks for one through the receipt QR code', async () => {
    const cashierApi = await apiAs(browser, server, 'cashier');
    const accounts = await (await cashierApi.get(`${server.url}/api/accounts?pageSize=50`)).json();
    const residential = accounts.items.filter((a: { customerKind: string }) => a.customerKind === 'residential');
    const [first, second] = residential as { id: string; accountNo: string; customerName: string }[];
    const pay = async (accountId: string, amount: string) => {
      const res = await cashierApi.post(`${server.url}/api/payments`, {
        headers: { 'idempotency-key': randomUUID() },
        data: { accountId, tenders: [{ method: 'cash', amount }] },
      });
      expect(res.status()).toBe(201);
      return (await res.json()) as { id: string; no: string };
    };
    const p1 = await pay(first!.id, '88.00');

    const errors: string[] = [];
    const page = await signIn(browser, server.url, 'cashier', server.demoPassword);
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${server.url}/payments/invoices/issue`);
    await page.getByTestId('invoice-account').waitFor();
    await page.keyboard.type(first!.accountNo);
    await page.locator('.ant-select-item-option', { hasText: first!.accountNo }).first().waitFor();
    await page.keyboard.press('Enter');
    const row = page.getByTestId('invoice-payments').locator('tr', { hasText: p1.no });
    await row.waitFor();
    await row.locator('input[type=checkbox]').check();
    await expect.poll(() => page.getByTestId('invoice-total').textContent()).toContain('88.00');
    // Residential: the title is the customer's name and cannot be changed; no special invoices.
    await expect.poll(() => page.getByTestId('invoice-buyer-title').inputValue()).toBe(first!.customerName);
    await page.locator('.ant-radio-wrapper-disabled', { hasText: '增值税专用发票' }).waitFor();
    await page.locator('.ant-radio-wrapper', { hasText: '电子发票' }).click();
    await page.getByTestId('invoice-buyer-email').fill('not-an-email');
    await page.locator('.ant-form-item-explain-error', { hasText: '邮箱格式不正确' }).waitFor();
    await page.getByTestId('invoice-buyer-email').fill('zhang@example.com');
    await screenshot(page, 'inv-01-issue');
    await page.getByTestId('invoice-issue').click();
    await page.getByTestId('invoice-confirm').click();
    await page.getByTestId('invoice-print').waitFor();
    expect(await page.locator('.ant-result-title').textContent()).toMatch(/发票 \d{8} 已开具/);
    await screenshot(page, 'inv-02-issued');

    // 发票查询 lists it; the supervisor voids it there.
    const supervisor = await signIn(browser, server.url, 'centre.supervisor', server.demoPassword);
    await supervisor.goto(`${server.url}/payments/invoices`);
    const listed = supervisor.getByTestId('invoice-table').locator('tr', { hasText: first!.accountNo });
    await listed.first().waitFor();
    await listed.first().getByRole('button', { name: '作废' }).click();
    await supervisor.getByTestId('invoice-void-reason').fill('抬头有误');
    await supervisor.getByTestId('invoice-void-submit').click();
    await listed.first().locator('.ant-tag', { hasText: '已作废' }).waitFor();
    await screenshot(supervisor, 'inv-03-list');

    // The receipt of another payment carries the QR code; its address opens the public page, no login.
    const p2 = await pay(second!.id, '45.50');
    const receipt = await cashierApi.get(`${server.url}/api/payments/${p2.id}/receipt?format=html`);
    const html = await receipt.text();
    expect(html).toContain('data:image/svg+xml;base64,');
    const qrUrl = /title="([^"]+\/e-invoice\/[^"]+)"/.exec(html)![1]!;
    const path = new URL(qrUrl).pathname;
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phone = await context.newPage();
    await phone.goto(`${server.url}${path}`);
    await phone.getByTestId('public-einvoice-email').waitFor();
    expect(await phone.locator('body').textContent()).toContain(p2.no);
    await phone.getByTestId('public-einvoice-submit').click();
    await phone.locator('.ant-form-item-explain-error', { hasText: '邮箱' }).waitFor();
    await phone.getByTestId('public-einvoice-email').fill('li@example.com');
    await phone.getByTestId('public-einvoice-submit').click();
    await phone.getByTestId('public-einvoice-pdf').waitFor();
    await screenshot(phone, 'inv-04-public');
    const pdf = await phone.request.get(
      `${server.url}${path.replace('/e-invoice/', '/api/public/e-invoice/')}/document?format=pdf`,
    );
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // A tampered address is refused.
    await phone.goto(`${server.url}${path.slice(0, -3)}xyz`);
    await phone.locator('.ant-result-title', { hasText: '二维码无效' }).waitFor();
    await context.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
