import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('staff console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const newPassword = 'Hearth-admin-2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launch(chromiumPath!);
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pickRole(testId: string, name: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(name);
    await page.locator('.ant-select-item-option', { hasText: name }).first().click();
    await page.keyboard.press('Escape');
  }

  it('IAM admin logs in with the printed password and must change it first', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(server.adminPassword);
    await screenshot(page, '01-login');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/change-password/);
    await page.getByTestId('cp-current').fill(server.adminPassword);
    await page.getByTestId('cp-new').fill(newPassword);
    await page.getByTestId('cp-confirm').fill(newPassword);
    await page.getByTestId('cp-submit').click();
    await page.waitForURL((url) => !url.pathname.includes('change-password') && !url.pathname.includes('login'));
    await expect(page.getByText('演示市燃气有限公司').first().isVisible()).resolves.toBe(true);
    await screenshot(page, '02-home');
  });

  it('IAM admin creates a user and sees the one-time password', async () => {
    await page.goto(`${server.url}/system/users`);
    await page.getByTestId('users-create').click();
    await page.getByTestId('uf-username').fill('zhang.clerk');
    await page.getByTestId('uf-fullName').fill('张受理');
    await page.getByTestId('uf-employeeNo').fill('E2E001');
    await page.getByTestId('uf-phone').fill('13812345678');
    await pickRole('uf-roles', '营业厅受理员');
    await page.getByTestId('uf-submit').click();
    const password = page.getByTestId('initial-password');
    await password.waitFor();
    expect((await password.textContent())?.trim()).toMatch(/^[A-Za-z0-9]{12,}$/);
    await screenshot(page, '03-user-created');
    await page.getByTestId('initial-password-close').click();
    await expect(page.getByText('zhang.clerk').first().isVisible()).resolves.toBe(true);
  });

  it('ORG-3 a segregation-of-duties refusal is shown in Chinese', async () => {
    await page.getByTestId('users-create').click();
    await page.getByTestId('uf-username').fill('li.cashier');
    await page.getByTestId('uf-fullName').fill('李收费');
    await pickRole('uf-roles', '收费员');
    await pickRole('uf-roles', '票据管理员');
    await page.getByTestId('uf-submit').click();
    const alert = page.getByTestId('role-conflict-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('角色「收费员」与「票据管理员」岗位职责互斥，不能授予同一账号');
    await screenshot(page, '04-role-conflict');
    await page.keyboard.press('Escape');
  });

  it('IAM-6 the creation is found in the audit log', async () => {
    await page.goto(`${server.url}/system/audit`);
    await page.getByTestId('audit-filter-action').fill('user.create');
    await page.getByTestId('audit-filter-q').fill('zhang.clerk');
    await page.getByTestId('audit-search').click();
    const table = page.getByTestId('audit-table');
    const row = table.locator('tbody tr', { hasText: 'user.create' });
    await row.first().waitFor();
    // The unfiltered page may already show a user.create row: wait for the filtered answer to replace it.
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await row.first().click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('zhang.clerk');
    await screenshot(page, '05-audit');
  });

  it('the console switches to English', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-switch').click();
    await page
      .getByText('English', { exact: true })
      .last()
      .click()
      .catch(() => {});
    await page.waitForFunction(() => document.documentElement.lang.startsWith('en'));
    await screenshot(page, '06-english');
  });
});
