import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('the daily close in Chromium', () => {
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

  it('PAY-2 a cashier counts the drawer, explains a short yuan and submits; the supervisor signs the close off', async () => {
    // The shift and one cash payment of 100 yuan through the API, as the desk would post it.
    const api = await apiAs(browser, server, 'cashier');
    const opened = await api.post(`${server.url}/api/cash-office/shifts`, { data: {} });
    expect(opened.status()).toBe(201);
    const shift = await opened.json();
    expect(shift.float).toBe('1000.00');
    const leader = await apiAs(browser, server, 'team.leader');
    const plans = await (await leader.get(`${server.url}/api/reading-plans?pageSize=50`)).json();
    const sheet = await (await leader.get(`${server.url}/api/reading-plans/${plans.items[0].id}/sheet`)).json();
    const accountNo = sheet.rows[0].accountNo as string;
    const hits = await (await api.get(`${server.url}/api/accounts/search?q=${accountNo}`)).json();
    const paid = await api.post(`${server.url}/api/payments`, {
      headers: { 'Idempotency-Key': `e2e-${randomUUID()}` },
      data: { accountId: hits.items[0].accountId, tenders: [{ method: 'cash', amount: '100.00' }] },
    });
    expect(paid.status()).toBe(201);

    const page = await signIn(browser, server.url, 'cashier', server.demoPassword);
    await page.goto(`${server.url}/payments/close/mine`);
    await expect.poll(() => page.getByTestId('close-expected-cash').textContent()).toBe('¥1,100.00');
    await expect.poll(() => page.getByTestId('shift-postings').locator('tr.ant-table-row').count()).toBe(1);
    // 10 × 100 + 9 × 10 + 9 × 1 = 1,099: one yuan short; the totals follow the typing.
    await page.getByTestId('close-cash-100').fill('10');
    await page.getByTestId('close-cash-10').fill('9');
    await page.getByTestId('close-cash-1').fill('9');
    await expect.poll(() => page.getByTestId('close-cash-total').textContent()).toContain('¥1,099.00');
    await expect.poll(() => page.getByTestId('close-variance-cash').textContent()).toBe('-¥1.00');
    await page.getByTestId('close-submit').click();
    // Not without an explanation.
    await page.getByText('有差额，请说明原因').waitFor();
    await page.getByTestId('close-explain-cash').fill('找零时多找一元');
    await screenshot(page, 'pay-02-close');
    await page.getByTestId('close-submit').click();
    await page.getByTestId('close-submitted').waitFor();

    const supervisor = await signIn(browser, server.url, 'centre.supervisor', server.demoPassword);
    await supervisor.goto(`${server.url}/payments/close/review`);
    const row = supervisor.getByTestId('review-list').locator('tr.ant-table-row').first();
    await row.waitFor();
    await row.getByRole('button').click();
    const detail = supervisor.getByTestId('review-detail');
    await detail.getByTestId('close-lines').locator('tr.ant-table-row').first().waitFor();
    expect(await detail.getByTestId('close-lines').textContent()).toContain('找零时多找一元');
    await supervisor.getByTestId('review-sign-off').click();
    await expect.poll(() => detail.getByTestId('close-status').textContent()).toBe('已签字确认');
    await screenshot(supervisor, 'pay-02-signed');

    // The centre daily report has the day's 100 yuan and the signed close.
    await supervisor.goto(`${server.url}/payments/close/centre-report`);
    await expect.poll(() => supervisor.getByTestId('centre-total').textContent()).toContain('¥100.00');
    expect(await supervisor.getByTestId('centre-cashiers').textContent()).toContain('已签字确认');
    await screenshot(supervisor, 'pay-02-centre-report');
    // A hall clerk also collects door to door (PAY-4): the hand-over screen shows what is left to hand over.
    const clerk = await signIn(browser, server.url, 'hall.clerk', server.demoPassword);
    await clerk.goto(`${server.url}/payments/close/handovers`);
    await clerk.getByText('我待交款的走收收费').waitFor();
    await clerk.getByTestId('handover-list').waitFor();
    await screenshot(clerk, 'pay-04-handovers');

    const after = await (await api.get(`${server.url}/api/cash-office/shifts/${shift.id}`)).json();
    expect(after).toMatchObject({ status: 'signed', countedCash: '1099.00', varianceTotal: '1.00' });
  }, 60_000);
});
