import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { PrintError } from './errors.js';
import type { Paper } from './registry.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Debian's Chromium, or CHROMIUM_PATH; null when none is installed (PDFs are then refused with a 503). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Two PDFs at a time: each Chromium page takes tens of MB, and the server has other work.
const MAX_PARALLEL = 2;
const TIMEOUT_MS = 30_000;
const MM_TO_PX = 96 / 25.4;

/**
 * Renders notices to PDF in one headless Chromium, launched on first use and closed with the app.
 * Each PDF gets a fresh context with scripts off and the network cut, so a template can neither run
 * code nor fetch anything on the server.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly executablePath: string | null = findChromium(),
    private readonly logError: (err: unknown) => void = () => {},
  ) {}

  get available(): boolean {
    return this.executablePath !== null;
  }

  async render(html: string, paper: Paper): Promise<Buffer> {
    if (!this.executablePath) throw PrintError('PDF_UNAVAILABLE');
    await this.acquire();
    try {
      const browser = await this.launch();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        await page.emulateMedia({ media: 'print' });
        if (paper === 'A4') {
          await page.setContent(html, { waitUntil: 'load' });
          return await page.pdf({ preferCSSPageSize: true, printBackground: true });
        }
        // A receipt is one strip of roll paper as long as its content: measured at the roll's width,
        // then the page is declared that long (a declared 297 mm page would be shrunk to fit instead).
        const marginMm = 3;
        await page.setViewportSize({ width: Math.round((80 - 2 * marginMm) * MM_TO_PX), height: 200 });
        await page.setContent(html, { waitUntil: 'load' });
        const box = await page.locator('#notice').boundingBox();
        const heightMm = Math.ceil((box?.height ?? 0) / MM_TO_PX) + 2 * marginMm + 2;
        const strip = `<style>@page { size: 80mm ${heightMm}mm; margin: ${marginMm}mm; }</style></head>`;
        await page.setContent(html.replace('</head>', strip), { waitUntil: 'load' });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close().catch(() => {});
      }
    } catch (err) {
      this.logError(err);
      throw PrintError('PDF_FAILED');
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    if (pending) await (await pending.catch(() => null))?.close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium.launch({
        executablePath: this.executablePath!,
        headless: true,
        args: ARGS,
        timeout: TIMEOUT_MS,
      });
      this.browser = launching;
      // A crashed or failed browser is launched afresh next time.
      const forget = () => {
        if (this.browser === launching) this.browser = null;
      };
      launching.then((b) => b.on('disconnected', forget), forget);
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.running < MAX_PARALLEL) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
