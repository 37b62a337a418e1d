import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { type RunningServer, startServer } from './server.js';

/** A fresh browser context signed in as one user: each person at their own desk. */
export async function signIn(browser: Browser, baseUrl: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A signed-in API session of another desk (its own cookies), for what a test sets up through the API. */
export async function apiAs(browser: Browser, server: RunningServer, username: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { username, password: server.demoPassword },
  });
  if (res.status() !== 200) throw new Error(`${username} could not sign in: ${res.status()} ${await res.text()}`);
  return context.request;
}

/** A user signed in on a phone-sized screen (390×844), as a technician on site. */
export async function signInOnPhone(browser: Browser, server: RunningServer, username: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(server.demoPassword);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A wall-clock time in Asia/Shanghai as antd's date pickers take it (`YYYY-MM-DD HH:mm`). */
export function shanghaiWallClock(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The customer signs on the technician's signature pad (a canvas) with a zigzag stroke. */
export async function signOnPad(page: Page, testId = 'signature-pad'): Promise<void> {
  const pad = page.getByTestId(testId);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 22, box.y + box.height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
  }
  await page.mouse.up();
}

/** Picks `option` in the antd Select with the test id (its dropdown lives at the end of the page). */
export async function chooseOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-item-option', { hasText: option }).locator('visible=true').first().click();
}

export interface ConsoleSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

/** A fresh server (with `env`), Chromium, and one user signed in: what most browser tests start from. */
export async function openConsole(
  chromiumPath: string,
  username: string,
  env: Record<string, string> = {},
): Promise<ConsoleSession> {
  const server = await startServer(env);
  const browser = await launch(chromiumPath);
  return { server, browser, page: await signIn(browser, server.url, username, server.demoPassword) };
}

export async function closeConsole(s: Partial<ConsoleSession>): Promise<void> {
  await s.browser?.close();
  await s.server?.stop();
}
