import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { chooseOption, closeConsole, openConsole, signIn } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

interface Profile {
  account: { id: string; accountNo: string };
  customer: { name: string };
  premise: {
    addressKind: string;
    community: string;
    building: string;
    unit: string;
    room: string;
    fullAddress: string;
  };
  meter: { serial: string } | null;
}

describe.skipIf(!chromiumPath)('account search and the 360° view in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // A small demo is enough here and starts faster than the default 2,000 accounts.
    ({ server, browser, page } = await openConsole(chromiumPath!, 'hall.clerk', { HEARTH_DEMO_ACCOUNTS: '300' }));
  });
  afterAll(() => closeConsole({ server, browser }));

  /** A demo apartment account with a meter, read through the API as the signed-in clerk. */
  async function demoApartment(): Promise<Profile> {
    const list = await page.request.get(`${server.url}/api/accounts?customerKind=residential&pageSize=50`);
    expect(list.status()).toBe(200);
    for (const item of (await list.json()).items as { id: string }[]) {
      const profile = (await (await page.request.get(`${server.url}/api/accounts/${item.id}`)).json()) as Profile;
      if (profile.premise.addressKind === 'apartment' && profile.meter) return profile;
    }
    throw new Error('no demo apartment with a meter');
  }

  const choose = (testId: string, option: string) => chooseOption(page, testId, option);

  it('CUS-3 a hall clerk finds an account by a partial address, opens its 360° view, records a visit and files a protected change', async () => {
    const target = await demoApartment();
    const { community, building, unit, room } = target.premise;

    // The one box: a community and building-unit-room, as a customer says it at the counter.
    await page.goto(`${server.url}/customers/search`);
    const box = page.getByTestId('customer-search-input').locator('input');
    await box.fill(`${community} ${building}-${unit}-${room}`);
    const results = page.getByTestId('customer-search-results');
    await results.locator('tr', { hasText: target.account.accountNo }).first().waitFor();
    expect(await results.textContent()).toContain('地址');
    await screenshot(page, 'customers-01-search');
    // Enter opens the first hit.
    await box.press('Enter');
    await page.waitForURL(`**/customers/accounts/${target.account.id}`);

    // The 360° view: profile, premise, meter and the other sections, personal data masked.
    await page.getByTestId('account-view').waitFor();
    expect(await page.getByTestId('view-account-no').textContent()).toContain(target.account.accountNo);
    expect(await page.getByTestId('view-customer-name').textContent()).toBe(target.customer.name);
    expect(await page.getByTestId('view-address').textContent()).toBe(target.premise.fullAddress);
    expect(await page.getByTestId('view-meter-serial').textContent()).toContain(target.meter!.serial);
    expect(await page.getByTestId('view-mobile').textContent()).toMatch(/^\d{3}\*{4}\d{4}$|^—$/);
    for (const section of [
      'view-meter-events',
      'view-balance',
      'view-contracts',
      'view-appliances',
      'view-work-orders',
      'view-ledger',
    ]) {
      await page.getByTestId(section).waitFor();
    }
    await screenshot(page, 'customers-02-view');

    // "Show" reveals the whole mobile to the clerk, and says the look is recorded.
    await page.getByTestId('view-reveal').click();
    await page.getByTestId('view-revealed').waitFor();

    // 登记来访: a hall visit about this account.
    await page.getByTestId('view-record-contact').click();
    await choose('contact-category', '咨询建议类');
    await page.getByTestId('contact-summary').fill('咨询阶梯气价和年度用气量');
    await page.getByTestId('contact-submit').click();
    await page.getByTestId('view-contacts').locator('tr', { hasText: '咨询阶梯气价和年度用气量' }).waitFor();

    // 修改资料 → protected data: a new mobile is filed as a change request and shows as pending.
    await page.getByTestId('view-edit').click();
    await page.getByRole('tab', { name: '受保护资料（需审批）' }).click();
    await page.getByTestId('edit-mobile').fill('13912345678');
    await page.getByTestId('edit-submit').click();
    // The reason is required (IAM-4: why).
    await page.locator('.ant-form-item-explain-error', { hasText: '请输入修改原因' }).first().waitFor();
    await page.getByTestId('edit-reason').fill('用户持身份证来厅更换手机号');
    await page.getByTestId('edit-submit').click();
    const requests = page.getByTestId('view-change-requests');
    await requests.getByTestId('approval-status-pending').waitFor();
    expect(await requests.textContent()).toContain('139****5678');
    expect(await requests.textContent()).toContain('用户持身份证来厅更换手机号');
    await screenshot(page, 'customers-03-change-pending');
    const requestNo = (await requests.locator('a').first().textContent())!.trim();

    // The archivist sees the field before → after in the inbox and approves; the change applies.
    const archivist = await signIn(browser, server.url, 'archivist', server.demoPassword);
    await archivist.goto(`${server.url}/approvals/inbox`);
    await archivist.getByTestId(`inbox-row-${requestNo}`).click();
    const payload = archivist.getByTestId('customer-change-payload');
    await payload.waitFor();
    expect(await payload.textContent()).toContain('手机号码');
    expect(await payload.textContent()).toContain('→ 13912345678');
    await archivist.getByTestId('approval-comment').fill('已核对身份证');
    await archivist.getByTestId('approval-approve').click();
    await archivist.getByTestId('approval-status-approved').first().waitFor();
    await page.reload();
    await page.getByTestId('account-view').waitFor();
    expect(await page.getByTestId('view-mobile').textContent()).toBe('139****5678');
    const history = page.getByTestId('view-change-history');
    await history.locator('tr', { hasText: requestNo }).waitFor();
    expect(await history.textContent()).toContain('用户持身份证来厅更换手机号');

    // The visit is in the hall intake register; the account in the customer register.
    await page.goto(`${server.url}/customers/intake-register`);
    const visit = page.getByTestId('intake-table').locator('tr', { hasText: '咨询阶梯气价和年度用气量' });
    await visit.waitFor();
    expect(await visit.textContent()).toContain(target.account.accountNo);
    expect(await visit.textContent()).toContain('营业厅');
    await screenshot(page, 'customers-05-intake-register');
    await page.goto(`${server.url}/customers/accounts`);
    await page.getByTestId('accounts-table').locator('tr', { hasText: target.account.accountNo }).waitFor();
    await screenshot(page, 'customers-06-register');
  });

  it('optimistic locking in the console: the second clerk is told, keeps their edit and saves it on the latest version', async () => {
    const target = await demoApartment();
    const other = await signIn(browser, server.url, 'centre.director', server.demoPassword);
    await page.goto(`${server.url}/customers/accounts/${target.account.id}`);
    await other.goto(`${server.url}/customers/accounts/${target.account.id}`);
    await page.getByTestId('account-view').waitFor();
    await other.getByTestId('account-view').waitFor();

    // Both open the edit dialog on the same version.
    await page.getByTestId('view-edit').click();
    await other.getByTestId('view-edit').click();
    await page.getByTestId('edit-note').fill('独居老人，上门前先电话联系');
    await page.getByTestId('edit-submit').click();
    await page.getByTestId('edit-direct-form').waitFor({ state: 'detached' });

    // The second ticks a special-care flag on the same customer record, from the version both saw.
    await other.getByTestId('edit-specialCare').getByText('老人').click();
    await other.getByTestId('edit-submit').click();
    const conflict = other.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('独居老人，上门前先电话联系');
    await screenshot(other, 'customers-04-conflict');
    await other.getByTestId('edit-reload').click();
    await conflict.waitFor({ state: 'detached' });
    // The first clerk's note is now in the form; the second's tick is still there.
    await expect.poll(() => other.getByTestId('edit-note').inputValue()).toBe('独居老人，上门前先电话联系');
    expect(await other.getByTestId('edit-specialCare').locator('.ant-checkbox-checked').count()).toBe(1);
    await other.getByTestId('edit-submit').click();
    await other.getByTestId('edit-direct-form').waitFor({ state: 'detached' });
    // Both changes are kept, each with who made it.
    const history = other.getByTestId('view-change-history');
    await history.locator('tr', { hasText: '特殊关怀' }).waitFor();
    expect(await history.textContent()).toContain('独居老人，上门前先电话联系');
    expect(await other.getByTestId('view-profile').textContent()).toContain('独居老人，上门前先电话联系');
  });
});
