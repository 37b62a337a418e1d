import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, chooseOption, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('IC cards in Chromium', () => {
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

  it('ICC-1 a purchase at the desk with the simulator: read the card, volume, pay, written and verified, receipt; ICC-2 a replenishment filed, approved in the inbox and written', async () => {
    // The demo seeds simulated cards; the last one sits in the desk's reader DESK-1.
    const errors: string[] = [];
    const page = await signIn(browser, server.url, 'cashier', server.demoPassword);
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${server.url}/payments/ic/purchase`);
    await page.getByTestId('ic-read').click();
    const info = page.getByTestId('ic-card-info');
    await info.waitFor();
    await expect.poll(async () => (await info.textContent()) ?? '').toContain('已输入气表（空卡）');
    const cashierApi = await apiAs(browser, server, 'cashier');
    const before = (await (await cashierApi.get(`${server.url}/api/ic/simulator`)).json()).cards;
    const cardNo = before.find((c: { inReader: string | null }) => c.inReader === 'DESK-1').cardNo as string;
    expect(await info.textContent()).toContain(cardNo);
    await page.getByTestId('ic-volume').fill('10');
    await expect.poll(async () => (await page.getByTestId('ic-due').textContent()) ?? '').toMatch(/\d+\.\d{2}/);
    await screenshot(page, 'icc-01-purchase');
    await page.getByTestId('ic-buy').click();
    await expect
      .poll(
        async () => (await page.getByTestId('ic-purchase-done').getByTestId('ic-write-status').textContent()) ?? '',
        { timeout: 15_000 },
      )
      .toBe('已写卡并校验');
    // Read back after the write: the card now holds the 10 m³.
    await expect.poll(async () => (await info.textContent()) ?? '').toContain('卡中仍有 10 立方米未输入气表');
    const [receipt] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('ic-print').click()]);
    await receipt.waitForLoadState();
    await expect
      .poll(async () => (await receipt.locator('body').textContent()) ?? '', { timeout: 15_000 })
      .toContain('IC 卡购气凭条');
    expect((await receipt.locator('body').textContent()) ?? '').toContain(cardNo);
    await screenshot(page, 'icc-02-written');
    await receipt.close();

    // Away from the desk (simulator API): the customer inserts the card; then the meter loses its memory.
    const sim = await (await cashierApi.get(`${server.url}/api/ic/simulator`)).json();
    const card = sim.cards.find((c: { cardNo: string }) => c.cardNo === cardNo);
    expect(card).toMatchObject({ volume: '10.000', loaded: false });
    const insert = await cashierApi.post(`${server.url}/api/ic/simulator/insert`, {
      data: { cardNo, meterNo: card.meterNo },
    });
    expect(insert.status()).toBe(200);
    await cashierApi.post(`${server.url}/api/ic/simulator/fault`, {
      data: { meterNo: card.meterNo, fault: 'loseGas' },
    });
    const meter = (await (await cashierApi.get(`${server.url}/api/ic/simulator`)).json()).meters.find(
      (m: { meterNo: string }) => m.meterNo === card.meterNo,
    );

    // ICC-2: the hall clerk files the replenishment; the formula shows as the reading is typed.
    const clerk = await signIn(browser, server.url, 'hall.clerk', server.demoPassword);
    clerk.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await clerk.goto(`${server.url}/payments/ic/replenishments`);
    await clerk.getByTestId('ic-repl-account').click();
    await clerk.keyboard.type(card.accountNo);
    await clerk.locator('.ant-select-item-option', { hasText: card.accountNo }).first().click();
    await chooseOption(clerk, 'ic-repl-reason', '非人为因素');
    await clerk.getByTestId('ic-repl-reading').fill(String(Number(meter.reading)));
    const formula = clerk.getByTestId('ic-repl-formula');
    // The card in the reader (DESK-1) is read: its gas is in the meter, so nothing still on the card is subtracted.
    expect(await clerk.getByTestId('ic-reader-id').inputValue()).toBe('DESK-1');
    await expect
      .poll(async () => (await formula.textContent()) ?? '', { timeout: 10_000 })
      .toContain('− 卡内未插表气量 0 = 10 立方米');
    expect(await clerk.getByTestId('ic-repl-card-volume').textContent()).toContain(cardNo);
    await screenshot(clerk, 'icc-03-replenishment');
    await clerk.getByTestId('ic-repl-submit').click();
    const clerkApi = await apiAs(browser, server, 'hall.clerk');
    let repl: { no: string; approvalNo: string; status: string } | undefined;
    await expect
      .poll(async () => {
        const list = await (await clerkApi.get(`${server.url}/api/ic/replenishments?pageSize=5&order=desc`)).json();
        repl = list.items.find((r: { accountNo: string }) => r.accountNo === card.accountNo);
        return repl?.status;
      })
      .toBe('pending');

    // The centre director approves it from the inbox.
    const director = await signIn(browser, server.url, 'centre.director', server.demoPassword);
    await director.goto(`${server.url}/approvals/inbox`);
    await director.getByTestId(`inbox-row-${repl!.approvalNo}`).click();
    await director.getByTestId('approval-comment').fill('核实丢气，同意补气');
    await director.getByTestId('approval-approve').click();
    await director.getByTestId('approval-status-approved').first().waitFor();

    // Back at the hall: write the approved replenishment to the card in the reader.
    await clerk.reload();
    const write = clerk.getByTestId(`ic-repl-write-${repl!.no}`);
    await write.click();
    await expect
      .poll(async () => (await clerk.getByTestId('ic-repl-list').textContent()) ?? '', { timeout: 15_000 })
      .toContain('已写卡并校验');
    await screenshot(clerk, 'icc-04-written');
    const after = (await (await cashierApi.get(`${server.url}/api/ic/simulator`)).json()).cards.find(
      (c: { cardNo: string }) => c.cardNo === cardNo,
    );
    expect(after).toMatchObject({ volume: '10.000', loaded: false, seq: 2 });
    // Card management and the simulator panel show the same card.
    await clerk.goto(`${server.url}/payments/ic/cards`);
    await clerk.getByTestId('ic-cards').getByText(cardNo).first().waitFor();
    await screenshot(clerk, 'icc-05-cards');
    await clerk.goto(`${server.url}/payments/ic/simulator`);
    await clerk.getByTestId('ic-sim-cards').getByText(cardNo).first().waitFor();
    await screenshot(clerk, 'icc-06-simulator');
    expect(errors).toEqual([]);
  }, 120_000);
});
