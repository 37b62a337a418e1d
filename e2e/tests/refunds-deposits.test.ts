import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, chooseOption, signIn } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('refunds and deposits in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let account: { id: string; accountNo: string };
  beforeAll(async () => {
    server = await startServer();
    browser = await launch(chromiumPath!);
    const cashier = await apiAs(browser, server, 'cashier');
    const accounts = await (await cashier.get(`${server.url}/api/accounts?pageSize=50`)).json();
    account = accounts.items.find((a: { customerKind: string }) => a.customerKind === 'residential');
    // Paid well ahead: whatever the account owed is settled, the rest is its prepayment.
    const paid = await cashier.post(`${server.url}/api/payments`, {
      headers: { 'idempotency-key': randomUUID() },
      data: { accountId: account.id, tenders: [{ method: 'cash', amount: '5000.00' }] },
    });
    expect(paid.status()).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('PAY-7 the hall files a refund (checked as you type), the centre sends it for payout, finance records the payout; the 360° view shows it', async () => {
    const errors: string[] = [];
    const clerk = await signIn(browser, server.url, 'hall.clerk', server.demoPassword);
    clerk.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await clerk.goto(`${server.url}/payments/refunds`);
    await clerk.getByTestId('refund-new').click();
    await clerk.getByTestId('refund-account').click();
    await clerk.keyboard.type(account.accountNo);
    await clerk.locator('.ant-select-item-option', { hasText: account.accountNo }).first().click();
    await chooseOption(clerk, 'refund-case', '交错金额');
    await clerk.getByTestId('refund-available').waitFor();
    await clerk.getByTestId('refund-amount').fill('10.005');
    await clerk.locator('.ant-form-item-explain-error', { hasText: '最多两位小数' }).waitFor();
    await clerk.getByTestId('refund-amount').fill('99999999');
    await clerk.locator('.ant-form-item-explain-error', { hasText: '不能超过可退预收款' }).waitFor();
    await clerk.getByTestId('refund-amount').fill('50.00');
    await clerk.getByTestId('refund-submit').click();
    await clerk.locator('.ant-form-item-explain-error', { hasText: '请核对必核资料' }).waitFor();
    await clerk.getByTestId('refund-doc-idCopy').click();
    await clerk.getByTestId('refund-doc-originalReceipt').click();
    await screenshot(clerk, 'pay-07-refund-form');
    await clerk.getByTestId('refund-submit').click();
    await clerk.getByTestId('refund-no').waitFor();
    const refundUrl = clerk.url();
    const no = (await clerk.getByTestId('refund-no').textContent()) ?? '';
    expect(no).toMatch(/^TF-\d{8}-\d{4}$/);
    await expect.poll(() => clerk.getByTestId('refund-status').first().textContent()).toBe('待审核');

    // The centre director reviews: sent for payout, the approval is filed.
    const director = await signIn(browser, server.url, 'centre.director', server.demoPassword);
    await director.goto(refundUrl);
    await director.getByTestId('refund-review').click();
    await director.getByTestId('refund-decision-refuse').click();
    await director.getByTestId('refund-review-submit').click();
    await director.locator('.ant-form-item-explain-error', { hasText: '请说明拒绝的原因' }).waitFor();
    await director.getByTestId('refund-decision-payout').click();
    await director.getByTestId('refund-review-submit').click();
    await director.getByTestId('refund-approval-link').waitFor();
    await expect.poll(() => director.getByTestId('refund-status').first().textContent()).toBe('财务审批中');

    // The chain: department manager, then finance.
    const id = refundUrl.split('/').pop()!;
    const manager = await apiAs(browser, server, 'department.manager');
    const refund = await (await manager.get(`${server.url}/api/refunds/${id}`)).json();
    expect(
      (await manager.post(`${server.url}/api/approvals/${refund.approvalId}/approve`, { data: {} })).status(),
    ).toBe(200);
    const financeApi = await apiAs(browser, server, 'finance.director');
    expect(
      (await financeApi.post(`${server.url}/api/approvals/${refund.approvalId}/approve`, { data: {} })).status(),
    ).toBe(200);

    const finance = await signIn(browser, server.url, 'finance', server.demoPassword);
    await finance.goto(refundUrl);
    await finance.getByTestId('refund-payout').click();
    await finance.locator('.ant-radio-wrapper', { hasText: '银行转账' }).click();
    await finance.getByTestId('refund-payout-submit').click();
    await finance.locator('.ant-form-item-explain-error', { hasText: '转账凭证号' }).waitFor();
    await finance.getByTestId('refund-payout-reference').fill('ZZ-20261205-01');
    await finance.getByTestId('refund-payout-submit').click();
    await expect.poll(() => finance.getByTestId('refund-status').first().textContent()).toBe('已退款');
    await screenshot(finance, 'pay-07-refund-paid');

    await clerk.goto(`${server.url}/customers/accounts/${account.id}`);
    const panel = clerk.getByTestId('view-finance');
    await panel.locator('.ant-tabs-tab', { hasText: '退费 / 转户' }).click();
    await panel.getByTestId('finance-refunds').locator('tr', { hasText: no }).waitFor();
    await panel.locator('.ant-tabs-tab', { hasText: '台账汇总' }).click();
    const balance = (await panel.getByTestId('finance-balance').locator('.ant-statistic-content').textContent()) ?? '';
    const total = (await panel.getByTestId('finance-by-kind-total').textContent()) ?? '';
    expect(total).toBe(balance);
    await screenshot(clerk, 'pay-07-account-finance');
    expect(errors).toEqual([]);
  });

  it('PAY-8 the cashier receives a meter-test deposit, prints its receipt, and refunds it when the meter proves inaccurate', async () => {
    const cashier = await signIn(browser, server.url, 'cashier', server.demoPassword);
    await cashier.goto(`${server.url}/payments/deposits`);
    await cashier.getByTestId('deposit-new').click();
    await cashier.getByTestId('deposit-account').click();
    await cashier.keyboard.type(account.accountNo);
    await cashier.locator('.ant-select-item-option', { hasText: account.accountNo }).first().click();
    await chooseOption(cashier, 'deposit-kind', '验表押金');
    await cashier.getByTestId('deposit-receipt-no').fill('SJ 01');
    await cashier.locator('.ant-form-item-explain-error', { hasText: '收据号为字母' }).waitFor();
    await cashier.getByTestId('deposit-receipt-no').fill('SJ-E2E-01');
    const [receipt] = await Promise.all([
      cashier.waitForEvent('popup'),
      (async () => {
        await cashier.getByTestId('deposit-receive-submit').click();
        await cashier.getByTestId('deposit-print-now').click();
      })(),
    ]);
    await receipt.waitForLoadState();
    await expect
      .poll(async () => (await receipt.locator('body').textContent()) ?? '', { timeout: 15_000 })
      .toContain('押金收据');
    const row = cashier.getByTestId('deposit-table').locator('tr', { hasText: 'SJ-E2E-01' });
    await row.getByTestId('deposit-status').waitFor();
    expect(await row.getByTestId('deposit-status').textContent()).toBe('在押');
    await row.getByTestId('deposit-release').click();
    await cashier.locator('.ant-radio-wrapper', { hasText: '不合格' }).click();
    await cashier.getByTestId('deposit-release-submit').click();
    await expect.poll(() => row.getByTestId('deposit-status').textContent()).toBe('已退还');
    await screenshot(cashier, 'pay-08-deposits');
  });
});
