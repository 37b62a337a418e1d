import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { closeConsole, openConsole, signIn, signInOnPhone, signOnPad } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

/** Picks the service centre in an org-unit tree select. */
async function chooseServiceCentre(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type('客服中心');
  await page
    .locator('.ant-select-tree-node-content-wrapper', { hasText: /^客服中心$/ })
    .locator('visible=true')
    .first()
    .click();
}

/**
 * The first browser test, end to end across four desks: a leak call taken at the hotline,
 * dispatched from the board, the technician's arrival and completion with the customer's signature on
 * a phone, and the callback that completion queued.
 */
describe.skipIf(!chromiumPath)('a leak call from the hotline to the callback, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let agent: Page;
  let account: { accountId: string; accountNo: string };

  beforeAll(async () => {
    ({
      server,
      browser,
      page: agent,
    } = await openConsole(chromiumPath!, 'hotline.agent', { HEARTH_DEMO_ACCOUNTS: '300' }));
    const hits: { accountId: string; accountNo: string; status: string }[] = (
      await (await agent.request.get(`${server.url}/api/accounts/search?q=010000&limit=20`)).json()
    ).items;
    account = hits.find((h) => h.status === 'active')!;
  });
  afterAll(() => closeConsole({ server, browser }));

  it('SVC-1/SVC-4/SVC-6/CMP-3: leak call → dispatched → arrival → completed with signature → callback', async () => {
    // 1. The hotline agent has the caller's account open (360° view) and takes the request from there:
    // the intake desk opens with the account chosen; the emergency category; the request.
    await agent.goto(`${server.url}/customers/accounts/${account.accountId}`);
    await agent.getByTestId('view-intake').click();
    await agent.waitForURL(/\/service\/intake\?accountNo=/);
    await agent.getByTestId('intake-open-orders').waitFor();
    await agent.getByTestId('intake-category').getByText('抢险（漏气）类').click();
    await agent.getByTestId('intake-type').getByText('漏气抢险').waitFor();
    await agent.getByTestId('intake-summary').fill('楼道内有明显燃气味，用户已关闭表前阀');
    await chooseServiceCentre(agent, 'intake-centre');
    await agent.getByTestId('intake-summary').press('Control+Enter');
    const orderNo = (await agent.getByTestId('intake-order-no').textContent())!.trim();
    expect(orderNo).toMatch(/^GD\d{8}-\d{4}$/);
    await screenshot(agent, 'leak-01-taken');

    // 2. The team leader dispatches it from the board to the repair technician.
    const leader = await signIn(browser, server.url, 'team.leader', server.demoPassword);
    await leader.goto(`${server.url}/service/board`);
    await leader.getByTestId('board-load').waitFor();
    await chooseServiceCentre(leader, 'board-centre');
    const row = leader.getByTestId(`board-row-${orderNo}`);
    await row.waitFor();
    await expect(row.locator('[data-testid^="time-left-"]').textContent()).resolves.toMatch(/^剩余 \d+分钟$/);
    await leader.getByTestId(`assign-${orderNo}`).click();
    await leader.getByTestId('assign-technician').click();
    await leader.getByTestId('assign-option-repair.technician').locator('visible=true').first().click();
    await leader.getByTestId('assign-submit').click();
    await leader.getByTestId('assign-submit').waitFor({ state: 'detached' });
    await row.getByText('维修班').waitFor();
    await screenshot(leader, 'leak-02-dispatched');

    // 3. The technician, on the phone: the order is first in the list; arrival stops the 40-minute clock.
    const tech = await signInOnPhone(browser, server, 'repair.technician');
    await tech.goto(`${server.url}/service/my-orders`);
    const card = tech.getByTestId(`my-order-${orderNo}`);
    await card.waitFor();
    await card.click();
    await tech.waitForURL(/\/service\/my-orders\/[0-9a-f-]{36}$/);
    const orderId = tech.url().split('/').pop()!;
    await tech.getByTestId('arrive').click();
    await tech.getByTestId('order-status').getByText('已到场').waitFor();
    // 4. Made safe and repaired; the customer signs on the screen; completed.
    await signOnPad(tech);
    await screenshot(tech, 'leak-03-signed');
    await tech.getByTestId('complete-submit').click();
    await tech.getByTestId('order-status').getByText('已完成').waitFor();
    await tech.getByTestId('record-signature').first().waitFor();
    await screenshot(tech, 'leak-04-completed');

    // The dispatcher's order page shows the whole life, the promise kept and the signature.
    await leader.goto(`${server.url}/service/orders/${orderId}`);
    await expect(leader.getByTestId('order-status').textContent()).resolves.toBe('已完成');
    await leader.getByTestId('order-record').getByTestId('record-signature').first().waitFor();
    await leader.getByTestId('event-assigned').waitFor();
    await screenshot(leader, 'leak-05-order');

    // SVC-3: the agent who took the call sees it completed under My contacts.
    await agent.goto(`${server.url}/service/my-contacts`);
    const mine = agent.getByTestId('my-contacts-table').locator('tr', { hasText: orderNo });
    await mine.locator('.ant-tag', { hasText: '已完成' }).waitFor();

    // 5. CMP-3: completion queued a callback; the agent calls, the customer is satisfied (5).
    await agent.goto(`${server.url}/service/callbacks`);
    await agent.getByTestId(`callback-record-${orderNo}`).click();
    await agent.locator('.ant-modal .ant-rate-star').nth(4).click();
    await agent.getByTestId('callback-comments').fill('到场及时，处理专业');
    await screenshot(agent, 'leak-06-callback');
    await agent.getByTestId('callback-submit').click();
    await agent.getByTestId('callback-submit').waitFor({ state: 'detached' });
    const callbacks: { items: { sourceNo: string; status: string; score: number | null }[] } = await (
      await agent.request.get(`${server.url}/api/callbacks?status=done&page=1&pageSize=50`)
    ).json();
    expect(callbacks.items.find((c) => c.sourceNo === orderNo)).toMatchObject({ status: 'done', score: 5 });
    await leader.context().close();
    await tech.context().close();
  });
});
