import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshot } from '../support/browser.js';
import { apiAs, closeConsole, openConsole } from '../support/console.js';
import type { RunningServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('dispatch board in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let order: { id: string; orderNo: string; version: number };
  let supervisor: APIRequestContext;

  beforeAll(async () => {
    ({ server, browser, page } = await openConsole(chromiumPath!, 'team.leader', { HEARTH_DEMO_ACCOUNTS: '300' }));
    // The hotline takes a leak call for the service centre.
    const agent = await apiAs(browser, server, 'hotline.agent');
    const units: { id: string; code: string }[] = (await (await agent.get(`${server.url}/api/org-units`)).json()).items;
    const centre = units.find((u) => u.code === 'CS-SVC')!;
    const res = await agent.post(`${server.url}/api/work-orders`, {
      data: {
        typeCode: 'leakEmergency',
        channel: 'hotline',
        callerName: '周女士',
        phone: '13912345678',
        address: '城东路 88 号 3 单元 502',
        description: '厨房有燃气味，已开窗',
        orgUnitId: centre.id,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    order = await res.json();
    supervisor = await apiAs(browser, server, 'centre.supervisor');
  });
  afterAll(() => closeConsole({ server, browser }));

  it('SVC-4/SVC-6: the team leader assigns a leak order from the board, reassigns it with a reason, and the order shows both with its time left', async () => {
    await page.goto(`${server.url}/service/board`);
    // The board opens on the leader's own centre; the leak went to the service centre.
    await page.getByTestId('board-load').waitFor();
    await page.getByTestId('board-centre').click();
    await page.keyboard.type('客服中心');
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: /^客服中心$/ })
      .locator('visible=true')
      .first()
      .click();
    const row = page.getByTestId(`board-row-${order.orderNo}`);
    await row.waitFor();
    await expect(row.getByTestId(`time-left-${order.id}`).textContent()).resolves.toMatch(/^剩余 \d+分钟$/);
    await row.getByText('未派单').waitFor();
    await screenshot(page, 'dispatch-01-board');

    // Assign to the repair technician: each technician is offered with their load.
    await page.getByTestId(`assign-${order.orderNo}`).click();
    await page.getByTestId('assign-technician').click();
    await page.getByTestId('assign-option-repair.technician').locator('visible=true').first().click();
    await screenshot(page, 'dispatch-02-assign');
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assign-submit').waitFor({ state: 'detached' });
    await row.getByText('维修班').waitFor();
    await expect(page.getByTestId('load-repair.technician').textContent()).resolves.toContain('在办 1');

    // Reassign to the gas-in technician: moving it from one person to another asks why.
    await page.getByTestId(`assign-${order.orderNo}`).click();
    await page.getByTestId('assign-team').click();
    await page.locator('.ant-select-item-option', { hasText: '置换通气班' }).locator('visible=true').first().click();
    await page.getByTestId('assign-technician').click();
    await page.getByTestId('assign-option-gas.in.technician').locator('visible=true').first().click();
    await page.getByTestId('assign-submit').click();
    await page.getByText('从一人改派给另一人时，请填写改派原因').waitFor();
    await page.getByTestId('assign-reason').fill('维修班人手紧张，改由置换通气班处理');
    await screenshot(page, 'dispatch-03-reassign');
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assign-submit').waitFor({ state: 'detached' });
    await row.getByText('置换通气班').waitFor();
    await expect(page.getByTestId('load-gas.in.technician').textContent()).resolves.toContain('在办 1');
    await expect(page.getByTestId('load-repair.technician').textContent()).resolves.toContain('在办 0');
    await screenshot(page, 'dispatch-04-reassigned');

    // The order: both events, who it moved from and to and why, and the time left.
    await page.getByTestId(`board-order-${order.orderNo}`).click();
    await page.waitForURL(new RegExp(`/service/orders/${order.id}$`));
    await page.getByTestId('order-header').waitFor();
    await page.getByTestId('event-created').waitFor();
    await page
      .getByTestId('event-assigned')
      .getByText(/派单给 维修班 · /)
      .waitFor();
    const reassigned = page.getByTestId('event-reassigned');
    await reassigned.getByText(/改派：维修班 · .+ → 置换通气班 · /).waitFor();
    await expect(reassigned.getByTestId('event-reason').textContent()).resolves.toContain(
      '维修班人手紧张，改由置换通气班处理',
    );
    await expect(page.getByTestId('order-time-left').textContent()).resolves.toMatch(/^剩余 \d+分钟$/);
    await page.getByTestId('order-promise').getByText('40 分钟内到场').waitFor();
    await page.getByTestId('order-steps').getByText('关阀排险').first().waitFor();
    await expect(page.getByTestId('order-status').textContent()).resolves.toBe('已派单');
    await screenshot(page, 'dispatch-05-detail');

    // Someone else changes the order meanwhile: the server's refusal is shown in Chinese.
    await page.getByTestId('order-assign').click();
    const current = await (await supervisor.get(`${server.url}/api/work-orders/${order.id}`)).json();
    const moved = await supervisor.post(`${server.url}/api/work-orders/${order.id}/assign`, {
      data: { teamId: current.teamId, technicianId: null, version: current.version, reason: '班组内再分配' },
    });
    expect(moved.status(), await moved.text()).toBe(200);
    await page.getByTestId('assign-team').click();
    await page.locator('.ant-select-item-option', { hasText: '维修班' }).locator('visible=true').first().click();
    await page.getByTestId('assign-technician').click();
    await page.getByTestId('assign-option-repair.technician').locator('visible=true').first().click();
    await page.getByTestId('assign-reason').fill('改回维修班');
    await page.getByTestId('assign-submit').click();
    await expect(page.getByTestId('form-error').textContent()).resolves.toContain('工单已被他人修改，请刷新后重试');
    await screenshot(page, 'dispatch-06-conflict');
  });

  it('SVC-4: from the order page a dispatcher pauses and resumes the clock, books the visit, records arrival and an unfinished visit, and closes it', async () => {
    const agent = await apiAs(browser, server, 'hotline.agent');
    const units: { id: string; code: string }[] = (await (await agent.get(`${server.url}/api/org-units`)).json()).items;
    const created = await agent.post(`${server.url}/api/work-orders`, {
      data: {
        typeCode: 'repair',
        channel: 'hotline',
        callerName: '吴先生',
        phone: '13700001111',
        address: '城西路 5 号',
        description: '灶具打不着火',
        orgUnitId: units.find((u) => u.code === 'CS-SVC')!.id,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const repair = await created.json();
    const techs = (
      await (await supervisor.get(`${server.url}/api/work-orders/workers?orgUnitId=${repair.orgUnitId}`)).json()
    ).workers as { id: string; username: string }[];
    const assigned = await supervisor.post(`${server.url}/api/work-orders/${repair.id}/assign`, {
      data: { technicianId: techs.find((w) => w.username === 'repair.technician')!.id, version: repair.version },
    });
    expect(assigned.status(), await assigned.text()).toBe(200);

    await page.goto(`${server.url}/service/orders/${repair.id}`);
    await expect(page.getByTestId('order-status').textContent()).resolves.toBe('已派单');
    // Waiting for the customer stops the clock: a reason is required, as the dispatcher types.
    await page.getByTestId('order-pause').click();
    await page.getByTestId('action-submit').click();
    await page.getByText('请填写原因').waitFor();
    await page.getByTestId('action-reason').fill('客户外出，约定明天联系');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('order-resume').waitFor();
    await expect(page.getByTestId('order-time-left').textContent()).resolves.toContain('暂停计时');
    await page.getByTestId('event-paused').getByText('客户外出，约定明天联系').waitFor();
    await page.getByTestId('order-resume').click();
    await page.getByTestId('action-reason').fill('客户已回电');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('event-resumed').waitFor();

    // Book the visit, arrive, complete, close.
    await page.getByTestId('order-appointed').click();
    // Tomorrow at ten, Beijing time.
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    await page.getByTestId('action-submit').click();
    await page.getByText('请选择预约上门时间').waitFor();
    await page.getByTestId('action-time').click();
    await page.getByTestId('action-time').fill(`${tomorrow} 10:00`);
    await page.locator('.ant-picker-ok button').locator('visible=true').first().click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('order-status').getByText('已预约').waitFor();
    await page.getByTestId('order-arrived').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('order-status').getByText('已到场').waitFor();
    // Completion goes with the signature and forms on the technician's screen; here: not completed, why.
    await expect(page.getByTestId('order-completed').count()).resolves.toBe(0);
    await page.getByTestId('order-notCompleted').click();
    await page.getByTestId('action-submit').click();
    await page.getByText('请填写原因').waitFor();
    await page.getByTestId('action-reason').fill('需更换灶具，客户自购后再约');
    await page.getByTestId('action-submit').click();
    await page.getByTestId('order-status').getByText('未完成').waitFor();
    await page.getByTestId('order-closed').click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('order-status').getByText('已归档').waitFor();
    await page.getByText('状态：已到场 → 未完成').waitFor();
    await expect(page.getByTestId('order-time-left').textContent()).resolves.toMatch(/^已办结/);
    await expect(page.getByTestId('order-actions').locator('button').count()).resolves.toBe(0);
    await screenshot(page, 'dispatch-09-closed');
  });

  it('SVC-6: the compliance report renders for the current month, and the register and escalations list open', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    await page.goto(`${server.url}/service/compliance`);
    await page.getByTestId('compliance-table').waitFor();
    await expect(page.getByTestId('compliance-summary').textContent()).resolves.toContain(`${month}：到期`);
    await page.getByTestId('compliance-table').getByText('漏气抢险').waitFor();
    await screenshot(page, 'dispatch-07-compliance');

    await page.goto(`${server.url}/service/orders`);
    await page.getByTestId(`order-row-${order.orderNo}`).waitFor();
    await expect(page.getByTestId(`order-row-${order.orderNo}`).textContent()).resolves.toContain('139****5678');
    await page.getByTestId('orders-filter-breached').click();
    await page.locator('.ant-select-item-option', { hasText: '已超时' }).locator('visible=true').first().click();
    await page.getByTestId('orders-search').click();
    await page.getByTestId('orders-table').locator('.ant-empty-description').waitFor();
    await screenshot(page, 'dispatch-08-register');

    await page.goto(`${server.url}/service/escalations`);
    await page.getByTestId('escalations-table').waitFor();

    await page.goto(`${server.url}/service/types`);
    await page.getByTestId('types-table').getByText('漏气抢险').waitFor();
    await page.getByTestId('types-table').getByText('svc.leakArrivalMinutes').waitFor();
  });
});
