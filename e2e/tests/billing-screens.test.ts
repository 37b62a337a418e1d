import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('reading and billing screens in Chromium', () => {
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

  it('MTR-1..4 / BIL-1..2 / MTR-8 books, a plan change to approval, an upload refused then taken with two anomalies, review, a billing run, a bill, the notices printed, a tariff overlap', async () => {
    const errors: string[] = [];
    const leader = await signIn(browser, server.url, 'team.leader', server.demoPassword);
    leader.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await leader.goto(`${server.url}/billing/reading-books`);
    await leader.getByRole('link', { name: 'R-01' }).click();
    await leader.getByTestId('book-members').locator('tbody tr').first().waitFor();
    await screenshot(leader, 'bil-screens-book');

    await leader.goto(`${server.url}/billing/reading-plans`);
    await leader.getByTestId('plan-change-R-01').click();
    await leader.getByTestId('plan-change-reason').fill('抄表员请假，改期');
    await leader.getByTestId('plan-change-submit').click();
    await leader.getByTestId('plan-change-filed').waitFor();
    await screenshot(leader, 'bil-screens-plans');

    const api = await apiAs(browser, server, 'team.leader');
    const plans = await (await api.get(`${server.url}/api/reading-plans?pageSize=50`)).json();
    const plan = plans.items.find((p: { bookCode: string }) => p.bookCode === 'R-01');
    const sheet = await (await api.get(`${server.url}/api/reading-plans/${plan.id}/sheet`)).json();
    const rows = sheet.rows as { period: string; accountNo: string; meterSerial: string; lastReading: string | null }[];
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const csv = (bad: boolean) =>
      [
        '期间,用户编号,表号,本次读数,抄表日期',
        ...rows.map((r, i) => {
          const last = Number(r.lastReading ?? 0);
          const reading = bad && i === 1 ? 'abc' : i < 2 ? String(last) : String(last + 20 + i);
          return `${r.period},${r.accountNo},${r.meterSerial},${reading},${today}`;
        }),
      ].join('\n');
    await leader.goto(`${server.url}/billing/reading-upload`);
    await leader
      .locator('input[type=file]')
      .setInputFiles({ name: 'r.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(true)) });
    await leader.getByRole('button', { name: '上传' }).click();
    await leader.getByTestId('reading-upload-errors').waitFor();
    await screenshot(leader, 'bil-screens-upload-errors');
    await leader
      .locator('input[type=file]')
      .setInputFiles({ name: 'r2.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(false)) });
    await leader.getByRole('button', { name: '上传' }).click();
    await leader.getByTestId('reading-upload-result').waitFor();
    expect(await leader.getByTestId('upload-flagged').textContent()).toBe('2');
    await screenshot(leader, 'bil-screens-upload');

    await leader.goto(`${server.url}/billing/reading-review`);
    await leader.getByRole('button', { name: '接受' }).first().waitFor();
    await screenshot(leader, 'bil-screens-review');
    await leader.getByRole('button', { name: '接受' }).first().click();
    await leader.getByRole('button', { name: '更正' }).first().click();
    await leader.getByTestId('reading-correct-value').fill(String(Number(rows[1]!.lastReading ?? 0) + 15));
    await leader.getByTestId('reading-correct-reason').fill('抄表员看错');
    await leader.getByTestId('reading-correct-submit').click();
    await leader.getByTestId('review-table').locator('.ant-empty-description').waitFor();

    const manager = await signIn(browser, server.url, 'department.manager', server.demoPassword);
    manager.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await manager.goto(`${server.url}/billing/runs`);
    // BIL-6: the preview of the period; with readings in review or accounts to estimate, the start asks first.
    await manager.getByTestId('run-preview').waitFor();
    await manager.getByTestId('run-start').click();
    const confirmStart = manager.getByTestId('run-start-confirm');
    await confirmStart.or(manager.getByTestId('run-progress')).first().waitFor();
    if (await confirmStart.isVisible()) {
      await screenshot(manager, 'bil-screens-run-confirm');
      await confirmStart.click();
    }
    // The run is a background task (estimates first, then the chunks): slower when the whole suite shares 2 cores.
    await manager.getByTestId('run-status-done').first().waitFor({ timeout: 90_000 });
    await screenshot(manager, 'bil-screens-runs');
    await manager.getByRole('link', { name: '查看账单' }).first().click();
    await manager.getByTestId('bill-table').locator('tbody tr a').first().click();
    await manager.getByTestId('bill-lines').waitFor();
    await screenshot(manager, 'bil-screens-bill');

    // MTR-8: the period's payment notices, previewed and then printed in one batch (a page per notice).
    await manager.goto(`${server.url}/billing/notices`);
    await manager.getByTestId('notice-items').locator('tr.ant-table-row').first().waitFor();
    await manager.frameLocator('iframe').getByText('缴费通知单').first().waitFor();
    await screenshot(manager, 'bil-screens-notices');
    const [printed] = await Promise.all([manager.waitForEvent('popup'), manager.getByTestId('notice-print').click()]);
    await printed.waitForLoadState();
    const printedText = (await printed.locator('body').textContent()) ?? '';
    expect(printedText).toContain('缴费通知单');
    expect(printedText).toContain('违约金');
    await printed.close();
    await manager.getByTestId('notice-batches').locator('tr.ant-table-row').first().waitFor();

    await manager.goto(`${server.url}/billing/tariffs`);
    await manager.getByTestId('tariff-table').locator('tr.ant-table-row').first().waitFor();
    await manager.getByTestId('tariff-new').click();
    await manager.getByTestId('tariff-nature').locator('input').fill('RES');
    await manager.getByTestId('tariff-name').fill('重叠气价');
    await manager.getByTestId('tariff-from').click();
    await manager.keyboard.type('2026-01-01');
    await manager.keyboard.press('Enter');
    await manager.getByTestId('tariff-tier-1-upto').fill('300');
    await manager.getByTestId('tariff-tier-1-price').fill('2.5');
    await manager.getByTestId('tariff-tier-2-upto').fill('200');
    await manager.getByTestId('tariff-tier-2-price').fill('3');
    await manager.getByTestId('tariff-tier-3-price').fill('4');
    await manager.getByText('上限须大于上一档的上限').waitFor();
    await manager.getByTestId('tariff-tier-2-upto').fill('500');
    await manager.getByTestId('tariff-submit').click();
    await manager
      .getByText(/已有气价/)
      .first()
      .waitFor();
    await screenshot(manager, 'bil-screens-tariff');
    expect(errors).toEqual([]);
  }, 240_000);
});
