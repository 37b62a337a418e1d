import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { closeConsole, openConsole } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

interface Hit {
  accountId: string;
  accountNo: string;
  customerKind: string;
  status: string;
}

describe.skipIf(!chromiumPath)('ownership transfer in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ server, browser, page } = await openConsole(chromiumPath!, 'hall.clerk', { HEARTH_DEMO_ACCOUNTS: '300' }));
  });
  afterAll(() => closeConsole({ server, browser }));

  /** A residential demo account in use, with nothing owed and no case under way (a few demo accounts owe). */
  async function transferableAccount(): Promise<Hit> {
    const hits: Hit[] = (await (await page.request.get(`${server.url}/api/accounts/search?q=010000&limit=50`)).json())
      .items;
    for (const hit of hits.filter((h) => h.customerKind === 'residential' && h.status === 'active')) {
      const p = await (
        await page.request.get(`${server.url}/api/account-cases/preview?accountId=${hit.accountId}`)
      ).json();
      if (p.arrears === '0.00' && !p.openCase) return hit;
    }
    throw new Error('no transferable demo account');
  }

  it('CUS-9: a hall clerk finds an account, transfers it to a new owner and prints the 用户过户登记表', async () => {
    const account = await transferableAccount();
    // Find the account with the one box, open its 360° view and start 过户 there: the case opens and its clock starts.
    await page.goto(`${server.url}/customers/search`);
    await page.getByTestId('customer-search-input').locator('input').fill(account.accountNo);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/customers/accounts/${account.accountId}$`));
    await page.getByTestId('flow-transfer').click();
    await screenshot(page, 'transfer-01-start');
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.waitForURL(/\/customers\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-flow').waitFor();

    // 1 documents (000 ch.16 §118: residential list)
    await page.getByText('新客户身份证原件及复印件1份').waitFor();
    await page.getByTestId('doc-all').click();
    await page.getByTestId('documents-save').click();

    // 2 preconditions: nothing owed, from the ledger
    await expect(page.getByTestId('case-arrears').textContent()).resolves.toBe('无欠费');
    await screenshot(page, 'transfer-02-preconditions');
    await page.getByTestId('preconditions-next').click();

    // 3 reading confirmed and signed; validation as the clerk types
    await page.getByTestId('reading-value').fill('12a');
    await page.getByText('读数应为非负数，最多三位小数').waitFor();
    await page.getByTestId('reading-value').fill('99999');
    await page.getByTestId('reading-confirmed').check();
    await page.getByTestId('reading-save').click();
    await page.getByText('确认读数时请填写签字人').waitFor();
    await page.getByTestId('reading-signedBy').fill('赵新户');
    await page.getByTestId('reading-save').click();

    // 4 the new owner
    await page.getByTestId('owner-name').fill('赵 新户');
    await page.getByText('名称中不能有空格').waitFor();
    await page.getByTestId('owner-name').fill('赵新户');
    await page.getByTestId('owner-idNo').fill('410105199203035678');
    await page.getByTestId('owner-mobile').fill('13612345678');
    await page.getByTestId('details-propertyCertNo').fill('豫(2026)郑州市不动产权第0098765号');
    await page.getByTestId('details-agentName').fill('赵新户');
    await page.getByTestId('details-agentPhone').fill('13612345678');
    await screenshot(page, 'transfer-03-new-owner');
    await page.getByTestId('details-save').click();

    // 5 confirm: every precondition holds, the clock shows the on-site time
    await page.getByTestId('case-ready').waitFor();
    await expect(page.getByTestId('case-elapsed').first().textContent()).resolves.toContain('时限 10 分钟');
    await screenshot(page, 'transfer-04-confirm');
    await page.getByTestId('case-submit').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();

    const summary = page.getByTestId('case-summary');
    await summary.waitFor();
    await expect(page.getByTestId('case-status').first().textContent()).resolves.toBe('已办结');
    await summary.getByText('赵新户').first().waitFor();
    await summary.getByText(`GYHT-${account.accountNo}-02`).waitFor();
    await screenshot(page, 'transfer-05-completed');

    // Print the 用户过户登记表: the new owner's name is on it.
    const [form] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('case-print-top').click()]);
    await form.waitForLoadState();
    await form.getByRole('heading', { name: '用户过户登记表' }).waitFor();
    await expect(form.locator('body').textContent()).resolves.toContain('赵新户');
    await expect(form.locator('body').textContent()).resolves.toContain(account.accountNo);
    await screenshot(form, 'transfer-06-form');
    await form.close();

    // The register lists the completed transfer.
    await page.goto(`${server.url}/customers/cases`);
    await page.getByTestId('cases-filter-q').fill(account.accountNo);
    await page.getByTestId('cases-search').click();
    await page.getByTestId('cases-table').getByText('赵新户').waitFor();
    await screenshot(page, 'transfer-07-register');
  });

  it('CUS-11: a usage-nature change with its site check goes to the office manager for approval', async () => {
    const account = await transferableAccount();
    await page.goto(`${server.url}/customers/cases`);
    await page.getByTestId('new-case').click();
    await page.getByTestId('new-case-account').click();
    await page.keyboard.type(account.accountNo);
    await page
      .locator('.ant-select-item-option', { hasText: account.accountNo })
      .locator('visible=true')
      .first()
      .click();
    await page.getByTestId('new-case-kind').getByText('用气性质变更').click();
    await page.getByTestId('new-case-submit').click();
    await page.getByTestId('case-flow').waitFor();

    await page.getByTestId('doc-all').click();
    await page.getByTestId('documents-save').click();
    await page.getByTestId('preconditions-next').click();
    // The reading is optional for a nature change: go on to the details.
    await page.getByTestId('reading-skip').click();
    await page.getByTestId('details-newNature').click();
    await page
      .locator('.ant-select-item-option', { hasText: '经营性餐饮用气' })
      .locator('visible=true')
      .first()
      .click();
    await page.getByText('低改高：营业所主任审批').waitFor();
    await page.getByTestId('details-reason').fill('住宅改为餐馆经营');
    // A site check is recorded whole: an inspector without a date is stopped before it is sent.
    await page.getByTestId('site-inspector').fill('稽查员王五');
    await page.getByTestId('details-save').click();
    await page.getByText('请输入核查日期').waitFor();
    await page.getByTestId('site-checkedOn').click();
    await page.locator('.ant-picker-cell-today').locator('visible=true').first().click();
    await page.getByTestId('site-opinion').fill('现场已开设餐馆，情况属实');
    await screenshot(page, 'nature-01-details');
    await page.getByTestId('details-save').click();

    await page.getByTestId('case-ready').waitFor();
    await page.getByTestId('case-submit').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('case-summary').waitFor();
    await expect(page.getByTestId('case-status').first().textContent()).resolves.toBe('审批中');
    await page.getByTestId('case-summary').getByText(/^AP-/).waitFor();
    await screenshot(page, 'nature-02-pending');
  });
});
