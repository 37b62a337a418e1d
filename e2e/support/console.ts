import type { Browser, Page } from 'playwright-core';
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
