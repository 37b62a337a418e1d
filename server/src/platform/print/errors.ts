import { defineErrors } from '../errors.js';

export const PrintError = defineErrors({
  NOTICE_NOT_FOUND: { status: 404, zh: '没有「{code}」这种通知书', en: 'No notice kind "{code}"' },
  NO_OVERRIDE: {
    status: 404,
    zh: '「{code}」没有本公司的自定义模板',
    en: 'The company has no template of its own for "{code}"',
  },
  TEMPLATE_SYNTAX: {
    status: 400,
    zh: '模板第 {line} 行有误：{problem}',
    en: 'Template error on line {line}: {problem}',
  },
  TEMPLATE_UNKNOWN_VARIABLE: {
    status: 400,
    zh: '模板第 {line} 行使用了该通知书没有的变量「{name}」',
    en: 'Line {line} of the template uses "{name}", which this notice does not have',
  },
  TEMPLATE_NOT_A_VALUE: {
    status: 400,
    zh: '模板第 {line} 行：「{name}」是一组数据，请用 {{#each {name}}}…{{/each}} 逐项输出',
    en: 'Line {line}: "{name}" is a list or a group; print its items with {{#each {name}}}…{{/each}}',
  },
  TEMPLATE_NOT_A_LIST: {
    status: 400,
    zh: '模板第 {line} 行：「{name}」不是列表，不能用 #each',
    en: 'Line {line}: "{name}" is not a list and cannot be used with #each',
  },
  TEMPLATE_UNKNOWN_FILTER: {
    status: 400,
    zh: '模板第 {line} 行使用了不存在的格式「{name}」（可用：{known}）',
    en: 'Line {line} uses the unknown format "{name}" (known: {known})',
  },
  TEMPLATE_UNSAFE: {
    status: 400,
    zh: '模板不能包含脚本、外部资源或事件属性（{what}）',
    en: 'A template may not hold scripts, external resources or event attributes ({what})',
  },
  TEMPLATE_TOO_LONG: {
    status: 400,
    zh: '模板过长（上限 {max} 个字符）',
    en: 'The template is too long (at most {max} characters)',
  },
  NO_SUBJECT: {
    status: 400,
    zh: '「{code}」不能按记录编号打印，请提供变量',
    en: 'The notice "{code}" cannot be printed from a record id: give its variables',
  },
  PDF_UNAVAILABLE: {
    status: 503,
    zh: '服务器未安装 Chromium，无法生成 PDF；请在浏览器中打开通知书直接打印',
    en: 'Chromium is not installed on the server, so no PDF can be made; open the notice in the browser and print it there',
  },
  PDF_FAILED: {
    status: 503,
    zh: '生成 PDF 失败，请稍后重试或在浏览器中直接打印',
    en: 'Making the PDF failed; try again later or print from the browser',
  },
});
