import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { chooseOption, closeConsole, openConsole } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('account opening in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser, page } = await openConsole(chromiumPath!, 'hall.clerk'));
  });
  afterAll(() => closeConsole({ server, browser }));

  const choose = (testId: string, option: string) => chooseOption(page, testId, option);
  const fieldError = (text: string) =>
    page.locator('.ant-form-item-explain-error', { hasText: text }).locator('visible=true').first();

  it('CUS-7: a hall clerk sees an opening refused on its field in Chinese, fixes it and gets the account number', async () => {
    await page.goto(`${server.url}/customers/opening/new`);
    await page.getByTestId('op-submit').waitFor();

    await page.getByTestId('op-name').fill('王小明');
    await page.getByTestId('op-idNo').fill('11010519491231002X');
    await page.getByTestId('op-mobile').fill('13812345678');
    await page.getByTestId('op-district').fill('鹿城区');
    await page.getByTestId('op-street').fill('人民路');
    await page.getByTestId('op-community').fill('浏览器测试小区');
    await page.getByTestId('op-building').fill('5');
    await page.getByTestId('op-unit').fill('1');
    await page.getByTestId('op-room').fill('302');
    await choose('op-buildingType', '多层');
    await expect.poll(() => page.getByTestId('op-fee-total').textContent()).toContain('2400.00');

    // An IC-card meter paid by bank debit: CUS-7 ⑴.
    await choose('op-paymentMethod', '银行代扣');
    await page.getByTestId('op-bankName').fill('中国工商银行');
    await page.getByTestId('op-bankAccountNo').fill('6222020200112233445');
    await page.getByTestId('op-bankAccountHolder').fill('王小明');
    await page.getByTestId('op-submit').click();
    await fieldError('IC卡表用户的缴费方式应为“充值”').waitFor();
    await screenshot(page, 'opening-01-cus7-refused');

    // Fixed: top-up, and no bank details without bank debit (CUS-7 ⑹ says so as the clerk changes it).
    await choose('op-paymentMethod', '充值');
    await fieldError('未选择银行代扣时').waitFor();
    for (const id of ['op-bankName', 'op-bankAccountNo', 'op-bankAccountHolder']) await page.getByTestId(id).fill('');

    // A legacy number already in use: only the server knows; its answer lands on the field.
    await page.getByTestId('op-accountNo').fill('0100000001');
    await page.getByTestId('op-submit').click();
    await fieldError('用户编号 0100000001 已被使用').waitFor();
    await screenshot(page, 'opening-02-server-field-error');
    await page.getByTestId('op-accountNo').fill('');

    await page.getByTestId('op-submit').click();
    const accountNo = page.getByTestId('op-done-accountNo').first();
    await accountNo.waitFor();
    expect((await accountNo.textContent())?.trim()).toMatch(/^01\d{8}$/);
    expect(await page.getByTestId('op-done-applicationNo').textContent()).toMatch(/^BZ\d{12}$/);
    expect(await accountNo.getAttribute('href')).toMatch(/^\/customers\/accounts\/[0-9a-f-]{36}$/);
    await screenshot(page, 'opening-03-saved');
    const applicationNo = (await page.getByTestId('op-done-applicationNo').textContent())!.trim();

    // The installation application form prints for the applicant to sign.
    const [form] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('op-print').click()]);
    await form.waitForLoadState();
    const printed = await form.locator('body').textContent();
    expect(printed).toContain('用气申请表');
    expect(printed).toContain(applicationNo);
    expect(printed).toContain('贰仟肆佰元整');
    await screenshot(form, 'opening-04-printed');
    await form.close();

    // The application is listed, pending, for the installation team.
    await page.goto(`${server.url}/customers/applications`);
    const row = page.getByTestId('applications-table').locator('tr', { hasText: applicationNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('待安排');
    await screenshot(page, 'opening-05-applications');
  });
});
