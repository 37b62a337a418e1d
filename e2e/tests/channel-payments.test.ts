import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('channel payments in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let rows: { period: string; accountNo: string; meterSerial: string; lastReading: string | null }[];
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(chromiumPath!);
    // Bills to pay: book R-01 read and billed through the API.
    const leader = await apiAs(browser, server, 'team.leader');
    const plans = await (await leader.get(`${server.url}/api/reading-plans?pageSize=50`)).json();
    const plan = plans.items.find((p: { bookCode: string }) => p.bookCode === 'R-01');
    const sheet = await (await leader.get(`${server.url}/api/reading-plans/${plan.id}/sheet`)).json();
    rows = sheet.rows;
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
    for (let i = 0; i < 60; i++) {
      const status = (await (await manager.get(`${server.url}/api/billing/runs/${run.id}`)).json()).status;
      if (status === 'done') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    page = await signIn(browser, server.url, 'hall.clerk', server.demoPassword);
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pickAccount = async (testId: string, accountNo: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(accountNo);
    await page.locator('.ant-select-item-option', { hasText: accountNo }).locator('visible=true').first().click();
  };

  it('PAY-1 网上缴费: a pay QR for an account, paid by the simulator’s signed callback', async () => {
    await page.goto(`${server.url}/payments/online-orders`);
    await page.getByTestId('online-order-create').click();
    // Validated as typed: a bad amount is named at its field.
    await page.getByTestId('online-order-amount').fill('12.345');
    await page.getByText('金额须大于 0，最多两位小数').waitFor();
    await page.getByTestId('online-order-amount').fill('');
    await pickAccount('online-order-account', rows[0]!.accountNo);
    await page.getByTestId('online-order-submit').click();
    await page.getByTestId('online-order-qr').waitFor();
    await expect.poll(() => page.getByTestId('online-order-status').textContent()).toBe('待支付');
    await screenshot(page, 'pay-channel-01-qr');
    await page.getByTestId('online-order-simulate').click();
    await expect.poll(() => page.getByTestId('online-order-status').textContent(), { timeout: 15_000 }).toBe('已支付');
    expect(await page.getByTestId('online-order-payment-no').textContent()).toMatch(/^WS-\d{8}-\d{6}$/);
    await screenshot(page, 'pay-channel-02-paid');
    await page.keyboard.press('Escape');
    await page.getByTestId('online-orders').locator('tr.ant-table-row', { hasText: rows[0]!.accountNo }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('PAY-1 银行代扣: a mandate, a run, its file, a results file with a bad row refused, then posted', async () => {
    const accountNo = rows[1]!.accountNo;
    await page.goto(`${server.url}/payments/bank-debit`);
    await page.getByTestId('mandate-create').click();
    await pickAccount('mandate-account', accountNo);
    await page.getByTestId('mandate-bank-code').fill('icbc');
    await page.getByTestId('mandate-bank-name').fill('工商银行');
    await page.getByTestId('mandate-bank-account').fill('12ab');
    await page.getByText('银行账号为 8–30 位数字').waitFor();
    await page.getByTestId('mandate-bank-account').fill('6222 0200 1234 5678');
    await page.getByTestId('mandate-holder').fill('测试户主');
    await page.getByTestId('mandate-submit').click();
    const mandateRow = page.getByTestId('debit-mandates').locator('tr.ant-table-row', { hasText: accountNo });
    await mandateRow.waitFor();
    expect(await mandateRow.textContent()).toContain('6222 **** 5678');

    await page.getByRole('tab', { name: '代扣批次' }).click();
    await page.getByTestId('debit-batch-create').click();
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    await page.getByTestId('debit-batch-date').click();
    await page.keyboard.type(tomorrow);
    await page.keyboard.press('Enter');
    await page.getByTestId('debit-batch-bank').fill('ICBC');
    await page.getByTestId('debit-batch-submit').click();
    const batchNo = `BD${tomorrow.replaceAll('-', '')}ICBC`;
    // Built in the background: the list follows its progress until it awaits the bank's results.
    await page
      .getByTestId('debit-batches')
      .locator('tr.ant-table-row', { hasText: batchNo })
      .filter({ hasText: '待回盘' })
      .waitFor({ timeout: 30_000 });

    // The file the bank gets (downloaded through the API as the clerk).
    const clerk = await apiAs(browser, server, 'hall.clerk');
    const batches = await (await clerk.get(`${server.url}/api/channel-payments/debit-batches`)).json();
    const batch = batches.items.find((b: { no: string }) => b.no === batchNo);
    const file = await (await clerk.get(`${server.url}/api/channel-payments/debit-batches/${batch.id}/file`)).text();
    const line = file
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')[1]!
      .split(',');
    expect(line.slice(0, 4)).toEqual([`${batchNo}-000001`, '6222020012345678', '测试户主', accountNo]);
    const amount = line[4]!;

    const input = page.locator('input[type=file]');
    const send = (csv: string) =>
      input.setInputFiles({ name: 'results.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await send(`参考号,结果,金额,失败原因\n${batchNo}-000001,成功,0.01,\n`);
    const rowErrors = page.getByTestId('debit-results-errors');
    await rowErrors.waitFor();
    expect(await rowErrors.textContent()).toContain('第 2 行');
    await screenshot(page, 'pay-channel-03-row-errors');
    await send(`参考号,结果,金额,失败原因\n${batchNo}-000001,成功,${amount},\n`);
    await page.getByText('已导入：成功 1 笔').waitFor();
    await page.getByTestId('debit-batches').locator('tr.ant-table-row', { hasText: '已完成' }).waitFor();
    await screenshot(page, 'pay-channel-04-completed');
    expect(errors).toEqual([]);
  }, 120_000);
});
