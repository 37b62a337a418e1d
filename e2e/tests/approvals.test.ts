import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();
const KEY = 'bil.lateFeeDailyRate';

describe.skipIf(!chromiumPath)('approvals in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(chromiumPath!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('BIL-3 a late-fee rate change proposed in the console takes effect once the general manager approves it from the inbox', async () => {
    // The system administrator proposes 0.5 % a day instead of 0.3 %.
    const admin = await signIn(browser, server.url, 'system.admin', server.demoPassword);
    await admin.goto(`${server.url}/system/policy`);
    const cell = admin.getByTestId(`policy-value-${KEY}`);
    await cell.waitFor();
    expect(await cell.textContent()).toContain('0.3%');
    await admin.getByTestId(`policy-propose-${KEY}`).click();
    await admin.getByTestId('policy-value-input').fill('0.005');
    await admin.getByTestId('policy-reason').fill('按市发改委新文件调整违约金比例');
    await admin.getByTestId('policy-submit').click();
    await admin.getByTestId('policy-request-link').waitFor();
    await screenshot(admin, '10-policy-proposed');
    await admin.getByTestId('policy-done').click();
    // Nothing changes before the approval.
    await admin.reload();
    await cell.waitFor();
    expect(await cell.textContent()).toContain('0.3%');

    // The general manager finds it in the inbox and approves it.
    const gm = await signIn(browser, server.url, 'general.manager', server.demoPassword);
    await gm.goto(`${server.url}/approvals/inbox`);
    const row = gm.getByTestId('approval-inbox').locator('[data-testid^="inbox-row-"]').first();
    await row.waitFor();
    await screenshot(gm, '11-inbox');
    await row.click();
    // The summary shows the server's line first, then old → new once the setting's history is in.
    const summary = gm.getByTestId('policy-change-summary');
    await summary.waitFor();
    await expect.poll(async () => summary.textContent()).toContain('0.3% / 天 → 0.5% / 天');
    await gm.getByTestId('approval-comment').fill('同意');
    await gm.getByTestId('approval-approve').click();
    await gm.getByTestId('approval-status-approved').first().waitFor();
    await screenshot(gm, '12-approved');

    // And the policy now says 0.5 % a day.
    await admin.reload();
    await cell.waitFor();
    await expect.poll(async () => cell.textContent()).toContain('0.5%');
    await screenshot(admin, '13-policy-in-force');
  });

  it('four eyes in the console: the requester sees no approve button on their own request', async () => {
    const admin = await signIn(browser, server.url, 'system.admin', server.demoPassword);
    await admin.goto(`${server.url}/system/policy`);
    await admin.getByTestId('policy-propose-svc.leakArrivalMinutes').click();
    await admin.getByTestId('policy-value-input').fill('30');
    await admin.getByTestId('policy-reason').fill('按 003 规定 30 分钟到场');
    await admin.getByTestId('policy-submit').click();
    await admin.getByTestId('policy-request-link').click();
    await admin.getByTestId('approval-detail').waitFor();
    expect(await admin.getByTestId('approval-approve').count()).toBe(0);
    expect(await admin.getByTestId('approval-withdraw').count()).toBe(1);
  });
});
