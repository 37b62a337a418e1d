import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { chooseOption, closeConsole, openConsole, shanghaiWallClock, signIn } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();
const DAY = 86_400_000;

describe.skipIf(!chromiumPath)('complaints and callbacks in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ server, browser, page } = await openConsole(chromiumPath!, 'hotline.agent', { HEARTH_DEMO_ACCOUNTS: '300' }));
  });
  afterAll(() => closeConsole({ server, browser }));

  /** Fills the new-complaint form and submits it; returns the new complaint's number. */
  async function enterComplaint(subject: string, receivedAt?: Date): Promise<string> {
    await page.goto(`${server.url}/service/complaints/new`);
    await page.getByTestId('complaint-subject').waitFor();
    if (receivedAt) {
      await chooseOption(page, 'complaint-channel', '12345 转办');
      const input = page.locator('input#receivedAt');
      await input.click();
      await input.fill(shanghaiWallClock(receivedAt));
      await input.press('Enter');
    }
    await page.getByTestId('complaint-name').fill('钱女士');
    await page.getByTestId('complaint-phone').fill('13712345678');
    await page.getByTestId('complaint-address').fill('城西路 18 号 2 单元 502');
    await page.getByTestId('complaint-subject').fill(subject);
    await page.getByTestId('complaint-description').fill('多次来电反映未得到答复');
    await page.getByTestId('complaint-submit').click();
    await page.waitForURL(/\/service\/complaints\/[0-9a-f-]{36}$/);
    return (await page.getByTestId('complaint-no').textContent())!.trim();
  }

  it('CMP-1 / SVC-6: a complaint escalated at breach', async () => {
    // Validation as the agent types: the required fields and "who" are named before anything is sent.
    await page.goto(`${server.url}/service/complaints/new`);
    await chooseOption(page, 'complaint-channel', '12345 转办');
    await page.getByTestId('complaint-submit').click();
    await page.getByText('请输入投诉主题').waitFor();
    await page.getByText('未关联用户时，请填写投诉人姓名或电话').waitFor();
    await page.getByTestId('complaint-phone').fill('abc');
    await page.getByText('电话号码只能包含数字和 + - ( )，3 至 32 位').waitFor();

    // Forwarded by 12345 ten days after it was first received: its 3 working days are long gone.
    const no = await enterComplaint('12345 转办：燃气费争议未答复', new Date(Date.now() - 10 * DAY));
    expect(no).toMatch(/^TS\d{8}-\d{4}$/);
    await expect(page.getByTestId('complaint-level').textContent()).resolves.toBe('营业员/岗位人员');
    await page.locator('[data-testid^="time-left-"]', { hasText: '超时' }).waitFor();
    const url = page.url();
    await screenshot(page, 'complaints-01-breached');

    // The system administrator runs the escalation job now (it also runs every minute on its own).
    const admin = await signIn(browser, server.url, 'system.admin', server.demoPassword);
    await admin.goto(`${server.url}/system/jobs`);
    await admin.getByTestId('job-run-complaints.deadlineCheck').click();
    await admin.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await admin.getByTestId('job-last-run-complaints.deadlineCheck').waitFor();
    await admin.context().close();

    // The complaint is now at the next level, with a handler of it, and the escalation is on its trail.
    await page.goto(url);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('complaint-level').waitFor();
          return page.getByTestId('complaint-level').textContent();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe('营业厅/班组负责人');
    const escalated = page.getByTestId('complaint-event-escalated');
    await escalated.waitFor();
    await expect(escalated.textContent()).resolves.toContain('超过答复时限');
    await expect(escalated.textContent()).resolves.toContain('营业员/岗位人员 → 营业厅/班组负责人');
    await expect(page.getByTestId('complaint-handler-name').textContent()).resolves.not.toBe('待指派');
    await expect(page.getByText('12345 转办', { exact: true }).count()).resolves.toBe(1);
    await screenshot(page, 'complaints-02-escalated');

    // The register shows it among the overdue ones.
    await page.goto(`${server.url}/service/complaints`);
    await page.getByTestId(`complaint-link-${no}`).waitFor();
  });

  it('CMP-3: a callback scored 1 opens a follow-up complaint', async () => {
    // An ordinary complaint the agent handles, answered and closed: closing queues its callback.
    const no = await enterComplaint('抄表员未出示工作证');
    await page.getByTestId('complaint-decide').click();
    await page.getByTestId('complaint-action-submit').click();
    await page.getByText('请输入处理意见').waitFor();
    await page.getByTestId('complaint-decision').fill('已核实并批评教育当事员工，电话向用户致歉');
    await page.getByTestId('complaint-action-submit').click();
    await page.getByTestId('complaint-close').waitFor();
    await expect(page.getByTestId('complaint-status').first().textContent()).resolves.toBe('已答复');
    await page.getByTestId('complaint-close').click();
    await page.getByTestId('complaint-action-submit').click();
    await page.getByTestId('complaint-event-closed').waitFor();

    // The agent calls back from the queue: reached, 1 star, comments.
    await page.goto(`${server.url}/service/callbacks`);
    await page.getByTestId(`callback-record-${no}`).click();
    await page.getByTestId('callback-submit').click();
    await page.getByText('接通后请选择满意度（1–5 分）').waitFor();
    await page.locator('.ant-modal .ant-rate-star').first().click();
    await page.getByTestId('callback-comments').fill('道歉不诚恳，问题没有解决');
    await screenshot(page, 'complaints-03-callback');
    await page.getByTestId('callback-submit').click();
    await page.getByText(/满意度低，已生成跟进投诉 TS\d{8}-\d{4}/).waitFor();

    // The follow-up is a complaint of source "callback", linked from the callback.
    await chooseOption(page, 'callbacks-status', '已回访');
    await page.getByTestId('callbacks-search').click();
    const link = page.locator('[data-testid^="callback-followup-"]').first();
    await link.waitFor();
    const followUpNo = (await link.textContent())!.trim();
    expect(followUpNo).not.toBe(no);
    await link.click();
    await page.waitForURL(/\/service\/complaints\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('complaint-no').textContent()).resolves.toBe(followUpNo);
    await page.getByText('回访转投诉').waitFor();
    await page.getByText('道歉不诚恳，问题没有解决').first().waitFor();
    await screenshot(page, 'complaints-04-follow-up');
  });
});
