import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('the cash desk in Chromium', () => {
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

  it('PAY-1 a hall payment at the keyboard: account, Enter, split tender (cash and WeChat), F9, the three-part receipt', async () => {
    // A bill to pay: book R-01 read and billed through the API, as the reading team and the billing clerk would.
    const leader = await apiAs(browser, server, 'team.leader');
    const plans = await (await leader.get(`${server.url}/api/reading-plans?pageSize=50`)).json();
    const plan = plans.items.find((p: { bookCode: string }) => p.bookCode === 'R-01');
    const sheet = await (await leader.get(`${server.url}/api/reading-plans/${plan.id}/sheet`)).json();
    const rows = sheet.rows as { period: string; accountNo: string; meterSerial: string; lastReading: string | null }[];
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const upload = await leader.post(`${server.url}/api/readings/upload`, {
      data: {
        readings: rows.map((r, i) => ({
          period: r.period,
          accountNo: r.accountNo,
          meterSerial: r.meterSerial,
          reading: String(Number(r.lastReading ?? 0) + 30 + i),
          readOn: today,
        })),
      },
    });
    expect(upload.status()).toBe(200);
    const manager = await apiAs(browser, server, 'department.manager');
    const run = await (
      await manager.post(`${server.url}/api/billing/runs`, { data: { period: rows[0]!.period } })
    ).json();
    await expect
      .poll(async () => (await (await manager.get(`${server.url}/api/billing/runs/${run.id}`)).json()).status, {
        timeout: 30_000,
      })
      .toBe('done');

    const errors: string[] = [];
    const page = await signIn(browser, server.url, 'cashier', server.demoPassword);
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${server.url}/payments/desk`);
    // Keyboard only from here: the account box has the focus.
    await page.getByTestId('desk-account').waitFor();
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=desk-account]'))))
      .toBe(true);
    await page.keyboard.type(rows[0]!.accountNo);
    await page.locator('.ant-select-item-option', { hasText: rows[0]!.accountNo }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-debts').locator('tr.ant-table-row').first().waitFor();
    const totalText = (await page.getByTestId('desk-total-due').textContent()) ?? '';
    const total = Number(totalText.replace(/[^0-9.]/g, ''));
    expect(total).toBeGreaterThan(30);
    // The first line (cash) is filled with the total and focused: take 30 yuan less in cash…
    const cash = (total - 30).toFixed(2);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(cash);
    // …and Alt+N adds a WeChat line with the rest.
    await page.keyboard.press('Alt+N');
    await expect.poll(() => page.locator('#desk-tender-1-amount').inputValue()).toBe('30.00');
    await screenshot(page, 'pay-01-desk');
    const [receipt] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('F9')]);
    await page.getByTestId('desk-payment-no').waitFor();
    await receipt.waitForLoadState();
    await expect
      .poll(async () => (await receipt.locator('body').textContent()) ?? '', { timeout: 15_000 })
      .toContain('存根联');
    const text = (await receipt.locator('body').textContent()) ?? '';
    for (const part of ['客户联', '记账联', '存根联', rows[0]!.accountNo, cash, '30.00']) expect(text).toContain(part);
    await screenshot(receipt, 'pay-02-receipt');
    await receipt.close();
    // The account is settled: Esc, and the next customer starts from an empty box.
    await page.keyboard.press('Escape');
    await page.getByTestId('desk-account').waitFor();
    expect(errors).toEqual([]);
  }, 240_000);
});
