/** Strings of the print pages: zh is the source, en must have the same keys. */
export const zh = {
  'menu.print': '打印模板',

  'print.notices': '通知书与单据',
  'print.paper.A4': 'A4',
  'print.paper.receipt80': '80 毫米收据',
  'print.custom': '本公司模板',
  'print.default': '默认模板',
  'print.select': '请在左侧选择通知书',
  'print.preview': '预览（样例数据）',
  'print.print': '打印',
  'print.openWindow': '在新窗口打开',
  'print.pdf': '下载 PDF',
  'print.pdfUnavailable': '服务器未安装 Chromium，无法生成 PDF，请直接在浏览器中打印',
  'print.edit': '编辑模板',
  'print.editTitle': '编辑模板：{name}',
  'print.body': '模板内容（HTML）',
  'print.variables': '可用变量',
  'print.insert': '点击插入',
  'print.syntaxHelp':
    '用 {{变量}} 输出数据（自动转义）；{{#each 列表}}…{{/each}} 逐项输出，其中 {{@number}} 为序号；{{#if 变量}}…{{else}}…{{/if}} 按条件输出；金额后可加 | money（千分位）或 | capitals（大写金额）。模板不能含脚本或外部资源。',
  'print.saved': '模板已保存',
  'print.reset': '恢复默认',
  'print.resetConfirm': '删除本公司的模板，恢复使用默认模板？',
  'print.resetDone': '已恢复默认模板',
  'print.updatedBy': '{name} 修改于 {at}',
  'print.problem': '本公司模板已不适用（{problem}），目前按默认模板打印，请修改或恢复默认。',
} satisfies Record<string, string>;

export const en: Record<keyof typeof zh, string> = {
  'menu.print': 'Print templates',

  'print.notices': 'Notices and receipts',
  'print.paper.A4': 'A4',
  'print.paper.receipt80': '80 mm receipt',
  'print.custom': 'Company template',
  'print.default': 'Default template',
  'print.select': 'Choose a notice on the left',
  'print.preview': 'Preview (sample data)',
  'print.print': 'Print',
  'print.openWindow': 'Open in a new window',
  'print.pdf': 'Download PDF',
  'print.pdfUnavailable': 'Chromium is not installed on the server, so no PDF; print from the browser instead',
  'print.edit': 'Edit template',
  'print.editTitle': 'Edit template: {name}',
  'print.body': 'Template (HTML)',
  'print.variables': 'Variables',
  'print.insert': 'Click to insert',
  'print.syntaxHelp':
    '{{variable}} prints a value (escaped); {{#each list}}…{{/each}} prints each item, {{@number}} numbering them; {{#if variable}}…{{else}}…{{/if}} prints on a condition; add | money (thousands separators) or | capitals (Chinese capitals) to an amount. Templates may not hold scripts or external resources.',
  'print.saved': 'Template saved',
  'print.reset': 'Back to default',
  'print.resetConfirm': 'Delete the company’s template and print with the default again?',
  'print.resetDone': 'The default template is back',
  'print.updatedBy': 'Changed by {name} at {at}',
  'print.problem':
    'The company template no longer fits ({problem}); the default prints meanwhile. Fix it or go back to the default.',
};
