import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { closeConsole, openConsole } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('printing and spreadsheets in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ server, browser, page } = await openConsole(chromiumPath!, 'system.admin'));
  });
  afterAll(() => closeConsole({ server, browser }));

  it('PRT a notice is previewed for printing, and a template with an unknown variable is refused', async () => {
    await page.goto(`${server.url}/system/print`);
    const preview = page.frameLocator('[data-testid=print-preview]');
    // The sandboxed page of the notice itself, with its own print button (not printed on paper).
    await preview.getByRole('heading', { name: '账号开通通知书' }).waitFor();
    await expect(preview.locator('#hearth-print').isVisible()).resolves.toBe(true);
    await screenshot(page, 'print-01-preview');
    await page.getByTestId('print-edit').click();
    // The editor opens with the template in force; the bad one replaces it before saving.
    const body = page.getByTestId('print-body');
    await expect.poll(() => body.inputValue()).toContain('{{');
    const bad = '<p>{{fullName}}</p>\n<p>{{password}}</p>';
    await body.fill(bad);
    await expect.poll(() => body.inputValue()).toBe(bad);
    await page.getByTestId('print-save').click();
    await page.getByText('模板第 2 行使用了该通知书没有的变量「password」').waitFor();
    await screenshot(page, 'print-02-refused');
  });

  it('SPR staff accounts import row by row: reasons for the rejected rows, then only the valid ones', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('员工').addRows([
      ['用户名', '姓名', '工号', '手机号', '所属机构编码', '角色编码'],
      ['e2e.one', '导入一', 'X001', '13900000001', 'CS-HALL-E', 'hall_clerk'],
      ['e2e.two', '导入二', 'X002', '123', 'CS-HALL-E', 'hall_clerk'],
      ['e2e.three', '导入三', 'X003', null, null, 'cashier,adjustment_approver'],
    ]);
    await page.goto(`${server.url}/system/imports`);
    await page.getByTestId('import-upload').waitFor();
    await page.locator('[data-testid=import-upload] input[type=file]').setInputFiles({
      name: 'staff.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    const rejected = page.getByTestId('import-rejected');
    await rejected.waitFor();
    await expect(
      rejected.getByText('角色「收费员」与「退补审批人」岗位职责互斥，不能授予同一账号').isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, 'import-01-checked');
    await page.getByTestId('import-valid').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const passwords = page.getByTestId('import-passwords');
    await passwords.waitFor();
    await expect(passwords.getByText('e2e.one').isVisible()).resolves.toBe(true);
    await screenshot(page, 'import-02-imported');
  });

  it('IAM-5 exporting the users list asks for a data-export request', async () => {
    await page.goto(`${server.url}/system/users`);
    await page.getByTestId('export-users').click();
    await page.getByTestId('export-grants').waitFor();
    await page.getByPlaceholder('例如：年度员工信息核对').fill('年度员工信息核对');
    await page.getByTestId('export-request-submit').click();
    await page.getByText('查看我的申请').waitFor();
    await screenshot(page, 'export-01-requested');
  });
});
