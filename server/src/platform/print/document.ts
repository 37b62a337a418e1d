import type { Lang } from '../errors.js';
import type { Paper } from './registry.js';
import { escapeHtml } from './template.js';

const FONTS = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;

/**
 * Paper sizes. `size: 80mm auto` is not valid CSS (Chromium falls back to Letter), so receipts
 * declare the 80 × 297 mm roll size thermal printer drivers offer; the server's PDF of a receipt is
 * cut to the content's height instead (pdf.ts).
 */
const PAGE: Record<Paper, { page: string; sheetWidth: string; padding: string; fontSize: string }> = {
  A4: { page: 'size: A4; margin: 15mm', sheetWidth: '210mm', padding: '15mm', fontSize: '11pt' },
  receipt80: { page: 'size: 80mm 297mm; margin: 3mm', sheetWidth: '80mm', padding: '3mm', fontSize: '9pt' },
};

const BASE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: ${FONTS}; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; line-height: 1.6; }
h1 { font-size: 1.6em; text-align: center; letter-spacing: 0.3em; margin: 0 0 0.8em; }
h2 { font-size: 1.15em; margin: 1em 0 0.4em; }
p { margin: 0.4em 0; }
table { width: 100%; border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #000; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
table.grid th { width: 22%; font-weight: normal; background: #f2f2f2; }
table.plain td, table.plain th { padding: 0.1em 0; text-align: left; font-weight: normal; }
.sheet .center { text-align: center; }
.sheet .right { text-align: right; }
.muted { color: #555; }
.small { font-size: 0.85em; }
.strong { font-weight: bold; }
.rule { border-top: 1px dashed #000; margin: 0.5em 0; }
.blank { display: inline-block; min-width: 12em; border-bottom: 1px solid #000; }
.signatures { display: flex; justify-content: space-between; gap: 2em; margin-top: 3em; }
.signatures > div { flex: 1; }
.signatures .line { border-bottom: 1px solid #000; height: 2.2em; }
.sheet { position: relative; overflow: hidden; }
.sheet.sample::after { content: "样张 SAMPLE"; position: absolute; top: 40%; left: 0; right: 0; text-align: center;
  font-size: 3em; color: rgba(0, 0, 0, 0.08); transform: rotate(-20deg); pointer-events: none; }
.toolbar { position: fixed; top: 12px; right: 12px; z-index: 10; }
.toolbar button { font: inherit; font-size: 14px; padding: 6px 18px; cursor: pointer; border-radius: 4px;
  border: 1px solid #1677ff; background: #1677ff; color: #fff; }
@media screen {
  body { background: #e9e9e9; }
  .sheet { background: #fff; margin: 16px auto; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.2); }
}
@media print {
  .no-print { display: none !important; }
  .sheet { width: auto !important; padding: 0 !important; margin: 0; }
}`;

export interface NoticeDocument {
  title: string;
  paper: Paper;
  body: string;
  lang: Lang;
  /** Sample data: watermarked so it is never mistaken for a real notice. */
  sample: boolean;
  /** Given for the browser (a print button and its script); left out for the PDF. */
  scriptNonce?: string;
}

/** The whole page around a notice's content: fonts, paper size and, on screen, a print button. */
export function noticeDocument(d: NoticeDocument): string {
  const page = PAGE[d.paper];
  const label = d.lang === 'en' ? 'Print' : '打印';
  const toolbar = d.scriptNonce
    ? `<div class="toolbar no-print"><button type="button" id="hearth-print">${label}</button></div>
<script nonce="${d.scriptNonce}">
document.getElementById('hearth-print').addEventListener('click', function () { window.print(); });
window.addEventListener('message', function (e) { if (e.data === 'hearth:print') window.print(); });
</script>`
    : '';
  return `<!doctype html>
<html lang="${d.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(d.title)}</title>
<style>
@page { ${page.page}; }
${BASE_CSS}
body { font-size: ${page.fontSize}; }
@media screen { .sheet { width: ${page.sheetWidth}; padding: ${page.padding}; } }
</style>
</head>
<body>
${toolbar}
<main class="sheet${d.sample ? ' sample' : ''}" id="notice">
${d.body}
</main>
</body>
</html>`;
}

/**
 * The browser shows a notice as a sandboxed document: no script but the print button's runs, nothing
 * is loaded from elsewhere, and it cannot reach the console's cookies or API (an opaque origin).
 */
export function noticeCsp(nonce: string): string {
  return [
    'sandbox allow-scripts allow-modals',
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
