import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launch, screenshot } from '../support/browser.js';
import { apiAs, chooseOption, signInOnPhone, signOnPad } from '../support/console.js';
import { type RunningServer, startServer } from '../support/server.js';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('technician on the phone in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let order: { id: string; orderNo: string; version: number };
  let leader: APIRequestContext;
  let centreId: string;

  beforeAll(async () => {
    server = await startServer({ HEARTH_DEMO_ACCOUNTS: '300' });
    browser = await launch(chromiumPath!);
    // The technician's own id, from their session.
    const tech = await apiAs(browser, server, 'repair.technician');
    const me = await (await tech.get(`${server.url}/api/auth/me`)).json();
    const technicianId: string = me.id ?? me.user?.id;
    expect(technicianId).toBeTruthy();
    // The team leader takes a repair request for the service centre and assigns it to the technician.
    leader = await apiAs(browser, server, 'team.leader');
    const units: { id: string; code: string }[] = (await (await leader.get(`${server.url}/api/org-units`)).json())
      .items;
    const centre = units.find((u) => u.code === 'CS-SVC')!;
    centreId = centre.id;
    const created = await leader.post(`${server.url}/api/work-orders`, {
      data: {
        typeCode: 'repair',
        channel: 'hotline',
        callerName: '钱女士',
        phone: '13800138000',
        address: '城南路 6 号 2 单元 301',
        description: '燃气灶旁球阀关不严',
        orgUnitId: centre.id,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const o = await created.json();
    const assigned = await leader.post(`${server.url}/api/work-orders/${o.id}/assign`, {
      data: { technicianId, version: o.version },
    });
    expect(assigned.status(), await assigned.text()).toBe(200);
    order = await assigned.json();
    page = await signInOnPhone(browser, server, 'repair.technician');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('SVC-7: the repair technician arrives, records a fee and a material, has the customer sign on the screen and completes', async () => {
    await page.goto(`${server.url}/service/my-orders`);
    const card = page.getByTestId(`my-order-${order.orderNo}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('剩余');
    await screenshot(page, 'technician-01-my-orders');
    await card.click();
    await page.waitForURL(new RegExp(`/service/my-orders/${order.id}$`));

    await page.getByTestId('arrive').click();
    await page.getByTestId('order-status').getByText('已到场').waitFor();

    // The repair record: work done, one fee line from the price list, one material, paid by WeChat.
    const form = page.getByTestId('form-repair');
    await form.waitFor();
    await page.getByTestId('repair-workDone').fill('更换 DN15 球阀，检漏合格');
    await page.getByTestId('add-fee').click();
    await chooseOption(page, 'fee-item-0', '更换球阀');
    await page.getByTestId('fee-qty-0').fill('1');
    await expect(page.getByTestId('fee-estimate').textContent()).resolves.toContain('45.00');
    await page.getByTestId('add-material').click();
    await page.getByTestId('material-name-0').fill('球阀');
    await page.getByTestId('material-spec-0').fill('DN15');
    await page.getByTestId('material-unit-0').fill('个');
    await page.getByText('现场微信支付').click();
    await page.getByTestId('save-repair').click();
    await form.getByText('合计 ¥45.00', { exact: true }).waitFor();
    await screenshot(page, 'technician-02-repair-form');

    // Completing without a signature is stopped on the phone.
    await page.getByTestId('complete-submit').click();
    await page.getByText('请客户签字').first().waitFor();

    // A photo of the work (the phone's camera; here a file), scaled down on the phone to a JPEG.
    await page.getByTestId('photo-input').setInputFiles({
      name: 'valve.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await page.getByTestId('complete-panel').locator('.ant-image').first().waitFor();
    // The customer signs with the mouse on the canvas.
    await signOnPad(page);
    await screenshot(page, 'technician-03-signed');
    await page.getByTestId('complete-submit').click();
    await page.getByTestId('order-status').getByText('已完成').waitFor();
    await page.getByTestId('record-signature').first().waitFor();
    await screenshot(page, 'technician-04-completed');

    // The signature is kept and served back as an image.
    const record = await (await page.request.get(`${server.url}/api/work-orders/${order.id}/record`)).json();
    expect(record.feeTotal).toBe('45.00');
    const signature = record.attachments.find((a: { kind: string }) => a.kind === 'signature');
    expect(signature).toBeTruthy();
    expect(record.attachments.filter((a: { kind: string }) => a.kind === 'photo')).toMatchObject([
      { contentType: 'image/jpeg' },
    ]);
    const img = await page.request.get(`${server.url}${signature.url}`);
    expect(img.status()).toBe(200);
    expect(img.headers()['content-type']).toBe('image/png');
    const bytes = await img.body();
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.getByTestId('record-signature').first().waitFor();
  });

  it('SVC-8: the gas-in technician fills in the preconditions and the 置换登记表 on the phone and prints it; a listed hazard blocks completion until fixed', async () => {
    const gas = await signInOnPhone(browser, server, 'gas.in.technician');
    const me = await (await gas.request.get(`${server.url}/api/auth/me`)).json();
    const created = await leader.post(`${server.url}/api/work-orders`, {
      data: {
        typeCode: 'gasIn',
        channel: 'hotline',
        callerName: '李先生',
        phone: '13700137000',
        address: '新城小区 5 号楼 1 单元 101',
        description: '新房通气',
        orgUnitId: centreId,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const o = await created.json();
    const assigned = await leader.post(`${server.url}/api/work-orders/${o.id}/assign`, {
      data: { technicianId: me.id ?? me.user?.id, version: o.version },
    });
    expect(assigned.status(), await assigned.text()).toBe(200);
    await gas.goto(`${server.url}/service/my-orders/${o.id}`);
    await gas.getByTestId('arrive').click();
    await gas.getByTestId('order-status').getByText('已到场').waitFor();
    // The preconditions (第六条), filled in on the phone: accepted today, tied in, documents complete.
    const pre = gas.getByTestId('form-preconditions');
    await pre.getByLabel('工程名称').fill('新城小区二期');
    await pre.locator('.ant-picker').click();
    await gas.locator('.ant-picker-cell-today').locator('visible=true').first().click();
    for (const k of ['tieInDone', 'asBuiltComplete', 'asBuiltMatches']) await gas.getByTestId(`pre-${k}`).click();
    await pre.getByLabel('合同户数').fill('1');
    await pre.getByLabel('安装户数').fill('1');
    await gas.getByTestId('save-preconditions').click();
    await pre.getByText('第 1 版').waitFor();
    // The register (置换登记表), filled in on the phone as the technician reads the meter.
    const serial = 'E2E-GI-0001';
    const reg = gas.getByTestId('form-register');
    await reg.locator('label.ant-radio-button-wrapper', { hasText: '左' }).click();
    await reg.getByLabel('基数').fill('0.125');
    await reg.getByLabel('表号', { exact: true }).fill(serial);
    await reg.getByLabel('产地（厂家）').fill('金卡');
    await reg.getByLabel('型号', { exact: true }).click();
    await gas.locator('.ant-select-item-option', { hasText: 'IC卡表' }).locator('visible=true').first().click();
    await reg.getByLabel('表封号（进气）').fill('JQ-0001');
    await reg.getByLabel('表封号（出气）').fill('CQ-0002');
    await reg.locator('label.ant-radio-button-wrapper', { hasText: '室内' }).click();
    for (const label of [
      '使用金属波纹管',
      '燃具已连接调试',
      '室内设施完好',
      '供气协议已签订',
      '用户手册已发放',
      '安全常识已发放',
    ]) {
      await reg.getByRole('switch', { name: label }).click();
    }
    await reg.getByRole('button', { name: '添加燃气具' }).click();
    await reg.getByLabel('品牌型号').fill('方太 JZT-FD21BE');
    await screenshot(gas, 'technician-05-register');
    await gas.getByTestId('save-register').click();
    await reg.getByText('第 1 版').waitFor();
    const saved = await (await gas.request.get(`${server.url}/api/work-orders/${o.id}/record`)).json();
    expect(saved.forms.find((f: { code: string }) => f.code === 'register').data).toMatchObject({
      meterDirection: 'left',
      baseReading: '0.125',
      meterSerial: serial,
      meterType: 'icCard',
      location: 'indoor',
      metalHose: true,
      safetyLeafletHandedOver: true,
      appliances: [{ kind: 'stove', brandModel: '方太 JZT-FD21BE' }],
    });
    // The register prints (A4) from the phone, with what was typed.
    const [sheet] = await Promise.all([gas.context().waitForEvent('page'), reg.getByTestId('print-register').click()]);
    await sheet.waitForLoadState();
    await sheet.getByRole('heading', { name: '燃气用户室内置换登记表' }).waitFor();
    const printed = await sheet.content();
    expect(printed).toContain(serial);
    expect(printed).toContain('李先生');
    expect(printed).toContain('☑左　□右');
    expect(printed).toContain('□皮膜　☑IC卡');
    await screenshot(sheet, 'technician-06-register-printed');
    await sheet.close();
    // A hazard found on site.
    const hazards = gas.getByTestId('hazards');
    await hazards.locator('.ant-select').click();
    await gas.locator('.ant-select-item-option', { hasText: '封闭挂表' }).locator('visible=true').first().click();
    await hazards.getByRole('button', { name: '登记隐患' }).click();
    await hazards.getByText('未整改', { exact: true }).waitFor();
    await hazards.getByText('有未整改的隐患，整改合格前不予通气').waitFor();
    // Signed, but refused while the hazard is open: the server's reason shown in Chinese.
    await signOnPad(gas);
    await gas.getByTestId('complete-submit').click();
    await gas
      .getByTestId('complete-panel')
      .getByText(/存在未整改的安全隐患：封闭挂表/)
      .waitFor();
    await screenshot(gas, 'technician-07-hazard-open');
    // Fixed, it completes.
    await hazards.getByRole('button', { name: '整改合格' }).click();
    await hazards.getByText('已整改', { exact: true }).waitFor();
    await gas.getByTestId('complete-submit').click();
    await gas.getByTestId('order-status').getByText('已完成').waitFor();
    // Completed, the record still offers the register to print, now with the customer's signature noted.
    const [signed] = await Promise.all([gas.context().waitForEvent('page'), gas.getByTestId('print-register').click()]);
    await signed.waitForLoadState();
    await expect(signed.content()).resolves.toMatch(/已在移动端签字 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(signed.content()).resolves.toContain('封闭挂表');
    await screenshot(signed, 'technician-09-register-signed');
    await signed.close();
    await screenshot(gas, 'technician-08-gas-in-done');
  });
});
